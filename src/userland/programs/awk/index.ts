/**
 * `awk [-F FS] [-v VAR=VALUE]... [-f PROGFILE | 'PROGRAM'] [FILE | VAR=VALUE]...` — gawk 5.1 on the
 * nodes, busybox awk in containers: one interpreter, each flavour's error messages.
 */
import { sys, type Sys } from '../../../engine/runtime/process';
import { LineReader } from '../../lib/lines';
import { defineTool, errorText, type Tool } from '../../lib/tool';
import { AwkFatal, Interpreter } from './interpreter';
import { unescape } from './lexer';
import { AwkSyntaxError, parseAwk } from './parser';
import { StrNum, type Value } from './values';

const GAWK_USAGE = `Usage: awk [POSIX or GNU style options] -f progfile [--] file ...
Usage: awk [POSIX or GNU style options] [--] 'program' file ...
`;

const ASSIGNMENT = /^([A-Za-z_]\w*)=(.*)$/s;

/** `-F t` is a tab, as in the historical awk; otherwise the escapes are read. */
const fieldSeparator = (text: string): string => (text === 't' ? '\t' : unescape(text));

export const awk = defineTool(
  { usage: 'awk [OPTIONS] [AWK_PROGRAM] [FILE]...', options: { short: 'F:v:f:', long: { 'field-separator=': 'F', 'assign=': 'v', 'file=': 'f' }, stopAtOperand: true } },
  function* (tool, options) {
    const operands = [...options.operands];
    let source: string;
    const progfiles = options.all('f');
    if (progfiles.length > 0) {
      try {
        source = progfiles.map((f) => tool.proc.fs.readFile(f)).join('\n');
      } catch (e) {
        yield* tool.warn(tool.flavour === 'gnu' ? `fatal: can't open source file \`${progfiles[0]}' for reading: ${errorText(e)}` : `can't open '${progfiles[0]}': ${errorText(e)}`);
        return 2;
      }
    } else if (operands.length > 0) {
      source = operands.shift()!;
    } else {
      if (tool.flavour === 'busybox') return yield* tool.usage('');
      yield* sys.write(2, GAWK_USAGE.replace(/awk/g, tool.name));
      return 2;
    }
    let program;
    try {
      program = parseAwk(source);
    } catch (e) {
      if (!(e instanceof AwkSyntaxError)) throw e;
      yield* sys.write(2, syntaxMessage(tool, source, e));
      return 1;
    }
    const variables: Record<string, Value> = {};
    for (const assignment of options.all('v')) {
      const m = ASSIGNMENT.exec(assignment);
      if (!m) {
        yield* tool.warn(`fatal: \`${assignment}' is not a legal variable name`);
        return 2;
      }
      variables[m[1]!] = new StrNum(unescape(m[2]!));
    }
    if (options.has('F')) variables['FS'] = fieldSeparator(options.value('F')!);
    const env = Object.fromEntries(Object.entries(tool.proc.env).map(([k, v]) => [k, new StrNum(v)]));
    const argv = Object.fromEntries([tool.name, ...operands].map((a, i) => [String(i), new StrNum(a)]));
    variables['ARGC'] = operands.length + 1;
    const interpreter = new Interpreter(program, awkIo(tool), variables, { ENVIRON: env, ARGV: argv });
    try {
      return yield* runProgram(tool, interpreter, operands);
    } catch (e) {
      if (!(e instanceof AwkFatal)) throw e;
      yield* interpreter.flush();
      yield* sys.write(2, `${tool.name}: ${tool.flavour === 'gnu' ? 'cmd. line:1: ' : ''}${tool.flavour === 'gnu' ? 'fatal: ' : ''}${e.message}\n`);
      return 2;
    }
  },
);

/** BEGIN, the records of each input (operands that are assignments take effect in turn), END. */
function* runProgram(tool: Tool, interpreter: Interpreter, operands: readonly string[]): Sys<number> {
  let status = yield* interpreter.begin();
  if (status === undefined && interpreter.hasMainItems) {
    const inputs = operands.filter((o) => !ASSIGNMENT.test(o));
    const sources = inputs.length > 0 ? operands : [...operands, '-'];
    for (const operand of sources) {
      const assignment = ASSIGNMENT.exec(operand);
      if (assignment) {
        interpreter.setVariable(assignment[1]!, new StrNum(unescape(assignment[2]!)));
        continue;
      }
      const reader = yield* open(tool, operand);
      if (!reader) return 2;
      interpreter.setVariable('FILENAME', operand === '-' && inputs.length === 0 ? '' : operand);
      interpreter.setVariable('FNR', 0);
      for (let line = yield* reader.next(); line !== null && status === undefined; line = yield* reader.next()) {
        status = yield* interpreter.processRecord(line);
      }
      if (status !== undefined) break;
    }
  }
  const endStatus = yield* interpreter.end();
  return endStatus ?? status ?? 0;
}

function* open(tool: Tool, path: string): Sys<LineReader | undefined> {
  if (path === '-' || path === '/dev/stdin') return new LineReader(0);
  try {
    return new LineReader(-1, tool.proc.fs.readFile(path));
  } catch (e) {
    yield* tool.warn(tool.flavour === 'gnu' ? `fatal: cannot open file \`${path}' for reading: ${errorText(e)}` : `can't open '${path}': ${errorText(e)}`);
    return undefined;
  }
}

/** gawk shows the line and a caret under the place: `awk: cmd. line:1: {print $1` / `...^ message`. */
function syntaxMessage(tool: Tool, source: string, e: AwkSyntaxError): string {
  const lineStart = source.lastIndexOf('\n', e.at - 1) + 1;
  const lineEnd = source.indexOf('\n', lineStart);
  const lineNumber = source.slice(0, lineStart).split('\n').length;
  const prefix = `${tool.name}: cmd. line:${lineNumber}:`;
  if (tool.flavour === 'busybox') return `${prefix} ${e.message === 'syntax error' ? 'Unexpected token' : e.message}\n`;
  const text = source.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
  return `${prefix} ${text}\n${prefix} ${' '.repeat(Math.max(0, e.at - lineStart))}^ ${e.message}\n`;
}

function awkIo(tool: Tool): ConstructorParameters<typeof Interpreter>[1] {
  const { proc } = tool;
  return {
    write: (fd, text) => sys.write(fd, text),
    writeFile(path, text, truncate) {
      if (truncate) proc.fs.writeFile(path, text, proc.now());
      else proc.fs.appendFile(path, text, proc.now());
    },
    *system(command) {
      let pid: number;
      try {
        pid = proc.spawn(['sh', '-c', command]);
      } catch {
        return 127;
      }
      return (yield* sys.wait(pid)).code;
    },
  };
}
