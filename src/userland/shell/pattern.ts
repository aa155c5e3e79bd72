// Shell patterns: `*`, `?` and bracket expressions, as used by `case`, `${x#pattern}` and pathname
// expansion. A backslash makes the next character literal; the expander writes quoted text that way,
// so `case $x in "*")` matches only a star.

/** Characters that mean something in a pattern. */
const SPECIAL = new Set(['\\', '*', '?', '[', ']']);

/** Quotes text so that it matches only itself. */
export function escapePattern(text: string): string {
  let out = '';
  for (const c of text) out += SPECIAL.has(c) ? '\\' + c : c;
  return out;
}

/** Removes the backslashes `escapePattern` added: what a pattern that matched nothing expands to. */
export function unescapePattern(pattern: string): string {
  return pattern.replace(/\\(.)/gs, '$1');
}

/** Whether the pattern has an unquoted `*`, `?` or a complete `[...]`. */
export function hasWildcards(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?') return true;
    else if (c === '[' && bracketEnd(pattern, i) > 0) return true;
  }
  return false;
}

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: '0-9a-zA-Z',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\v\\f\\r',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  cntrl: '\\x00-\\x1f\\x7f',
  print: ' -~',
  graph: '!-~',
};

/** Index of the `]` closing the bracket expression opened at `open`, or -1 when there is none. */
function bracketEnd(pattern: string, open: number): number {
  let i = open + 1;
  if (pattern[i] === '!' || pattern[i] === '^') i++;
  if (pattern[i] === ']') i++; // a leading ] is a member, not the end
  for (; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '[' && pattern[i + 1] === ':') {
      const close = pattern.indexOf(':]', i + 2);
      if (close > 0) i = close + 1;
    } else if (c === ']') return i;
  }
  return -1;
}

const escapeRegExpChar = (c: string): string => (/[\\^$.*+?()[\]{}|/-]/.test(c) ? '\\' + c : c);

/** The regular expression source of a bracket expression `[...]` (without the brackets' end). */
function bracketSource(pattern: string, open: number, close: number): string {
  let i = open + 1;
  let negate = false;
  if (pattern[i] === '!' || pattern[i] === '^') {
    negate = true;
    i++;
  }
  let members = '';
  let first = true;
  while (i < close) {
    let c = pattern[i]!;
    if (c === '[' && pattern[i + 1] === ':') {
      const end = pattern.indexOf(':]', i + 2);
      const name = pattern.slice(i + 2, end);
      members += POSIX_CLASSES[name] ?? '';
      i = end + 2;
      first = false;
      continue;
    }
    if (c === '\\' && i + 1 < close) c = pattern[++i]!;
    else if (c === ']' && !first) break;
    first = false;
    i++;
    if (pattern[i] === '-' && i + 1 < close) {
      let to = pattern[i + 1]!;
      i += 2;
      if (to === '\\' && i < close) to = pattern[i++]!;
      if (to >= c) members += escapeRegExpChar(c) + '-' + escapeRegExpChar(to);
      continue;
    }
    members += escapeRegExpChar(c);
  }
  if (members === '') return negate ? '[\\s\\S]' : '[^\\s\\S]';
  return (negate ? '[^' : '[') + members + ']';
}

/**
 * The regular expression source matching what the pattern matches (no anchors). With `lazy`, `*`
 * prefers short matches: how `${x#p}` finds the shortest prefix in one search.
 */
function patternSource(pattern: string, lazy: boolean): string {
  const star = lazy ? '[\\s\\S]*?' : '[\\s\\S]*';
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) out += '\\\\';
      else out += escapeRegExpChar(next);
      i++;
    } else if (c === '*') {
      out += star;
    } else if (c === '?') {
      out += '[\\s\\S]';
    } else if (c === '[') {
      const close = bracketEnd(pattern, i);
      if (close < 0) out += '\\[';
      else {
        out += bracketSource(pattern, i, close);
        i = close;
      }
    } else {
      out += escapeRegExpChar(c);
    }
  }
  return out;
}

// Scripts loop over the same few patterns; keep their compiled forms (bounded, oldest dropped).
const CACHE_LIMIT = 500;
const compiled = new Map<string, RegExp>();

/** The compiled pattern, anchored as `shape` says: whole string, prefix, suffix, or anywhere. */
function compile(pattern: string, shape: 'whole' | 'prefix' | 'suffix' | 'global', lazy = false): RegExp {
  const key = `${shape}${lazy ? '?' : ''}\0${pattern}`;
  let re = compiled.get(key);
  if (re === undefined) {
    const source = patternSource(pattern, lazy);
    re = shape === 'whole' ? new RegExp(`^(?:${source})$`)
      : shape === 'prefix' ? new RegExp(`^(?:${source})`)
      : shape === 'suffix' ? new RegExp(`(?:${source})$`, 'y')
      : new RegExp(source, 'g');
    if (compiled.size >= CACHE_LIMIT) compiled.delete(compiled.keys().next().value!);
    compiled.set(key, re);
  }
  return re;
}

/** A RegExp matching exactly the strings the whole pattern matches. */
export function patternRegExp(pattern: string): RegExp {
  return compile(pattern, 'whole');
}

export function matchPattern(pattern: string, text: string): boolean {
  if (!hasWildcards(pattern)) return unescapePattern(pattern) === text;
  return patternRegExp(pattern).test(text);
}

export type TrimOp = '#' | '##' | '%' | '%%';

/**
 * `${x#p}` `${x##p}` `${x%p}` `${x%%p}`: remove the shortest/longest matching prefix/suffix. One
 * regular expression search each (only the shortest suffix tries end positions one by one), so a
 * large value costs no more than reading it.
 */
export function trimPattern(value: string, op: TrimOp, pattern: string): string {
  if (op === '#' || op === '##') {
    const m = compile(pattern, 'prefix', op === '#').exec(value);
    return m ? value.slice(m[0].length) : value;
  }
  const re = compile(pattern, 'suffix');
  const starts = op === '%%' ? range(0, value.length) : range(value.length, 0);
  for (const start of starts) {
    re.lastIndex = start;
    if (re.test(value)) return value.slice(0, start);
  }
  return value;
}

function* range(from: number, to: number): Generator<number> {
  if (from <= to) for (let i = from; i <= to; i++) yield i;
  else for (let i = from; i >= to; i--) yield i;
}

/** `${x/p/r}` (first match) and `${x//p/r}` (every match), longest match at each position. */
export function replacePattern(value: string, pattern: string, replacement: string, all: boolean): string {
  const re = compile(pattern, 'global');
  re.lastIndex = 0;
  let replaced = false;
  return value.replace(re, (match) => {
    // Empty matches replace nothing; without `//`, only the first match counts.
    if (match === '' || (replaced && !all)) return match;
    replaced = true;
    return replacement;
  });
}
