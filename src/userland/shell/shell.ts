// The interpreter: walks the AST as generator code on the simulated kernel. Every command first
// yields a `tick`, so a busy loop is sliced like CPU time and stays interruptible; external
// commands are child processes; pipelines, `( )`, `$( )` and `&` fork a copy of this shell.
//
// This file holds the shell's state (variables, options, traps, jobs), its messages and system
// calls, and the walk from a script down to one command. What each kind of command does lives
// next to it: simple-command.ts (builtins, functions), external-command.ts (programs),
// compound.ts (if/while/for/case), subshells.ts (pipelines, `( )`, `&`, `$( )`), redirect.ts.
//
// Evaluation flags follow ash: TESTED marks commands whose failure must not trigger `set -e`
// (conditions, all but the last of `a && b`, `! cmd`); EXIT marks the last command of a `-c`
// string or a subshell, which may replace the process instead of forking (`sh -c 'sleep 3600'`
// leaves `sleep` as PID 1, as real shells do).
import type { Vfs } from '../../engine/runtime/fs';
import {
  SIGNAL_NUMBERS, SignalInterrupt, sys, SysError,
  type OpenFile, type Proc, type Program, type SignalName, type Sys, type WaitStatus,
} from '../../engine/runtime/process';
import type { ArithVariables } from './arith';
import type { AndOr, Command, FunctionDefinition, Pipeline, Script } from './ast';
import { runCompound, runCompoundBody } from './compound';
import { ExitShell, Interrupted, LoopControl, ReturnFromFunction, ShellError } from './control';
import type { ShellDialect } from './errors';
import { Expander } from './expand';
import { findInPath, replaceWith } from './external-command';
import { MESSAGES, type Messages } from './messages';
import { LineEditor } from './line-editor';
import { dispatch, runSimple } from './simple-command';
import { parseSource, type Chunk } from './source';
import { commandSubstitution, runBackground, runMultiPipeline } from './subshells';
import { JobTable } from './jobs';
import { waitForegroundJob } from './job-control';
import type { SimpleCommand } from './ast';
import { ReadonlyError, Variables } from './variables';

export const TESTED = 1;
export const EXIT = 2;

/**
 * Function calls, `eval` and `.` nest inside one another on the JavaScript stack (generators
 * delegating to generators). Deeper than any sane script, this keeps `f() { f; }; f` an error
 * message instead of a crash; real shells would eventually run out of stack too.
 */
export const MAX_CALL_DEPTH = 200;

export interface ShellOptions {
  errexit: boolean;
  nounset: boolean;
  xtrace: boolean;
  noglob: boolean;
  /** `-n`: read commands, run none (a syntax check). */
  noexec: boolean;
}

/** `set -o` names and their letters. */
export const OPTION_NAMES: readonly (readonly [keyof ShellOptions, string, string])[] = [
  ['errexit', 'e', 'errexit'],
  ['noglob', 'f', 'noglob'],
  ['noexec', 'n', 'noexec'],
  ['nounset', 'u', 'nounset'],
  ['xtrace', 'x', 'xtrace'],
];

export interface ShellSetup {
  readonly dialect: ShellDialect;
  /** $0. */
  readonly arg0: string;
  readonly positional: readonly string[];
  readonly interactive: boolean;
  /** A subshell of an interactive shell (bash's `interactive_shell`): its errors carry no line number. */
  readonly forkedFromInteractive?: boolean;
  /** The shell's own argv[0]. */
  readonly invokedAs: string;
  /** Running a script file or `-c cmd name`: busybox then names $0 and the line in messages. */
  readonly scriptName?: string;
  /** Running `-c`: bash says `bash: -c: line 1:` about syntax errors. */
  readonly commandString?: boolean;
  /** This shell as a program, to run scripts without a `#!` line (ENOEXEC). */
  readonly program: Program;
}

