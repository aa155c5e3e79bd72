// Scans one word (quotes, escapes, $-expansions, backquotes) starting at a position in the source.
// Every loop advances the position, so scanning is linear; nested $(...) is handed back to the
// parser through the context, which also counts nesting depth.
import type { DoubleQuotedPart, ExpansionPart, ParameterOp, Script, Word, WordPart } from './ast.js';
import { ShellIncompleteError, type ErrorFactory } from './errors.js';

export interface WordScanContext {
  readonly depth: number;
  readonly errors: ErrorFactory;
  /** Parse a command list from `pos` up to its closing ')'; returns the position after it. */
  parseSubstitution(src: string, pos: number, depth: number): { script: Script; end: number };
  /** Parse a whole, already delimited text (a `...` body or a here-document body). */
  parseEmbedded(src: string, depth: number): Script;
}

/** Characters that end an unquoted word. */
const WORD_BREAKS = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')']);
const SPECIAL_PARAMS = new Set(['?', '#', '@', '*', '$', '!', '-']);
// Longest first, so '##' wins over '#'.
const PARAM_OPS: ParameterOp[] = [':-', ':=', ':?', ':+', '##', '%%', '//', '-', '=', '?', '+', '#', '%', '/', ':'];

export const isWordBreak = (c: string): boolean => WORD_BREAKS.has(c);
export const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
export const isNameStart = (c: string | undefined): boolean =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_');
const isNameChar = (c: string | undefined): boolean => isNameStart(c) || isDigit(c);

export function isValidName(text: string): boolean {
  if (!isNameStart(text[0])) return false;
  for (let i = 1; i < text.length; i++) if (!isNameChar(text[i])) return false;
  return true;
}

/** Collects parts, merging neighbouring literal / escaped text into one part. */
class PartList<P extends { type: string }> {
  readonly parts: P[] = [];
  addText(type: 'literal' | 'escaped', value: string): void {
    const last = this.parts[this.parts.length - 1] as { type: string; value?: string } | undefined;
    if (last !== undefined && last.type === type) last.value += value;
    else this.parts.push({ type, value } as unknown as P);
  }
  add(part: P): void {
    this.parts.push(part);
  }
}

/** Adds the expansion at `pos` (or a plain '$' / '`' when none starts there); returns where it ends. */
function addExpansion(
  out: Pick<PartList<ExpansionPart>, 'add' | 'addText'>,
  src: string,
  pos: number,
  ctx: WordScanContext,
  inDoubleQuotes: boolean,
): number {
  const expansion = scanExpansion(src, pos, ctx, inDoubleQuotes);
  if (expansion === null) {
    out.addText('literal', src[pos]!);
    return pos + 1;
  }
  out.add(expansion.part);
  return expansion.end;
}

/** An unquoted word; stops at a word break (or at '}' inside ${...}). */
export function scanWord(
  src: string,
  start: number,
  ctx: WordScanContext,
  inBraces = false,
): { word: Word; end: number } {
  const out = new PartList<WordPart>();
  let pos = start;
  while (pos < src.length) {
    const c = src[pos]!;
    if (inBraces ? c === '}' : isWordBreak(c)) break;
    if (c === '\\') {
      if (pos + 1 >= src.length) throw ctx.errors.incomplete('backslash', pos);
      if (src[pos + 1] !== '\n') out.addText('escaped', src[pos + 1]!); // \<newline> joins lines
      pos += 2;
    } else if (c === "'") {
      const close = src.indexOf("'", pos + 1);
      if (close < 0) throw ctx.errors.incomplete('quote', pos, "'");
      out.add({ type: 'single', value: src.slice(pos + 1, close) });
      pos = close + 1;
    } else if (c === '"') {
      const inner = scanDoubleQuoted(src, pos + 1, ctx, '"');
      out.add({ type: 'double', parts: inner.parts });
      pos = inner.end;
    } else if (c === '$' && src[pos + 1] === "'") {
      const ansi = scanAnsiQuoted(src, pos + 2, ctx);
      out.add({ type: 'ansi', value: ansi.value });
      pos = ansi.end;
    } else if (c === '$' || c === '`') {
      pos = addExpansion(out, src, pos, ctx, false);
    } else {
      out.addText('literal', c);
      pos++;
    }
  }
  return { word: { parts: out.parts }, end: pos };
}

const ANSI_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
  '\\': '\\', "'": "'", '"': '"', '?': '?',
};

