/**
 * `grep [-ivncqlhHowxsEF] [-e PATTERN] PATTERN [FILE]...`. Reads line by line, so it works at the
 * end of a never-ending pipe. Exit status: 0 a line was selected, 1 none, 2 an error.
 */
import { sys, type Sys } from '../../engine/runtime/process';
import { LineReader } from '../lib/lines';
import { posixToRegExp, PosixRegexError } from '../lib/posix-regex';
import type { Options } from '../lib/args';
import { defineTool, errorText, type Tool } from '../lib/tool';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function buildMatcher(patterns: readonly string[], options: Options): RegExp {
  const ignoreCase = options.has('i');
  const sources = patterns.map((p) =>
    options.has('F') ? escapeRegExp(p) : posixToRegExp(p, { extended: options.has('E'), ignoreCase }).source,
  );
  let source = sources.map((s) => `(?:${s})`).join('|');
  if (options.has('w')) source = `(?<![\\w])(?:${source})(?![\\w])`;
  if (options.has('x')) source = `^(?:${source})$`;
  return new RegExp(source, ignoreCase ? 'gi' : 'g');
}

export const grep = defineTool(
  {
    usage: 'grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...',
    options: {
      short: 'ivncqlhHowxsEFe:',
      long: { 'ignore-case': 'i', 'invert-match': 'v', 'line-number': 'n', count: 'c', quiet: 'q', silent: 'q', 'files-with-matches': 'l', 'regexp=': 'e', 'extended-regexp': 'E', 'fixed-strings': 'F' },
    },
  },
  function* (tool, options) {
    const operands = [...options.operands];
    const patterns = options.has('e') ? options.all('e') : operands.splice(0, 1);
    if (patterns.length === 0) {
      if (tool.flavour === 'busybox') return yield* tool.usage('');
      yield* sys.write(2, `Usage: ${tool.name} [OPTION]... PATTERNS [FILE]...\nTry '${tool.name} --help' for more information.\n`);
      return 2;
    }
    let matcher: RegExp;
    try {
      matcher = buildMatcher(patterns, options);
    } catch (e) {
      if (!(e instanceof PosixRegexError)) throw e;
      yield* tool.warn(tool.flavour === 'busybox' ? `bad regex '${patterns[0]}': ${e.message}` : e.message);
      return 2;
    }
    const paths = operands.length > 0 ? operands : ['-'];
    const showNames = options.has('H') || (paths.length > 1 && !options.has('h'));
    let selectedAny = false;
    let failed = false;
    for (const path of paths) {
      const reader = yield* open(tool, path, options.has('s'));
      if (!reader) {
        failed = true;
        continue;
      }
      const label = path === '-' ? '(standard input)' : path;
      const selected = yield* scan(tool, reader, matcher, options, showNames ? `${label}:` : '');
      if (selected > 0) selectedAny = true;
      if (selected > 0 && options.has('q')) return 0;
      if (options.has('c')) yield* tool.out(`${showNames ? `${label}:` : ''}${selected}\n`);
      else if (options.has('l') && selected > 0) yield* tool.out(`${label}\n`);
    }
    if (failed && !(options.has('q') && selectedAny)) return 2;
    return selectedAny ? 0 : 1;
  },
);

function* open(tool: Tool, path: string, silent: boolean): Sys<LineReader | undefined> {
  if (path === '-') return new LineReader(0);
  try {
    return new LineReader(-1, tool.proc.fs.readFile(path));
  } catch (e) {
    if (!silent) yield* tool.warn(`${path}: ${errorText(e)}`);
    return undefined;
  }
}

/** Prints the selected lines (unless counting or listing) and returns how many there were. */
function* scan(tool: Tool, reader: LineReader, matcher: RegExp, options: Options, prefix: string): Sys<number> {
  const quietOutput = options.has('q') || options.has('c') || options.has('l');
  const invert = options.has('v');
  let selected = 0;
  let number = 0;
  for (let line = yield* reader.next(); line !== null; line = yield* reader.next()) {
    number++;
    matcher.lastIndex = 0;
    const matches = [...line.matchAll(matcher)].filter((m) => m[0] !== '' || !options.has('o'));
    if ((matches.length > 0) === invert) continue;
    selected++;
    if (options.has('q')) return selected;
    if (quietOutput) continue;
    const lead = `${prefix}${options.has('n') ? `${number}:` : ''}`;
    if (options.has('o') && !invert) {
      for (const m of matches) yield* tool.out(`${lead}${m[0]}\n`);
    } else {
      yield* tool.out(`${lead}${line}\n`);
    }
  }
  return selected;
}