export class Shell {
  readonly dialect: ShellDialect;
  readonly messages: Messages;
  readonly expander: Expander;
  vars: Variables;
  functions = new Map<string, FunctionDefinition>();
  /** `alias name=text`: expanded in interactive shells (aliases.ts). */
  aliases = new Map<string, string>();
  positional: string[];
  arg0: string;
  options: ShellOptions = { errexit: false, nounset: false, xtrace: false, noglob: false, noexec: false };
  interactive: boolean;
  /** This shell, or the one it was forked from, reads commands from a terminal. */
  readonly interactiveShell: boolean;
  /** $? */
  status = 0;
  /** $$: the main shell's pid, also in subshells. */
  rootPid: number;
  /** $! */
  lastBackground: number | undefined;
  /** `EXIT` or a signal name → the command to run; '' ignores the signal. */
  traps = new Map<string, string>();
  private pendingSignals: SignalName[] = [];
  /** Ctrl-C reached an interactive shell while it could not stop at once. */
  private interruptPending = false;
  /** Jobs started with `&` or stopped with Ctrl-Z (job-control.ts). */
  readonly jobs: JobTable;
  /** The simple command being run: a job stopped by Ctrl-Z is shown by its text. */
  currentSimple: SimpleCommand | undefined;
  loopDepth = 0;
  functionDepth = 0;
  sourceDepth = 0;
  /** Function calls, `eval`s and `.`s in progress (see MAX_CALL_DEPTH). */
  private nesting = 0;
  /** Line of the command being run, for messages. */
  line = 1;
  /** The builtin running now: busybox and bash name it in messages. */
  currentBuiltin: string | undefined;
  readonly scriptName: string | undefined;
  readonly commandString: boolean;
  /** The file bash names in messages (the script, or the file `.` is reading). */
  sourceName: string | undefined;
  /** Process group of the foreground job (interactive shells): Ctrl-C goes there. */
  foregroundGroup: number | undefined;
  /** Status of the last command substitution, which `x=$(cmd)` reports as its own. */
  substitutionStatus: number | undefined;
  /** Input the `read` builtin took from a descriptor beyond the line it needed. */
  readonly readAhead = new WeakMap<OpenFile, string>();
  /** One line editor per terminal, shared by the prompt and `read`, so typed-ahead keys are kept. */
  private readonly editors = new WeakMap<OpenFile, LineEditor>();
  umask = 0o022;
  readonly invokedAs: string;
  readonly program: Program;
  private randomState: number;
  readonly arithmeticVariables: ArithVariables;
  private vfs: Vfs | undefined;

  constructor(
    readonly proc: Proc,
    setup: ShellSetup,
    vars?: Variables,
  ) {
    this.dialect = setup.dialect;
    this.messages = MESSAGES[setup.dialect];
    this.jobs = new JobTable(setup.dialect);
    this.arg0 = setup.arg0;
    this.positional = [...setup.positional];
    this.interactive = setup.interactive;
    this.interactiveShell = setup.interactive || (setup.forkedFromInteractive ?? false);
    this.invokedAs = setup.invokedAs;
    this.scriptName = setup.scriptName;
    this.sourceName = setup.scriptName;
    this.commandString = setup.commandString ?? false;
    this.program = setup.program;
    this.rootPid = proc.pid;
    this.randomState = (proc.pid * 7919 + proc.now()) % 2147483647 || 1;
    this.vars = vars ?? Variables.fromEnvironment(proc.env);
    this.expander = new Expander(this);
    this.arithmeticVariables = {
      get: (name) => this.parameter(name),
      set: (name, value) => this.vars.set(name, value),
    };
  }

  /** The filesystem seen from the working directory (kept until the directory changes). */
  fs(): Vfs {
    if (this.vfs?.cwd !== this.proc.cwd) this.vfs = this.proc.fs;
    return this.vfs;
  }

  // --- parameters -------------------------------------------------------------------------

