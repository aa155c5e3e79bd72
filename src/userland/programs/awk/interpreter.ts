/**
 * Runs a parsed awk program: BEGIN, each record through the pattern-action items, END. Evaluation
 * is a generator like any program, so loops give the simulated CPU back (`while (1)` stays
 * interruptible) and `system()` can run a command through the kernel.
 */
import { sys, type Sys } from '../../../engine/runtime/process';
import { posixToRegExp, PosixRegexError } from '../../lib/posix-regex';
import type { AwkProgram, Expr, LValue, Stmt } from './ast';
import { compare, sprintf, StrNum, toBool, toNumber, toText, type Value } from './values';

type AwkArray = Map<string, Value>;

/** A fatal runtime error: gawk prints `fatal: MESSAGE` and exits 2. */
export class AwkFatal extends Error {}

class Next {}
class Exit {
  constructor(readonly status: number | undefined) {}
}
class Break {}
class Continue {}
class Return {
  constructor(readonly value: Value) {}
}

/** Loop iterations between two yields of the CPU. */
const ITERATIONS_PER_TICK = 1000;

export interface AwkIo {
  write(fd: 1 | 2, text: string): Sys<void>;
  /** Writes to a file for `print > FILE`, truncating it first when `truncate`. */
  writeFile(path: string, text: string, truncate: boolean): void;
  /** Runs `sh -c command` and returns its exit status. */
  system(command: string): Sys<number>;
}

export class Interpreter {
  private readonly globals = new Map<string, Value | AwkArray>();
  private frames: Map<string, Value | AwkArray>[] = [];
  private record = '';
  private fields: string[] | undefined;
  private output = '';
  private readonly openedFiles = new Set<string>();
  private readonly regexCache = new Map<string, RegExp>();
  private readonly ranges = new Map<number, boolean>();
  private iterations = 0;
  private seed = 0;
  private randState = 0;

  constructor(
    private readonly program: AwkProgram,
    private readonly io: AwkIo,
    variables: Readonly<Record<string, Value>>,
    arrays: Readonly<Record<string, Readonly<Record<string, Value>>>>,
  ) {
    const defaults: Record<string, Value> = { FS: ' ', OFS: ' ', ORS: '\n', RS: '\n', NR: 0, NF: 0, FNR: 0, SUBSEP: '\x1c', CONVFMT: '%.6g', OFMT: '%.6g', RSTART: 0, RLENGTH: -1, FILENAME: '' };
    for (const [k, v] of Object.entries({ ...defaults, ...variables })) this.globals.set(k, v);
    for (const [name, values] of Object.entries(arrays)) this.globals.set(name, new Map(Object.entries(values)));
  }

  setVariable(name: string, value: Value): void {
    this.globals.set(name, value);
  }

  get hasMainItems(): boolean {
    return this.program.items.some((i) => i.pattern.k !== 'begin');
  }

  /** Runs the BEGIN items; false when `exit` was called (the input is then not read). */
  *begin(): Sys<number | undefined> {
    return yield* this.runItems('begin');
  }

  *end(): Sys<number | undefined> {
    return yield* this.runItems('end');
  }

  private *runItems(kind: 'begin' | 'end'): Sys<number | undefined> {
    try {
      for (const item of this.program.items) if (item.pattern.k === kind) yield* this.exec(item.action!);
      return undefined;
    } catch (e) {
      if (e instanceof Exit) return e.status ?? 0;
      throw e;
    } finally {
      yield* this.flush();
    }
  }

  /** One input record through the main items; a number when `exit` was called. */
  *processRecord(line: string): Sys<number | undefined> {
    this.setRecord(line);
    this.globals.set('NR', toNumber(this.get('NR')) + 1);
    this.globals.set('FNR', toNumber(this.get('FNR')) + 1);
    try {
      for (const [index, item] of this.program.items.entries()) {
        const { pattern } = item;
        let selected: boolean;
        if (pattern.k === 'begin' || pattern.k === 'end') continue;
        if (pattern.k === 'always') selected = true;
        else if (pattern.k === 'expr') selected = toBool(yield* this.eval(pattern.e));
        else {
          const inRange = this.ranges.get(index) ?? false;
          selected = inRange || toBool(yield* this.eval(pattern.from));
          if (selected) this.ranges.set(index, !toBool(yield* this.eval(pattern.to)));
        }
        if (!selected) continue;
        if (item.action) yield* this.exec(item.action);
        else this.output += this.record + toText(this.get('ORS'));
      }
    } catch (e) {
      if (e instanceof Exit) return e.status ?? 0;
      if (!(e instanceof Next)) throw e;
    } finally {
      yield* this.flush();
    }
    return undefined;
  }

