/**
 * `grep [-ivncqlhHowxsEF] [-m N] [-A|-B|-C N] [-e PATTERN] PATTERN [FILE]...`. Reads line by line,
 * so it works at the end of a never-ending pipe. Exit status: 0 a line was selected, 1 none, 2 an error.
 * GNU grep's `--color[=WHEN]` paints matches, names, numbers and separators as grep 3.6 does
 * (Rocky's `grep` alias adds `--color=auto`); busybox's grep has no colours.
 */
import { sys, type Sys } from '../../engine/runtime/process';
import { LineReader } from '../lib/lines';
import { posixToRegExp, PosixRegexError } from '../lib/posix-regex';
import { usageError, type Options } from '../lib/args';
import { defineTool, errorText, type Tool } from '../lib/tool';

const GREP_USAGE = 'grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...';

/** `--color[=WHEN]`: never unless given; `--color` alone is `auto`. Undefined for a word grep does not know. */
function colorWhen(value: string | undefined): 'always' | 'never' | 'tty' | undefined {
  if (value === undefined) return 'never';
  const word = value.toLowerCase();
  if (['always', 'yes', 'force'].includes(word)) return 'always';
  if (['never', 'no', 'none'].includes(word)) return 'never';
  if (['', 'auto', 'tty', 'if-tty'].includes(word)) return 'tty';
  return undefined;
}

/** SGR codes by GREP_COLORS capability: selected and context matches, file name, line number, separator. */
interface GrepColors {
  readonly ms: string;
  readonly mc: string;
  readonly fn: string;
  readonly ln: string;
  readonly se: string;
  /** `ne`: no `\e[K` after each start and end sequence. */
  readonly ne: boolean;
}

/** grep 3.6's defaults, then the deprecated GREP_COLOR (the match colour), then GREP_COLORS. */
function grepColors(env: Readonly<Record<string, string>>): GrepColors {
  const colors = { ms: '01;31', mc: '01;31', fn: '35', ln: '32', se: '36', ne: false };
  const single = env['GREP_COLOR'];
  if (single) colors.ms = colors.mc = single;
  for (const entry of (env['GREP_COLORS'] ?? '').split(':')) {
    const [key, value] = entry.split('=') as [string, string | undefined];
    if (key === 'ne') colors.ne = true;
    else if (value === undefined) continue;
    else if (key === 'mt') colors.ms = colors.mc = value;
    else if (key === 'ms' || key === 'mc' || key === 'fn' || key === 'ln' || key === 'se') colors[key] = value;
  }
  return colors;
}

/** Text between grep's start (`\e[…m\e[K`) and end (`\e[m\e[K`) sequences. */
function sgr(colors: GrepColors | undefined, code: string, text: string): string {
  if (!colors || code === '') return text;
  const clear = colors.ne ? '' : '\x1b[K';
  return `\x1b[${code}m${clear}${text}\x1b[m${clear}`;
}

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
        'color=?': 'color', 'colour=?': 'color',
      },
    },
  },
  function* (tool, options) {
    if (options.has('color') && tool.flavour === 'busybox') {
      const given = tool.proc.argv.find((a) => /^--colou?r/.test(a))!;
      yield* sys.write(2, usageError(tool.name, `unrecognized option '${given}'`, 'busybox', GREP_USAGE));
      return 1;
    }
    const when = colorWhen(options.value('color'));
    if (when === undefined) {
      // grep 3.6 answers an unknown WHEN with its --help; this grep has no --help text, so it says how to get it.
      yield* sys.write(2, `Usage: ${tool.name} [OPTION]... PATTERNS [FILE]...\nTry '${tool.name} --help' for more information.\n`);
      return 2;
    }
    const term = tool.proc.env['TERM'];
    const colors = when === 'always' || (when === 'tty' && tool.proc.isatty(1) && term !== undefined && term !== 'dumb')
      ? grepColors(tool.proc.env)
      : undefined;
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
      const selected = yield* scan(tool, reader, matcher, options, showNames ? label : undefined, context, colors);
      if (selected > 0) selectedAny = true;
      if (selected > 0 && options.has('q')) return 0;
      const paintedLabel = sgr(colors, colors?.fn ?? '', label);
      if (options.has('c')) yield* tool.out(`${showNames ? `${paintedLabel}${sgr(colors, colors?.se ?? '', ':')}` : ''}${selected}\n`);
      else if (options.has('l') && selected > 0) yield* tool.out(`${paintedLabel}\n`);
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
function* scan(
  tool: Tool, reader: LineReader, matcher: RegExp, options: Options, name: string | undefined, context: Context, colors: GrepColors | undefined,
): Sys<number> {
  const quietOutput = options.has('q') || options.has('c') || options.has('l');
  const invert = options.has('v');
  const separator = (mark: string): string => sgr(colors, colors?.se ?? '', mark);
  const lead = (number: number, mark: ':' | '-'): string =>
    `${name === undefined ? '' : `${sgr(colors, colors?.fn ?? '', name)}${separator(mark)}`}`
    + `${options.has('n') ? `${sgr(colors, colors?.ln ?? '', String(number))}${separator(mark)}` : ''}`;
  /** A line's matches painted: selected lines' matches, or context lines' when -v makes those the matching ones. */
  const painted = (line: string, mark: ':' | '-'): string => {
    if (!colors || (mark === ':') === invert) return line;
    const code = mark === ':' ? colors.ms : colors.mc;
    matcher.lastIndex = 0;
    let out = '';
    let at = 0;
    for (const m of line.matchAll(matcher)) {
      if (m[0] === '') continue;
      out += line.slice(at, m.index) + sgr(colors, code, m[0]);
      at = m.index + m[0].length;
    }
    return out + line.slice(at);
  };
  const before: { number: number; line: string }[] = [];
  let afterLeft = 0;
  let lastPrinted = 0;
  const print = function* (number: number, text: string, mark: ':' | '-'): Sys<void> {
    if (context.given && lastPrinted > 0 && number > lastPrinted + 1) yield* tool.out(`${separator('--')}\n`);
    yield* tool.out(`${lead(number, mark)}${text}\n`);
    lastPrinted = number;
  };
  let selected = 0;
  let number = 0;
  for (let line = yield* reader.next(); line !== null; line = yield* reader.next()) {
    number++;
    if (context.max !== undefined && selected >= context.max) {
      if (afterLeft-- <= 0) break;
      if (!quietOutput) yield* print(number, painted(line, '-'), '-');
      continue;
    }
    matcher.lastIndex = 0;
    const matches = [...line.matchAll(matcher)].filter((m) => m[0] !== '' || !options.has('o'));
    if ((matches.length > 0) === invert) {
      if (quietOutput) continue;
      if (afterLeft > 0) {
        afterLeft--;
        yield* print(number, painted(line, '-'), '-');
      } else if (context.before > 0) {
        before.push({ number, line });
        if (before.length > context.before) before.shift();
      }
      continue;
    }
    selected++;
    if (options.has('q')) return selected;
    if (quietOutput) continue;
    for (const held of before.splice(0)) yield* print(held.number, painted(held.line, '-'), '-');
    if (options.has('o') && !invert) {
      for (const m of matches) yield* print(number, sgr(colors, colors?.ms ?? '', m[0]), ':');
    } else {
      yield* print(number, painted(line, ':'), ':');
    }
    afterLeft = context.after;
  }
  return selected;
}
