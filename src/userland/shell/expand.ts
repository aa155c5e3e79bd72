// Word expansion, in POSIX order: tilde, parameters, command substitution and arithmetic, then
// field splitting on IFS (only of unquoted expansion results), pathname expansion (only of unquoted
// wildcards), and quote removal. Quoting is tracked per character as text is appended, so `"$x"*`
// globs on the star but never on what $x holds.
import type { DoubleQuotedPart, ParameterPart, Word, WordPart } from './ast';
import type { Sys } from '../../engine/runtime/process';
import { ArithError, evaluateArithmetic } from './arith';
import { expandPathname } from './glob';
import { parseExpansionText } from './parser';
import { escapePattern, hasWildcards, replacePattern, trimPattern } from './pattern';
import type { Shell } from './shell';
import { ShellParseError } from './errors';

const DEFAULT_IFS = ' \t\n';

/** One field being built. */
interface Field {
  text: string;
  /** Start and end offsets of the quoted stretches of `text`, in pairs. */
  quoted: number[];
  /** An unquoted wildcard is in it: try pathname expansion. */
  glob: boolean;
  /** It stays even when empty (`""`, `"$empty"`). */
  keep: boolean;
}

const newField = (keep: boolean): Field => ({ text: '', quoted: [], glob: false, keep });

/** The field as a pattern: its quoted characters escaped, so they only match themselves. */
function asPattern(f: Field): string {
  if (f.quoted.length === 0) return f.text;
  let out = '';
  let at = 0;
  for (let i = 0; i < f.quoted.length; i += 2) {
    const start = f.quoted[i]!;
    const end = f.quoted[i + 1]!;
    out += f.text.slice(at, start) + escapePattern(f.text.slice(start, end));
    at = end;
  }
  return out + f.text.slice(at);
}

/** Collects fields, splitting unquoted expansion results on IFS. */
class Fields {
  readonly done: Field[] = [];
  private current: Field | undefined;
  /** What ended the last field inside split text: nothing, IFS white space, another IFS character. */
  private delimiter: 'none' | 'white' | 'other' = 'none';

  constructor(private readonly ifs: string) {}

  private field(): Field {
    return (this.current ??= newField(false));
  }

  /** Quoted text: never split, never a wildcard. */
  quoted(text: string): void {
    const f = this.field();
    if (text !== '') f.quoted.push(f.text.length, f.text.length + text.length);
    f.text += text;
    f.keep = true;
    this.delimiter = 'none';
  }

  /** Unquoted text as written in the script: its wildcards glob. */
  literal(text: string): void {
    const f = this.field();
    f.text += text;
    if (!f.glob && /[*?[]/.test(text)) f.glob = true;
    this.delimiter = 'none';
  }

  /** An unquoted expansion result: split on IFS; its wildcards glob too. */
  split(text: string): void {
    const ifs = this.ifs;
    if (ifs === '') {
      if (text !== '') this.literal(text);
      return;
    }
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (!ifs.includes(c)) continue;
      if (i > start) this.literal(text.slice(start, i));
      start = i + 1;
      const white = c === ' ' || c === '\t' || c === '\n';
      if (this.current !== undefined) {
        this.end();
        this.delimiter = white ? 'white' : 'other';
      } else if (!white) {
        // `a::b` with IFS=: has an empty field between the colons; `a : b` does not.
        if (this.delimiter !== 'white') this.done.push(newField(true));
        this.delimiter = 'other';
      }
    }
    if (start < text.length) this.literal(text.slice(start));
  }

  /** Ends the current field (between the words of "$@"). */
  end(): void {
    if (this.current !== undefined) this.done.push(this.current);
    this.current = undefined;
  }

  finish(): Field[] {
    this.end();
    return this.done;
  }
}

export class Expander {
  constructor(private readonly shell: Shell) {}

  private ifs(): string {
    return this.shell.vars.get('IFS') ?? DEFAULT_IFS;
  }

  /** Expands command words into arguments: split, globbed, quotes removed. */
  *words(words: readonly Word[]): Sys<string[]> {
    const out: string[] = [];
    for (const word of this.shell.dialect === 'bash' ? words.flatMap(expandBraces) : words) {
      const simple = plainText(word);
      if (simple !== undefined) {
        out.push(simple);
        continue;
      }
      const fields = new Fields(this.ifs());
      yield* this.addWord(fields, word);
      for (const f of fields.finish()) {
        if (!f.keep && f.text === '') continue;
        const pattern = f.glob && !this.shell.options.noglob ? asPattern(f) : undefined;
        if (pattern !== undefined && hasWildcards(pattern)) {
          const matches = expandPathname(this.shell.fs(), pattern);
          if (matches.length > 0) {
            out.push(...matches);
            continue;
          }
        }
        out.push(f.text);
      }
    }
    return out;
  }

