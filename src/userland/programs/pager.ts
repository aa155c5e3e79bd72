/**
 * The pagers, `less` and `more`, without the paging: they print the files (or stdin) and exit,
 * as both do when their output is not a terminal. `more` heads each of several files with its name.
 */
import { sys, type Sys } from '../../engine/runtime/process';
import { defineTool, errorText, type Tool } from '../lib/tool';

/** How each pager says a file cannot be opened. */
const openError = (tool: Tool, which: 'less' | 'more', path: string, reason: string): string => {
  if (tool.flavour === 'busybox') return `${tool.name}: can't open '${path}': ${reason}\n`;
  return which === 'less' ? `${path}: ${reason}\n` : `${tool.name}: cannot open ${path}: ${reason}\n`;
};

function pager(which: 'less' | 'more', usage: string, short: string): ReturnType<typeof defineTool> {
  return defineTool({ usage, options: { short } }, function* (tool, options) {
    const paths = options.operands;
    if (paths.length === 0) {
      if (tool.proc.isatty(0)) return yield* missingInput(tool, which);
      for (let chunk = yield* sys.read(0); chunk !== null; chunk = yield* sys.read(0)) yield* tool.out(chunk);
      return 0;
    }
    let status = 0;
    for (const path of paths) {
      let text: string;
      try {
        text = tool.proc.fs.readFile(path);
      } catch (e) {
        yield* sys.write(2, openError(tool, which, path, errorText(e)));
        status = 1;
        continue;
      }
      if (which === 'more' && paths.length > 1 && tool.flavour === 'gnu') yield* tool.out(`::::::::::::::\n${path}\n::::::::::::::\n`);
      yield* tool.out(text);
    }
    return status;
  });
}

/** Nothing to page: no file and the keyboard as input. */
function* missingInput(tool: Tool, which: 'less' | 'more'): Sys<number> {
  if (tool.flavour === 'busybox') return 0;
  yield* sys.write(2, which === 'less' ? 'Missing filename ("less --help" for help)\n' : `${tool.name}: bad usage\nTry '${tool.name} --help' for more information.\n`);
  return 1;
}

export const less = pager('less', 'less [-EFIMmNSRh~] [FILE]...', 'EFIMmNSRXr~h');
export const more = pager('more', 'more [FILE]...', 'dlfpcsu');
