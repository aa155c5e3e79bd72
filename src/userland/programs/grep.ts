/**
 * `grep [-ivncqlhHowxsEF] [-m N] [-A|-B|-C N] [-e PATTERN] PATTERN [FILE]...`. Reads line by line,
 * so it works at the end of a never-ending pipe. Exit status: 0 a line was selected, 1 none, 2 an error.
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
      short: 'ivncqlhHowxsEFe:A:B:C:m:',
      long: {
        'ignore-case': 'i', 'invert-match': 'v', 'line-number': 'n', count: 'c', quiet: 'q', silent: 'q', 'files-with-matches': 'l', 'regexp=': 'e',
        'extended-regexp': 'E', 'fixed-strings': 'F', 'after-context=': 'A', 'before-context=': 'B', 'context=': 'C', 'max-count=': 'm',
      },
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
    const counts: Partial<Record<'A' | 'B' | 'C' | 'm', number>> = {};
    for (const letter of ['A', 'B', 'C', 'm'] as const) {
      const value = options.value(letter);
      if (value === undefined) continue;
      if (!/^\d+$/.test(value)) {
        yield* tool.warn(tool.flavour === 'busybox' ? `invalid number '${value}'` : `${value}: invalid ${letter === 'm' ? 'max count' : 'context length argument'}`);
        return 2;
      }
      counts[letter] = Number(value);
    }
    const given = counts.A !== undefined || counts.B !== undefined || counts.C !== undefined;
    const context = { given, after: counts.A ?? counts.C ?? 0, before: counts.B ?? counts.C ?? 0, max: counts.m };
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
      const selected = yield* scan(tool, reader, matcher, options, showNames ? label : undefined, context);
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

interface Context {
  /** Any of -A, -B, -C was given (even 0): groups are then separated by `--`, as GNU grep does. */
  readonly given: boolean;
  /** Lines to print after and before each selected one (-A, -B, -C). */
  readonly after: number;
  readonly before: number;
  /** Stop after this many selected lines (-m). */
  readonly max: number | undefined;
}

/**
 * Prints the selected lines (unless counting or listing) and returns how many there were. With
 * context, the lines around them come too, marked with `-` where selected ones have `:`, and `--`
 * separates groups that are not adjacent.
 */
function* scan(tool: Tool, reader: LineReader, matcher: RegExp, options: Options, name: string | undefined, context: Context): Sys<number> {
  const quietOutput = options.has('q') || options.has('c') || options.has('l');
  const invert = options.has('v');
  const lead = (number: number, mark: ':' | '-'): string =>
    `${name === undefined ? '' : `${name}${mark}`}${options.has('n') ? `${number}${mark}` : ''}`;
  const before: { number: number; line: string }[] = [];
  let afterLeft = 0;
  let lastPrinted = 0;
  const print = function* (number: number, text: string, mark: ':' | '-'): Sys<void> {
    if (context.given && lastPrinted > 0 && number > lastPrinted + 1) yield* tool.out('--\n');
    yield* tool.out(`${lead(number, mark)}${text}\n`);
    lastPrinted = number;
  };
  let selected = 0;
  let number = 0;
  for (let line = yield* reader.next(); line !== null; line = yield* reader.next()) {
    number++;
    if (context.max !== undefined && selected >= context.max) {
      if (afterLeft-- <= 0) break;
      if (!quietOutput) yield* print(number, line, '-');
      continue;
    }
    matcher.lastIndex = 0;
    const matches = [...line.matchAll(matcher)].filter((m) => m[0] !== '' || !options.has('o'));
    if ((matches.length > 0) === invert) {
      if (quietOutput) continue;
      if (afterLeft > 0) {
        afterLeft--;
        yield* print(number, line, '-');
      } else if (context.before > 0) {
        before.push({ number, line });
        if (before.length > context.before) before.shift();
      }
      continue;
    }
    selected++;
    if (options.has('q')) return selected;
    if (quietOutput) continue;
    for (const held of before.splice(0)) yield* print(held.number, held.line, '-');
    if (options.has('o') && !invert) {
      for (const m of matches) yield* print(number, m[0], ':');
    } else {
      yield* print(number, line, ':');
    }
    afterLeft = context.after;
  }
  return selected;
}
