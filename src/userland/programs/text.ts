/** Tools that read text: cat, head, tail (with -f), wc. */
import { FsError } from '../../engine/runtime/fs';
import { utf8Length } from '../../engine/runtime/fs/nodes';
import { sys, type Sys } from '../../engine/runtime/process';
import { defineTool, errorText, readAll, type Tool } from '../lib/tool';

/** How a tool words "could not read this file" (they all differ a little). */
type ReadError = (tool: Tool, path: string, e: unknown) => string;

/** A file's content, `-` being stdin; undefined (after a message) when it cannot be read. */
function* readInput(tool: Tool, path: string, message: ReadError): Sys<string | undefined> {
  if (path === '-') return yield* readAll(0);
  try {
    return tool.proc.fs.readFile(path);
  } catch (e) {
    yield* tool.warn(message(tool, path, e));
    return undefined;
  }
}

const isDirError = (e: unknown): boolean => e instanceof FsError && e.code === 'EISDIR';

/** busybox `can't open 'x': …` / `read error: Is a directory`; GNU `x: …`. */
const catError: ReadError = (tool, path, e) => {
  if (tool.flavour === 'gnu') return `${path}: ${errorText(e)}`;
  return isDirError(e) ? `read error: ${errorText(e)}` : `can't open '${path}': ${errorText(e)}`;
};

/** head and tail: busybox like cat; GNU `cannot open 'x' for reading: …` / `error reading 'x': …`. */
const headError: ReadError = (tool, path, e) => {
  if (tool.flavour === 'busybox') return catError(tool, path, e);
  return isDirError(e) ? `error reading '${path}': ${errorText(e)}` : `cannot open '${path}' for reading: ${errorText(e)}`;
};

export const cat = defineTool({ usage: 'cat [-nbvteA] [FILE]...', options: { short: 'nbvteAu', long: { number: 'n' } } }, function* (tool, options) {
  const paths = options.operands.length > 0 ? options.operands : ['-'];
  const number = options.has('n') || options.has('b');
  let line = 1;
  let status = 0;
  for (const path of paths) {
    if (path === '-' && !number) {
      // Stream stdin as it comes: `cat` in a terminal echoes each line.
      for (let chunk = yield* sys.read(0); chunk !== null; chunk = yield* sys.read(0)) yield* tool.out(chunk);
      continue;
    }
    const text = yield* readInput(tool, path, catError);
    if (text === undefined) {
      status = 1;
      continue;
    }
    if (!number) {
      yield* tool.out(text);
      continue;
    }
    const numbered = splitLines(text).map((l) => (options.has('b') && l === '\n' ? l : `${String(line++).padStart(6)}\t${l}`));
    yield* tool.out(numbered.join(''));
  }
  return status;
});

/** Lines with their newlines kept (the last may lack one). */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** A leading `-5` means `-n 5` for head and tail (the historical form both still accept). */
const numericShorthand = (args: readonly string[]): readonly string[] =>
  args.length > 0 && /^-\d+$/.test(args[0]!) ? [`-n${args[0]!.slice(1)}`, ...args.slice(1)] : args;

interface Count {
  readonly n: number;
  /** tail `+N`: from line N on; head `-N`: all but the last N. */
  readonly relative: boolean;
  readonly bytes: boolean;
}

function parseCount(text: string | undefined, bytes: boolean, relativeSign: '+' | '-'): Count | undefined {
  if (text === undefined) return { n: 10, relative: false, bytes };
  const m = /^([+-]?)(\d+)([kmb]?)$/i.exec(text);
  if (!m) return undefined;
  const unit = { '': 1, k: 1024, m: 1024 * 1024, b: 512 }[m[3]!.toLowerCase()]!;
  return { n: Number(m[2]) * unit, relative: m[1] === relativeSign, bytes };
}

function* headOrTail(tool: Tool, which: 'head' | 'tail', paths: readonly string[], count: Count, quiet: boolean): Sys<number> {
  let status = 0;
  const headers = paths.length > 1 && !quiet;
  for (const [i, path] of paths.entries()) {
    const text = yield* readInput(tool, path, headError);
    if (text === undefined) {
      status = 1;
      continue;
    }
    if (headers) yield* tool.out(`${i > 0 ? '\n' : ''}==> ${path === '-' ? 'standard input' : path} <==\n`);
    yield* tool.out(which === 'head' ? takeHead(text, count) : takeTail(text, count));
  }
  return status;
}

function takeHead(text: string, { n, relative, bytes }: Count): string {
  if (bytes) return relative ? text.slice(0, Math.max(0, text.length - n)) : text.slice(0, n);
  const lines = splitLines(text);
  return (relative ? lines.slice(0, Math.max(0, lines.length - n)) : lines.slice(0, n)).join('');
}

function takeTail(text: string, { n, relative, bytes }: Count): string {
  if (bytes) return relative ? text.slice(Math.max(0, n - 1)) : text.slice(Math.max(0, text.length - n));
  const lines = splitLines(text);
  return (relative ? lines.slice(Math.max(0, n - 1)) : lines.slice(Math.max(0, lines.length - n))).join('');
}