  *flush(): Sys<void> {
    if (this.output === '') return;
    const text = this.output;
    this.output = '';
    yield* this.io.write(1, text);
  }

  // --- records and fields ---

  private setRecord(line: string): void {
    this.record = line;
    this.fields = undefined;
    this.globals.set('NF', this.split(line, this.get('FS')).length);
  }

  private splitFields(): string[] {
    this.fields ??= this.split(this.record, this.get('FS'));
    return this.fields;
  }

  /** Field splitting: " " is runs of blanks (trimmed), one other character is itself, longer is a regex. */
  split(text: string, fsValue: Value): string[] {
    const fs = toText(fsValue);
    if (fs === ' ') return text.split(/[ \t\n]+/).filter((f) => f !== '');
    if (text === '') return [];
    if (fs.length === 1 && fs !== '\\') return text.split(fs);
    return text.split(this.regex(fs));
  }

  private rebuildRecord(): void {
    this.record = this.splitFields().join(toText(this.get('OFS')));
  }

  private getField(n: number): Value {
    if (n < 0) throw new AwkFatal(`attempt to access field ${n}`);
    if (n === 0) return new StrNum(this.record);
    const value = this.splitFields()[n - 1];
    return value === undefined ? undefined : new StrNum(value);
  }

  private setField(n: number, value: Value): void {
    if (n < 0) throw new AwkFatal(`attempt to access field ${n}`);
    if (n === 0) return this.setRecord(toText(value, toText(this.get('CONVFMT'))));
    const fields = this.splitFields();
    while (fields.length < n) fields.push('');
    fields[n - 1] = toText(value, toText(this.get('CONVFMT')));
    this.globals.set('NF', fields.length);
    this.rebuildRecord();
  }

  // --- variables ---

  private scopeOf(name: string): Map<string, Value | AwkArray> {
    const frame = this.frames.at(-1);
    return frame?.has(name) ? frame : this.globals;
  }

  private get(name: string): Value {
    const value = this.scopeOf(name).get(name);
    if (value instanceof Map) throw new AwkFatal(`attempt to use array \`${name}' in a scalar context`);
    return value;
  }

  private set(name: string, value: Value): void {
    const scope = this.scopeOf(name);
    if (scope.get(name) instanceof Map) throw new AwkFatal(`attempt to use array \`${name}' in a scalar context`);
    scope.set(name, value);
    if (name === 'NF') {
      const fields = this.splitFields();
      fields.length = Math.max(0, Math.trunc(toNumber(value)));
      for (let i = 0; i < fields.length; i++) fields[i] ??= '';
      this.rebuildRecord();
    }
  }

  private array(name: string): AwkArray {
    const scope = this.scopeOf(name);
    const value = scope.get(name);
    if (value instanceof Map) return value;
    if (value !== undefined) throw new AwkFatal(`attempt to use scalar \`${name}' as an array`);
    const created: AwkArray = new Map();
    scope.set(name, created);
    return created;
  }

  private *subscript(subs: readonly Expr[]): Sys<string> {
    const parts: string[] = [];
    for (const s of subs) parts.push(toText(yield* this.eval(s), toText(this.get('CONVFMT'))));
    return parts.join(toText(this.get('SUBSEP')));
  }

  private *read(target: LValue): Sys<Value> {
    if (target.k === 'var') return this.get(target.name);
    if (target.k === 'field') return this.getField(Math.trunc(toNumber(yield* this.eval(target.e))));
    return this.array(target.name).get(yield* this.subscript(target.subs));
  }