  /** One word to one string: no splitting, no globbing (assignments, redirections, `case x`). */
  *string(word: Word): Sys<string> {
    const simple = plainText(word);
    if (simple !== undefined) return simple;
    const fields = new Fields('');
    yield* this.addWord(fields, word);
    return fields.finish().map((f) => f.text).join('');
  }

  /** A word used as a pattern (`case` arms, `${x#...}`): quoted characters match literally. */
  *pattern(word: Word): Sys<string> {
    const fields = new Fields('');
    yield* this.addWord(fields, word);
    return fields.finish().map(asPattern).join('');
  }

  /** An unquoted here-document body. */
  *hereDocument(parts: readonly DoubleQuotedPart[]): Sys<string> {
    const fields = new Fields('');
    yield* this.addDoubleQuoted(fields, parts);
    return fields.finish().map((f) => f.text).join('');
  }

  private *addWord(fields: Fields, word: Word): Sys<void> {
    const parts = word.parts;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      if (i === 0 && part.type === 'literal' && part.value.startsWith('~')) {
        const rest = this.tilde(part.value, parts.length === 1);
        if (rest !== undefined) {
          fields.quoted(rest.home);
          if (rest.after !== '') fields.literal(rest.after);
          continue;
        }
      }
      yield* this.addPart(fields, part);
    }
  }

  /** `~` and `~user` at the start of a word, up to the first slash. */
  private tilde(text: string, wholeWord: boolean): { home: string; after: string } | undefined {
    const slash = text.indexOf('/');
    if (slash < 0 && !wholeWord) return undefined;
    const user = text.slice(1, slash < 0 ? undefined : slash);
    const home = user === '' ? (this.shell.vars.get('HOME') ?? this.shell.homeOf('root')) : this.shell.homeOf(user);
    if (home === undefined) return undefined;
    return { home, after: slash < 0 ? '' : text.slice(slash) };
  }

  private *addPart(fields: Fields, part: WordPart): Sys<void> {
    switch (part.type) {
      case 'literal':
        fields.literal(part.value);
        return;
      case 'escaped':
      case 'single':
      case 'ansi':
        fields.quoted(part.value);
        return;
      case 'double':
        if (part.parts.length === 0) fields.quoted('');
        else yield* this.addDoubleQuoted(fields, part.parts);
        return;
      case 'param':
        yield* this.addParameter(fields, part, false);
        return;
      case 'command':
        fields.split(yield* this.shell.commandSubstitution(part.body));
        return;
      case 'arith':
        fields.split(yield* this.arithmetic(part.expression));
        return;
    }
  }

  private *addDoubleQuoted(fields: Fields, parts: readonly DoubleQuotedPart[]): Sys<void> {
    for (const part of parts) {
      if (part.type === 'literal') fields.quoted(part.value);
      else if (part.type === 'param') yield* this.addParameter(fields, part, true);
      else if (part.type === 'command') fields.quoted(yield* this.shell.commandSubstitution(part.body));
      else fields.quoted(yield* this.arithmetic(part.expression));
    }
  }

  private *addParameter(fields: Fields, part: ParameterPart, quoted: boolean): Sys<void> {
    const name = part.name;
    const list = name === '@' || name === '*';
    if (list && part.op === undefined && !part.length) {
      this.addList(fields, this.shell.positional, name, quoted);
      return;
    }
    if (part.op === ':') {
      // ${x:offset:length}; on $@ it counts $0 as position 0, as bash does.
      const range = yield* this.substringRange(part.arg!);
      if (list) {
        this.addList(fields, slice([this.shell.arg0, ...this.shell.positional], range), name, quoted);
      } else {
        const value = this.shell.parameter(name);
        if (value === undefined) yield* this.checkSet(name);
        this.add(fields, [...slice([...(value ?? '')], range)].join(''), quoted);
      }
      return;
    }
    const value = this.shell.parameter(name);
    if (part.length) {
      if (value === undefined) yield* this.checkSet(name);
      const length = name === '@' || name === '*' ? this.shell.positional.length : [...(value ?? '')].length;
      fields.split(String(length));
      return;
    }
    const op = part.op;
    if (op === undefined) {
      if (value === undefined) yield* this.checkSet(name);
      this.add(fields, value ?? '', quoted);
      return;
    }
    const colon = op.startsWith(':');
    const missing = value === undefined || (colon && value === '');
    switch (op) {
      case '-':
      case ':-':
        if (missing) yield* this.addArgument(fields, part.arg!, quoted);
        else this.add(fields, value, quoted);
        return;
      case '+':
      case ':+':
        if (!missing) yield* this.addArgument(fields, part.arg!, quoted);
        return;
      case '=':
      case ':=': {
        if (!missing) {
          this.add(fields, value, quoted);
          return;
        }
        const assigned = yield* this.string(part.arg!);
        yield* this.shell.assign(name, assigned);
        this.add(fields, assigned, quoted);
        return;
      }
      case '?':
      case ':?': {
        if (!missing) {
          this.add(fields, value, quoted);
          return;
        }
        const message = part.arg!.parts.length > 0 ? `${name}: ${yield* this.string(part.arg!)}` : this.shell.messages.parameterNotSet(name, colon);
        yield* this.shell.fail(message, this.shell.messages.expansionFailure);
        return;
      }
      case '#':
      case '##':
      case '%':
      case '%%': {
        if (value === undefined) yield* this.checkSet(name);
        const pattern = yield* this.pattern(part.arg!);
        this.add(fields, trimPattern(value ?? '', op, pattern), quoted);
        return;
      }
      case '/':
      case '//': {
        if (value === undefined) yield* this.checkSet(name);
        const { pattern, replacement } = splitReplacement(part.arg!);
        const expandedPattern = yield* this.pattern(pattern);
        const expandedReplacement = replacement ? yield* this.string(replacement) : '';
        this.add(fields, replacePattern(value ?? '', expandedPattern, expandedReplacement, op === '//'), quoted);
        return;
      }
    }
  }

  private add(fields: Fields, value: string, quoted: boolean): void {
    if (quoted) fields.quoted(value);
    else fields.split(value);
  }

  /** The word after `:-` / `:+`: inline in an unquoted word (its own quotes count), text in "...". */
  private *addArgument(fields: Fields, arg: Word, quoted: boolean): Sys<void> {
    if (quoted) fields.quoted(yield* this.string(arg));
    else yield* this.addWord(fields, arg);
  }

  /** `offset:length` after `${x:`, each part an arithmetic expression. */
  private *substringRange(arg: Word): Sys<{ offset: number; length: number | undefined }> {
    const text = yield* this.string(arg);
    const colon = text.indexOf(':');
    const offset = Number(yield* this.arithmetic(colon < 0 ? text : text.slice(0, colon)));
    const length = colon < 0 ? undefined : Number(yield* this.arithmetic(text.slice(colon + 1)));
    return { offset, length };
  }

  /** "$@" is one field per item, "$*" one field joined by IFS's first character; unquoted, both split. */
  private addList(fields: Fields, params: readonly string[], name: string, quoted: boolean): void {
    if (quoted && name === '*') {
      const ifs = this.ifs();
      fields.quoted(params.join(ifs === '' ? '' : (ifs[0] ?? ' ')));
      return;
    }
    params.forEach((param, i) => {
      if (i > 0) fields.end();
      this.add(fields, param, quoted);
    });
  }

  /** `set -u`: using an unset variable is an error. */
  private *checkSet(name: string): Sys<void> {
    if (!this.shell.options.nounset || name === '@' || name === '*') return;
    yield* this.shell.fail(this.shell.messages.unboundVariable(name), this.shell.messages.expansionFailure);
  }

  /** `$((...))`: expand what is inside, then evaluate it. */
  *arithmetic(expression: string): Sys<string> {
    let text = expression;
    if (expression.includes('$') || expression.includes('`')) {
      let parts: DoubleQuotedPart[];
      try {
        parts = parseExpansionText(expression, { dialect: this.shell.dialect });
      } catch (e) {
        if (e instanceof ShellParseError) yield* this.shell.fail(e.detail, this.shell.messages.expansionFailure);
        throw e;
      }
      text = yield* this.hereDocument(parts);
    }
    try {
      return String(evaluateArithmetic(text, this.shell.arithmeticVariables));
    } catch (e) {
      if (!(e instanceof ArithError)) throw e;
      return yield* this.shell.fail(this.shell.messages.arithmetic(e.kind, text, e.token), this.shell.messages.expansionFailure);
    }
  }
}

