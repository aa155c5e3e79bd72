// Recursive-descent parser for the busybox-sh / bash subset, following the POSIX grammar
// (list → and-or → pipeline → command). Nesting is capped so that "((((..." or "$($($(..." cannot
// overflow the JavaScript stack; the cap error is an ordinary syntax error.
import type {
  AndOr, Assignment, CaseArm, Command, CompoundCommand, DoubleQuotedPart, IfClause, ListItem, Pipeline, Redirect,
  RedirectOp, Script, SimpleCommand, Word,
} from './ast.js';
import { ErrorFactory, type ShellDialect } from './errors.js';
import { Lexer, type Token } from './lexer.js';
import { delimiterText, isValidName, scanDoubleQuoted, type WordScanContext } from './words.js';

export interface ParseOptions {
  /** Selects the error message style; default busybox (what containers run). */
  dialect?: ShellDialect;
  /** Prefix of error messages; default "sh" for busybox, "-bash" for bash. */
  shellName?: string;
  /** Line number of the first line of `src`, for `lineOf` (a script parsed a piece at a time). */
  firstLine?: number;
}

// Line numbers live beside the AST rather than in it, so trees stay plain data that compare equal
// after a print/re-parse round trip. Shells print them in messages (`sh: line 3: x: not found`).
const commandLines = new WeakMap<SimpleCommand, number>();

/** The source line a simple command started on. */
export function lineOf(command: SimpleCommand): number | undefined {
  return commandLines.get(command);
}

/** Maps positions in a source text to line numbers. */
class LineIndex {
  private newlines: number[] | undefined;
  constructor(
    private readonly src: string,
    private readonly firstLine: number,
  ) {}

  lineAt(pos: number): number {
    this.newlines ??= [...this.src.matchAll(/\n/g)].map((m) => m.index);
    const newlines = this.newlines;
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (newlines[mid]! < pos) lo = mid + 1;
      else hi = mid;
    }
    return this.firstLine + lo;
  }
}

/** Deeper than any hand-written script, far below what would exhaust the JS stack. */
export const MAX_NESTING = 100;

/** Words that end a list; they are reserved only where a command could start. */
const CLOSING_WORDS = new Set(['then', 'elif', 'else', 'fi', 'do', 'done', 'esac', '}']);
const REDIRECT_OPS = new Set<string>(['<', '>', '>>', '<>', '>|', '<&', '>&', '&>', '&>>', '<<', '<<-', '<<<']);

/**
 * Parses a complete input. Throws ShellIncompleteError when more lines could complete it (show the
 * "> " prompt and append), ShellSyntaxError for real errors.
 */
export function parse(src: string, options: ParseOptions = {}): Script {
  const errors = new ErrorFactory(options.dialect ?? 'busybox', options.shellName);
  const parser = new Parser(src, 0, 0, errors, new LineIndex(src, options.firstLine ?? 1));
  const script = parser.parseList();
  parser.expectEnd();
  return script;
}

/**
 * Text in which only `$` expansions and backquotes are special, as in an unquoted here-document
 * body: the inside of `$((...))`, which the shell expands before it evaluates the arithmetic.
 */
export function parseExpansionText(text: string, options: ParseOptions = {}): DoubleQuotedPart[] {
  const errors = new ErrorFactory(options.dialect ?? 'busybox', options.shellName);
  const parser = new Parser(text, 0, 0, errors, new LineIndex(text, options.firstLine ?? 1));
  return scanDoubleQuoted(text, 0, parser, null).parts;
}

class Parser implements WordScanContext {
  private readonly lexer: Lexer;
  private readonly lookahead: Token[] = [];

  constructor(
    private readonly src: string,
    start: number,
    public depth: number,
    readonly errors: ErrorFactory,
    private readonly lines: LineIndex,
  ) {
    if (depth > MAX_NESTING) throw errors.tooDeep(MAX_NESTING, start);
    this.lexer = new Lexer(src, start, this);
  }

  // --- WordScanContext: nested parsers for $(...) and `...` ---