  private *assign(target: LValue, value: Value): Sys<void> {
    if (target.k === 'var') this.set(target.name, value);
    else if (target.k === 'field') this.setField(Math.trunc(toNumber(yield* this.eval(target.e))), value);
    else this.array(target.name).set(yield* this.subscript(target.subs), value);
  }

  regex(source: string): RegExp {
    let re = this.regexCache.get(source);
    if (!re) {
      try {
        re = posixToRegExp(source, { extended: true, ignoreCase: false });
      } catch (e) {
        if (e instanceof PosixRegexError) throw new AwkFatal(`invalid regexp: ${e.message}: /${source}/`);
        throw e;
      }
      this.regexCache.set(source, re);
    }
    return re;
  }

  private *regexOf(e: Expr): Sys<RegExp> {
    return this.regex(e.k === 'regex' ? e.source : toText(yield* this.eval(e)));
  }

  // --- statements ---

  private *tick(): Sys<void> {
    if (++this.iterations % ITERATIONS_PER_TICK === 0) {
      yield* this.flush();
      yield* sys.tick();
    }
  }

  /** Runs a loop body; true when it asked to leave the loop. */
  private *loopBody(body: Stmt): Sys<boolean> {
    yield* this.tick();
    try {
      yield* this.exec(body);
    } catch (e) {
      if (e instanceof Break) return true;
      if (!(e instanceof Continue)) throw e;
    }
    return false;
  }

  private *exec(s: Stmt): Sys<void> {
    switch (s.k) {
      case 'block':
        for (const inner of s.body) yield* this.exec(inner);
        return;
      case 'expr':
        yield* this.eval(s.e);
        return;
      case 'print':
      case 'printf': {
        const values: Value[] = [];
        for (const a of s.args) values.push(yield* this.eval(a));
        let text: string;
        if (s.k === 'printf') text = sprintf(toText(values[0]), values.slice(1));
        else {
          const ofmt = toText(this.get('OFMT'));
          text = (values.length === 0 ? this.record : values.map((v) => toText(v, ofmt)).join(toText(this.get('OFS')))) + toText(this.get('ORS'));
        }
        yield* this.emit(text, s.output && { mode: s.output.mode, path: toText(yield* this.eval(s.output.target)) });
        return;
      }
      case 'if':
        if (toBool(yield* this.eval(s.c))) yield* this.exec(s.then);
        else if (s.else) yield* this.exec(s.else);
        return;
      case 'while':
        while (toBool(yield* this.eval(s.c))) if (yield* this.loopBody(s.body)) return;
        return;
      case 'do':
        do if (yield* this.loopBody(s.body)) return;
        while (toBool(yield* this.eval(s.c)));
        return;
      case 'for':
        if (s.init) yield* this.eval(s.init);
        while (!s.c || toBool(yield* this.eval(s.c))) {
          if (yield* this.loopBody(s.body)) return;
          if (s.step) yield* this.eval(s.step);
        }
        return;
      case 'forin':
        for (const key of [...this.array(s.array).keys()]) {
          this.set(s.variable, new StrNum(key));
          if (yield* this.loopBody(s.body)) return;
        }
        return;
      case 'break':
        throw new Break();
      case 'continue':
        throw new Continue();
      case 'next':
        throw new Next();
      case 'exit':
        throw new Exit(s.e ? Math.trunc(toNumber(yield* this.eval(s.e))) : undefined);
      case 'return':
        throw new Return(s.e ? yield* this.eval(s.e) : undefined);
      case 'delete':
        if (s.subs) this.array(s.name).delete(yield* this.subscript(s.subs));
        else this.array(s.name).clear();
        return;
    }
  }

  private *emit(text: string, output: { mode: '>' | '>>'; path: string } | undefined): Sys<void> {
    if (!output || output.path === '/dev/stdout' || output.path === '-') {
      this.output += text;
      if (this.output.length > 4096) yield* this.flush();
      return;
    }
    if (output.path === '/dev/stderr') {
      yield* this.flush();
      yield* this.io.write(2, text);
      return;
    }
    // `>` truncates the file when it is first opened; later prints append.
    this.io.writeFile(output.path, text, output.mode === '>' && !this.openedFiles.has(output.path));
    this.openedFiles.add(output.path);
  }

  // --- expressions ---

