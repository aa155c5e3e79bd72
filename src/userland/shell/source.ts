// Scripts as a shell reads them: one complete command at a time, so the commands before a syntax
// error still run (`sh -c 'echo a\nfi'` prints `a`, then the error). Parsing is the same for every
// run of the same text (there are no aliases), so the result is cached: a thousand pods starting
// nginx parse its entrypoint once.
import type { Script } from './ast';
import { ShellIncompleteError, ShellParseError, type ShellDialect } from './errors';
import { parse } from './parser';

export type Chunk =
  | { readonly kind: 'script'; readonly script: Script }
  | {
      readonly kind: 'error';
      readonly error: ShellParseError;
      /** Line the error is on, and its text (bash quotes it). */
      readonly line: number;
      readonly lineText: string;
    };

const CACHE_LIMIT = 200;
const cache = new Map<string, readonly Chunk[]>();

/** The commands of `text` in order; an error, if any, is the last chunk. */
export function parseSource(text: string, dialect: ShellDialect): readonly Chunk[] {
  const key = dialect + '\0' + text;
  let chunks = cache.get(key);
  if (chunks === undefined) {
    chunks = split(text, dialect);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(key, chunks);
  }
  return chunks;
}

function split(text: string, dialect: ShellDialect): Chunk[] {
  try {
    return [{ kind: 'script', script: parse(text, { dialect }) }];
  } catch (e) {
    if (!(e instanceof ShellParseError)) throw e;
  }
  // Something is wrong: take complete commands line by line up to the error.
  const chunks: Chunk[] = [];
  const lines = text.split('\n');
  let start = 0;
  let pending = '';
  for (let i = 0; i < lines.length; i++) {
    pending += lines[i]! + (i < lines.length - 1 ? '\n' : '');
    const last = i === lines.length - 1;
    const attempt = tryParse(pending, dialect, start + 1);
    if (attempt instanceof ShellIncompleteError && !last) continue;
    if (attempt instanceof ShellParseError) {
      chunks.push(errorChunk(attempt, pending, start + 1));
      return chunks;
    }
    if (attempt.items.length > 0) chunks.push({ kind: 'script', script: attempt });
    start = i + 1;
    pending = '';
  }
  return chunks;
}

function tryParse(text: string, dialect: ShellDialect, firstLine: number): Script | ShellParseError {
  try {
    return parse(text, { dialect, firstLine });
  } catch (e) {
    if (e instanceof ShellParseError) return e;
    throw e;
  }
}

/** A parse error of `text` (which starts at line `firstLine`) as a chunk. */
export function errorChunk(error: ShellParseError, text: string, firstLine: number): Chunk {
  const position = Math.min(error.position, text.length);
  const before = text.slice(0, position);
  const lineStart = before.lastIndexOf('\n') + 1;
  const lineEnd = text.indexOf('\n', position);
  const line = firstLine + (before.match(/\n/g)?.length ?? 0);
  return { kind: 'error', error, line, lineText: text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd) };
}
