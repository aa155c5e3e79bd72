/** awk's tokens. A `/` starts a regular expression unless what came before ends an operand. */

export type TokenType = 'number' | 'string' | 'regex' | 'name' | 'funcname' | 'builtin' | 'keyword' | 'newline' | 'eof' | 'punct';

export interface Token {
  readonly type: TokenType;
  readonly text: string;
  /** The value of a number or string, the source of a regex. */
  readonly value: string;
  /** Offsets of the token in the program text. */
  readonly start: number;
  readonly end: number;
}

export const KEYWORDS = new Set(['BEGIN', 'END', 'function', 'func', 'if', 'else', 'while', 'for', 'do', 'break', 'continue', 'next', 'exit', 'return', 'delete', 'in', 'print', 'printf', 'getline']);
export const BUILTINS = new Set(['length', 'substr', 'index', 'split', 'sub', 'gsub', 'match', 'sprintf', 'toupper', 'tolower', 'int', 'sqrt', 'exp', 'log', 'sin', 'cos', 'atan2', 'rand', 'srand', 'system', 'close', 'fflush']);

const PUNCTUATION = ['+=', '-=', '*=', '/=', '%=', '^=', '**', '==', '<=', '>=', '!=', '++', '--', '&&', '||', '>>', '!~',
  '{', '}', '(', ')', '[', ']', ';', ',', '+', '-', '*', '/', '%', '^', '!', '>', '<', '|', '?', ':', '~', '$', '='];

/** Where the lexer found something it cannot read; `at` is the offset gawk points its caret at. */
export class AwkLexError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

const STRING_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/', a: '\x07', b: '\b', f: '\f', v: '\v' };

/** Backslash escapes of awk strings (and of -v values): `\n`, `\t`, `\"`, octal `\033`. */
export function unescape(text: string): string {
  return text.replace(/\\([0-7]{1,3}|.)/gs, (whole, e: string) => {
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return STRING_ESCAPES[e] ?? whole;
  });
}

/** A regex literal's escapes: the ones that name characters become them, the rest stay for the regex. */
function regexEscapes(text: string): string {
  return text.replace(/\\([ntrfv/"])/g, (_w, e: string) => ({ n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', '/': '/', '"': '"' })[e]!);
}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const divisionAllowed = (): boolean => {
    const last = tokens.at(-1);
    if (!last) return false;
    return ['number', 'string', 'name', 'builtin', 'regex'].includes(last.type) || [')', ']', '$', '++', '--'].includes(last.text);
  };
  const push = (type: TokenType, start: number, end: number, value = source.slice(start, end)): void => {
    tokens.push({ type, text: source.slice(start, end), value, start, end });
  };
  while (i < source.length) {
    const ch = source[i]!;
    const start = i;
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
    } else if (ch === '\\' && source[i + 1] === '\n') {
      i += 2;
    } else if (ch === '#') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (ch === '\n') {
      push('newline', i, ++i);
    } else if (/[0-9.]/.test(ch) && /^(\d+\.?\d*|\.\d+)/.test(source.slice(i))) {
      const m = /^(0[xX][0-9a-fA-F]+|(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?)/.exec(source.slice(i))!;
      i += m[0].length;
      push('number', start, i, String(Number(m[0])));
    } else if (/[A-Za-z_]/.test(ch)) {
      while (i < source.length && /\w/.test(source[i]!)) i++;
      const word = source.slice(start, i);
      const type = KEYWORDS.has(word) ? 'keyword' : BUILTINS.has(word) ? 'builtin' : source[i] === '(' ? 'funcname' : 'name';
      push(type, start, i);
    } else if (ch === '"') {
      i++;
      while (i < source.length && source[i] !== '"') {
        if (source[i] === '\n') throw new AwkLexError('unterminated string', start);
        i += source[i] === '\\' ? 2 : 1;
      }
      if (i >= source.length) throw new AwkLexError('unterminated string', start);
      i++;
      push('string', start, i, unescape(source.slice(start + 1, i - 1)));
    } else if (ch === '/' && !divisionAllowed()) {
      i++;
      let inBracket = false;
      while (i < source.length && (source[i] !== '/' || inBracket)) {
        if (source[i] === '\n') throw new AwkLexError('unterminated regexp', i - 1);
        if (source[i] === '[') inBracket = true;
        else if (source[i] === ']') inBracket = false;
        i += source[i] === '\\' ? 2 : 1;
      }
      if (i >= source.length) throw new AwkLexError('unterminated regexp', source.length);
      i++;
      push('regex', start, i, regexEscapes(source.slice(start + 1, i - 1)));
    } else {
      const p = PUNCTUATION.find((q) => source.startsWith(q, i));
      if (!p) throw new AwkLexError('syntax error', i);
      i += p.length;
      push('punct', start, i, p === '**' ? '^' : p);
    }
  }
  tokens.push({ type: 'eof', text: '', value: '', start: source.length, end: source.length });
  return tokens;
}
