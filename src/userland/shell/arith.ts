// Shell arithmetic, `$((...))` and `let`: C's integer operators on 64-bit signed integers, with
// shell variables as operands (a variable holding an expression is evaluated in turn). The
// expression is parsed once into a small tree; `&&`, `||` and `?:` only evaluate the side they need,
// so `$((x > 0 && (y = 1)))` assigns y only when x is positive.

export interface ArithVariables {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

/** A malformed expression or an impossible operation; `token` is the text where it went wrong. */
export class ArithError extends Error {
  constructor(
    readonly kind: 'syntax' | 'divide-by-zero' | 'negative-exponent' | 'recursion',
    readonly token: string,
  ) {
    super(kind);
    this.name = 'ArithError';
  }
}

type Node =
  | { readonly k: 'num'; readonly v: bigint }
  | { readonly k: 'var'; readonly name: string }
  | { readonly k: 'unary'; readonly op: string; readonly e: Node }
  | { readonly k: 'step'; readonly op: '++' | '--'; readonly prefix: boolean; readonly name: string }
  | { readonly k: 'binary'; readonly op: string; readonly l: Node; readonly r: Node }
  | { readonly k: 'cond'; readonly c: Node; readonly t: Node; readonly f: Node }
  | { readonly k: 'assign'; readonly op: string; readonly name: string; readonly e: Node };

const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '&=', '^=', '|=']);
// Longest first.
const OPERATORS = [
  '<<=', '>>=', '**', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '++', '--', '+=', '-=', '*=', '/=',
  '%=', '&=', '^=', '|=', '+', '-', '*', '/', '%', '<', '>', '=', '!', '~', '&', '^', '|', '?', ':', '(', ')', ',',
];

/** Binary operators by precedence level, loosest first (assignment, ?: and , are handled apart). */
const LEVELS: readonly (readonly string[])[] = [
  ['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!='], ['<', '>', '<=', '>='], ['<<', '>>'], ['+', '-'], ['*', '/', '%'],
];

type Token = { readonly t: 'num' | 'name' | 'op'; readonly text: string; readonly pos: number };

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\n') {
      i++;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*|^[0-9][0-9A-Za-z_#@]*/.exec(src.slice(i, i + 200));
    if (word) {
      tokens.push({ t: /[0-9]/.test(c) ? 'num' : 'name', text: word[0], pos: i });
      i += word[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (op === undefined) throw new ArithError('syntax', src.slice(i));
    tokens.push({ t: 'op', text: op, pos: i });
    i += op.length;
  }
  return tokens;
}

/** `10`, `0x1f`, `017`, `2#101`, `64#_`: the digits bash and busybox accept. */
function parseNumber(text: string): bigint {
  let base = 10;
  let digits = text;
  const hash = text.indexOf('#');
  if (hash > 0) {
    base = Number(text.slice(0, hash));
    digits = text.slice(hash + 1);
    if (!(base >= 2 && base <= 64) || digits === '') throw new ArithError('syntax', text);
  } else if (/^0[xX]/.test(text)) {
    base = 16;
    digits = text.slice(2);
  } else if (text.length > 1 && text.startsWith('0')) {
    base = 8;
    digits = text.slice(1);
  }
  let value = 0n;
  for (const d of digits) {
    let n: number;
    if (d >= '0' && d <= '9') n = d.charCodeAt(0) - 48;
    else if (d >= 'a' && d <= 'z') n = d.charCodeAt(0) - 97 + 10;
    else if (d >= 'A' && d <= 'Z') n = d.charCodeAt(0) - 65 + (base <= 36 ? 10 : 36);
    else if (d === '@') n = 62;
    else if (d === '_') n = 63;
    else throw new ArithError('syntax', text);
    if (n >= base) throw new ArithError('syntax', text);
    value = BigInt.asIntN(64, value * BigInt(base) + BigInt(n));
  }
  return value;
}

class Parser {
  private i = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly src: string,
  ) {}

  parse(): Node {
    const node = this.comma();
    if (this.i < this.tokens.length) throw this.error();
    return node;
  }

  private error(): ArithError {
    const token = this.tokens[this.i];
    return new ArithError('syntax', token ? this.src.slice(token.pos) : '');
  }

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  private isOp(text: string): boolean {
    const t = this.tokens[this.i];
    return t !== undefined && t.t === 'op' && t.text === text;
  }

  private comma(): Node {
    let node = this.assignment();
    while (this.isOp(',')) {
      this.i++;
      node = { k: 'binary', op: ',', l: node, r: this.assignment() };
    }
    return node;
  }

  private assignment(): Node {
    const t = this.peek();
    const next = this.tokens[this.i + 1];
    if (t?.t === 'name' && next?.t === 'op' && ASSIGN_OPS.has(next.text)) {
      this.i += 2;
      return { k: 'assign', op: next.text, name: t.text, e: this.assignment() };
    }
    return this.conditional();
  }

  private conditional(): Node {
    const c = this.binary(0);
    if (!this.isOp('?')) return c;
    this.i++;
    const t = this.comma();
    if (!this.isOp(':')) throw this.error();
    this.i++;
    return { k: 'cond', c, t, f: this.assignment() };
  }

  private binary(level: number): Node {
    if (level >= LEVELS.length) return this.power();
    let node = this.binary(level + 1);
    for (;;) {
      const t = this.peek();
      if (t?.t !== 'op' || !LEVELS[level]!.includes(t.text)) return node;
      this.i++;
      node = { k: 'binary', op: t.text, l: node, r: this.binary(level + 1) };
    }
  }

  private power(): Node {
    const base = this.unary();
    if (!this.isOp('**')) return base;
    this.i++;
    return { k: 'binary', op: '**', l: base, r: this.power() };
  }

  private unary(): Node {
    const t = this.peek();
    if (t?.t === 'op') {
      if (t.text === '++' || t.text === '--') {
        const name = this.tokens[this.i + 1];
        if (name?.t === 'name') {
          this.i += 2;
          return { k: 'step', op: t.text, prefix: true, name: name.text };
        }
      }
      if (t.text === '+' || t.text === '-' || t.text === '!' || t.text === '~') {
        this.i++;
        return { k: 'unary', op: t.text, e: this.unary() };
      }
    }
    return this.postfix();
  }

  private postfix(): Node {
    const t = this.peek();
    if (t === undefined) throw new ArithError('syntax', '');
    this.i++;
    if (t.t === 'num') return { k: 'num', v: parseNumber(t.text) };
    if (t.t === 'name') {
      const next = this.peek();
      if (next?.t === 'op' && (next.text === '++' || next.text === '--')) {
        this.i++;
        return { k: 'step', op: next.text, prefix: false, name: t.text };
      }
      return { k: 'var', name: t.text };
    }
    if (t.text === '(') {
      const inner = this.comma();
      if (!this.isOp(')')) throw this.error();
      this.i++;
      return inner;
    }
    this.i--;
    throw this.error();
  }
}