  *eval(e: Expr): Sys<Value> {
    switch (e.k) {
      case 'num':
        return e.v;
      case 'str':
        return e.v;
      case 'regex':
        return this.regex(e.source).test(this.record) ? 1 : 0;
      case 'var':
        return this.get(e.name);
      case 'index':
      case 'field':
        return yield* this.read(e);
      case 'group':
        return yield* this.eval(e.e);
      case 'list':
        throw new AwkFatal('a parenthesized list is only allowed before `in` or after print');
      case 'assign': {
        const right = yield* this.eval(e.value);
        let value: Value = right;
        if (e.op !== '=') value = arithmetic(e.op.slice(0, -1), toNumber(yield* this.read(e.target)), toNumber(right));
        yield* this.assign(e.target, value);
        return value;
      }
      case 'cond':
        return toBool(yield* this.eval(e.c)) ? yield* this.eval(e.a) : yield* this.eval(e.b);
      case 'and':
        return toBool(yield* this.eval(e.l)) && toBool(yield* this.eval(e.r)) ? 1 : 0;
      case 'or':
        return toBool(yield* this.eval(e.l)) || toBool(yield* this.eval(e.r)) ? 1 : 0;
      case 'in':
        return this.array(e.name).has(yield* this.subscript(e.subs)) ? 1 : 0;
      case 'match': {
        const text = toText(yield* this.eval(e.l), toText(this.get('CONVFMT')));
        return (yield* this.regexOf(e.r)).test(text) !== e.negate ? 1 : 0;
      }
      case 'cmp': {
        const c = compare(yield* this.eval(e.l), yield* this.eval(e.r));
        const result = { '<': c < 0, '<=': c <= 0, '==': c === 0, '!=': c !== 0, '>=': c >= 0, '>': c > 0 }[e.op];
        return result ? 1 : 0;
      }
      case 'concat': {
        const convfmt = toText(this.get('CONVFMT'));
        return toText(yield* this.eval(e.l), convfmt) + toText(yield* this.eval(e.r), convfmt);
      }
      case 'bin':
        return arithmetic(e.op, toNumber(yield* this.eval(e.l)), toNumber(yield* this.eval(e.r)));
      case 'neg':
        return -toNumber(yield* this.eval(e.e));
      case 'plus':
        return toNumber(yield* this.eval(e.e));
      case 'not':
        return toBool(yield* this.eval(e.e)) ? 0 : 1;
      case 'incdec': {
        const old = toNumber(yield* this.read(e.target));
        yield* this.assign(e.target, old + e.delta);
        return e.prefix ? old + e.delta : old;
      }
      case 'call':
        return yield* this.call(e.name, e.args);
      case 'builtin':
        return yield* this.builtin(e.name, e.args);
    }
  }

  private *call(name: string, args: readonly Expr[]): Sys<Value> {
    const fn = this.program.functions.get(name);
    if (!fn) throw new AwkFatal(`function \`${name}' not defined`);
    if (args.length > fn.params.length) throw new AwkFatal(`function \`${name}' called with more arguments than declared`);
    const frame = new Map<string, Value | AwkArray>();
    for (const [i, param] of fn.params.entries()) {
      const arg = args[i];
      // Arrays go by reference: a bare name holding (or to hold) an array is passed as the array itself.
      if (arg?.k === 'var' && this.scopeOf(arg.name).get(arg.name) instanceof Map) frame.set(param, this.array(arg.name));
      else frame.set(param, arg ? yield* this.eval(arg) : undefined);
    }
    this.frames.push(frame);
    try {
      yield* this.exec(fn.body);
      return undefined;
    } catch (e) {
      if (e instanceof Return) return e.value;
      throw e;
    } finally {
      this.frames.pop();
    }
  }