  /** A parameter's value: special ($? $# $$ $! $- $0 $1…), dynamic (LINENO, RANDOM) or a variable. */
  parameter(name: string): string | undefined {
    const c = name.charCodeAt(0);
    if (c >= 48 && c <= 57) {
      if (name === '0') return this.arg0;
      return this.positional[Number(name) - 1];
    }
    switch (name) {
      case '?': return String(this.status);
      case '#': return String(this.positional.length);
      case '$': return String(this.rootPid);
      case '!': return this.lastBackground === undefined ? undefined : String(this.lastBackground);
      case '-': return this.optionLetters();
      case '@':
      case '*': return this.positional.join(' ');
    }
    const value = this.vars.get(name);
    if (value !== undefined || this.vars.lookup(name) !== undefined) return value;
    if (name === 'LINENO') return String(this.line);
    if (name === 'RANDOM') {
      this.randomState = (this.randomState * 16807) % 2147483647;
      return String(this.randomState % 32768);
    }
    return undefined;
  }

  private optionLetters(): string {
    let letters = '';
    for (const [key, letter] of OPTION_NAMES) if (this.options[key]) letters += letter;
    if (this.interactive) letters += 'i';
    if (this.commandString) letters += 'c';
    return letters;
  }

  /** Assigns a variable, reporting a readonly one as the shell does (fatal for scripts). */
  *assign(name: string, value: string): Sys<void> {
    try {
      this.vars.set(name, value);
    } catch (e) {
      if (e instanceof ReadonlyError) yield* this.fail(this.messages.readonlyVariable(name), 2);
      throw e;
    }
  }

  /** A user's home directory from /etc/passwd (for `~user`). */
  homeOf(user: string): string | undefined {
    let passwd: string;
    try {
      passwd = this.fs().readFile('/etc/passwd');
    } catch {
      return user === 'root' ? '/root' : undefined;
    }
    for (const line of passwd.split('\n')) {
      const fields = line.split(':');
      if (fields[0] === user && fields[5] !== undefined) return fields[5];
    }
    return undefined;
  }

  // --- messages ---------------------------------------------------------------------------

  /**
   * What goes before an error message. busybox: `$0: ` then, inside a builtin or a script, the
   * command name and (non-interactive) the line: `sh: cd: line 1: `. bash: its name, the line when
   * not interactive (subshells of an interactive bash count as interactive), then the builtin:
   * `bash: line 1: cd: `.
   */
  errorPrefix(builtin = this.currentBuiltin): string {
    if (this.dialect === 'busybox') {
      let prefix = `${this.arg0}: `;
      const commandName = builtin ?? this.scriptName;
      if (commandName !== undefined) {
        if (commandName !== this.arg0) prefix += `${commandName}: `;
        if (!this.interactive || this.sourceDepth > 0) prefix += `line ${this.line}: `;
      }
      return prefix;
    }
    let prefix = `${this.bashName()}: `;
    if (!this.interactiveShell || this.sourceDepth > 0) prefix += `line ${this.line}: `;
    if (builtin !== undefined) prefix += `${builtin}: `;
    return prefix;
  }

  /** What interactive bash says as it leaves: `logout` for a login shell (`-bash`), else `exit`. */
  get farewell(): string {
    return this.invokedAs.startsWith('-') ? 'logout' : 'exit';
  }

  /** How bash names itself: the script (or $0) when not interactive, else its basename. */
  private bashName(): string {
    if (!this.interactive) return this.sourceName ?? this.arg0;
    // A login shell keeps its dash: `-bash: foo: command not found`.
    return this.invokedAs.slice(this.invokedAs.lastIndexOf('/') + 1);
  }

  /** Writes `prefix message` to stderr. */
  *report(message: string, builtin = this.currentBuiltin): Sys<void> {
    yield* this.write(2, `${this.errorPrefix(builtin)}${message}\n`);
  }

  /** Reports an error that abandons the command line (a script exits with `status`). */
  *fail(message: string, status: number): Sys<never> {
    yield* this.report(message);
    throw new ShellError(status);
  }

