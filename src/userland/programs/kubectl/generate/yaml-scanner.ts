/**
 * The tokenizer of go-yaml v2 (the `goyaml.v2` copy inside sigs.k8s.io/yaml that kubectl v1.30
 * parses manifests with), rebuilt for one purpose: to fail where it fails, with its problem text
 * and its marks. It keeps the same rules — when a tab may be skipped, when a "simple key" (`key:`)
 * is still possible or required, how indentation opens and closes block collections — but no
 * token values, since the manifest's content comes from js-yaml once the syntax is known good.
 */

/** A position: character index, 0-based line and column (go-yaml's yaml_mark_t). */
export interface Mark {
  index: number;
  line: number;
  column: number;
}

export type TokenType =
  | 'stream-start' | 'stream-end' | 'version-directive' | 'tag-directive' | 'document-start' | 'document-end'
  | 'block-sequence-start' | 'block-mapping-start' | 'block-end' | 'flow-sequence-start' | 'flow-sequence-end'
  | 'flow-mapping-start' | 'flow-mapping-end' | 'block-entry' | 'flow-entry' | 'key' | 'value'
  | 'alias' | 'anchor' | 'tag' | 'scalar';

export interface Token {
  type: TokenType;
  start: Mark;
  /** Anchor or alias name; tag handle; %TAG handle. */
  value?: string;
  /** %YAML major.minor. */
  version?: string;
}

/**
 * Where go-yaml gives up. `reader`: the input is not YAML text (control characters); `scanner`
 * and `parser`: syntax, with the mark of the problem and of what was being read.
 */
export class YamlSyntaxFailure extends Error {
  constructor(
    readonly kind: 'reader' | 'scanner' | 'parser',
    readonly problem: string,
    readonly problemMark: Mark | undefined,
    readonly contextMark: Mark | undefined,
  ) {
    super(problem);
  }
}

interface SimpleKey {
  possible: boolean;
  required: boolean;
  tokenNumber: number;
  mark: Mark;
}

/** go-yaml decodes its input 512 bytes at a time and checks every character of a chunk at once. */
const RAW_CHUNK = 512;

const isBreak = (c: string): boolean => c === '\r' || c === '\n' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isBlank = (c: string): boolean => c === ' ' || c === '\t';
const isBreakZ = (c: string): boolean => isBreak(c) || c === '\0';
const isBlankZ = (c: string): boolean => isBlank(c) || isBreakZ(c);
const isAlpha = (c: string): boolean => /^[0-9A-Za-z_-]$/.test(c);
const isHex = (c: string): boolean => /^[0-9A-Fa-f]$/.test(c);
const isDigit = (c: string): boolean => c >= '0' && c <= '9' && c.length === 1;

