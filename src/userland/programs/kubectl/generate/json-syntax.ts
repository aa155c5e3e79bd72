/**
 * A manifest stream whose first character is `{` is JSON to kubectl v1.30 (apimachinery's
 * YAMLOrJSONDecoder): Go's encoding/json Decoder reads one value after another, and the first
 * syntax error ends the stream as `json: offset N: invalid character 'x' <where>`, N counting the
 * bytes read up to and including the bad one; a stream that stops inside a value is `unexpected EOF`.
 * This follows the states of Go's JSON scanner to find that byte and that wording.
 */

export interface JsonStream {
  /** The values read before the error (or all of them). */
  values: unknown[];
  error?: string;
}

class JsonFailure extends Error {}

/** The UTF-8 bytes of `text`, and for each byte (and the end) the index of its character in `text`. */
function utf8(text: string): { bytes: number[]; at: number[] } {
  const bytes: number[] = [];
  const at: number[] = [];
  let index = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const encoded = code < 0x80 ? [code]
      : code < 0x800 ? [0xc0 | (code >> 6), 0x80 | (code & 0x3f)]
        : code < 0x10000 ? [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
          : [0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)];
    for (const byte of encoded) {
      bytes.push(byte);
      at.push(index);
    }
    index += ch.length;
  }
  at.push(index);
  return { bytes, at };
}

/** How Go's JSON errors show a byte: as the rune of that value, quoted the way strconv.Quote does. */
function quoteByte(c: number): string {
  if (c === 0x27) return '\'\\\'\'';
  if (c === 0x22) return '\'"\'';
  const named: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 0x5c: '\\\\' };
  if (named[c]) return `'${named[c]}'`;
  if (c < 0x20 || c === 0x7f) return `'\\x${c.toString(16).padStart(2, '0')}'`;
  // Latin-1 runes Go does not print: C1 controls, no-break space, soft hyphen.
  if ((c >= 0x80 && c <= 0xa0) || c === 0xad) return `'\\u00${c.toString(16)}'`;
  return `'${String.fromCharCode(c)}'`;
}

const isSpace = (c: number | undefined): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;
const isHex = (c: number | undefined): boolean => c !== undefined && /^[0-9a-fA-F]$/.test(String.fromCharCode(c));

class JsonReader {
  i = 0;
  constructor(readonly bytes: number[]) {}

  /** The current byte; running out inside a value is Go's io.ErrUnexpectedEOF. */
  private byte(): number {
    const c = this.bytes[this.i];
    if (c === undefined) throw new JsonFailure('unexpected EOF');
    return c;
  }

  private refuse(where: string): never {
    throw new JsonFailure(`json: offset ${this.i + 1}: invalid character ${quoteByte(this.byte())} ${where}`);
  }

  skipSpace(): void {
    while (isSpace(this.bytes[this.i])) this.i++;
  }

  value(): void {
    this.skipSpace();
    const c = this.byte();
    if (c === 0x7b) return this.object();
    if (c === 0x5b) return this.array();
    if (c === 0x22) return this.string();
    if (c === 0x2d || isDigit(c)) return this.number();
    for (const literal of ['true', 'false', 'null']) {
      if (c !== literal.charCodeAt(0)) continue;
      for (let k = 1; k < literal.length; k++) {
        this.i++;
        if (this.byte() !== literal.charCodeAt(k)) this.refuse(`in literal ${literal} (expecting '${literal[k]}')`);
      }
      this.i++;
      return;
    }
    this.refuse('looking for beginning of value');
  }

  private object(): void {
    this.i++;
    this.skipSpace();
    if (this.byte() === 0x7d) {
      this.i++;
      return;
    }
    for (;;) {
      this.skipSpace();
      if (this.byte() !== 0x22) this.refuse('looking for beginning of object key string');
      this.string();
      this.skipSpace();
      if (this.byte() !== 0x3a) this.refuse('after object key');
      this.i++;
      this.value();
      this.skipSpace();
      const c = this.byte();
      this.i++;
      if (c === 0x7d) return;
      if (c !== 0x2c) {
        this.i--;
        this.refuse('after object key:value pair');
      }
    }
  }

  private array(): void {
    this.i++;
    this.skipSpace();
    if (this.byte() === 0x5d) {
      this.i++;
      return;
    }
    for (;;) {
      this.value();
      this.skipSpace();
      const c = this.byte();
      this.i++;
      if (c === 0x5d) return;
      if (c !== 0x2c) {
        this.i--;
        this.refuse('after array element');
      }
    }
  }

  private string(): void {
    this.i++;
    for (;;) {
      const c = this.byte();
      if (c === 0x22) break;
      if (c < 0x20) this.refuse('in string literal');
      if (c === 0x5c) {
        this.i++;
        const e = this.byte();
        if (e === 0x75) {
          for (let k = 0; k < 4; k++) {
            this.i++;
            if (!isHex(this.byte())) this.refuse('in \\u hexadecimal character escape');
          }
        } else if (!'bfnrt\\/"'.includes(String.fromCharCode(e))) {
          this.refuse('in string escape code');
        }
      }
      this.i++;
    }
    this.i++;
  }

  private number(): void {
    if (this.bytes[this.i] === 0x2d) {
      this.i++;
      if (!isDigit(this.byte())) this.refuse('in numeric literal');
    }
    const digits = (): void => {
      while (isDigit(this.bytes[this.i])) this.i++;
    };
    if (this.bytes[this.i] === 0x30) this.i++;
    else digits();
    if (this.bytes[this.i] === 0x2e) {
      this.i++;
      if (!isDigit(this.byte())) this.refuse('after decimal point in numeric literal');
      digits();
    }
    if (this.bytes[this.i] === 0x65 || this.bytes[this.i] === 0x45) {
      this.i++;
      if (this.byte() === 0x2b || this.byte() === 0x2d) this.i++;
      if (!isDigit(this.byte())) this.refuse('in exponent of numeric literal');
      digits();
    }
  }
}

/** Whether kubectl takes `text` for a JSON stream: its first non-space character is `{`. */
export function looksLikeJson(text: string): boolean {
  return /^\s*\{/.test(text);
}

/** The values of a JSON stream as kubectl's decoder reads them, up to the first error. */
export function readJsonStream(text: string): JsonStream {
  const { bytes, at } = utf8(text);
  const reader = new JsonReader(bytes);
  const values: unknown[] = [];
  try {
    for (;;) {
      reader.skipSpace();
      if (reader.i >= bytes.length) return { values };
      const start = reader.i;
      reader.value();
      values.push(JSON.parse(text.slice(at[start], at[reader.i])));
    }
  } catch (e) {
    if (e instanceof JsonFailure) return { values, error: e.message };
    throw e;
  }
}
