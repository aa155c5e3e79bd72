/**
 * The line-mode editor `vi` falls back to when the viewer attached no editor to the terminal (a
 * `--script` run, a test): ex-style commands read line by line from stdin, so a script can edit a
 * file by typing them — the same lines work whether or not a leading `:` is typed.
 *
 *   [range]p  [range]nu      print (numbered); no range means the whole file
 *   [line]a   [line]i        append after / insert before the line (end / start), text up to "."
 *   [range]c  [range]d       change (text up to ".") / delete
 *   [range]s/old/new/[g]     substitute (JavaScript regular expressions; no range: every line)
 *   w [file]  q  q!  wq  x   write, quit, quit without saving, write and quit
 *
 * Ranges: `N`, `N,M`, `%` (all), `$` (the last line). Errors use vim's texts (E37, E492, …).
 */
import { utf8Length } from '../../engine/runtime/fs/nodes';
import { sys, type Sys } from '../../engine/runtime/process';
import type { EditResult } from './editor';
import { LineReader } from './lines';

export const EX_HELP = `kubeplay line mode: [range]p | [range]nu | [line]a | [line]i | [range]c | [range]d | [range]s/old/new/[g] | w [file] | q | q! | wq | x
  a, i and c read text lines up to a line with a single "."; ranges: N, N,M, % (all), $ (last line)
`;

/** `"pod.yaml" 3L, 42B` as vim reports a file it read or wrote. */
export function fileSummary(name: string, text: string): string {
  const lines = text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  return `"${name}" ${lines}L, ${utf8Length(text)}B`;
}

interface ExState {
  lines: string[];
  /** Set by `w FILE`: the name later writes use. */
  name: string;
  /** Text as last written, if it was. */
  written: string | undefined;
  dirty: boolean;
}

const text = (lines: readonly string[]): string => (lines.length === 0 ? '' : `${lines.join('\n')}\n`);

class ExError extends Error {}

/**
 * Edits `content` with commands from stdin until `q`/`wq`/`x` or the end of input. Saved when it
 * was written at least once: the result is the text as last written (`name` may have changed).
 */
export function* exEditor(name: string, content: string): Sys<EditResult & { name: string }> {
  const state: ExState = { lines: content === '' ? [] : content.replace(/\n$/, '').split('\n'), name, written: undefined, dirty: false };
  const input = new LineReader(0);
  const done = (): EditResult & { name: string } =>
    state.written === undefined ? { saved: false, name: state.name } : { saved: true, content: state.written, name: state.name };
  for (;;) {
    yield* sys.write(1, ':');
    const line = yield* input.next();
    if (line === null) return done();
    try {
      const quit = yield* command(state, line.trim().replace(/^:+/, ''), input);
      if (quit) return done();
    } catch (e) {
      if (!(e instanceof ExError)) throw e;
      yield* sys.write(1, `${e.message}\n`);
    }
  }
}

/** Runs one command; true when the editor should close. */
function* command(state: ExState, cmd: string, input: LineReader): Sys<boolean> {
  if (cmd === '') return false;
  const parsed = /^(%|[0-9$]+(?:,[0-9$]+)?)?\s*([a-z#]*!?)\s*(.*)$/.exec(cmd);
  if (!parsed) throw new ExError(`E492: Not an editor command: ${cmd}`);
  const [, rangeText, name = '', rest = ''] = parsed;
  if (name === 's') {
    substitute(state, rangeOf(state, rangeText), rest);
    return false;
  }
  const n = state.lines.length;
  switch (name) {
    case 'p':
    case 'nu':
    case '#': {
      const [from, to] = rangeOf(state, rangeText);
      for (let i = from; i <= to; i++) yield* sys.write(1, name === 'p' ? `${state.lines[i - 1]}\n` : `${String(i).padStart(3)} ${state.lines[i - 1]}\n`);
      return false;
    }
    case 'a':
    case 'i':
    case 'c': {
      const [from, to] = name === 'c' ? rangeOf(state, rangeText) : [0, 0];
      const at = name === 'c' ? from - 1 : lineNumber(state, rangeText, name === 'a' ? n : 1) - (name === 'i' ? 1 : 0);
      const typed: string[] = [];
      for (let line = yield* input.next(); line !== null && line !== '.'; line = yield* input.next()) typed.push(line);
      state.lines.splice(Math.max(0, at), name === 'c' ? to - from + 1 : 0, ...typed);
      state.dirty = true;
      return false;
    }
    case 'd': {
      const [from, to] = rangeOf(state, rangeText);
      state.lines.splice(from - 1, to - from + 1);
      state.dirty = true;
      return false;
    }
    case 'w':
    case 'wq':
    case 'x':
      if (rest !== '') state.name = rest;
      if (state.name === '') throw new ExError('E32: No file name');
      if (name !== 'x' || state.dirty || state.written === undefined) {
        state.written = text(state.lines);
        state.dirty = false;
        yield* sys.write(1, `${fileSummary(state.name, state.written)} written\n`);
      }
      return name !== 'w';
    case 'q':
      if (state.dirty) throw new ExError('E37: No write since last change (add ! to override)');
      return true;
    case 'q!':
      return true;
    case 'help':
    case 'h':
      yield* sys.write(1, EX_HELP);
      return false;
    default:
      throw new ExError(`E492: Not an editor command: ${cmd}`);
  }
}

/** A line address: `N` or `$`; `fallback` when none was given. */
function lineNumber(state: ExState, address: string | undefined, fallback: number): number {
  if (address === undefined) return fallback;
  const n = address === '$' ? state.lines.length : Number(address);
  if (!Number.isInteger(n) || n < 0 || n > state.lines.length) throw new ExError('E16: Invalid range');
  return n;
}

/** First and last line (1-based) of a range; no range is the whole buffer. */
function rangeOf(state: ExState, range: string | undefined): [number, number] {
  if (range === undefined || range === '%') {
    if (state.lines.length === 0) throw new ExError('E16: Invalid range');
    return [1, state.lines.length];
  }
  const [a, b = a] = range.split(',');
  const from = lineNumber(state, a, 1);
  const to = lineNumber(state, b, from);
  if (from < 1 || to < from) throw new ExError('E16: Invalid range');
  return [from, to];
}

/** `/old/new/[g]` over the range; E486 when no line matched. */
function substitute(state: ExState, [from, to]: [number, number], spec: string): void {
  const delimiter = spec[0];
  if (delimiter === undefined) throw new ExError('E35: No previous regular expression');
  const [pattern = '', replacement = '', flags = ''] = spec.slice(1).split(delimiter);
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, flags.includes('g') ? 'g' : '');
  } catch {
    throw new ExError(`E486: Pattern not found: ${pattern}`);
  }
  let matched = false;
  for (let i = from - 1; i < to; i++) {
    const line = state.lines[i]!;
    regex.lastIndex = 0;
    if (!regex.test(line)) continue;
    matched = true;
    regex.lastIndex = 0;
    state.lines[i] = line.replace(regex, replacement.replace(/&/g, '$&'));
  }
  if (!matched) throw new ExError(`E486: Pattern not found: ${pattern}`);
  state.dirty = true;
}