const CACHE_LIMIT = 500;
const parsed = new Map<string, Node>();

function compile(expression: string): Node {
  let node = parsed.get(expression);
  if (node === undefined) {
    const tokens = tokenize(expression);
    // An empty expression is 0: `$(())`.
    node = tokens.length === 0 ? { k: 'num', v: 0n } : new Parser(tokens, expression).parse();
    if (parsed.size >= CACHE_LIMIT) parsed.delete(parsed.keys().next().value!);
    parsed.set(expression, node);
  }
  return node;
}

/** Variables may hold expressions that name each other; stop where bash does. */
const MAX_DEPTH = 1024;

const int64 = (v: bigint): bigint => BigInt.asIntN(64, v);
const truth = (b: boolean): bigint => (b ? 1n : 0n);

function applyBinary(op: string, l: bigint, r: bigint, token: string): bigint {
  switch (op) {
    case '+': return int64(l + r);
    case '-': return int64(l - r);
    case '*': return int64(l * r);
    case '/':
    case '%':
      if (r === 0n) throw new ArithError('divide-by-zero', token);
      return int64(op === '/' ? l / r : l % r);
    case '**':
      if (r < 0n) throw new ArithError('negative-exponent', token);
      return int64(l ** r);
    case '<<': return int64(l << (r & 63n));
    case '>>': return l >> (r & 63n);
    case '<': return truth(l < r);
    case '>': return truth(l > r);
    case '<=': return truth(l <= r);
    case '>=': return truth(l >= r);
    case '==': return truth(l === r);
    case '!=': return truth(l !== r);
    case '&': return l & r;
    case '^': return l ^ r;
    case '|': return l | r;
    case ',': return r;
  }
  throw new ArithError('syntax', op);
}

class Evaluator {
  constructor(
    private readonly vars: ArithVariables,
    private readonly depth: number,
  ) {}

  /** A variable's value as a number: empty or unset is 0, anything else is an expression. */
  private read(name: string): bigint {
    const text = this.vars.get(name);
    if (text === undefined || text.trim() === '') return 0n;
    if (/^\s*-?[0-9]+\s*$/.test(text) && !/^\s*-?0[0-9]/.test(text)) return int64(BigInt(text.trim()));
    if (this.depth >= MAX_DEPTH) throw new ArithError('recursion', name);
    return new Evaluator(this.vars, this.depth + 1).eval(compile(text));
  }

  eval(node: Node): bigint {
    switch (node.k) {
      case 'num':
        return node.v;
      case 'var':
        return this.read(node.name);
      case 'unary': {
        const v = this.eval(node.e);
        if (node.op === '-') return int64(-v);
        if (node.op === '!') return truth(v === 0n);
        if (node.op === '~') return ~v;
        return v;
      }
      case 'step': {
        const old = this.read(node.name);
        const value = int64(node.op === '++' ? old + 1n : old - 1n);
        this.vars.set(node.name, String(value));
        return node.prefix ? value : old;
      }
      case 'binary':
        if (node.op === '&&') return truth(this.eval(node.l) !== 0n && this.eval(node.r) !== 0n);
        if (node.op === '||') return truth(this.eval(node.l) !== 0n || this.eval(node.r) !== 0n);
        return applyBinary(node.op, this.eval(node.l), this.eval(node.r), node.op);
      case 'cond':
        return this.eval(node.c) !== 0n ? this.eval(node.t) : this.eval(node.f);
      case 'assign': {
        const right = this.eval(node.e);
        const value = node.op === '=' ? right : applyBinary(node.op.slice(0, -1), this.read(node.name), right, node.op);
        this.vars.set(node.name, String(value));
        return value;
      }
    }
  }
}

/** Evaluates an (already expanded) arithmetic expression. Throws ArithError. */
export function evaluateArithmetic(expression: string, vars: ArithVariables): bigint {
  return new Evaluator(vars, 0).eval(compile(expression));
}
