/**
 * `test EXPR` / `[ EXPR ]`, shared by the `test` and `[` programs and the shells' builtins.
 *
 * Up to four arguments follow POSIX's rules by count (so `[ "(" = "(" ]` compares two strings);
 * longer expressions go through a small recursive parser with the usual precedence:
 *
 *   or   := and ( -o or )?
 *   and  := not ( -a and )?
 *   not  := ! not | primary
 *   primary := ( or ) | UNARY-OP arg | arg BINARY-OP arg | arg
 *
 * Errors come back as text without the program prefix, because who prints them decides it:
 * busybox sh prints `sh: missing ]`, the `[` applet `[: missing ]`, bash `bash: [: missing `]'`.
 */
import type { Vfs } from '../../engine/runtime/fs';
import type { Flavour } from './flavour';

export interface TestResult {
  /** 0 true, 1 false, 2 error. */
  readonly status: 0 | 1 | 2;
  /** Set with status 2: the message after the `prog: ` prefix. */
  readonly error?: string;
}

export interface TestOptions {
  /** Called as `[`: the last argument must be `]`, and is not part of the expression. */
  readonly bracket?: boolean;
  readonly flavour?: Flavour;
  /** For `-t FD`. */
  readonly isatty?: (fd: number) => boolean;
}

const UNARY = new Set(['-r', '-w', '-x', '-e', '-f', '-d', '-c', '-b', '-p', '-u', '-g', '-k', '-s', '-t', '-z', '-n', '-h', '-L', '-O', '-G', '-S']);
const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-ge', '-gt', '-le', '-lt', '-nt', '-ot', '-ef']);

/** Why an expression is malformed; each flavour words it its own way. */
type Problem =
  | { kind: 'missing-bracket' }
  | { kind: 'argument-expected'; op?: string }
  | { kind: 'closing-paren' }
  | { kind: 'bad-number'; text: string }
  | { kind: 'unknown-operand'; text: string }
  | { kind: 'unary-expected'; text: string }
  | { kind: 'binary-expected'; text: string };

const MESSAGES: Record<Flavour, (p: Problem) => string> = {
  busybox(p) {
    switch (p.kind) {
      case 'missing-bracket': return 'missing ]';
      case 'argument-expected': return p.op ? `${p.op}: argument expected` : 'argument expected';
      case 'closing-paren': return 'closing paren expected';
      case 'bad-number': return `${p.text}: bad number`;
      case 'unknown-operand':
      case 'unary-expected':
      case 'binary-expected': return `${p.text}: unknown operand`;
    }
  },
  gnu(p) {
    switch (p.kind) {
      case 'missing-bracket': return "missing `]'";
      case 'argument-expected': return p.op ? `${p.op}: unary operator expected` : 'argument expected';
      case 'closing-paren': return "`)' expected";
      case 'bad-number': return `${p.text}: integer expression expected`;
      case 'unknown-operand': return 'too many arguments';
      case 'unary-expected': return `${p.text}: unary operator expected`;
      case 'binary-expected': return `${p.text}: binary operator expected`;
    }
  },
};

class Malformed {
  constructor(readonly problem: Problem) {}
}

export function evaluateTest(argv: readonly string[], fs: Vfs, options: TestOptions = {}): TestResult {
  const flavour = options.flavour ?? 'busybox';
  let args = argv;
  try {
    if (options.bracket) {
      if (args[args.length - 1] !== ']') throw new Malformed({ kind: 'missing-bracket' });
      args = args.slice(0, -1);
    }
    const evaluator = new Evaluator(args, fs, options.isatty ?? (() => false), flavour);
    return { status: evaluator.run() ? 0 : 1 };
  } catch (e) {
    if (e instanceof Malformed) return { status: 2, error: MESSAGES[flavour](e.problem) };
    throw e;
  }
}

class Evaluator {
  private pos = 0;

  constructor(
    private readonly args: readonly string[],
    private readonly fs: Vfs,
    private readonly isatty: (fd: number) => boolean,
    private readonly flavour: Flavour,
  ) {}

  run(): boolean {
    const special = this.byCount(this.args);
    if (special !== undefined) return special;
    const value = this.or();
    if (this.pos < this.args.length) throw new Malformed({ kind: 'unknown-operand', text: this.args[this.pos]! });
    return value;
  }

  /** POSIX's rules for 0–4 arguments; undefined when they leave it to the general parser. */
  private byCount(a: readonly string[]): boolean | undefined {
    switch (a.length) {
      case 0:
        return false;
      case 1:
        return a[0] !== '';
      case 2:
        if (a[0] === '!') return a[1] === '';
        if (UNARY.has(a[0]!)) return this.unary(a[0]!, a[1]!);
        if (this.flavour === 'gnu') throw new Malformed({ kind: 'unary-expected', text: a[0]! });
        return undefined;
      case 3:
        if (BINARY.has(a[1]!)) return this.binary(a[0]!, a[1]!, a[2]!);
        if (a[0] === '!') return negate(this.byCount(a.slice(1)));
        if (a[0] === '(' && a[2] === ')') return a[1] !== '';
        if (this.flavour === 'gnu' && a[1] !== '-a' && a[1] !== '-o') throw new Malformed({ kind: 'binary-expected', text: a[1]! });
        return undefined;
      case 4:
        if (a[0] === '!') return negate(this.byCount(a.slice(1)));
        if (a[0] === '(' && a[3] === ')') return this.byCount(a.slice(1, 3));
        return undefined;
      default:
        return undefined;
    }
  }

