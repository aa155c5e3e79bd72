// Public surface of the shell: parse text into an AST, print an AST back to text, and run it
// (`shellProgram` is busybox sh/ash or bash as a program for the kernel; SHELL_PROGRAMS by id).
export type * from './ast.js';
export { parse, parseExpansionText, lineOf, MAX_NESTING, type ParseOptions } from './parser.js';
export { printScript, printWord } from './printer.js';
export { ShellParseError, ShellSyntaxError, ShellIncompleteError, type ShellDialect, type IncompleteReason } from './errors.js';
export { shellProgram } from './main.js';
export { SHELL_PROGRAMS } from './programs.js';