export const head = defineTool(
  { usage: 'head [OPTIONS] [FILE]...', rewrite: numericShorthand, options: { short: 'n:c:qv', long: { 'lines=': 'n', 'bytes=': 'c', quiet: 'q' } } },
  function* (tool, options) {
    const count = parseCount(options.value('c') ?? options.value('n'), options.has('c'), '-');
    if (!count) return yield* invalidCount(tool, options.value('c') ?? options.value('n')!, options.has('c'));
    return yield* headOrTail(tool, 'head', options.operands.length > 0 ? options.operands : ['-'], count, options.has('q'));
  },
);

function* invalidCount(tool: Tool, text: string, bytes: boolean): Sys<number> {
  yield* tool.warn(tool.flavour === 'busybox' ? `invalid number '${text}'` : `invalid number of ${bytes ? 'bytes' : 'lines'}: '${text}'`);
  return 1;
}

/** How often `tail -f` looks for new data (busybox sleeps a second between polls). */
export const TAIL_FOLLOW_MS = 1000;

export const tail = defineTool(
  { usage: 'tail [OPTIONS] [FILE]...', rewrite: numericShorthand, options: { short: 'n:c:fFqvs:', long: { 'lines=': 'n', 'bytes=': 'c', follow: 'f', quiet: 'q' } } },
  function* (tool, options) {
    const count = parseCount(options.value('c') ?? options.value('n'), options.has('c'), '+');
    if (!count) return yield* invalidCount(tool, options.value('c') ?? options.value('n')!, options.has('c'));
    const paths = options.operands.length > 0 ? options.operands : ['-'];
    const status = yield* headOrTail(tool, 'tail', paths, count, options.has('q'));
    const follow = options.has('f') || options.has('F');
    return follow ? yield* followFiles(tool, paths.filter((p) => p !== '-')) : status;
  },
);

/** `tail -f`: print what is appended, until a signal ends it. A truncated file starts over. */
function* followFiles(tool: Tool, paths: readonly string[]): Sys<number> {
  const sizes = new Map(paths.map((p) => [p, safeRead(tool, p)?.length ?? 0]));
  for (;;) {
    yield* sys.sleep(TAIL_FOLLOW_MS);
    for (const path of paths) {
      const text = safeRead(tool, path);
      if (text === undefined) continue;
      const seen = sizes.get(path)!;
      if (text.length < seen) {
        yield* sys.write(2, `${tool.name}: ${path}: file truncated\n`);
        yield* tool.out(text);
      } else if (text.length > seen) {
        yield* tool.out(text.slice(seen));
      }
      sizes.set(path, text.length);
    }
  }
}

function safeRead(tool: Tool, path: string): string | undefined {
  try {
    return tool.proc.fs.readFile(path);
  } catch {
    return undefined;
  }
}

interface WcCounts {
  lines: number;
  words: number;
  bytes: number;
}

function countText(text: string): WcCounts {
  return {
    lines: (text.match(/\n/g) ?? []).length,
    words: (text.match(/\S+/g) ?? []).length,
    bytes: utf8Length(text),
  };
}

const WC_COLUMNS = [['l', 'lines'], ['w', 'words'], ['c', 'bytes']] as const;

/**
 * `wc [-lwc]`. busybox pads every count to 9 columns (a bare number for one count of stdin); GNU
 * to the digits of the total file size, 7 when a pipe is read, none for one count of one input.
 */
export const wc = defineTool({ usage: 'wc [-cmlwL] [FILE]...', options: { short: 'lwcmL', long: { lines: 'l', words: 'w', bytes: 'c', chars: 'm' } } }, function* (tool, options) {
  const chosen = WC_COLUMNS.filter(([letter]) => options.has(letter) || (letter === 'c' && options.has('m')));
  const columns = (chosen.length > 0 ? chosen : WC_COLUMNS).map(([, key]) => key);
  const stdinOnly = options.operands.length === 0;
  const paths = stdinOnly ? ['-'] : options.operands;
  const rows: [WcCounts, string][] = [];
  let status = 0;
  for (const path of paths) {
    const text = yield* readInput(tool, path, (_t, p, e) => `${p}: ${errorText(e)}`);
    if (text === undefined) status = 1;
    else rows.push([countText(text), path]);
  }
  const fileBytes = rows.reduce((sum, [c]) => sum + c.bytes, 0);
  if (paths.length > 1) {
    const total = { lines: 0, words: 0, bytes: 0 };
    for (const [c] of rows) for (const key of WC_COLUMNS.map(([, k]) => k)) total[key] += c[key];
    rows.push([total, 'total']);
  }
  const width = tool.flavour === 'busybox'
    ? stdinOnly && columns.length === 1 ? 1 : 9
    : columns.length === 1 && paths.length === 1 ? 1 : paths.includes('-') ? 7 : String(fileBytes).length;
  for (const [counts, path] of rows) {
    const cells = columns.map((key) => String(counts[key]).padStart(width));
    yield* tool.out(`${cells.join(' ')}${stdinOnly ? '' : ` ${path}`}\n`);
  }
  return status;
});