  /** A syntax error found while reading `chunk`'s source. */
  *syntaxError(chunk: Extract<Chunk, { kind: 'error' }>, where: 'script' | 'eval' = 'script'): Sys<void> {
    const detail = chunk.error.detail;
    const savedLine = this.line;
    this.line = chunk.line;
    if (this.dialect === 'busybox') {
      yield* this.write(2, `${this.errorPrefix(where === 'eval' ? 'eval' : undefined)}${detail}\n`);
    } else if (this.interactive && where === 'script' && this.sourceDepth === 0) {
      yield* this.write(2, `${this.bashName()}: ${detail}\n`);
    } else {
      const origin = where === 'eval' ? 'eval: ' : this.commandString && this.sourceDepth === 0 ? '-c: ' : '';
      const prefix = `${this.bashName()}: ${origin}line ${chunk.line}: `;
      let text = `${prefix}${detail}\n`;
      if (detail.startsWith('syntax error near')) text += `${prefix}\`${chunk.lineText}'\n`;
      yield* this.write(2, text);
    }
    this.line = savedLine;
  }

  // --- system calls -------------------------------------------------------------------------

  /**
   * Performs a syscall, taking any caught signal that arrives meanwhile: a trapped one is queued
   * for its handler, Ctrl-C in an interactive shell is remembered. The call is then restarted,
   * or, when `interruptible` (the `wait` and `read` builtins), abandoned by throwing the signal.
   */
  *syscall<T>(make: () => Sys<T>, interruptible = false): Sys<T> {
    for (;;) {
      try {
        return yield* make();
      } catch (e) {
        if (!(e instanceof SignalInterrupt)) throw e;
        const noted = this.noteSignal(e.signal);
        if (interruptible && noted) throw e;
      }
    }
  }

  /** Records a caught signal. Returns whether it should interrupt an interruptible call. */
  noteSignal(signal: SignalName): boolean {
    const action = this.traps.get(signal);
    if (action) {
      this.pendingSignals.push(signal);
      return true;
    }
    if (this.interactive && signal === 'SIGINT') {
      this.interruptPending = true;
      return true;
    }
    return false;
  }

  /** Ctrl-C noted while the shell could not stop: stop now. */
  checkInterrupt(): void {
    if (this.interruptPending) {
      this.interruptPending = false;
      throw new Interrupted();
    }
  }

  /** One unit of CPU: lets the kernel slice a busy loop; runs any trap that became due. */
  *tick(): Sys<void> {
    // The hottest call of all (once per command): `syscall`'s logic, without its closure.
    try {
      yield* sys.tick();
    } catch (e) {
      if (!(e instanceof SignalInterrupt)) throw e;
      this.noteSignal(e.signal);
    }
    this.checkInterrupt();
    if (this.pendingSignals.length > 0) yield* this.runTraps();
  }

  /** Writes all of `text` to `fd`. Returns false (after saying why) when the descriptor is unusable. */
  *write(fd: number, text: string): Sys<boolean> {
    if (text === '') return true;
    try {
      yield* this.syscall(() => sys.write(fd, text));
      return true;
    } catch (e) {
      if (!(e instanceof SysError)) throw e;
      if (fd !== 2) yield* this.write(2, `${this.errorPrefix()}write error: ${e.message}\n`);
      return false;
    }
  }

  /** Output of a builtin: stdout, with busybox/bash's `write error` on a closed descriptor. */
  *out(text: string): Sys<boolean> {
    return yield* this.write(1, text);
  }

  /** The line editor of the terminal on `fd`. */
  editorFor(fd: number, terminal: OpenFile): LineEditor {
    let editor = this.editors.get(terminal);
    if (editor === undefined) {
      editor = new LineEditor(fd);
      this.editors.set(terminal, editor);
    }
    return editor;
  }

