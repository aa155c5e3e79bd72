/** A recursive-descent parser for awk, with POSIX precedence; errors carry where gawk points. */
import type { AwkProgram, Expr, FunctionDef, Item, LValue, Output, Pattern, Stmt } from './ast';
import { AwkLexError, tokenize, type Token } from './lexer';

export class AwkSyntaxError extends Error {
  constructor(
    message: string,
    /** Offset in the source the caret points at. */
    readonly at: number,
  ) {
    super(message);
  }
}

/** Tokens that can begin an operand, so that `a b` is a concatenation. */
const startsOperand = (t: Token): boolean =>
  ['number', 'string', 'regex', 'name', 'funcname', 'builtin'].includes(t.type) || ['$', '!', '(', '-', '+', '++', '--'].includes(t.value);

export function parseAwk(source: string): AwkProgram {
  let tokens: Token[];
  try {
    tokens = tokenize(source);
  } catch (e) {
    if (e instanceof AwkLexError) throw new AwkSyntaxError(e.message, e.at);
    throw e;
  }
  let pos = 0;
  const functions = new Map<string, FunctionDef>();
  /** Inside print's unparenthesized arguments, `>` is a redirection. */
  let noGreater = false;

  const peek = (offset = 0): Token => tokens[Math.min(pos + offset, tokens.length - 1)]!;
  const is = (value: string): boolean => {
    const t = peek();
    return (t.type === 'punct' || t.type === 'keyword') && t.value === value;
  };
  const fail = (token: Token = peek()): never => {
    if (token.type === 'eof' || token.type === 'newline') throw new AwkSyntaxError('unexpected newline or end of string', token.start);
    throw new AwkSyntaxError('syntax error', token.end - 1);
  };
  const take = (value: string): Token => (is(value) ? tokens[pos++]! : fail());
  const accept = (value: string): boolean => (is(value) ? (pos++, true) : false);
  const newlines = (): void => {
    while (peek().type === 'newline') pos++;
  };
  const terminators = (): void => {
    while (peek().type === 'newline' || is(';')) pos++;
  };

  function program(): AwkProgram {
    const items: Item[] = [];
    terminators();
    while (peek().type !== 'eof') {
      if (is('function') || is('func')) functionDef();
      else items.push(item());
      terminators();
    }
    return { items, functions };
  }

  function functionDef(): void {
    pos++;
    const name = peek();
    if (name.type !== 'name' && name.type !== 'funcname') fail();
    pos++;
    take('(');
    const params: string[] = [];
    while (!is(')')) {
      const p = peek();
      if (p.type !== 'name') fail();
      params.push(p.text);
      pos++;
      if (!accept(',')) break;
      newlines();
    }
    take(')');
    newlines();
    functions.set(name.text, { params, body: block() });
  }

  function item(): Item {
    let pattern: Pattern;
    if (accept('BEGIN')) pattern = { k: 'begin' };
    else if (accept('END')) pattern = { k: 'end' };
    else if (is('{')) pattern = { k: 'always' };
    else {
      const from = expr();
      if (accept(',')) {
        newlines();
        pattern = { k: 'range', from, to: expr() };
      } else pattern = { k: 'expr', e: from };
    }
    if ((pattern.k === 'begin' || pattern.k === 'end') && !is('{')) fail();
    return { pattern, action: is('{') ? block() : undefined };
  }

  function block(): Stmt {
    take('{');
    const body: Stmt[] = [];
    terminators();
    while (!is('}')) {
      body.push(statement());
      terminators();
    }
    take('}');
    return { k: 'block', body };
  }

  /** A simple statement ends at `;`, a newline, or before `}`. */
  function end(): void {
    if (is(';') || peek().type === 'newline') pos++;
    else if (!is('}') && peek().type !== 'eof') fail();
  }

  function bodyStatement(): Stmt {
    newlines();
    if (accept(';')) return { k: 'block', body: [] };
    return statement();
  }

  function statement(): Stmt {
    const t = peek();
    if (is('{')) return block();
    if (t.type === 'keyword') {
      switch (t.value) {
        case 'if': {
          pos++;
          take('(');
          const c = expr();
          take(')');
          const then = bodyStatement();
          const save = pos;
          terminators();
          if (accept('else')) return { k: 'if', c, then, else: bodyStatement() };
          pos = save;
          return { k: 'if', c, then, else: undefined };
        }
        case 'while': {
          pos++;
          take('(');
          const c = expr();
          take(')');
          if (accept(';')) return { k: 'while', c, body: { k: 'block', body: [] } };
          return { k: 'while', c, body: bodyStatement() };
        }
        case 'do': {
          pos++;
          const body = bodyStatement();
          terminators();
          take('while');
          take('(');
          const c = expr();
          take(')');
          end();
          return { k: 'do', body, c };
        }
        case 'for':
          return forStatement();
        case 'break':
        case 'continue':
        case 'next':
          pos++;
          end();
          return { k: t.value };
        case 'exit':
        case 'return': {
          pos++;
          const e = is(';') || is('}') || peek().type === 'newline' || peek().type === 'eof' ? undefined : expr();
          end();
          return { k: t.value, e };
        }
        case 'delete': {
          pos++;
          const name = peek();
          if (name.type !== 'name') fail();
          pos++;
          const subs = accept('[') ? subscripts() : undefined;
          end();
          return { k: 'delete', name: name.text, subs };
        }
        case 'print':
        case 'printf':
          return printStatement(t.value);
      }
    }
    const e = expr();
    end();
    return { k: 'expr', e };
  }

  function forStatement(): Stmt {
    pos++;
    take('(');
    if (peek().type === 'name' && peek(1).value === 'in' && peek(2).type === 'name' && peek(3).value === ')') {
      const variable = peek().text;
      const array = peek(2).text;
      pos += 4;
      return { k: 'forin', variable, array, body: bodyStatement() };
    }
    const init = is(';') ? undefined : expr();
    take(';');
    newlines();
    const c = is(';') ? undefined : expr();
    take(';');
    newlines();
    const step = is(')') ? undefined : expr();
    take(')');
    if (accept(';')) return { k: 'for', init, c, step, body: { k: 'block', body: [] } };
    return { k: 'for', init, c, step, body: bodyStatement() };
  }

  function printStatement(kind: 'print' | 'printf'): Stmt {
    pos++;
    const args: Expr[] = [];
    const saved = noGreater;
    noGreater = true;
    if (!is(';') && !is('}') && !is('>') && !is('>>') && !is('|') && peek().type !== 'newline' && peek().type !== 'eof') {
      args.push(expr());
      while (accept(',')) {
        newlines();
        args.push(expr());
      }
    }
    noGreater = saved;
    // `print (a, b)`: the parentheses hold the argument list.
    const list = args.length === 1 && args[0]!.k === 'list' ? args[0]!.items : args;
    let output: Output | undefined;
    if (is('>') || is('>>')) {
      const mode = tokens[pos++]!.value as '>' | '>>';
      output = { mode, target: concatenation() };
    } else if (is('|')) {
      throw new AwkSyntaxError('output pipes are not simulated in kubeplay', peek().end - 1);
    }
    if (kind === 'printf' && list.length === 0) fail();
    end();
    return { k: kind, args: list, output };
  }

  function subscripts(): Expr[] {
    const subs = [expr()];
    while (accept(',')) subs.push(expr());
    take(']');
    return subs;
  }

  function expr(): Expr {
    return ternary();
  }

  function isLValue(e: Expr): e is LValue {
    return e.k === 'var' || e.k === 'index' || e.k === 'field';
  }

  function ternary(): Expr {
    const c = or();
    if (accept('?')) {
      newlines();
      const a = ternary();
      newlines();
      take(':');
      newlines();
      return { k: 'cond', c, a, b: ternary() };
    }
    const op = peek().value;
    if (peek().type === 'punct' && ['=', '+=', '-=', '*=', '/=', '%=', '^='].includes(op)) {
      if (!isLValue(c)) fail();
      pos++;
      newlines();
      return { k: 'assign', op, target: c as LValue, value: ternary() };
    }
    return c;
  }

  function or(): Expr {
    let l = and();
    while (accept('||')) {
      newlines();
      l = { k: 'or', l, r: and() };
    }
    return l;
  }

  function and(): Expr {
    let l = inExpr();
    while (accept('&&')) {
      newlines();
      l = { k: 'and', l, r: inExpr() };
    }
    return l;
  }

  function inExpr(): Expr {
    let l = matchExpr();
    while (is('in')) {
      pos++;
      const name = peek();
      if (name.type !== 'name') fail();
      pos++;
      l = { k: 'in', subs: l.k === 'list' ? l.items : [l], name: name.text };
    }
    return l;
  }

  function matchExpr(): Expr {
    let l = comparison();
    while (is('~') || is('!~')) {
      const negate = tokens[pos++]!.value === '!~';
      l = { k: 'match', negate, l, r: comparison() };
    }
    return l;
  }

  function comparison(): Expr {
    const l = concatenation();
    const t = peek();
    if (t.type === 'punct' && ['<', '<=', '==', '!=', '>=', '>'].includes(t.value) && !(noGreater && t.value === '>')) {
      pos++;
      return { k: 'cmp', op: t.value, l, r: concatenation() };
    }
    return l;
  }

  function concatenation(): Expr {
    let l = additive();
    while (startsOperand(peek()) && !['-', '+', '!'].includes(peek().value)) {
      if (is('in')) break;
      l = { k: 'concat', l, r: additive() };
    }
    return l;
  }

  function additive(): Expr {
    let l = multiplicative();
    while (is('+') || is('-')) {
      const op = tokens[pos++]!.value;
      l = { k: 'bin', op, l, r: multiplicative() };
    }
    return l;
  }

  function multiplicative(): Expr {
    let l = unary();
    while (is('*') || is('/') || is('%')) {
      const op = tokens[pos++]!.value;
      l = { k: 'bin', op, l, r: unary() };
    }
    return l;
  }

  function unary(): Expr {
    if (accept('!')) return { k: 'not', e: unary() };
    if (accept('-')) return { k: 'neg', e: unary() };
    if (accept('+')) return { k: 'plus', e: unary() };
    return power();
  }

  function power(): Expr {
    const base = postfix();
    // Right-associative, and binds tighter than unary minus on its left: -2^2 is -4.
    if (accept('^')) return { k: 'bin', op: '^', l: base, r: powerOperand() };
    return base;
  }

  function powerOperand(): Expr {
    if (accept('-')) return { k: 'neg', e: powerOperand() };
    if (accept('+')) return powerOperand();
    if (accept('!')) return { k: 'not', e: powerOperand() };
    return power();
  }

  function postfix(): Expr {
    if (is('++') || is('--')) {
      const delta = tokens[pos++]!.value === '++' ? 1 : -1;
      const target = postfix();
      if (!isLValue(target)) fail();
      return { k: 'incdec', delta, prefix: true, target: target as LValue };
    }
    const e = primary();
    if (isLValue(e) && (is('++') || is('--'))) {
      const delta = tokens[pos++]!.value === '++' ? 1 : -1;
      return { k: 'incdec', delta, prefix: false, target: e };
    }
    return e;
  }

  function callArgs(): Expr[] {
    take('(');
    const args: Expr[] = [];
    const saved = noGreater;
    noGreater = false;
    newlines();
    while (!is(')')) {
      args.push(expr());
      newlines();
      if (!accept(',')) break;
      newlines();
    }
    noGreater = saved;
    take(')');
    return args;
  }

  function primary(): Expr {
    const t = peek();
    switch (t.type) {
      case 'number':
        pos++;
        return { k: 'num', v: Number(t.value) };
      case 'string':
        pos++;
        return { k: 'str', v: t.value };
      case 'regex':
        pos++;
        return { k: 'regex', source: t.value };
      case 'funcname':
        pos++;
        return { k: 'call', name: t.text, args: callArgs() };
      case 'builtin': {
        pos++;
        // `length` alone is length($0).
        if (t.text === 'length' && !is('(')) return { k: 'builtin', name: 'length', args: [] };
        return { k: 'builtin', name: t.text, args: callArgs() };
      }
      case 'name':
        pos++;
        if (accept('[')) {
          const saved = noGreater;
          noGreater = false;
          const subs = subscripts();
          noGreater = saved;
          return { k: 'index', name: t.text, subs };
        }
        return { k: 'var', name: t.text };
      case 'keyword':
        if (t.value === 'getline') throw new AwkSyntaxError('getline is not simulated in kubeplay', t.end - 1);
        break;
      default:
        break;
    }
    if (accept('$')) {
      if (is('++') || is('--') || is('-')) return { k: 'field', e: unary() };
      return { k: 'field', e: primary() };
    }
    if (accept('(')) {
      const saved = noGreater;
      noGreater = false;
      const first = expr();
      if (is(',')) {
        const items = [first];
        while (accept(',')) {
          newlines();
          items.push(expr());
        }
        take(')');
        noGreater = saved;
        return { k: 'list', items };
      }
      take(')');
      noGreater = saved;
      return { k: 'group', e: first };
    }
    return fail();
  }

  return program();
}