/** The inside of `$'...'` from `start`: C escapes decoded (`\n`, `\t`, `\x41`, `\101`, `\u00e9`, `\cA`). */
function scanAnsiQuoted(src: string, start: number, ctx: WordScanContext): { value: string; end: number } {
  let value = '';
  let pos = start;
  for (;;) {
    if (pos >= src.length) throw ctx.errors.incomplete('quote', start - 2, "'");
    const c = src[pos]!;
    if (c === "'") return { value, end: pos + 1 };
    if (c !== '\\' || pos + 1 >= src.length) {
      value += c;
      pos++;
      continue;
    }
    const next = src[pos + 1]!;
    const rest = src.slice(pos + 1, pos + 10);
    let m: RegExpExecArray | null;
    if (next in ANSI_ESCAPES) {
      value += ANSI_ESCAPES[next];
      pos += 2;
    } else if ((m = /^[0-7]{1,3}/.exec(rest))) {
      value += String.fromCharCode(parseInt(m[0], 8) & 0xff);
      pos += 1 + m[0].length;
    } else if ((m = /^x([0-9a-fA-F]{1,2})/.exec(rest)) || (m = /^u([0-9a-fA-F]{1,4})/.exec(rest)) || (m = /^U([0-9a-fA-F]{1,8})/.exec(rest))) {
      value += String.fromCodePoint(Math.min(parseInt(m[1]!, 16), 0x10ffff));
      pos += 1 + m[0].length;
    } else if (next === 'c' && pos + 2 < src.length) {
      value += String.fromCharCode(src.charCodeAt(pos + 2) & 0x1f);
      pos += 3;
    } else {
      value += '\\' + next;
      pos += 2;
    }
  }
}

/**
 * Text inside "..." (terminator '"') or an unquoted here-document body (terminator null, runs to the
 * end of `src`). A backslash only escapes $ ` \ newline, and " inside double quotes.
 */
export function scanDoubleQuoted(
  src: string,
  start: number,
  ctx: WordScanContext,
  terminator: '"' | null,
): { parts: DoubleQuotedPart[]; end: number } {
  const out = new PartList<DoubleQuotedPart>();
  let pos = start;
  for (;;) {
    if (pos >= src.length) {
      if (terminator === null) return { parts: out.parts, end: pos };
      throw ctx.errors.incomplete('quote', start - 1, '"');
    }
    const c = src[pos]!;
    if (c === terminator) return { parts: out.parts, end: pos + 1 };
    if (c === '\\') {
      const next = src[pos + 1];
      if (next === undefined) {
        if (terminator !== null) throw ctx.errors.incomplete('quote', start - 1, '"');
        out.addText('literal', '\\');
        pos++;
      } else if (next === '\n') {
        pos += 2;
      } else if (next === '$' || next === '`' || next === '\\' || (next === '"' && terminator !== null)) {
        out.addText('literal', next);
        pos += 2;
      } else {
        out.addText('literal', '\\');
        pos++;
      }
    } else if (c === '$' || c === '`') {
      pos = addExpansion(out, src, pos, ctx, terminator !== null);
    } else {
      out.addText('literal', c);
      pos++;
    }
  }
}

/** $name, ${...}, $(...), $((...)) or `...` at `pos`; null when the '$' is just a character. */
function scanExpansion(
  src: string,
  pos: number,
  ctx: WordScanContext,
  inDoubleQuotes: boolean,
): { part: ExpansionPart; end: number } | null {
  if (src[pos] === '`') return scanBackquoted(src, pos, ctx, inDoubleQuotes);
  const next = src[pos + 1];
  if (next === '(') {
    if (src[pos + 2] === '(') {
      const arith = scanArithmetic(src, pos + 3, ctx);
      if (arith !== null) return arith;
    }
    const sub = ctx.parseSubstitution(src, pos + 2, ctx.depth + 1);
    return { part: { type: 'command', body: sub.script, backtick: false }, end: sub.end };
  }
  if (next === '{') return scanBraced(src, pos, ctx);
  if (next === undefined) return null;
  if (isDigit(next) || SPECIAL_PARAMS.has(next)) {
    return { part: { type: 'param', name: next, braced: false }, end: pos + 2 };
  }
  if (isNameStart(next)) {
    let end = pos + 2;
    while (isNameChar(src[end])) end++;
    return { part: { type: 'param', name: src.slice(pos + 1, end), braced: false }, end };
  }
  return null;
}

