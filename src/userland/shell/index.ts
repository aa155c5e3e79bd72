// Public surface of the shell front end: parse text into an AST, print an AST back to text.
export type * from './ast.js';
export { parse, parseExpansionText, lineOf, MAX_NESTING, type ParseOptions } from './parser.js';
export { printScript, printWord } from './printer.js';
export { ShellParseError, ShellSyntaxError, ShellIncompleteError, type ShellDialect, type IncompleteReason } from './errors.js';
