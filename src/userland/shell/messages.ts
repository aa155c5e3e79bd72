// What busybox ash and bash print, where their wording differs. Each text is the part after the
// shell's prefix (`sh: `, `sh: cd: line 1: `, `bash: line 1: cd: `), which the interpreter builds.
import type { ShellDialect } from './errors';

export interface Messages {
  notFound(command: string): string;
  /** A file that is there but cannot be executed (a directory, no x bit). */
  cannotExecute(command: string, isDirectory: boolean): string;
  cannotFork(reason: string): string;
  cd(dir: string, reason: string): string;
  /** `> file` / `>> file` failed; `enoent` when a directory on the way is missing. */
  cannotCreate(path: string, reason: string, enoent: boolean): string;
  /** `< file` failed. */
  cannotOpen(path: string, reason: string, enoent: boolean): string;
  unboundVariable(name: string): string;
  /** `${x?}` / `${x:?}` without a message of its own. */
  parameterNotSet(name: string, orNull: boolean): string;
  readonlyVariable(name: string): string;
  badExitNumber(arg: string): string;
  cannotShift: string | undefined;
  notInFunction: string;
  dotNotFound(file: string): string;
  scriptNotFound(file: string, reason: string): string;
  /** `kill` failing on one pid (`reason` is the errno text). */
  killFailed(pid: string, reason: string): string;
  badSignal(spec: string): string;
  badTrap(spec: string): string;
  typeNotFound(name: string): string;
  arithmetic(kind: 'syntax' | 'divide-by-zero' | 'negative-exponent' | 'recursion', expression: string, token: string): string;
  /** Status of a builtin that reports an error and carries on (`cd /x`): ash's is 2. */
  readonly builtinFailure: number;
  /** Status a non-interactive shell exits with after an expansion error. */
  readonly expansionFailure: number;
}

const busybox: Messages = {
  notFound: (command) => `${command}: not found`,
  cannotExecute: (command) => `${command}: Permission denied`,
  cannotFork: (reason) => `can't fork: ${reason}`,
  cd: (dir, reason) => `can't cd to ${dir}: ${reason}`,
  cannotCreate: (path, reason, enoent) => `can't create ${path}: ${enoent ? 'nonexistent directory' : reason}`,
  cannotOpen: (path, reason, enoent) => `can't open ${path}: ${enoent ? 'no such file' : reason}`,
  unboundVariable: (name) => `${name}: parameter not set`,
  parameterNotSet: (name, orNull) => `${name}: parameter not set${orNull ? ' or null' : ''}`,
  readonlyVariable: (name) => `${name}: is read only`,
  badExitNumber: (arg) => `Illegal number: ${arg}`,
  cannotShift: "can't shift that many",
  notInFunction: 'not in a function',
  dotNotFound: (file) => `${file}: not found`,
  scriptNotFound: (file, reason) => `can't open '${file}': ${reason}`,
  killFailed: (pid, reason) => `can't kill pid ${pid}: ${reason}`,
  badSignal: (spec) => `bad signal name '${spec}'`,
  badTrap: (spec) => `${spec}: bad trap`,
  typeNotFound: (name) => `${name}: not found`,
  arithmetic: (kind) =>
    kind === 'divide-by-zero' ? 'divide by zero' : kind === 'negative-exponent' ? 'exponent less than 0' : 'arithmetic syntax error',
  builtinFailure: 2,
  expansionFailure: 2,
};

const bash: Messages = {
  notFound: (command) => (command.includes('/') ? `${command}: No such file or directory` : `${command}: command not found`),
  cannotExecute: (command, isDirectory) => `${command}: ${isDirectory ? 'Is a directory' : 'Permission denied'}`,
  cannotFork: (reason) => `fork: ${reason}`,
  cd: (dir, reason) => `${dir}: ${reason}`,
  cannotCreate: (path, reason) => `${path}: ${reason}`,
  cannotOpen: (path, reason) => `${path}: ${reason}`,
  unboundVariable: (name) => `${name}: unbound variable`,
  parameterNotSet: (name, orNull) => `${name}: parameter ${orNull ? 'null or ' : ''}not set`,
  readonlyVariable: (name) => `${name}: readonly variable`,
  badExitNumber: (arg) => `${arg}: numeric argument required`,
  cannotShift: undefined,
  notInFunction: 'can only be used in a function',
  dotNotFound: (file) => `${file}: No such file or directory`,
  scriptNotFound: (file, reason) => `${file}: ${reason}`,
  killFailed: (pid, reason) => `(${pid}) - ${reason}`,
  badSignal: (spec) => `${spec}: invalid signal specification`,
  badTrap: (spec) => `${spec}: invalid signal specification`,
  typeNotFound: (name) => `${name}: not found`,
  arithmetic: (kind, expression, token) => {
    const what = kind === 'divide-by-zero' ? 'division by 0' : kind === 'negative-exponent' ? 'exponent less than 0'
      : kind === 'recursion' ? 'expression recursion level exceeded' : 'syntax error: operand expected';
    return `${expression.trim()}: ${what} (error token is "${token}")`;
  },
  builtinFailure: 1,
  expansionFailure: 1,
};

export const MESSAGES: Readonly<Record<ShellDialect, Messages>> = { busybox, bash };
