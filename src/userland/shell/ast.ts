// The shell AST. Plain data (no positions) so that tests can compare trees with toEqual and the
// printer/re-parse round trip is exact. The interpreter (later) walks these nodes.

/** A word as the lexer saw it: quoting is kept so expansion knows what may be split or globbed. */
export interface Word {
  parts: WordPart[];
}

export type WordPart =
  | { type: 'literal'; value: string } // unquoted text: subject to field splitting and globbing
  | { type: 'escaped'; value: string } // backslash-escaped characters: never split or globbed
  | { type: 'single'; value: string } // '...'
  | { type: 'ansi'; value: string } // $'...' (bash, ash): backslash escapes already decoded
  | { type: 'double'; parts: DoubleQuotedPart[] } // "..."
  | ExpansionPart;

/** Inside "..." and unquoted here-document bodies only text and expansions exist. */
export type DoubleQuotedPart = { type: 'literal'; value: string } | ExpansionPart;

export type ExpansionPart = ParameterPart | CommandSubstitutionPart | ArithmeticPart;

export type ParameterOp =
  | ':-' | ':=' | ':?' | ':+' | '-' | '=' | '?' | '+'
  | '#' | '##' | '%' | '%%' | '/' | '//'
  | ':'; // ${x:offset:length}, the arg holding `offset:length`

/** $x, $1, $?, ${x}, ${#x}, ${x:-word}. */
export interface ParameterPart {
  type: 'param';
  name: string;
  braced: boolean;
  length?: true; // ${#x}
  op?: ParameterOp;
  arg?: Word;
}

/** $(...) or `...`; the body is already parsed. */
export interface CommandSubstitutionPart {
  type: 'command';
  body: Script;
  backtick: boolean;
}

/** $((...)); the expression text is evaluated by the interpreter's arithmetic evaluator. */
export interface ArithmeticPart {
  type: 'arith';
  expression: string;
}

export interface Script {
  type: 'script';
  items: ListItem[];
}

export interface ListItem {
  command: AndOr;
  background: boolean; // terminated by '&'
}

export interface AndOr {
  type: 'andor';
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
}

export interface Pipeline {
  type: 'pipeline';
  negated: boolean;
  commands: Command[];
  /** bash's `time` (`-p`: POSIX's format): the times are printed once the pipeline is done. */
  timed?: 'bash' | 'posix';
}

export type Command = SimpleCommand | CompoundCommand | FunctionDefinition;

export interface Assignment {
  name: string;
  value: Word;
}

export type RedirectOp = '<' | '>' | '>>' | '<>' | '>|' | '<&' | '>&' | '&>' | '&>>' | '<<' | '<<-' | '<<<';

export interface Redirect {
  fd?: number; // the IO number in front, e.g. 2 in 2>&1
  op: RedirectOp;
  target: Word; // for here-documents: the delimiter word as written
  heredoc?: HereDocument;
}

export interface HereDocument {
  delimiter: string;
  expand: boolean; // false when any part of the delimiter was quoted (<<'EOF')
  stripTabs: boolean; // <<-
  body: DoubleQuotedPart[]; // a single literal when expand is false
}

export interface SimpleCommand {
  type: 'simple';
  assignments: Assignment[];
  words: Word[];
  redirects: Redirect[];
}

export interface IfClause {
  condition: Script;
  body: Script;
}

export type CompoundCommand =
  | { type: 'if'; clauses: IfClause[]; elseBody?: Script; redirects: Redirect[] }
  | { type: 'loop'; until: boolean; condition: Script; body: Script; redirects: Redirect[] }
  | { type: 'for'; variable: string; items?: Word[]; body: Script; redirects: Redirect[] }
  | { type: 'case'; subject: Word; arms: CaseArm[]; redirects: Redirect[] }
  | { type: 'group'; body: Script; redirects: Redirect[] }
  | { type: 'subshell'; body: Script; redirects: Redirect[] };

export interface CaseArm {
  patterns: Word[];
  body: Script;
}

export interface FunctionDefinition {
  type: 'function';
  name: string;
  body: CompoundCommand;
}