  parseSubstitution(src: string, pos: number, depth: number): { script: Script; end: number } {
    const inner = new Parser(src, pos, depth, this.errors, this.lines);
    const script = inner.parseList();
    const close = inner.take();
    if (close.kind === 'op' && close.op === ')' && !inner.lexer.hasPendingHereDocs()) {
      return { script, end: close.end };
    }
    throw inner.unexpected(close);
  }

  parseEmbedded(src: string, depth: number): Script {
    // A `...` body or a here-document: its lines count from the line the outer text is at.
    const inner = new Parser(src, 0, depth, this.errors, new LineIndex(src, this.lines.lineAt(this.lexer.pos)));
    const script = inner.parseList();
    inner.expectEnd();
    return script;
  }

  // --- tokens ---

  private peek(k = 0): Token {
    while (this.lookahead.length <= k) this.lookahead.push(this.lexer.next());
    return this.lookahead[k]!;
  }

  private take(): Token {
    return this.lookahead.shift() ?? this.lexer.next();
  }

  private isOp(token: Token, op: string): boolean {
    return token.kind === 'op' && token.op === op;
  }

  private isReserved(token: Token, word: string): boolean {
    return token.kind === 'word' && token.plain && token.raw === word;
  }

  private skipNewlines(): void {
    while (this.peek().kind === 'newline') this.take();
  }

  /** EOF where something is still expected means "incomplete"; anything else is a syntax error. */
  private unexpected(token: Token, reason: 'compound' | 'operator' = 'compound'): Error {
    if (token.kind === 'eof') return this.errors.incomplete(reason, token.start);
    const text = token.kind === 'word' ? token.raw : token.kind === 'op' ? token.op
      : token.kind === 'ionumber' ? String(token.fd) : 'newline';
    return this.errors.unexpected(text, token.start);
  }

  private expectReserved(word: string): void {
    const token = this.take();
    if (!this.isReserved(token, word)) throw this.unexpected(token);
  }

  private expectOp(op: string): void {
    const token = this.take();
    if (!this.isOp(token, op)) throw this.unexpected(token);
  }

  expectEnd(): void {
    const token = this.take();
    if (token.kind !== 'eof') throw this.unexpected(token);
  }