  /** The descriptors a child gets: 0-9 as the shell has them now. */
  childFiles(): (OpenFile | undefined)[] {
    const files: (OpenFile | undefined)[] = [];
    let last = 2;
    for (let fd = 0; fd < 10; fd++) {
      const file = this.proc.file(fd);
      files.push(file);
      if (file !== undefined && fd > last) last = fd;
    }
    files.length = last + 1;
    return files;
  }

  /** Waits for a child, restarting when a signal arrives (its trap runs after). */
  *waitFor(pid: number): Sys<WaitStatus> {
    return yield* this.syscall(() => sys.wait(pid));
  }

  /**
   * Waits for a foreground command (an interactive shell: until it ends or Ctrl-Z stops it, see
   * job-control.ts). `describe` gives its text for the job table.
   */
  waitForeground(pid: number, describe: () => string): Sys<number> {
    return waitForegroundJob(this, [{ pid, command: this.interactive ? describe() : '' }]);
  }

  // --- traps ------------------------------------------------------------------------------

  /** Whether any trap would run a command (then `exec`-ing the last command is not allowed). */
  hasTraps(): boolean {
    for (const action of this.traps.values()) if (action !== '') return true;
    return false;
  }

  private *runTraps(): Sys<void> {
    const status = this.status;
    while (this.pendingSignals.length > 0) {
      const signal = this.pendingSignals.shift()!;
      const action = this.traps.get(signal);
      if (action) yield* this.evalString(action, 'trap');
    }
    this.status = status;
  }

  /** Runs the EXIT trap (once) and returns the status the shell exits with. */
  *finish(status: number): Sys<number> {
    const action = this.traps.get('EXIT');
    this.traps.delete('EXIT');
    if (!action) return status;
    this.status = status;
    try {
      yield* this.evalString(action, 'trap');
    } catch (e) {
      if (e instanceof ExitShell) return e.status;
      if (!(e instanceof ShellError || e instanceof ReturnFromFunction || e instanceof LoopControl)) throw e;
    }
    return status;
  }

  // --- running text -----------------------------------------------------------------------

  /** Runs parsed chunks of a script; a syntax error ends it (the caller decides what that means). */
  *runChunks(chunks: readonly Chunk[], flags: number, where: 'script' | 'eval' = 'script'): Sys<number> {
    let status = 0;
    for (let i = 0; i < chunks.length; i++) {
      const chunk = chunks[i]!;
      if (chunk.kind === 'error') {
        yield* this.syntaxError(chunk, where);
        this.status = 2;
        throw new ShellError(2);
      }
      status = yield* this.runScript(chunk.script, i === chunks.length - 1 ? flags : flags & ~EXIT);
    }
    return status;
  }

  /** `eval`, trap actions. */
  *evalString(text: string, where: 'eval' | 'trap'): Sys<number> {
    return yield* this.nested(where, () => this.runChunks(parseSource(text, this.dialect), 0, where === 'eval' ? 'eval' : 'script'));
  }

  /** Runs `body` one nesting level deeper: a function call, an `eval`, a `.` file. */
  *nested<T>(name: string, body: () => Sys<T>): Sys<T> {
    if (this.nesting >= MAX_CALL_DEPTH) {
      const what = name === 'eval' || name === 'trap' ? 'eval' : name === '.' || name === 'source' ? 'source' : 'function';
      yield* this.fail(`${name}: maximum ${what} nesting level exceeded (${MAX_CALL_DEPTH})`, 2);
    }
    this.nesting++;
    try {
      return yield* body();
    } finally {
      this.nesting--;
    }
  }

  // --- evaluation -------------------------------------------------------------------------