/** The characters YAML allows in a stream (go-yaml's reader refuses the rest). */
function printable(code: number): boolean {
  return code === 0x09 || code === 0x0a || code === 0x0d || (code >= 0x20 && code <= 0x7e) || code === 0x85
    || (code >= 0xa0 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

const utf8Length = (code: number): number => (code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4);

/** Characters of a plain scalar's first position that are indicators instead. */
const INDICATORS = new Set([...'-?:,[]{}#&*!|>\'"%@`']);
/** Characters a tag's URI may hold (besides letters, digits, '_' and '-'). */
const URI_CHARS = new Set([...';/?:@&=+$,.!~*\'()[]%']);

export class YamlScanner {
  private readonly chars: string[];
  private readonly byteEnds: number[];
  /** Characters the reader has checked so far (go-yaml's decoded buffer end). */
  private decoded = 0;
  private decodedBytes = 0;
  private pos = 0;
  private mark: Mark = { index: 0, line: 0, column: 0 };

  private readonly tokens: Token[] = [];
  private head = 0;
  private tokensParsed = 0;
  private tokenAvailable = false;
  private streamStartProduced = false;
  private streamEndProduced = false;

  private indent = -1;
  private readonly indents: number[] = [];
  private flowLevel = 0;
  private simpleKeyAllowed = false;
  private readonly simpleKeys: SimpleKey[] = [];
  private readonly simpleKeysByToken = new Map<number, number>();

  constructor(text: string) {
    this.chars = Array.from(text.startsWith('\uFEFF') ? text.slice(1) : text);
    let bytes = 0;
    this.byteEnds = this.chars.map((c) => (bytes += utf8Length(c.codePointAt(0)!)));
  }

  get streamEnded(): boolean {
    return this.streamEndProduced;
  }

  /** The next token, scanning as far ahead as go-yaml does before handing it out. */
  peek(): Token {
    if (!this.tokenAvailable) this.fetchMoreTokens();
    return this.tokens[this.head]!;
  }

  skip(): void {
    this.tokenAvailable = false;
    this.tokensParsed++;
    this.streamEndProduced = this.tokens[this.head]!.type === 'stream-end';
    this.head++;
  }

  // --- reading characters ---

  /** Makes `n` characters from the current one available, decoding (and checking) raw chunks as go-yaml does. */
  private need(n: number): void {
    while (this.decoded - this.pos < n && this.decoded < this.chars.length) {
      const end = this.decodedBytes + RAW_CHUNK;
      while (this.decoded < this.chars.length && this.byteEnds[this.decoded]! <= end) {
        if (!printable(this.chars[this.decoded]!.codePointAt(0)!)) {
          throw new YamlSyntaxFailure('reader', 'control characters are not allowed', undefined, undefined);
        }
        this.decodedBytes = this.byteEnds[this.decoded]!;
        this.decoded++;
      }
    }
  }

  /** The character `k` ahead of the current one; NUL past the end, as go-yaml pads its buffer. */
  private at(k = 0): string {
    return this.chars[this.pos + k] ?? '\0';
  }

  private skipChar(): void {
    this.pos++;
    this.mark = { index: this.mark.index + 1, line: this.mark.line, column: this.mark.column + 1 };
  }

  private skipLine(): void {
    if (this.at() === '\r' && this.at(1) === '\n') {
      this.pos += 2;
      this.mark = { index: this.mark.index + 2, line: this.mark.line + 1, column: 0 };
    } else if (isBreak(this.at())) {
      this.pos++;
      this.mark = { index: this.mark.index + 1, line: this.mark.line + 1, column: 0 };
    }
  }

  private fail(context: Mark | undefined, problem: string): never {
    throw new YamlSyntaxFailure('scanner', problem, this.mark, context);
  }

  // --- the token queue ---

  private insert(at: number, token: Token): void {
    if (at < 0) this.tokens.push(token);
    else this.tokens.splice(this.head + at, 0, token);
  }

  private fetchMoreTokens(): void {
    for (;;) {
      if (this.head !== this.tokens.length) {
        // More tokens are needed only while the head token may still turn out to be a key.
        const keyIndex = this.simpleKeysByToken.get(this.tokensParsed);
        if (keyIndex === undefined || !this.simpleKeyValid(this.simpleKeys[keyIndex]!)) break;
      }
      this.fetchNextToken();
    }
    this.tokenAvailable = true;
  }

  private fetchNextToken(): void {
    this.need(1);
    if (!this.streamStartProduced) return this.fetchStreamStart();
    this.scanToNextToken();
    this.unrollIndent(this.mark.column);
    this.need(4);
    const c = this.at();
    if (c === '\0') return this.fetchStreamEnd();
    const column0 = this.mark.column === 0;
    if (column0 && c === '%') return this.fetchDirective();
    if (column0 && isBlankZ(this.at(3))) {
      if (c === '-' && this.at(1) === '-' && this.at(2) === '-') return this.fetchDocumentIndicator('document-start');
      if (c === '.' && this.at(1) === '.' && this.at(2) === '.') return this.fetchDocumentIndicator('document-end');
    }
    if (c === '[') return this.fetchFlowCollectionStart('flow-sequence-start');
    if (c === '{') return this.fetchFlowCollectionStart('flow-mapping-start');
    if (c === ']') return this.fetchFlowCollectionEnd('flow-sequence-end');
    if (c === '}') return this.fetchFlowCollectionEnd('flow-mapping-end');
    if (c === ',') return this.fetchSingle('flow-entry', true);
    if (c === '-' && isBlankZ(this.at(1))) return this.fetchBlockEntry();
    if (c === '?' && (this.flowLevel > 0 || isBlankZ(this.at(1)))) return this.fetchKey();
    if (c === ':' && (this.flowLevel > 0 || isBlankZ(this.at(1)))) return this.fetchValue();
    if (c === '*') return this.fetchAnchor('alias');
    if (c === '&') return this.fetchAnchor('anchor');
    if (c === '!') return this.fetchTag();
    if ((c === '|' || c === '>') && this.flowLevel === 0) return this.fetchBlockScalar();
    if (c === '\'' || c === '"') return this.fetchFlowScalar(c === '\'');
    if (!(isBlankZ(c) || INDICATORS.has(c))
      || (c === '-' && !isBlank(this.at(1)))
      || (this.flowLevel === 0 && (c === '?' || c === ':') && !isBlankZ(this.at(1)))) {
      return this.fetchPlainScalar();
    }
    this.fail(this.mark, 'found character that cannot start any token');
  }

  // --- simple keys: a scalar, alias or flow collection that a later ':' on the same line makes a key ---

  private simpleKeyValid(key: SimpleKey): boolean {
    if (!key.possible) return false;
    // A simple key must end on its line, within 1024 characters.
    if (key.mark.line < this.mark.line || key.mark.index + 1024 < this.mark.index) {
      if (key.required) this.fail(key.mark, 'could not find expected \':\'');
      key.possible = false;
      return false;
    }
    return true;
  }

  private saveSimpleKey(): void {
    // A key at the indentation of the block mapping must be completed by ':'.
    const required = this.flowLevel === 0 && this.indent === this.mark.column;
    if (!this.simpleKeyAllowed) return;
    const key = { possible: true, required, tokenNumber: this.tokensParsed + this.tokens.length - this.head, mark: this.mark };
    this.removeSimpleKey();
    this.simpleKeys[this.simpleKeys.length - 1] = key;
    this.simpleKeysByToken.set(key.tokenNumber, this.simpleKeys.length - 1);
  }

  private removeSimpleKey(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1]!;
    if (!key.possible) return;
    if (key.required) this.fail(key.mark, 'could not find expected \':\'');
    key.possible = false;
    this.simpleKeysByToken.delete(key.tokenNumber);
  }

  // --- indentation: block collections open when a line goes deeper and close when it comes back ---

  private rollIndent(column: number, tokenNumber: number, type: TokenType, mark: Mark): void {
    if (this.flowLevel > 0 || this.indent >= column) return;
    this.indents.push(this.indent);
    this.indent = column;
    this.insert(tokenNumber > -1 ? tokenNumber - this.tokensParsed : -1, { type, start: mark });
  }

  private unrollIndent(column: number): void {
    if (this.flowLevel > 0) return;
    while (this.indent > column) {
      this.insert(-1, { type: 'block-end', start: this.mark });
      this.indent = this.indents.pop()!;
    }
  }

  // --- the tokens ---

  private fetchStreamStart(): void {
    this.indent = -1;
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: 0, mark: this.mark });
    this.simpleKeyAllowed = true;
    this.streamStartProduced = true;
    this.insert(-1, { type: 'stream-start', start: this.mark });
  }

  private fetchStreamEnd(): void {
    if (this.mark.column !== 0) this.mark = { index: this.mark.index, line: this.mark.line + 1, column: 0 };
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.insert(-1, { type: 'stream-end', start: this.mark });
  }

  private fetchDirective(): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.insert(-1, this.scanDirective());
  }

  private fetchDocumentIndicator(type: 'document-start' | 'document-end'): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    const start = this.mark;
    this.skipChar();
    this.skipChar();
    this.skipChar();
    this.insert(-1, { type, start });
  }

  private fetchFlowCollectionStart(type: TokenType): void {
    this.saveSimpleKey();
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: this.tokensParsed + this.tokens.length - this.head, mark: this.mark });
    this.flowLevel++;
    this.simpleKeyAllowed = true;
    this.fetchSingle(type, true, false);
  }

  private fetchFlowCollectionEnd(type: TokenType): void {
    this.removeSimpleKey();
    if (this.flowLevel > 0) {
      this.flowLevel--;
      this.simpleKeysByToken.delete(this.simpleKeys.pop()!.tokenNumber);
    }
    this.fetchSingle(type, false, false);
  }

  /** A one-character token; by default it ends any pending simple key. */
  private fetchSingle(type: TokenType, keyAllowedAfter: boolean, removeKey = true): void {
    if (removeKey) this.removeSimpleKey();
    this.simpleKeyAllowed = keyAllowedAfter;
    const start = this.mark;
    this.skipChar();
    this.insert(-1, { type, start });
  }

  private fetchBlockEntry(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.fail(undefined, 'block sequence entries are not allowed in this context');
      this.rollIndent(this.mark.column, -1, 'block-sequence-start', this.mark);
    }
    // A '-' inside a flow collection is left for the parser to refuse.
    this.fetchSingle('block-entry', true);
  }

  private fetchKey(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.fail(undefined, 'mapping keys are not allowed in this context');
      this.rollIndent(this.mark.column, -1, 'block-mapping-start', this.mark);
    }
    this.fetchSingle('key', this.flowLevel === 0);
  }

  private fetchValue(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1]!;
    if (this.simpleKeyValid(key)) {
      // The pending scalar was a key after all: a KEY token goes in before it.
      this.insert(key.tokenNumber - this.tokensParsed, { type: 'key', start: key.mark });
      this.rollIndent(key.mark.column, key.tokenNumber, 'block-mapping-start', key.mark);
      key.possible = false;
      this.simpleKeysByToken.delete(key.tokenNumber);
      this.simpleKeyAllowed = false;
    } else {
      if (this.flowLevel === 0) {
        if (!this.simpleKeyAllowed) this.fail(undefined, 'mapping values are not allowed in this context');
        this.rollIndent(this.mark.column, -1, 'block-mapping-start', this.mark);
      }
      this.simpleKeyAllowed = this.flowLevel === 0;
    }
    const start = this.mark;
    this.skipChar();
    this.insert(-1, { type: 'value', start });
  }

  private fetchAnchor(type: 'alias' | 'anchor'): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    const start = this.mark;
    this.skipChar();
    let name = '';
    this.need(1);
    while (isAlpha(this.at())) {
      name += this.at();
      this.skipChar();
      this.need(1);
    }
    const end = this.at();
    if (name === '' || !(isBlankZ(end) || '?:,]}%@`'.includes(end))) {
      this.fail(start, 'did not find expected alphabetic or numeric character');
    }
    this.insert(-1, { type, start, value: name });
  }

  private fetchTag(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    const start = this.mark;
    this.need(2);
    let handle = '';
    if (this.at(1) === '<') {
      this.skipChar();
      this.skipChar();
      this.scanTagUri('', start);
      if (this.at() !== '>') this.fail(start, 'did not find the expected \'>\'');
      this.skipChar();
    } else {
      handle = this.scanTagHandle(false, start);
      if (handle.length > 1 && handle.endsWith('!')) this.scanTagUri('', start);
      else {
        // Not a handle after all: '!suffix', or '!' alone.
        handle = this.scanTagUri(handle, start) === 0 ? '' : '!';
      }
    }
    this.need(1);
    if (!isBlankZ(this.at())) this.fail(start, 'did not find expected whitespace or line break');
    this.insert(-1, { type: 'tag', start, value: handle });
  }

  private fetchBlockScalar(): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    const start = this.mark;
    this.scanBlockScalar(start);
    this.insert(-1, { type: 'scalar', start });
  }

  private fetchFlowScalar(single: boolean): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    const start = this.mark;
    this.scanFlowScalar(single, start);
    this.insert(-1, { type: 'scalar', start });
  }

  private fetchPlainScalar(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    const start = this.mark;
    this.scanPlainScalar(start);
    this.insert(-1, { type: 'scalar', start });
  }

  // --- between tokens ---

  private scanToNextToken(): void {
    for (;;) {
      this.need(1);
      // Tabs separate tokens in flow context, and after a token on a line, but cannot indent a line.
      while (this.at() === ' ' || ((this.flowLevel > 0 || !this.simpleKeyAllowed) && this.at() === '\t')) {
        this.skipChar();
        this.need(1);
      }
      if (this.at() === '#') {
        while (!isBreakZ(this.at())) {
          this.skipChar();
          this.need(1);
        }
      }
      if (!isBreak(this.at())) return;
      this.need(2);
      this.skipLine();
      if (this.flowLevel === 0) this.simpleKeyAllowed = true;
    }
  }

  private skipBlanks(): void {
    this.need(1);
    while (isBlank(this.at())) {
      this.skipChar();
      this.need(1);
    }
  }

  /** A comment, then the end of the line (after a directive or a block scalar header). */
  private endOfLine(start: Mark): void {
    this.skipBlanks();
    if (this.at() === '#') {
      while (!isBreakZ(this.at())) {
        this.skipChar();
        this.need(1);
      }
    }
    if (!isBreakZ(this.at())) this.fail(start, 'did not find expected comment or line break');
    if (isBreak(this.at())) {
      this.need(2);
      this.skipLine();
    }
  }

  // --- directives and tags ---

  private scanDirective(): Token {
    const start = this.mark;
    this.skipChar();
    this.need(1);
    let name = '';
    while (isAlpha(this.at())) {
      name += this.at();
      this.skipChar();
      this.need(1);
    }
    if (name === '') this.fail(start, 'could not find expected directive name');
    if (!isBlankZ(this.at())) this.fail(start, 'found unexpected non-alphabetical character');
    let token: Token;
    if (name === 'YAML') {
      this.skipBlanks();
      const major = this.scanVersionNumber(start);
      if (this.at() !== '.') this.fail(start, 'did not find expected digit or \'.\' character');
      this.skipChar();
      const minor = this.scanVersionNumber(start);
      token = { type: 'version-directive', start, version: `${major}.${minor}` };
    } else if (name === 'TAG') {
      this.skipBlanks();
      const handle = this.scanTagHandle(true, start);
      this.need(1);
      if (!isBlank(this.at())) this.fail(start, 'did not find expected whitespace');
      this.skipBlanks();
      this.scanTagUri('', start);
      this.need(1);
      if (!isBlankZ(this.at())) this.fail(start, 'did not find expected whitespace or line break');
      token = { type: 'tag-directive', start, value: handle };
    } else {
      this.fail(start, 'found unknown directive name');
    }
    this.endOfLine(start);
    return token;
  }

  private scanVersionNumber(start: Mark): number {
    this.need(1);
    let digits = '';
    while (isDigit(this.at())) {
      digits += this.at();
      if (digits.length > 2) this.fail(start, 'found extremely long version number');
      this.skipChar();
      this.need(1);
    }
    if (digits === '') this.fail(start, 'did not find expected version number');
    return Number(digits);
  }

  private scanTagHandle(directive: boolean, start: Mark): string {
    this.need(1);
    if (this.at() !== '!') this.fail(start, 'did not find expected \'!\'');
    let handle = '!';
    this.skipChar();
    this.need(1);
    while (isAlpha(this.at())) {
      handle += this.at();
      this.skipChar();
      this.need(1);
    }
    if (this.at() === '!') {
      handle += '!';
      this.skipChar();
    } else if (directive && handle !== '!') {
      this.fail(start, 'did not find expected \'!\'');
    }
    return handle;
  }

  /** Reads a tag's URI after `head` (what was read as a would-be handle); its length without the leading '!'. */
  private scanTagUri(head: string, start: Mark): number {
    let length = Math.max(head.length - 1, 0);
    this.need(1);
    while (isAlpha(this.at()) || URI_CHARS.has(this.at())) {
      if (this.at() === '%') this.scanUriEscapes(start);
      else this.skipChar();
      length++;
      this.need(1);
    }
    if (length === 0 && head === '') this.fail(start, 'did not find expected tag URI');
    return length;
  }

  private scanUriEscapes(start: Mark): void {
    let width = 0;
    do {
      this.need(3);
      if (!(this.at() === '%' && isHex(this.at(1)) && isHex(this.at(2)))) this.fail(start, 'did not find URI escaped octet');
      const octet = parseInt(this.at(1) + this.at(2), 16);
      if (width === 0) {
        width = octet < 0x80 ? 1 : (octet & 0xe0) === 0xc0 ? 2 : (octet & 0xf0) === 0xe0 ? 3 : (octet & 0xf8) === 0xf0 ? 4 : 0;
        if (width === 0) this.fail(start, 'found an incorrect leading UTF-8 octet');
      } else if ((octet & 0xc0) !== 0x80) {
        this.fail(start, 'found an incorrect trailing UTF-8 octet');
      }
      this.skipChar();
      this.skipChar();
      this.skipChar();
    } while (--width > 0);
  }

  // --- scalars ---

  private scanBlockScalar(start: Mark): void {
    this.skipChar();
    this.need(1);
    let increment = 0;
    const readIndicator = (): void => {
      if (this.at() === '0') this.fail(start, 'found an indentation indicator equal to 0');
      increment = Number(this.at());
      this.skipChar();
    };
    if (this.at() === '+' || this.at() === '-') {
      this.skipChar();
      this.need(1);
      if (isDigit(this.at())) readIndicator();
    } else if (isDigit(this.at())) {
      readIndicator();
      this.need(1);
      if (this.at() === '+' || this.at() === '-') this.skipChar();
    }
    this.endOfLine(start);
    let indent = increment > 0 ? (this.indent >= 0 ? this.indent + increment : increment) : 0;
    indent = this.scanBlockScalarBreaks(indent, start);
    this.need(1);
    while (this.mark.column === indent && this.at() !== '\0') {
      while (!isBreakZ(this.at())) {
        this.skipChar();
        this.need(1);
      }
      this.need(2);
      this.skipLine();
      indent = this.scanBlockScalarBreaks(indent, start);
    }
  }

  /** Empty lines and indentation of a block scalar; the indentation, found from the first line when not given. */
  private scanBlockScalarBreaks(indent: number, start: Mark): number {
    let maxIndent = 0;
    for (;;) {
      this.need(1);
      while ((indent === 0 || this.mark.column < indent) && this.at() === ' ') {
        this.skipChar();
        this.need(1);
      }
      maxIndent = Math.max(maxIndent, this.mark.column);
      if ((indent === 0 || this.mark.column < indent) && this.at() === '\t') {
        this.fail(start, 'found a tab character where an indentation space is expected');
      }
      if (!isBreak(this.at())) break;
      this.need(2);
      this.skipLine();
    }
    return indent === 0 ? Math.max(maxIndent, this.indent + 1, 1) : indent;
  }

  private atDocumentIndicator(): boolean {
    const c = this.at();
    return this.mark.column === 0 && (c === '-' || c === '.') && this.at(1) === c && this.at(2) === c && isBlankZ(this.at(3));
  }

  private scanFlowScalar(single: boolean, start: Mark): void {
    const quote = single ? '\'' : '"';
    this.skipChar();
    for (;;) {
      this.need(4);
      if (this.atDocumentIndicator()) this.fail(start, 'found unexpected document indicator');
      if (this.at() === '\0') this.fail(start, 'found unexpected end of stream');
      while (!isBlankZ(this.at())) {
        const c = this.at();
        if (single && c === '\'' && this.at(1) === '\'') {
          this.skipChar();
          this.skipChar();
        } else if (c === quote) {
          break;
        } else if (!single && c === '\\' && isBreak(this.at(1))) {
          this.need(3);
          this.skipChar();
          this.skipLine();
          break;
        } else if (!single && c === '\\') {
          this.skipEscape(start);
        } else {
          this.skipChar();
        }
        this.need(2);
      }
      this.need(1);
      if (this.at() === quote) break;
      while (isBlank(this.at()) || isBreak(this.at())) {
        if (isBlank(this.at())) this.skipChar();
        else {
          this.need(2);
          this.skipLine();
        }
        this.need(1);
      }
    }
    this.skipChar();
  }

  private skipEscape(start: Mark): void {
    const lengths: Record<string, number> = { x: 2, u: 4, U: 8 };
    const code = this.at(1);
    if (!'0abt\tnvfre "\'\\N_LPxuU'.includes(code)) this.fail(start, 'found unknown escape character');
    this.skipChar();
    this.skipChar();
    const length = lengths[code] ?? 0;
    if (length === 0) return;
    this.need(length);
    let value = 0;
    for (let k = 0; k < length; k++) {
      if (!isHex(this.at(k))) this.fail(start, 'did not find expected hexdecimal number');
      value = value * 16 + parseInt(this.at(k), 16);
    }
    if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) this.fail(start, 'found invalid Unicode character escape code');
    for (let k = 0; k < length; k++) this.skipChar();
  }

  private scanPlainScalar(start: Mark): void {
    const indent = this.indent + 1;
    let leadingBlanks = false;
    for (;;) {
      this.need(4);
      if (this.atDocumentIndicator() || this.at() === '#') break;
      while (!isBlankZ(this.at())) {
        const c = this.at();
        if ((c === ':' && isBlankZ(this.at(1))) || (this.flowLevel > 0 && ',?[]{}'.includes(c))) break;
        leadingBlanks = false;
        this.skipChar();
        this.need(2);
      }
      if (!(isBlank(this.at()) || isBreak(this.at()))) break;
      this.need(1);
      while (isBlank(this.at()) || isBreak(this.at())) {
        if (isBlank(this.at())) {
          // Continuation lines are indented with spaces only.
          if (leadingBlanks && this.mark.column < indent && this.at() === '\t') {
            this.fail(start, 'found a tab character that violates indentation');
          }
          this.skipChar();
        } else {
          this.need(2);
          this.skipLine();
          leadingBlanks = true;
        }
        this.need(1);
      }
      if (this.flowLevel === 0 && this.mark.column < indent) break;
    }
    // A plain scalar that ran over a line break leaves the next line free to start a key.
    if (leadingBlanks) this.simpleKeyAllowed = true;
  }
}