  private nested<T>(start: number, parse: () => T): T {
    if (++this.depth > MAX_NESTING) throw this.errors.tooDeep(MAX_NESTING, start);
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  // --- grammar ---

  /** A list of and-or items; stops before a closing word, ')', ';;' or end of input. */
  parseList(): Script {
    const items: ListItem[] = [];
    this.skipNewlines();
    for (;;) {
      const token = this.peek();
      if (token.kind === 'eof' || this.isOp(token, ')') || this.isOp(token, ';;')) break;
      if (token.kind === 'word' && token.plain && CLOSING_WORDS.has(token.raw)) break;
      const command = this.parseAndOr();
      const separator = this.peek();
      if (this.isOp(separator, ';') || this.isOp(separator, '&')) {
        this.take();
        items.push({ command, background: this.isOp(separator, '&') });
        this.skipNewlines();
        continue;
      }
      items.push({ command, background: false });
      if (separator.kind !== 'newline') break;
      this.skipNewlines();
    }
    return { type: 'script', items };
  }

  private parseNonEmptyList(): Script {
    const list = this.parseList();
    if (list.items.length === 0) throw this.unexpected(this.peek());
    return list;
  }

  private parseAndOr(): AndOr {
    const first = this.parsePipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'op' || (token.op !== '&&' && token.op !== '||')) break;
      this.take();
      this.skipNewlines();
      rest.push({ op: token.op, pipeline: this.parsePipeline() });
    }
    return { type: 'andor', first, rest };
  }

  private parsePipeline(): Pipeline {
    const timed = this.parseTime();
    const negated = this.isReserved(this.peek(), '!');
    if (negated) this.take();
    const commands = [this.parseCommand()];
    while (this.isOp(this.peek(), '|')) {
      this.take();
      this.skipNewlines();
      commands.push(this.parseCommand());
    }
    return timed ? { type: 'pipeline', negated, commands, timed } : { type: 'pipeline', negated, commands };
  }

  /** bash's reserved word `time [-p]` before a pipeline (busybox has a `time` program instead). */
  private parseTime(): Pipeline['timed'] {
    if (this.errors.dialect !== 'bash' || !this.isReserved(this.peek(), 'time')) return undefined;
    this.take();
    if (!this.isReserved(this.peek(), '-p')) return 'bash';
    this.take();
    return 'posix';
  }

  private parseCommand(): Command {
    const token = this.peek();
    if (token.kind === 'eof') throw this.errors.incomplete('operator', token.start);
    if (this.isOp(token, '(')) return this.nested(token.start, () => this.parseSubshell());
    if (token.kind === 'word' && token.plain) {
      const compound = this.parseCompoundByKeyword(token);
      if (compound !== null) return compound;
      if (CLOSING_WORDS.has(token.raw)) throw this.unexpected(token);
      if (isValidName(token.raw) && this.isOp(this.peek(1), '(')) return this.parseFunction();
      const next = this.peek(1);
      // bash's (and ash's) `function name [()] { ...; }`
      if (token.raw === 'function' && next.kind === 'word' && next.plain && isValidName(next.raw)) {
        this.take();
        return this.parseFunction();
      }
    }
    if (token.kind === 'word' || token.kind === 'ionumber' || (token.kind === 'op' && REDIRECT_OPS.has(token.op))) {
      return this.parseSimpleCommand();
    }
    throw this.unexpected(token);
  }

  private parseCompoundByKeyword(token: Token): CompoundCommand | null {
    if (token.kind !== 'word') return null;
    let parse: (() => CompoundCommand) | undefined;
    switch (token.raw) {
      case 'if': parse = () => this.parseIf(); break;
      case 'while': parse = () => this.parseLoop(false); break;
      case 'until': parse = () => this.parseLoop(true); break;
      case 'for': parse = () => this.parseFor(); break;
      case 'case': parse = () => this.parseCase(); break;
      case '{': parse = () => this.parseGroup(); break;
      default: return null;
    }
    return this.nested(token.start, parse);
  }

  private parseSimpleCommand(): SimpleCommand {
    const line = this.lines.lineAt(this.peek().start);
    const assignments: Assignment[] = [];
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    for (;;) {
      const token = this.peek();
      if (token.kind === 'ionumber' || (token.kind === 'op' && REDIRECT_OPS.has(token.op))) {
        redirects.push(this.parseRedirect());
      } else if (token.kind === 'word') {
        this.take();
        const assignment = words.length === 0 ? asAssignment(token.word) : null;
        if (assignment !== null) assignments.push(assignment);
        else words.push(token.word);
      } else break;
    }
    const command: SimpleCommand = { type: 'simple', assignments, words, redirects };
    commandLines.set(command, line);
    return command;
  }

  private parseRedirects(): Redirect[] {
    const redirects: Redirect[] = [];
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'ionumber' && !(token.kind === 'op' && REDIRECT_OPS.has(token.op))) return redirects;
      redirects.push(this.parseRedirect());
    }
  }

  private parseRedirect(): Redirect {
    let token = this.take();
    let fd: number | undefined;
    if (token.kind === 'ionumber') {
      fd = token.fd;
      token = this.take();
    }
    if (token.kind !== 'op' || !REDIRECT_OPS.has(token.op)) throw this.unexpected(token);
    const op = token.op as RedirectOp;
    const target = this.take();
    // bash and ash both say "unexpected newline" for `echo >` at the end of input.
    if (target.kind === 'eof') throw this.errors.unexpected('newline', target.start);
    if (target.kind !== 'word') throw this.unexpected(target);
    const redirect: Redirect = { ...(fd === undefined ? {} : { fd }), op, target: target.word };
    if (op === '<<' || op === '<<-') {
      const { text, quoted } = delimiterText(target.word);
      // Registered before any further token is read, so the lexer reads the body at this line's end.
      this.lexer.addHereDoc(redirect, text, !quoted, op === '<<-');
    }
    return redirect;
  }

  private parseIf(): CompoundCommand {
    this.take();
    const clauses: IfClause[] = [];
    let elseBody: Script | undefined;
    for (;;) {
      const condition = this.parseNonEmptyList();
      this.expectReserved('then');
      clauses.push({ condition, body: this.parseNonEmptyList() });
      const next = this.take();
      if (this.isReserved(next, 'elif')) continue;
      if (this.isReserved(next, 'else')) {
        elseBody = this.parseNonEmptyList();
        this.expectReserved('fi');
      } else if (!this.isReserved(next, 'fi')) throw this.unexpected(next);
      break;
    }
    return { type: 'if', clauses, ...(elseBody ? { elseBody } : {}), redirects: this.parseRedirects() };
  }

  private parseLoop(until: boolean): CompoundCommand {
    this.take();
    const condition = this.parseNonEmptyList();
    this.expectReserved('do');
    const body = this.parseNonEmptyList();
    this.expectReserved('done');
    return { type: 'loop', until, condition, body, redirects: this.parseRedirects() };
  }

  private parseFor(): CompoundCommand {
    this.take();
    const name = this.take();
    if (name.kind !== 'word' || !name.plain || !isValidName(name.raw)) throw this.unexpected(name);
    let items: Word[] | undefined;
    if (this.isOp(this.peek(), ';')) {
      this.take();
    } else {
      this.skipNewlines();
      if (this.isReserved(this.peek(), 'in')) {
        this.take();
        items = [];
        for (let token = this.peek(); token.kind === 'word'; token = this.peek()) items.push(this.takeWord());
        const separator = this.take();
        if (!this.isOp(separator, ';') && separator.kind !== 'newline') throw this.unexpected(separator);
      }
    }
    this.skipNewlines();
    this.expectReserved('do');
    const body = this.parseNonEmptyList();
    this.expectReserved('done');
    return { type: 'for', variable: name.raw, ...(items ? { items } : {}), body, redirects: this.parseRedirects() };
  }

  private takeWord(): Word {
    const token = this.take();
    if (token.kind !== 'word') throw this.unexpected(token);
    return token.word;
  }

  private parseCase(): CompoundCommand {
    this.take();
    const subject = this.takeWord();
    this.skipNewlines();
    this.expectReserved('in');
    this.skipNewlines();
    const arms: CaseArm[] = [];
    for (;;) {
      if (this.isReserved(this.peek(), 'esac')) break;
      if (this.isOp(this.peek(), '(')) this.take();
      const patterns = [this.takeWord()];
      while (this.isOp(this.peek(), '|')) {
        this.take();
        patterns.push(this.takeWord());
      }
      this.expectOp(')');
      const body = this.parseList();
      arms.push({ patterns, body });
      if (!this.isOp(this.peek(), ';;')) break;
      this.take();
      this.skipNewlines();
    }
    this.expectReserved('esac');
    return { type: 'case', subject, arms, redirects: this.parseRedirects() };
  }

  private parseGroup(): CompoundCommand {
    this.take();
    const body = this.parseNonEmptyList();
    this.expectReserved('}');
    return { type: 'group', body, redirects: this.parseRedirects() };
  }

  private parseSubshell(): CompoundCommand {
    this.take();
    const body = this.parseNonEmptyList();
    this.expectOp(')');
    return { type: 'subshell', body, redirects: this.parseRedirects() };
  }

  /** `name() body`; after the `function` keyword the parentheses are optional. */
  private parseFunction(): Command {
    const name = this.take() as Extract<Token, { kind: 'word' }>;
    if (this.isOp(this.peek(), '(')) {
      this.take();
      this.expectOp(')');
    }
    this.skipNewlines();
    const token = this.peek();
    const body = this.isOp(token, '(')
      ? this.nested(token.start, () => this.parseSubshell())
      : token.kind === 'word' && token.plain ? this.parseCompoundByKeyword(token) : null;
    if (body === null) throw this.unexpected(token);
    return { type: 'function', name: name.raw, body };
  }
}

/** NAME=value as the first words of a simple command (the NAME part must be unquoted). */
function asAssignment(word: Word): Assignment | null {
  const first = word.parts[0];
  if (first?.type !== 'literal') return null;
  const eq = first.value.indexOf('=');
  if (eq <= 0 || !isValidName(first.value.slice(0, eq))) return null;
  const rest = first.value.slice(eq + 1);
  const parts = rest === '' ? word.parts.slice(1) : [{ type: 'literal' as const, value: rest }, ...word.parts.slice(1)];
  return { name: first.value.slice(0, eq), value: { parts } };
}