  private *builtin(name: string, args: readonly Expr[]): Sys<Value> {
    const text = function* (this: Interpreter, i: number): Sys<string> {
      return toText(yield* this.eval(args[i]!), toText(this.get('CONVFMT')));
    }.bind(this);
    const num = function* (this: Interpreter, i: number): Sys<number> {
      return toNumber(yield* this.eval(args[i]!));
    }.bind(this);
    switch (name) {
      case 'length': {
        const arg = args[0];
        if (arg === undefined) return [...this.record].length;
        if (arg.k === 'var' && this.scopeOf(arg.name).get(arg.name) instanceof Map) return this.array(arg.name).size;
        return [...(yield* text(0))].length;
      }
      case 'substr': {
        const s = yield* text(0);
        // awk positions are 1-based and rounded; the part outside the string is dropped.
        const start = Math.round(yield* num(1));
        const end = args.length > 2 ? start + Math.round(yield* num(2)) : Infinity;
        return s.slice(Math.max(start, 1) - 1, Math.max(Math.min(end, s.length + 1), 1) - 1);
      }
      case 'index':
        return (yield* text(0)).indexOf(yield* text(1)) + 1;
      case 'split': {
        const target = args[1];
        if (target?.k !== 'var') throw new AwkFatal('split: second argument is not an array');
        const s = yield* text(0);
        const separator = args[2] === undefined ? this.get('FS') : args[2].k === 'regex' ? args[2].source : yield* this.eval(args[2]);
        const parts = args[2]?.k === 'regex' ? (s === '' ? [] : s.split(this.regex(args[2].source))) : this.split(s, separator);
        const array = this.array(target.name);
        array.clear();
        parts.forEach((p, i) => array.set(String(i + 1), new StrNum(p)));
        return parts.length;
      }
      case 'sub':
      case 'gsub': {
        const re = yield* this.regexOf(args[0]!);
        const replacement = yield* text(1);
        const target: LValue = args[2] && (args[2].k === 'var' || args[2].k === 'index' || args[2].k === 'field') ? args[2] : { k: 'field', e: { k: 'num', v: 0 } };
        const original = toText(yield* this.read(target), toText(this.get('CONVFMT')));
        let count = 0;
        const flags = name === 'gsub' ? 'g' : '';
        const replaced = original.replace(new RegExp(re.source, flags), (matched) => {
          count++;
          return replacement.replace(/\\\\|\\&|&/g, (m) => (m === '&' ? matched : m === '\\&' ? '&' : '\\'));
        });
        if (count > 0) yield* this.assign(target, replaced);
        return count;
      }
      case 'match': {
        const m = (yield* this.regexOf(args[1]!)).exec(yield* text(0));
        this.globals.set('RSTART', m ? m.index + 1 : 0);
        this.globals.set('RLENGTH', m ? m[0].length : -1);
        return m ? m.index + 1 : 0;
      }
      case 'sprintf': {
        const values: Value[] = [];
        for (const a of args) values.push(yield* this.eval(a));
        return sprintf(toText(values[0]), values.slice(1));
      }
      case 'toupper':
        return (yield* text(0)).toUpperCase();
      case 'tolower':
        return (yield* text(0)).toLowerCase();
      case 'int':
        return Math.trunc(yield* num(0));
      case 'sqrt':
        return Math.sqrt(yield* num(0));
      case 'exp':
        return Math.exp(yield* num(0));
      case 'log':
        return Math.log(yield* num(0));
      case 'sin':
        return Math.sin(yield* num(0));
      case 'cos':
        return Math.cos(yield* num(0));
      case 'atan2':
        return Math.atan2(yield* num(0), yield* num(1));
      case 'rand':
        return this.random();
      case 'srand': {
        const previous = this.seed;
        this.seed = args.length > 0 ? yield* num(0) : 0;
        this.randState = this.seed;
        return previous;
      }
      case 'system': {
        yield* this.flush();
        return yield* this.io.system(yield* text(0));
      }
      case 'close':
      case 'fflush':
        yield* this.flush();
        return 0;
      default:
        throw new AwkFatal(`function \`${name}' not defined`);
    }
  }

  /** A seeded generator: like awk's, the same sequence on every run until srand() changes it. */
  private random(): number {
    this.randState = (this.randState * 1103515245 + 12345) % 2147483648;
    return this.randState / 2147483648;
  }
}

function arithmetic(op: string, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      if (b === 0) throw new AwkFatal('division by zero attempted');
      return a / b;
    case '%':
      if (b === 0) throw new AwkFatal('division by zero attempted in `%\'');
      return a % b;
    default:
      return a ** b;
  }
}