/** A word without quotes, expansions, wildcards or tilde: its text as is (the common case). */
function plainText(word: Word): string | undefined {
  if (word.parts.length !== 1) return word.parts.length === 0 ? '' : undefined;
  const part = word.parts[0]!;
  if (part.type === 'single') return part.value;
  if (part.type !== 'literal') return undefined;
  const v = part.value;
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if (c === '*' || c === '?' || c === '[' || (c === '~' && i === 0)) return undefined;
  }
  return v;
}

/** bash's substring rule: a negative offset counts from the end, a negative length stops short of it. */
function slice<T>(items: readonly T[], range: { offset: number; length: number | undefined }): T[] {
  const n = items.length;
  const start = range.offset < 0 ? Math.max(0, n + range.offset) : Math.min(range.offset, n);
  const end = range.length === undefined ? n : range.length < 0 ? Math.max(start, n + range.length) : Math.min(n, start + range.length);
  return items.slice(start, end);
}

/** A brace expression longer than this is left alone rather than filling memory. */
const MAX_BRACE_WORDS = 100_000;

/**
 * bash's brace expansion, before any other: `a{b,c}` is `ab ac`, `{1..3}` is `1 2 3`, `{a..e..2}`
 * is `a c e`. Braces are recognised inside one piece of unquoted text (`{$a,$b}` stays as is).
 */
