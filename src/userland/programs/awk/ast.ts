/** The parsed form of an awk program: expressions, statements and the pattern-action items. */

export type Expr =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  /** A regex literal: in a value position it means `$0 ~ /re/`. */
  | { k: 'regex'; source: string }
  | { k: 'var'; name: string }
  | { k: 'index'; name: string; subs: Expr[] }
  | { k: 'field'; e: Expr }
  | { k: 'assign'; op: string; target: LValue; value: Expr }
  | { k: 'cond'; c: Expr; a: Expr; b: Expr }
  | { k: 'and' | 'or'; l: Expr; r: Expr }
  | { k: 'in'; subs: Expr[]; name: string }
  | { k: 'match'; negate: boolean; l: Expr; r: Expr }
  | { k: 'cmp'; op: string; l: Expr; r: Expr }
  | { k: 'concat'; l: Expr; r: Expr }
  | { k: 'bin'; op: string; l: Expr; r: Expr }
  | { k: 'neg' | 'plus' | 'not'; e: Expr }
  | { k: 'incdec'; delta: 1 | -1; prefix: boolean; target: LValue }
  | { k: 'call'; name: string; args: Expr[] }
  | { k: 'builtin'; name: string; args: Expr[] }
  | { k: 'group'; e: Expr }
  /** `(a, b)`: only as print's arguments or before `in`. */
  | { k: 'list'; items: Expr[] };

export type LValue = Extract<Expr, { k: 'var' | 'index' | 'field' }>;

export interface Output {
  readonly mode: '>' | '>>';
  readonly target: Expr;
}

export type Stmt =
  | { k: 'block'; body: Stmt[] }
  | { k: 'expr'; e: Expr }
  | { k: 'print' | 'printf'; args: Expr[]; output: Output | undefined }
  | { k: 'if'; c: Expr; then: Stmt; else: Stmt | undefined }
  | { k: 'while'; c: Expr; body: Stmt }
  | { k: 'do'; body: Stmt; c: Expr }
  | { k: 'for'; init: Expr | undefined; c: Expr | undefined; step: Expr | undefined; body: Stmt }
  | { k: 'forin'; variable: string; array: string; body: Stmt }
  | { k: 'break' | 'continue' | 'next' }
  | { k: 'exit' | 'return'; e: Expr | undefined }
  | { k: 'delete'; name: string; subs: Expr[] | undefined };

export type Pattern =
  | { k: 'begin' }
  | { k: 'end' }
  | { k: 'always' }
  | { k: 'expr'; e: Expr }
  | { k: 'range'; from: Expr; to: Expr };

export interface Item {
  readonly pattern: Pattern;
  /** Undefined: print the record. */
  readonly action: Stmt | undefined;
}

export interface FunctionDef {
  readonly params: readonly string[];
  readonly body: Stmt;
}

export interface AwkProgram {
  readonly items: readonly Item[];
  readonly functions: ReadonlyMap<string, FunctionDef>;
}