  private or(): boolean {
    const left = this.and();
    if (this.args[this.pos] !== '-o') return left;
    this.pos++;
    return this.or() || left;
  }

  private and(): boolean {
    const left = this.not();
    if (this.args[this.pos] !== '-a') return left;
    this.pos++;
    return this.and() && left;
  }

  private not(): boolean {
    if (this.args[this.pos] !== '!') return this.primary();
    this.pos++;
    // `[ ! ]` and `[ a -a ! ]` are true: a lone `!` is a non-empty string.
    if (this.pos >= this.args.length) return true;
    return !this.not();
  }

  private primary(): boolean {
    const a = this.args;
    const here = a[this.pos];
    if (here === undefined) throw new Malformed({ kind: 'argument-expected' });
    if (here === '(') {
      this.pos++;
      const value = this.or();
      if (a[this.pos] !== ')') throw new Malformed({ kind: 'closing-paren' });
      this.pos++;
      return value;
    }
    const next = a[this.pos + 1];
    // Like coreutils, `arg OP arg` wins over `UNARY arg` (so `[ -n = -n ]` compares strings).
    if (next !== undefined && BINARY.has(next)) {
      const right = a[this.pos + 2];
      if (right === undefined) throw new Malformed({ kind: 'argument-expected', op: next });
      this.pos += 3;
      return this.binary(here, next, right);
    }
    if (UNARY.has(here) && next !== undefined) {
      this.pos += 2;
      return this.unary(here, next);
    }
    this.pos++;
    return here !== '';
  }

  private unary(op: string, operand: string): boolean {
    switch (op) {
      case '-z': return operand === '';
      case '-n': return operand !== '';
      case '-t': return this.isatty(this.number(operand));
      default: return fileTest(this.fs, op, operand);
    }
  }

  private binary(left: string, op: string, right: string): boolean {
    switch (op) {
      case '=':
      case '==': return left === right;
      case '!=': return left !== right;
      case '<': return left < right;
      case '>': return left > right;
      case '-nt':
      case '-ot':
      case '-ef': return compareFiles(this.fs, left, op, right);
    }
    const l = this.number(left);
    const r = this.number(right);
    switch (op) {
      case '-eq': return l === r;
      case '-ne': return l !== r;
      case '-ge': return l >= r;
      case '-gt': return l > r;
      case '-le': return l <= r;
      default: return l < r;
    }
  }

  /** strtol: surrounding blanks are fine, anything else is not a number. */
  private number(text: string): number {
    if (!/^\s*[+-]?\d+\s*$/.test(text)) throw new Malformed({ kind: 'bad-number', text });
    return Number(text.trim());
  }
}

const negate = (value: boolean | undefined): boolean | undefined => (value === undefined ? undefined : !value);

const R = 4;
const W = 2;
const X = 1;

function fileTest(fs: Vfs, op: string, path: string): boolean {
  try {
    if (op === '-h' || op === '-L') return fs.lstat(path).type === 'symlink';
    const st = fs.stat(path);
    switch (op) {
      case '-e': return true;
      case '-f': return st.type === 'file';
      case '-d': return st.type === 'dir';
      case '-s': return st.size > 0;
      case '-u': return (st.mode & 0o4000) !== 0;
      case '-g': return (st.mode & 0o2000) !== 0;
      case '-k': return (st.mode & 0o1000) !== 0;
      case '-O': return st.uid === fs.cred.uid;
      case '-G': return st.gid === fs.cred.gid;
      case '-r': return canAccess(fs, st, R);
      case '-w': return canAccess(fs, st, W);
      case '-x': return canAccess(fs, st, X);
      default: return false; // -b -c -p -S: no devices, pipes or sockets on disk here
    }
  } catch {
    return false;
  }
}

/** access(2) with the effective ids: root may read and write anything, and run what has an x bit. */
function canAccess(fs: Vfs, st: { mode: number; uid: number; gid: number }, want: number): boolean {
  if (fs.cred.uid === 0) return want !== X || (st.mode & 0o111) !== 0;
  const shift = st.uid === fs.cred.uid ? 6 : st.gid === fs.cred.gid ? 3 : 0;
  return ((st.mode >> shift) & want) !== 0;
}

function compareFiles(fs: Vfs, left: string, op: string, right: string): boolean {
  try {
    const a = fs.stat(left);
    const b = fs.stat(right);
    if (op === '-nt') return a.mtime > b.mtime;
    if (op === '-ot') return a.mtime < b.mtime;
    return fs.realpath(left) === fs.realpath(right);
  } catch {
    return false;
  }
}