  *runScript(script: Script, flags: number): Sys<number> {
    const items = script.items;
    let status = 0;
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      if (item.background) {
        yield* runBackground(this, item.command);
        status = 0;
        this.status = 0;
      } else {
        const itemFlags = i === items.length - 1 ? flags : flags & ~EXIT;
        const first = item.command.first;
        // Most items are one plain command: skip the and-or and pipeline layers (each layer
        // is a generator every system call passes through).
        status = item.command.rest.length === 0 && !first.negated && !first.timed && first.commands.length === 1
          ? yield* this.runCommand(first.commands[0]!, itemFlags)
          : yield* this.runAndOr(item.command, itemFlags);
      }
    }
    return status;
  }

  *runAndOr(node: AndOr, flags: number): Sys<number> {
    const rest = node.rest;
    const notLast = (flags | TESTED) & ~EXIT;
    let status = yield* this.runPipeline(node.first, rest.length > 0 ? notLast : flags);
    for (let i = 0; i < rest.length; i++) {
      const { op, pipeline } = rest[i]!;
      if ((op === '&&') !== (status === 0)) continue;
      status = yield* this.runPipeline(pipeline, i === rest.length - 1 ? flags : notLast);
    }
    return status;
  }

  *runPipeline(node: Pipeline, flags: number): Sys<number> {
    // A timed pipeline cannot be exec'd in place: the shell has to be there to print the times.
    const inner = node.negated ? (flags | TESTED) & ~EXIT : node.timed ? flags & ~EXIT : flags;
    const started = this.proc.now();
    let status = node.commands.length === 1
      ? yield* this.runCommand(node.commands[0]!, inner)
      : yield* runMultiPipeline(this, node.commands, inner);
    if (node.negated) status = status === 0 ? 1 : 0;
    if (node.timed) yield* this.write(2, timeReport(node.timed, this.proc.now() - started));
    this.status = status;
    return status;
  }

  *runCommand(command: Command, flags: number): Sys<number> {
    yield* this.tick();
    if (this.options.noexec && !this.interactive) return 0;
    let status: number;
    switch (command.type) {
      case 'simple':
        this.currentSimple = command;
        status = yield* runSimple(this, command, flags);
        break;
      case 'function':
        this.functions.set(command.name, command);
        status = 0;
        break;
      default:
        status = command.redirects.length === 0 ? yield* runCompoundBody(this, command, flags) : yield* runCompound(this, command, flags);
    }
    this.status = status;
    this.checkInterrupt();
    if (this.pendingSignals.length > 0) yield* this.runTraps();
    return status;
  }

  // --- entry points for the builtins (plain calls: no extra generator in between) ----------

  /** Finds what `argv[0]` names and runs it. `skipFunctions` is `command name`. */
  dispatch(argv: string[], assignments: [string, string][], flags: number, skipFunctions = false): Sys<number> {
    return dispatch(this, argv, assignments, flags, skipFunctions);
  }

  /** execve: this process becomes the command; `builtin` is `exec` when the user wrote it. */
  replaceWith(argv: string[], env: Record<string, string>, builtin?: string): Sys<number> {
    return replaceWith(this, argv, env, builtin);
  }

  /** `$(...)`: the output of a forked subshell, trailing newlines removed. */
  commandSubstitution(body: Script): Sys<string> {
    return commandSubstitution(this, body);
  }

  /** The first executable file called `name` on the PATH (for `type` and `command -v`). */
  lookPath(name: string): string | undefined {
    return findInPath(this.fs(), name, this.vars.get('PATH'));
  }

  /** A signal's number for $? (128 + n). */
  static signalStatus(signal: SignalName): number {
    return 128 + SIGNAL_NUMBERS[signal];
  }
}

/**
 * What bash's `time` prints on stderr: elapsed (simulated) time, and no CPU time — simulated
 * programs use none. `-p` uses POSIX's format.
 */
export function timeReport(format: 'bash' | 'posix', elapsedMs: number): string {
  if (format === 'posix') return `real ${(elapsedMs / 1000).toFixed(2)}\nuser 0.00\nsys 0.00\n`;
  const clock = (ms: number): string => `${Math.floor(ms / 60_000)}m${((ms % 60_000) / 1000).toFixed(3)}s`;
  return `\nreal\t${clock(elapsedMs)}\nuser\t${clock(0)}\nsys\t${clock(0)}\n`;
}
