// Turns source text into tokens on demand. The parser pulls one token at a time, which is what lets
// here-documents work: the parser registers "<<EOF" as soon as it reads the delimiter, and the lexer
// reads the bodies when it reaches the end of that line (several per line, in order).
import type { DoubleQuotedPart, Redirect, Word } from './ast.js';
import { ShellIncompleteError } from './errors.js';
import { isDigit, parseComplete, scanDoubleQuoted, scanWord, type WordScanContext } from './words.js';

export type Token =
  | { kind: 'word'; word: Word; raw: string; plain: boolean; start: number; end: number }
  | { kind: 'op'; op: Operator; start: number; end: number }
  | { kind: 'ionumber'; fd: number; start: number; end: number }
  | { kind: 'newline'; start: number; end: number }
  | { kind: 'eof'; start: number; end: number };

// Longest first so that '<<<' and '<<-' win over '<<', and '&>>' over '&>' and '&&'.
const OPERATORS = [
  '<<<', '<<-', '&>>', '&&', '||', ';;', '<<', '>>', '<&', '>&', '<>', '>|', '&>', ';', '&', '|', '(', ')', '<', '>',
] as const;
export type Operator = (typeof OPERATORS)[number];

interface PendingHereDoc {
  redirect: Redirect;
  delimiter: string;
  stripTabs: boolean;
  expand: boolean;
}

export class Lexer {
  private pending: PendingHereDoc[] = [];

  constructor(
    private readonly src: string,
    public pos: number,
    private readonly ctx: WordScanContext,
  ) {}

  hasPendingHereDocs(): boolean {
    return this.pending.length > 0;
  }

  /** Called by the parser right after it consumed the delimiter word of a here-document. */
  addHereDoc(redirect: Redirect, delimiter: string, expand: boolean, stripTabs: boolean): void {
    this.pending.push({ redirect, delimiter, expand, stripTabs });
  }

  next(): Token {
    const src = this.src;
    this.skipBlanksAndComment();
    const start = this.pos;
    if (start >= src.length) {
      if (this.pending.length > 0) throw this.ctx.errors.incomplete('heredoc', start);
      return { kind: 'eof', start, end: start };
    }
    const c = src[start]!;
    if (c === '\n') {
      this.pos++;
      if (this.pending.length > 0) this.readHereDocBodies();
      return { kind: 'newline', start, end: start + 1 };
    }
    const op = OPERATORS.find((candidate) => src.startsWith(candidate, start));
    if (op !== undefined) {
      this.pos += op.length;
      return { kind: 'op', op, start, end: this.pos };
    }
    let digitsEnd = start;
    while (isDigit(src[digitsEnd])) digitsEnd++;
    if (digitsEnd > start && (src[digitsEnd] === '<' || src[digitsEnd] === '>')) {
      this.pos = digitsEnd;
      return { kind: 'ionumber', fd: Number(src.slice(start, digitsEnd)), start, end: digitsEnd };
    }
    const { word, end } = scanWord(src, start, this.ctx);
    this.pos = end;
    const plain = word.parts.length === 1 && word.parts[0]!.type === 'literal';
    return { kind: 'word', word, raw: src.slice(start, end), plain, start, end };
  }

  private skipBlanksAndComment(): void {
    const src = this.src;
    for (;;) {
      const c = src[this.pos];
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\\' && src[this.pos + 1] === '\n') this.pos += 2;
      else if (c === '\\' && this.pos + 1 === src.length) throw this.ctx.errors.incomplete('backslash', this.pos);
      else break;
    }
    if (src[this.pos] === '#') {
      const newline = src.indexOf('\n', this.pos);
      this.pos = newline < 0 ? src.length : newline;
    }
  }

  /** Reads the bodies of all here-documents opened on the line that just ended. */
  private readHereDocBodies(): void {
    const src = this.src;
    for (const doc of this.pending) {
      let body = '';
      for (;;) {
        if (this.pos >= src.length) throw this.ctx.errors.incomplete('heredoc', this.pos);
        const newline = src.indexOf('\n', this.pos);
        const lineEnd = newline < 0 ? src.length : newline;
        let line = src.slice(this.pos, lineEnd);
        if (doc.stripTabs) line = stripLeadingTabs(line);
        if (line === doc.delimiter) {
          this.pos = newline < 0 ? src.length : newline + 1;
          break;
        }
        if (newline < 0) throw this.ctx.errors.incomplete('heredoc', this.pos);
        body += line + '\n';
        this.pos = newline + 1;
      }
      doc.redirect.heredoc = {
        delimiter: doc.delimiter,
        expand: doc.expand,
        stripTabs: doc.stripTabs,
        body: doc.expand ? this.expandableBody(body) : body === '' ? [] : [{ type: 'literal', value: body }],
      };
    }
    this.pending = [];
  }

  private expandableBody(body: string): DoubleQuotedPart[] {
    // The body is complete text now; an unclosed $( inside it is an error, not a reason to wait.
    const ctx = this.ctx;
    const completeCtx: WordScanContext = {
      ...ctx,
      parseSubstitution: (text, pos, depth) => {
        try {
          return ctx.parseSubstitution(text, pos, depth);
        } catch (e) {
          if (e instanceof ShellIncompleteError) throw ctx.errors.endOfFile(pos);
          throw e;
        }
      },
      parseEmbedded: (text) => parseComplete(text, ctx),
    };
    try {
      return scanDoubleQuoted(body, 0, completeCtx, null).parts;
    } catch (e) {
      if (e instanceof ShellIncompleteError) throw ctx.errors.endOfFile(this.pos);
      throw e;
    }
  }
}

function stripLeadingTabs(line: string): string {
  let i = 0;
  while (line[i] === '\t') i++;
  return line.slice(i);
}