/**
 * After "$((": find the "))" that closes it at paren depth 0. If a lone ')' closes it first this is
 * really "$( (subshell) )", so return null and let the caller parse a command substitution.
 */
function scanArithmetic(src: string, start: number, ctx: WordScanContext): { part: ExpansionPart; end: number } | null {
  let depth = 0;
  for (let pos = start; pos < src.length; pos++) {
    const c = src[pos];
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth > 0) depth--;
      else if (src[pos + 1] === ')') return { part: { type: 'arith', expression: src.slice(start, pos) }, end: pos + 2 };
      else return null;
    }
  }
  throw ctx.errors.incomplete('quote', start - 3, '))');
}

function scanBraced(src: string, start: number, ctx: WordScanContext): { part: ExpansionPart; end: number } {
  let pos = start + 2;
  const bad = (): never => {
    const close = src.indexOf('}', pos);
    throw ctx.errors.badSubstitution(src.slice(start, close < 0 ? pos + 1 : close + 1), start);
  };
  const requireMore = (): void => {
    if (pos >= src.length) throw ctx.errors.incomplete('quote', start, '}');
  };
  let length = false;
  const afterHash = src[pos + 1];
  if (src[pos] === '#' && afterHash !== '}' && (isNameChar(afterHash) || SPECIAL_PARAMS.has(afterHash ?? ''))) {
    length = true;
    pos++;
  }
  requireMore();
  const nameStart = pos;
  const first = src[pos];
  if (isNameStart(first)) while (isNameChar(src[pos])) pos++;
  else if (isDigit(first)) while (isDigit(src[pos])) pos++;
  else if (SPECIAL_PARAMS.has(first!)) pos++;
  else bad();
  const name = src.slice(nameStart, pos);
  requireMore();
  const base = { type: 'param', name, braced: true, ...(length ? { length: true as const } : {}) } as const;
  if (src[pos] === '}') return { part: base, end: pos + 1 };
  if (length) bad();
  const op = PARAM_OPS.find((candidate) => src.startsWith(candidate, pos));
  if (op === undefined) return bad();
  pos += op.length;
  const arg = scanWord(src, pos, ctx, true);
  pos = arg.end;
  requireMore();
  return { part: { ...base, op, arg: arg.word }, end: pos + 1 };
}

/** `...`: undo the backslash escapes that belong to the backquotes, then parse the inside. */
function scanBackquoted(
  src: string,
  start: number,
  ctx: WordScanContext,
  inDoubleQuotes: boolean,
): { part: ExpansionPart; end: number } {
  let body = '';
  let pos = start + 1;
  for (;;) {
    if (pos >= src.length) throw ctx.errors.incomplete('quote', start, '`');
    const c = src[pos]!;
    if (c === '`') break;
    const next = src[pos + 1];
    if (c === '\\' && (next === '$' || next === '`' || next === '\\' || (inDoubleQuotes && next === '"'))) {
      body += next;
      pos += 2;
    } else {
      body += c;
      pos++;
    }
  }
  return { part: { type: 'command', body: parseComplete(body, ctx), backtick: true }, end: pos + 1 };
}

/** Parse text that can get no more input: "incomplete" there means a real syntax error. */
export function parseComplete(text: string, ctx: WordScanContext): Script {
  try {
    return ctx.parseEmbedded(text, ctx.depth + 1);
  } catch (e) {
    if (e instanceof ShellIncompleteError) throw ctx.errors.endOfFile(e.position);
    throw e;
  }
}

/** The text a here-document's terminator line must equal: the delimiter word without quoting. */
export function delimiterText(word: Word): { text: string; quoted: boolean } {
  let text = '';
  let quoted = false;
  for (const part of word.parts) {
    if (part.type === 'literal') text += part.value;
    else if (part.type === 'escaped' || part.type === 'single' || part.type === 'ansi') {
      text += part.value;
      quoted = true;
    } else if (part.type === 'double') {
      quoted = true;
      for (const inner of part.parts) text += inner.type === 'literal' ? inner.value : expansionSource(inner);
    } else text += expansionSource(part);
  }
  return { text, quoted };
}

// Delimiters like <<$X are taken literally by shells; rebuild the usual spelling.
function expansionSource(part: ExpansionPart): string {
  if (part.type === 'param') return part.braced ? '${' + part.name + '}' : '$' + part.name;
  if (part.type === 'arith') return '$((' + part.expression + '))';
  return '$(...)';
}