export function expandBraces(word: Word): Word[] {
  const parts = word.parts;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part.type !== 'literal' || !part.value.includes('{')) continue;
    const found = findBraces(part.value);
    if (found === undefined) continue;
    const { start, end, alternatives } = found;
    return alternatives.flatMap((alternative) => {
      const text = part.value.slice(0, start) + alternative + part.value.slice(end + 1);
      const replaced: Word = { parts: [...parts.slice(0, i), ...(text ? [{ type: 'literal' as const, value: text }] : []), ...parts.slice(i + 1)] };
      return expandBraces(replaced);
    });
  }
  return [word];
}

/** The first `{...}` in `text` that expands, and what it expands to. */
function findBraces(text: string): { start: number; end: number; alternatives: string[] } | undefined {
  for (let start = text.indexOf('{'); start >= 0; start = text.indexOf('{', start + 1)) {
    let depth = 0;
    for (let end = start; end < text.length; end++) {
      if (text[end] === '{') depth++;
      else if (text[end] === '}' && --depth === 0) {
        const alternatives = braceAlternatives(text.slice(start + 1, end));
        if (alternatives !== undefined) return { start, end, alternatives };
        break;
      }
    }
  }
  return undefined;
}

function braceAlternatives(inside: string): string[] | undefined {
  const items: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < inside.length; i++) {
    const c = inside[i];
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === ',' && depth === 0) {
      items.push(inside.slice(from, i));
      from = i + 1;
    }
  }
  if (items.length > 0) return [...items, inside.slice(from)];
  const numbers = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/.exec(inside);
  const letters = /^([a-zA-Z])\.\.([a-zA-Z])(?:\.\.(-?\d+))?$/.exec(inside);
  const m = numbers ?? letters;
  if (m === null) return undefined;
  const first = numbers ? Number(m[1]) : m[1]!.charCodeAt(0);
  const last = numbers ? Number(m[2]) : m[2]!.charCodeAt(0);
  const step = Math.abs(Number(m[3] ?? '1')) || 1;
  const count = Math.floor(Math.abs(last - first) / step) + 1;
  if (count > MAX_BRACE_WORDS) return undefined;
  // `{01..10}`: a leading zero pads every number to the same width.
  const padded = numbers !== null && (/^-?0\d/.test(m[1]!) || /^-?0\d/.test(m[2]!));
  const width = padded ? Math.max(m[1]!.length, m[2]!.length) : 0;
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    const value = first + (last >= first ? k : -k) * step;
    if (!numbers) out.push(String.fromCharCode(value));
    else if (width > 0) out.push((value < 0 ? '-' : '') + String(Math.abs(value)).padStart(width - (value < 0 ? 1 : 0), '0'));
    else out.push(String(value));
  }
  return out;
}

/** `${x/pattern/replacement}`: the parser keeps both in one word; split at the first unquoted `/`. */
function splitReplacement(arg: Word): { pattern: Word; replacement: Word | undefined } {
  const parts = arg.parts;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part.type !== 'literal') continue;
    const slash = part.value.indexOf('/');
    if (slash < 0) continue;
    const before = part.value.slice(0, slash);
    const after = part.value.slice(slash + 1);
    return {
      pattern: { parts: [...parts.slice(0, i), ...(before ? [{ type: 'literal' as const, value: before }] : [])] },
      replacement: { parts: [...(after ? [{ type: 'literal' as const, value: after }] : []), ...parts.slice(i + 1)] },
    };
  }
  return { pattern: arg, replacement: undefined };
}

