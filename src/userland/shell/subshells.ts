// Forked copies of the shell: the commands of a pipeline, `( )`, `cmd &` and `$( )` each run in a
// child process that starts as a copy of this shell's state (variables, functions, options;
// traps reset, ignored signals stay ignored) and exits with the status of what it ran.
import { inheritHistory } from './history';
import {
  NullFile, Pipe, sys, SysError,
  type OpenFile, type Proc, type Program, type Sys,
} from '../../engine/runtime/process';
import type { AndOr, Command, Script } from './ast';
import { ExitShell, LoopControl, ReturnFromFunction, ShellError } from './control';
import { startedInBackground, waitForegroundJob } from './job-control';
import { printCommandLine } from './printer';
import { installPrivate } from './redirect';
import { EXIT, Shell, TESTED } from './shell';

/** `$(yes)` would fill memory; stop reading a command substitution past this. */
const MAX_SUBSTITUTION = 4 * 1024 * 1024;

/** `a | b | c`: one forked process per command, each waited for; the status is the last one's. */
export function* runMultiPipeline(shell: Shell, commands: readonly Command[], flags: number): Sys<number> {
  const pids: number[] = [];
  let input: OpenFile | undefined;
  let group: number | undefined;
  // The shell never holds the pipes itself: each end belongs to the children alone, so a reader
  // sees end of file as soon as the writer before it exits.
  for (let i = 0; i < commands.length; i++) {
    const command = commands[i]!;
    const pipe = i < commands.length - 1 ? new Pipe() : undefined;
    const files = shell.childFiles();
    if (input) files[0] = input;
    if (pipe) files[1] = pipe.writer;
    const pid = yield* fork(shell, (child) => child.runCommand(command, EXIT | (flags & TESTED)), files, shell.interactive ? (group ?? 'new') : undefined);
    group ??= pid;
    pids.push(pid);
    input = pipe?.reader;
  }
  const status = yield* waitForegroundJob(shell, pids.map((pid, i) => ({ pid, command: shell.interactive ? printCommandLine(commands[i]!) : '' })));
  if (status !== 0 && shell.options.errexit && !(flags & TESTED)) throw new ExitShell(status);
  return status;
}

/** `( ... )`: a forked copy of the shell (or this process, when nothing follows it). */
export function* runSubshell(shell: Shell, body: Script, flags: number): Sys<number> {
  if (flags & EXIT && !shell.hasTraps()) return yield* shell.runScript(body, flags);
  const pid = yield* fork(shell, (child) => child.runScript(body, EXIT | (flags & TESTED)), shell.childFiles(), shell.interactive ? 'new' : undefined);
  const status = yield* shell.waitForeground(pid, () => printCommandLine({ type: 'subshell', body, redirects: [] }));
  if (status !== 0 && shell.options.errexit && !(flags & TESTED)) throw new ExitShell(status);
  return status;
}

/** `cmd &`: forked, not waited for, a job; without job control its input is /dev/null. */
export function* runBackground(shell: Shell, command: AndOr): Sys<void> {
  const files = shell.childFiles();
  if (!shell.interactive) files[0] = new NullFile();
  const pid = yield* fork(shell, (child) => child.runAndOr(command, EXIT), files, shell.interactive ? 'new' : undefined);
  shell.lastBackground = pid;
  yield* startedInBackground(shell, pid, printCommandLine(command));
}

/** Forks a copy of this shell running `body` with the given descriptors; returns its pid. */
export function* fork(shell: Shell, body: (child: Shell) => Sys<number>, files: (OpenFile | undefined)[], group?: number | 'new'): Sys<number> {
  const program: Program = (proc) => runAsSubshell(subshell(shell, proc), body);
  try {
    return shell.proc.spawn(shell.proc.argv, { files, env: shell.vars.environment(), program, ...(group === undefined ? {} : { pgid: group }) });
  } catch (e) {
    if (!(e instanceof SysError)) throw e;
    return yield* cannotFork(shell, e);
  }
}

/** No process could be created (the pids limit): like ash and bash, give up the command line. */
export function* cannotFork(shell: Shell, error: SysError): Sys<never> {
  yield* shell.report(shell.messages.cannotFork(error.message), undefined);
  throw new ShellError(2);
}

/** This shell's state copied into a child process: traps reset, ignored signals stay ignored. */
function subshell(shell: Shell, proc: Proc): Shell {
  const child = new Shell(proc, {
    dialect: shell.dialect,
    arg0: shell.arg0,
    positional: shell.positional,
    interactive: false,
    forkedFromInteractive: shell.interactiveShell,
    invokedAs: shell.invokedAs,
    ...(shell.scriptName === undefined ? {} : { scriptName: shell.scriptName }),
    commandString: shell.commandString,
    program: shell.program,
  }, shell.vars.clone());
  child.functions = new Map(shell.functions);
  child.aliases = new Map(shell.aliases);
  child.options = { ...shell.options };
  child.status = shell.status;
  child.rootPid = shell.rootPid;
  child.lastBackground = shell.lastBackground;
  child.line = shell.line;
  child.sourceName = shell.sourceName;
  child.loopDepth = shell.loopDepth;
  child.functionDepth = shell.functionDepth;
  child.umask = shell.umask;
  for (const [name, action] of shell.traps) if (action === '') child.traps.set(name, '');
  inheritHistory(shell, child);
  return child;
}

function* runAsSubshell(shell: Shell, body: (child: Shell) => Sys<number>): Sys<number> {
  let status: number;
  try {
    status = yield* body(shell);
  } catch (e) {
    if (e instanceof ExitShell || e instanceof ShellError || e instanceof ReturnFromFunction) status = e.status;
    else if (e instanceof LoopControl) status = shell.status;
    else throw e;
  }
  return yield* shell.finish(status);
}

/** `$(...)`: the output of a forked subshell, trailing newlines removed. */
export function* commandSubstitution(shell: Shell, body: Script): Sys<string> {
  const pipe = new Pipe();
  const files = shell.childFiles();
  files[1] = pipe.writer;
  const pid = yield* fork(shell, (child) => child.runScript(body, EXIT), files);
  const fd = installPrivate(shell.proc, pipe.reader);
  let out = '';
  try {
    for (;;) {
      const chunk = yield* shell.syscall(() => sys.read(fd));
      if (chunk === null) break;
      out += chunk;
      if (out.length > MAX_SUBSTITUTION) {
        shell.proc.kill(pid, 'SIGKILL');
        break;
      }
    }
  } finally {
    shell.proc.close(fd);
  }
  const status = yield* shell.waitFor(pid);
  shell.substitutionStatus = status.code;
  let end = out.length;
  while (end > 0 && out[end - 1] === '\n') end--;
  return out.slice(0, end);
}
