// A simple command, `name args…` with assignments and redirections: expand its words, then run
// what the name means — a builtin, a shell function, or (external-command.ts) a program.
// Assignments before a builtin or function follow each shell's rules; `set -e` is checked here.
import type { Sys } from '../../engine/runtime/process';
import type { Assignment, FunctionDefinition, SimpleCommand } from './ast';
import { expandAlias } from './aliases';
import { BUILTINS, type Builtin } from './builtins';
import { singleQuote } from './builtins/common';
import { ExitShell, ReturnFromFunction, ShellError } from './control';
import type { ShellDialect } from './errors';
import { replaceWith, runExternal } from './external-command';
import { lineOf } from './parser';
import { applyRedirects, REDIRECT_FAILURE, restoreRedirects } from './redirect';
import { TESTED, type Shell } from './shell';

export function* runSimple(shell: Shell, command: SimpleCommand, flags: number): Sys<number> {
  const aliased = expandAlias(shell, command);
  if (aliased && 'evalText' in aliased) {
    const rest = command.words.length > 1 ? ` ${(yield* expandArguments(shell, command.words.slice(1))).map(singleQuote).join(' ')}` : '';
    return yield* dispatch(shell, ['eval', aliased.evalText + rest], [], flags);
  }
  if (aliased) command = aliased;
  shell.line = lineOf(command) ?? shell.line;
  shell.substitutionStatus = undefined;
  const argv = command.words.length === 0 ? [] : yield* expandArguments(shell, command.words);
  let status: number;
  if (argv.length === 0) {
    status = yield* runAssignmentsOnly(shell, command);
  } else {
    const assignments = command.assignments.length === 0 ? [] : yield* expandAssignments(shell, command.assignments);
    if (shell.options.xtrace) yield* trace(shell, assignments, argv);
    if (argv[0] === 'exec') status = yield* execBuiltin(shell, argv, assignments, command);
    else if (command.redirects.length === 0) status = yield* dispatch(shell, argv, assignments, flags);
    else status = yield* runRedirected(shell, argv, assignments, command, flags);
  }
  if (status !== 0 && shell.options.errexit && !(flags & TESTED)) throw new ExitShell(status);
  return status;
}

/** `export x=$y`, `local a=b`: assignment-like arguments of these builtins are not split. */
function* expandArguments(shell: Shell, words: SimpleCommand['words']): Sys<string[]> {
  const first = words[0]!.parts[0];
  const declaring = words[0]!.parts.length === 1 && first?.type === 'literal'
    && (first.value === 'export' || first.value === 'local' || first.value === 'readonly');
  if (!declaring) return yield* shell.expander.words(words);
  const argv: string[] = [];
  for (const word of words) {
    const head = word.parts[0];
    if (head?.type === 'literal' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(head.value)) argv.push(yield* shell.expander.string(word));
    else argv.push(...(yield* shell.expander.words([word])));
  }
  return argv;
}

function* expandAssignments(shell: Shell, assignments: readonly Assignment[]): Sys<[string, string][]> {
  const out: [string, string][] = [];
  for (const a of assignments) out.push([a.name, yield* shell.expander.string(a.value)]);
  return out;
}

/** `x=1 y=$(cmd) >file`: variables are set in the shell itself; the status is $(cmd)'s. */
function* runAssignmentsOnly(shell: Shell, command: SimpleCommand): Sys<number> {
  for (const a of command.assignments) {
    const value = yield* shell.expander.string(a.value);
    if (shell.options.xtrace) yield* trace(shell, [[a.name, value]], []);
    yield* shell.assign(a.name, value);
  }
  if (command.redirects.length > 0) {
    const undo = yield* applyRedirects(shell, command.redirects);
    if (undo === undefined) return REDIRECT_FAILURE;
    restoreRedirects(shell.proc, undo);
  }
  return shell.substitutionStatus ?? 0;
}

/** A command with redirections, undone after it (a failing one is fatal before a special builtin). */
function* runRedirected(shell: Shell, argv: string[], assignments: [string, string][], command: SimpleCommand, flags: number): Sys<number> {
  const undo = yield* applyRedirects(shell, command.redirects);
  if (undo === undefined) {
    if (BUILTINS.get(argv[0]!)?.special && !shell.interactive) throw new ShellError(REDIRECT_FAILURE);
    return REDIRECT_FAILURE;
  }
  try {
    return yield* dispatch(shell, argv, assignments, flags);
  } finally {
    restoreRedirects(shell.proc, undo);
  }
}

