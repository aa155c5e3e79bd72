/**
 * POSIX regular expressions (basic and extended, as grep takes them) translated to JavaScript ones.
 *
 * In a basic RE, `( ) { } | + ?` are literal and their backslashed forms are the operators (GNU
 * extensions included); a leading `*` is literal. Both kinds take bracket classes like `[[:digit:]]`
 * and the word edges `\<` `\>`. Inside brackets a backslash is an ordinary character.
 */

const CLASSES: Readonly<Record<string, string>> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: '0-9a-zA-Z',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  print: ' -~',
  graph: '!-~',
  cntrl: '\\x00-\\x1f\\x7f',
};

const BRE_OPERATORS = new Set(['(', ')', '{', '}', '|', '+', '?']);

export function posixToRegExp(pattern: string, options: { extended: boolean; ignoreCase: boolean }): RegExp {
  let out = '';
  // Where a `*` would have nothing to repeat, so it is literal (basic REs only).
  let atStart = true;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '[') {
      const bracket = readBracket(pattern, i);
      out += bracket.source;
      i = bracket.end;
      atStart = false;
      continue;
    }
    if (ch === '\\' && i + 1 < pattern.length) {
      const next = pattern[++i]!;
      if (next === '<' || next === '>') out += '\\b';
      else if (!options.extended && BRE_OPERATORS.has(next)) out += next;
      else out += /[a-zA-Z0-9]/.test(next) && !'wWsSb'.includes(next) ? next : `\\${next}`;
      atStart = !options.extended && next === '(';
      continue;
    }
    if (!options.extended && BRE_OPERATORS.has(ch)) out += `\\${ch}`;
    else if (ch === '*' && atStart && !options.extended) out += '\\*';
    else out += ch;
    atStart = ch === '^' && out.length === 1;
  }
  try {
    return new RegExp(out, options.ignoreCase ? 'i' : '');
  } catch {
    throw new PosixRegexError(groupingError(out));
  }
}

/** glibc's words for the usual mistake, a group left open or closed twice. */
function groupingError(source: string): string {
  const unescaped = source.replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
  const opens = (unescaped.match(/\(/g) ?? []).length;
  const closes = (unescaped.match(/\)/g) ?? []).length;
  if (opens > closes) return 'Unmatched ( or \\(';
  if (closes > opens) return 'Unmatched ) or \\)';
  return 'Invalid regular expression';
}

/** `[...]` starting at `start`: its JavaScript form and the index of its closing `]`. */
function readBracket(pattern: string, start: number): { source: string; end: number } {
  let i = start + 1;
  let source = '[';
  if (pattern[i] === '^') {
    source += '^';
    i++;
  }
  // A `]` right after `[` or `[^` is a member, not the end.
  if (pattern[i] === ']') {
    source += '\\]';
    i++;
  }
  for (; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === ']') return { source: `${source}]`, end: i };
    const cls = /^\[:([a-z]+):\]/.exec(pattern.slice(i));
    if (cls && CLASSES[cls[1]!]) {
      source += CLASSES[cls[1]!];
      i += cls[0].length - 1;
      continue;
    }
    source += ch === '\\' || ch === '[' ? `\\${ch}` : ch;
  }
  throw new PosixRegexError('Unmatched [, [^, [:, [., or [=');
}

/** A pattern that is not a regular expression; the message is glibc's regerror() text. */
export class PosixRegexError extends Error {
  override name = 'PosixRegexError';
}