/** Finds what `argv[0]` names and runs it. `skipFunctions` is `command name`. */
export function* dispatch(shell: Shell, argv: string[], assignments: [string, string][], flags: number, skipFunctions = false): Sys<number> {
  const name = argv[0]!;
  const builtin = BUILTINS.get(name);
  const fn = skipFunctions ? undefined : shell.functions.get(name);
  if (builtin !== undefined && (fn === undefined || (builtin.special && shell.dialect === 'busybox'))) {
    return yield* runBuiltin(shell, builtin, argv, assignments);
  }
  if (fn !== undefined) return yield* callFunction(shell, fn, argv, assignments, flags);
  return yield* runExternal(shell, argv, assignments, flags);
}

function* runBuiltin(shell: Shell, builtin: Builtin, argv: string[], assignments: [string, string][]): Sys<number> {
  // Before a special builtin, assignments stay; before a regular one they last for it alone.
  const temporary = !builtin.special && assignments.length > 0;
  if (temporary) {
    shell.vars.pushScope();
    for (const [n] of assignments) shell.vars.makeLocal(n);
  }
  const savedBuiltin = shell.currentBuiltin;
  shell.currentBuiltin = argv[0];
  try {
    for (const [n, v] of assignments) yield* shell.assign(n, v);
    return yield* builtin.run(shell, argv);
  } finally {
    shell.currentBuiltin = savedBuiltin;
    if (temporary) shell.vars.popScope();
  }
}

function* callFunction(shell: Shell, fn: FunctionDefinition, argv: string[], assignments: [string, string][], flags: number): Sys<number> {
  return yield* shell.nested(fn.name, () => runFunction(shell, fn, argv, assignments, flags));
}

function* runFunction(shell: Shell, fn: FunctionDefinition, argv: string[], assignments: [string, string][], flags: number): Sys<number> {
  // ash keeps assignments made before a function call; bash makes them local to it.
  if (shell.dialect === 'busybox') for (const [n, v] of assignments) yield* shell.assign(n, v);
  const savedPositional = shell.positional;
  shell.positional = argv.slice(1);
  shell.vars.pushScope();
  shell.functionDepth++;
  try {
    if (shell.dialect === 'bash') {
      for (const [n, v] of assignments) {
        shell.vars.makeLocal(n);
        shell.vars.export(n, v);
      }
    }
    return yield* shell.runCommand(fn.body, flags & TESTED);
  } catch (e) {
    if (e instanceof ReturnFromFunction) return e.status;
    throw e;
  } finally {
    shell.functionDepth--;
    shell.vars.popScope();
    shell.positional = savedPositional;
  }
}

/** `exec [cmd args]`: with a command, replace the shell; without, keep the redirections. */
function* execBuiltin(shell: Shell, argv: string[], assignments: [string, string][], command: SimpleCommand): Sys<number> {
  const undo = yield* applyRedirects(shell, command.redirects, true);
  if (undo === undefined) {
    if (!shell.interactive) throw new ShellError(REDIRECT_FAILURE);
    return REDIRECT_FAILURE;
  }
  let args = argv.slice(1);
  if (args[0] === '--') args = args.slice(1);
  if (args.length === 0) {
    for (const [n, v] of assignments) yield* shell.assign(n, v);
    return 0;
  }
  const env = shell.vars.environment(assignments.length > 0 ? Object.fromEntries(assignments) : undefined);
  return yield* replaceWith(shell, args, env, 'exec');
}

/** `set -x`: `+ cmd args` on stderr, quoted so it could be typed back. */
function* trace(shell: Shell, assignments: [string, string][], argv: string[]): Sys<void> {
  const ps4 = shell.vars.get('PS4') ?? '+ ';
  const words = [...assignments.map(([n, v]) => `${n}=${traceQuote(v, shell.dialect)}`), ...argv.map((a) => traceQuote(a, shell.dialect))];
  yield* shell.write(2, `${ps4}${words.join(' ')}\n`);
}

/** How `set -x` shows a word: as is when safe, else single-quoted (ash also quotes `=` and `%`). */
function traceQuote(word: string, dialect: ShellDialect): string {
  if (dialect === 'busybox') return /^[+,\-./0-9:@A-Z\]^_a-z]*$/.test(word) ? word : `'${word.replace(/'/g, `'"'"'`)}'`;
  if (word === '') return "''";
  return /^[+,\-./0-9:@A-Z\]^_a-z=%]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}
