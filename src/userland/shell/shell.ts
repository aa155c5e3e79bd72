// The interpreter: walks the AST as generator code on the simulated kernel. Every command first
// yields a `tick`, so a busy loop is sliced like CPU time and stays interruptible; external
// commands are child processes; pipelines, `( )`, `$( )` and `&` fork a copy of this shell.
//
// Evaluation flags follow ash: TESTED marks commands whose failure must not trigger `set -e`
// (conditions, all but the last of `a && b`, `! cmd`); EXIT marks the last command of a `-c`
// string or a subshell, which may replace the process instead of forking (`sh -c 'sleep 3600'`
// leaves `sleep` as PID 1, as real shells do).
import type { Vfs } from '../../engine/runtime/fs';
import {
  NullFile, Pipe, SIGNAL_NUMBERS, SignalInterrupt, sys, SysError,
  type OpenFile, type Proc, type Program, type SignalName, type Sys, type WaitStatus,
} from '../../engine/runtime/process';
import type { ArithVariables } from './arith';
import type { AndOr, Assignment, Command, CompoundCommand, FunctionDefinition, Pipeline, Script, SimpleCommand } from './ast';
import { BUILTINS, type Builtin } from './builtins';
import { ExitShell, Interrupted, LoopControl, ReturnFromFunction, ShellError } from './control';
import type { ShellDialect } from './errors';
import { Expander } from './expand';
import { MESSAGES, type Messages } from './messages';
import { LineEditor } from './line-editor';
import { lineOf } from './parser';
import { matchPattern } from './pattern';
import { applyRedirects, installPrivate, restoreRedirects } from './redirect';
import { parseSource, type Chunk } from './source';
import { ReadonlyError, Variables } from './variables';

export const TESTED = 1;
export const EXIT = 2;

/**
 * Function calls, `eval` and `.` nest inside one another on the JavaScript stack (generators
 * delegating to generators). Deeper than any sane script, this keeps `f() { f; }; f` an error
 * message instead of a crash; real shells would eventually run out of stack too.
 */
export const MAX_CALL_DEPTH = 200;
/** Status of a command whose redirection failed (1 in both shells). */
const REDIRECT_FAILURE = 1;
/** `$(yes)` would fill memory; stop reading a command substitution past this. */
const MAX_SUBSTITUTION = 4 * 1024 * 1024;

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
  positional: string[];
  arg0: string;
  options: ShellOptions = { errexit: false, nounset: false, xtrace: false, noglob: false, noexec: false };
  interactive: boolean;
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
  /** Background jobs not yet waited for: pid → job number. */
  readonly jobs = new Map<number, number>();
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
  private substitutionStatus: number | undefined;
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
    this.arg0 = setup.arg0;
    this.positional = [...setup.positional];
    this.interactive = setup.interactive;
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
   * not interactive, then the builtin: `bash: line 1: cd: `.
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
    if (!this.interactive || this.sourceDepth > 0) prefix += `line ${this.line}: `;
    if (builtin !== undefined) prefix += `${builtin}: `;
    return prefix;
  }

  /** How bash names itself: the script (or $0) when not interactive, else its basename. */
  private bashName(): string {
    if (!this.interactive) return this.sourceName ?? this.arg0;
    const name = this.invokedAs.replace(/^-/, '');
    return name.slice(name.lastIndexOf('/') + 1);
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

  /** Waits for a foreground job; an interactive shell abandons the line if Ctrl-C killed it. */
  *waitForeground(pid: number): Sys<number> {
    if (this.interactive) this.foregroundGroup = pid;
    let status: WaitStatus;
    try {
      status = yield* this.waitFor(pid);
    } finally {
      this.foregroundGroup = undefined;
    }
    if (this.interactive && status.signal === 'SIGINT') throw new Interrupted();
    return status.code;
  }

  // --- traps ------------------------------------------------------------------------------

  /** Whether any trap would run a command (then `exec`-ing the last command is not allowed). */
  private hasTraps(): boolean {
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
        yield* this.runBackground(item.command);
        status = 0;
        this.status = 0;
      } else {
        const itemFlags = i === items.length - 1 ? flags : flags & ~EXIT;
        const first = item.command.first;
        // Most items are one plain command: skip the and-or and pipeline layers (each layer
        // is a generator every system call passes through).
        status = item.command.rest.length === 0 && !first.negated && first.commands.length === 1
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
    const inner = node.negated ? (flags | TESTED) & ~EXIT : flags;
    let status = node.commands.length === 1
      ? yield* this.runCommand(node.commands[0]!, inner)
      : yield* this.runMultiPipeline(node.commands, inner);
    if (node.negated) status = status === 0 ? 1 : 0;
    this.status = status;
    return status;
  }

  /** `a | b | c`: one forked process per command, each waited for; the status is the last one's. */
  private *runMultiPipeline(commands: readonly Command[], flags: number): Sys<number> {
    const pids: number[] = [];
    let input: OpenFile | undefined;
    let group: number | undefined;
    // The shell never holds the pipes itself: each end belongs to the children alone, so a reader
    // sees end of file as soon as the writer before it exits.
    for (let i = 0; i < commands.length; i++) {
      const command = commands[i]!;
      const pipe = i < commands.length - 1 ? new Pipe() : undefined;
      const files = this.childFiles();
      if (input) files[0] = input;
      if (pipe) files[1] = pipe.writer;
      const pid = yield* this.fork((child) => child.runCommand(command, EXIT | (flags & TESTED)), files, this.interactive ? (group ?? 'new') : undefined);
      group ??= pid;
      pids.push(pid);
      input = pipe?.reader;
    }
    let status = 0;
    if (this.interactive && group !== undefined) this.foregroundGroup = group;
    let interrupted = false;
    try {
      for (const pid of pids) {
        const result = yield* this.waitFor(pid);
        status = result.code;
        if (result.signal === 'SIGINT') interrupted = true;
      }
    } finally {
      this.foregroundGroup = undefined;
    }
    if (this.interactive && interrupted) throw new Interrupted();
    if (status !== 0 && this.options.errexit && !(flags & TESTED)) throw new ExitShell(status);
    return status;
  }

  *runCommand(command: Command, flags: number): Sys<number> {
    yield* this.tick();
    if (this.options.noexec && !this.interactive) return 0;
    let status: number;
    switch (command.type) {
      case 'simple':
        status = yield* this.runSimple(command, flags);
        break;
      case 'function':
        this.functions.set(command.name, command);
        status = 0;
        break;
      default:
        status = command.redirects.length === 0 ? yield* this.runCompoundBody(command, flags) : yield* this.runCompound(command, flags);
    }
    this.status = status;
    this.checkInterrupt();
    if (this.pendingSignals.length > 0) yield* this.runTraps();
    return status;
  }

  /** A compound command with redirections (applied around it). */
  private *runCompound(command: CompoundCommand, flags: number): Sys<number> {
    const undo = yield* applyRedirects(this, command.redirects);
    if (undo === undefined) return REDIRECT_FAILURE;
    try {
      return yield* this.runCompoundBody(command, flags & ~EXIT);
    } finally {
      restoreRedirects(this.proc, undo);
    }
  }

  private *runCompoundBody(command: CompoundCommand, flags: number): Sys<number> {
    switch (command.type) {
      case 'if': {
        for (const clause of command.clauses) {
          if ((yield* this.runScript(clause.condition, TESTED)) === 0) return yield* this.runScript(clause.body, flags);
        }
        return command.elseBody ? yield* this.runScript(command.elseBody, flags) : 0;
      }
      case 'loop':
        return yield* this.runLoop(function* (shell) {
          const condition = yield* shell.runScript(command.condition, TESTED);
          return (condition === 0) !== command.until;
        }, command.body, flags);
      case 'for': {
        const items = command.items ? yield* this.expander.words(command.items) : [...this.positional];
        let next = 0;
        return yield* this.runLoop(function* (shell) {
          if (next >= items.length) return false;
          yield* shell.assign(command.variable, items[next++]!);
          return true;
        }, command.body, flags);
      }
      case 'case': {
        const subject = yield* this.expander.string(command.subject);
        for (const arm of command.arms) {
          for (const pattern of arm.patterns) {
            if (matchPattern(yield* this.expander.pattern(pattern), subject)) return yield* this.runScript(arm.body, flags);
          }
        }
        return 0;
      }
      case 'group':
        return yield* this.runScript(command.body, flags);
      case 'subshell':
        return yield* this.runSubshell(command.body, flags);
    }
  }

  /** while/until/for: `next` says whether to run the body again; break and continue land here. */
  private *runLoop(next: (shell: Shell) => Sys<boolean>, body: Script, flags: number): Sys<number> {
    let status = 0;
    this.loopDepth++;
    try {
      for (;;) {
        try {
          if (!(yield* next(this))) break;
          status = yield* this.runScript(body, flags & TESTED);
        } catch (e) {
          if (!(e instanceof LoopControl)) throw e;
          if (e.levels > 1) {
            e.levels--;
            throw e;
          }
          if (e.kind === 'break') break;
        }
      }
    } finally {
      this.loopDepth--;
    }
    return status;
  }

  /** `( ... )`: a forked copy of the shell (or this process, when nothing follows it). */
  private *runSubshell(body: Script, flags: number): Sys<number> {
    if (flags & EXIT && !this.hasTraps()) return yield* this.runScript(body, flags);
    const pid = yield* this.fork((child) => child.runScript(body, EXIT | (flags & TESTED)), this.childFiles(), this.interactive ? 'new' : undefined);
    const status = yield* this.waitForeground(pid);
    if (status !== 0 && this.options.errexit && !(flags & TESTED)) throw new ExitShell(status);
    return status;
  }

  /** `cmd &`: forked, not waited for; without job control its input is /dev/null. */
  private *runBackground(command: AndOr): Sys<void> {
    const files = this.childFiles();
    if (!this.interactive) files[0] = new NullFile();
    const pid = yield* this.fork((child) => child.runAndOr(command, EXIT), files, this.interactive ? 'new' : undefined);
    this.lastBackground = pid;
    const number = this.jobs.size === 0 ? 1 : Math.max(...this.jobs.values()) + 1;
    this.jobs.set(pid, number);
    if (this.interactive) yield* this.write(2, `[${number}] ${pid}\n`);
  }

  /** Forks a copy of this shell running `body` with the given descriptors; returns its pid. */
  *fork(body: (child: Shell) => Sys<number>, files: (OpenFile | undefined)[], group?: number | 'new'): Sys<number> {
    const program: Program = (proc) => this.subshell(proc).runAsSubshell(body);
    try {
      return this.proc.spawn(this.proc.argv, { files, env: this.vars.environment(), program, ...(group === undefined ? {} : { pgid: group }) });
    } catch (e) {
      if (!(e instanceof SysError)) throw e;
      return yield* this.cannotFork(e);
    }
  }

  /** No process could be created (the pids limit): like ash and bash, give up the command line. */
  private *cannotFork(error: SysError): Sys<never> {
    yield* this.report(this.messages.cannotFork(error.message), undefined);
    throw new ShellError(2);
  }

  /** This shell's state copied into a child process: traps reset, ignored signals stay ignored. */
  private subshell(proc: Proc): Shell {
    const child = new Shell(proc, {
      dialect: this.dialect,
      arg0: this.arg0,
      positional: this.positional,
      interactive: false,
      invokedAs: this.invokedAs,
      ...(this.scriptName === undefined ? {} : { scriptName: this.scriptName }),
      commandString: this.commandString,
      program: this.program,
    }, this.vars.clone());
    child.functions = new Map(this.functions);
    child.options = { ...this.options };
    child.status = this.status;
    child.rootPid = this.rootPid;
    child.lastBackground = this.lastBackground;
    child.line = this.line;
    child.sourceName = this.sourceName;
    child.loopDepth = this.loopDepth;
    child.functionDepth = this.functionDepth;
    child.umask = this.umask;
    for (const [name, action] of this.traps) if (action === '') child.traps.set(name, '');
    return child;
  }

  private *runAsSubshell(body: (child: Shell) => Sys<number>): Sys<number> {
    let status: number;
    try {
      status = yield* body(this);
    } catch (e) {
      if (e instanceof ExitShell || e instanceof ShellError || e instanceof ReturnFromFunction) status = e.status;
      else if (e instanceof LoopControl) status = this.status;
      else throw e;
    }
    return yield* this.finish(status);
  }

  /** `$(...)`: the output of a forked subshell, trailing newlines removed. */
  *commandSubstitution(body: Script): Sys<string> {
    const pipe = new Pipe();
    const files = this.childFiles();
    files[1] = pipe.writer;
    const pid = yield* this.fork((child) => child.runScript(body, EXIT), files);
    const fd = installPrivate(this.proc, pipe.reader);
    let out = '';
    try {
      for (;;) {
        const chunk = yield* this.syscall(() => sys.read(fd));
        if (chunk === null) break;
        out += chunk;
        if (out.length > MAX_SUBSTITUTION) {
          this.proc.kill(pid, 'SIGKILL');
          break;
        }
      }
    } finally {
      this.proc.close(fd);
    }
    const status = yield* this.waitFor(pid);
    this.substitutionStatus = status.code;
    let end = out.length;
    while (end > 0 && out[end - 1] === '\n') end--;
    return out.slice(0, end);
  }

  // --- simple commands --------------------------------------------------------------------

  private *runSimple(command: SimpleCommand, flags: number): Sys<number> {
    this.line = lineOf(command) ?? this.line;
    this.substitutionStatus = undefined;
    const argv = command.words.length === 0 ? [] : yield* this.expandArguments(command.words);
    let status: number;
    if (argv.length === 0) {
      status = yield* this.runAssignmentsOnly(command);
    } else {
      const assignments = command.assignments.length === 0 ? [] : yield* this.expandAssignments(command.assignments);
      if (this.options.xtrace) yield* this.trace(assignments, argv);
      if (argv[0] === 'exec') status = yield* this.execBuiltin(argv, assignments, command);
      else if (command.redirects.length === 0) status = yield* this.dispatch(argv, assignments, flags);
      else status = yield* this.runRedirected(argv, assignments, command, flags);
    }
    if (status !== 0 && this.options.errexit && !(flags & TESTED)) throw new ExitShell(status);
    return status;
  }

  /** `export x=$y`, `local a=b`: assignment-like arguments of these builtins are not split. */
  private *expandArguments(words: SimpleCommand['words']): Sys<string[]> {
    const first = words[0]!.parts[0];
    const declaring = words[0]!.parts.length === 1 && first?.type === 'literal'
      && (first.value === 'export' || first.value === 'local' || first.value === 'readonly');
    if (!declaring) return yield* this.expander.words(words);
    const argv: string[] = [];
    for (const word of words) {
      const head = word.parts[0];
      if (head?.type === 'literal' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(head.value)) argv.push(yield* this.expander.string(word));
      else argv.push(...(yield* this.expander.words([word])));
    }
    return argv;
  }

  private *expandAssignments(assignments: readonly Assignment[]): Sys<[string, string][]> {
    const out: [string, string][] = [];
    for (const a of assignments) out.push([a.name, yield* this.expander.string(a.value)]);
    return out;
  }

  /** `x=1 y=$(cmd) >file`: variables are set in the shell itself; the status is $(cmd)'s. */
  private *runAssignmentsOnly(command: SimpleCommand): Sys<number> {
    for (const a of command.assignments) {
      const value = yield* this.expander.string(a.value);
      if (this.options.xtrace) yield* this.trace([[a.name, value]], []);
      yield* this.assign(a.name, value);
    }
    if (command.redirects.length > 0) {
      const undo = yield* applyRedirects(this, command.redirects);
      if (undo === undefined) return REDIRECT_FAILURE;
      restoreRedirects(this.proc, undo);
    }
    return this.substitutionStatus ?? 0;
  }

  /** A command with redirections, undone after it (a failing one is fatal before a special builtin). */
  private *runRedirected(argv: string[], assignments: [string, string][], command: SimpleCommand, flags: number): Sys<number> {
    const undo = yield* applyRedirects(this, command.redirects);
    if (undo === undefined) {
      if (BUILTINS.get(argv[0]!)?.special && !this.interactive) throw new ShellError(REDIRECT_FAILURE);
      return REDIRECT_FAILURE;
    }
    try {
      return yield* this.dispatch(argv, assignments, flags);
    } finally {
      restoreRedirects(this.proc, undo);
    }
  }

  /** Finds what `argv[0]` names and runs it. `skipFunctions` is `command name`. */
  *dispatch(argv: string[], assignments: [string, string][], flags: number, skipFunctions = false): Sys<number> {
    const name = argv[0]!;
    const builtin = BUILTINS.get(name);
    const fn = skipFunctions ? undefined : this.functions.get(name);
    if (builtin !== undefined && (fn === undefined || (builtin.special && this.dialect === 'busybox'))) {
      return yield* this.runBuiltin(builtin, argv, assignments);
    }
    if (fn !== undefined) return yield* this.callFunction(fn, argv, assignments, flags);
    return yield* this.runExternal(argv, assignments, flags);
  }

  private *runBuiltin(builtin: Builtin, argv: string[], assignments: [string, string][]): Sys<number> {
    // Before a special builtin, assignments stay; before a regular one they last for it alone.
    const temporary = !builtin.special && assignments.length > 0;
    if (temporary) {
      this.vars.pushScope();
      for (const [n] of assignments) this.vars.makeLocal(n);
    }
    const savedBuiltin = this.currentBuiltin;
    this.currentBuiltin = argv[0];
    try {
      for (const [n, v] of assignments) yield* this.assign(n, v);
      return yield* builtin.run(this, argv);
    } finally {
      this.currentBuiltin = savedBuiltin;
      if (temporary) this.vars.popScope();
    }
  }

  *callFunction(fn: FunctionDefinition, argv: string[], assignments: [string, string][], flags: number): Sys<number> {
    return yield* this.nested(fn.name, () => this.runFunction(fn, argv, assignments, flags));
  }

  private *runFunction(fn: FunctionDefinition, argv: string[], assignments: [string, string][], flags: number): Sys<number> {
    // ash keeps assignments made before a function call; bash makes them local to it.
    if (this.dialect === 'busybox') for (const [n, v] of assignments) yield* this.assign(n, v);
    const savedPositional = this.positional;
    this.positional = argv.slice(1);
    this.vars.pushScope();
    this.functionDepth++;
    try {
      if (this.dialect === 'bash') {
        for (const [n, v] of assignments) {
          this.vars.makeLocal(n);
          this.vars.export(n, v);
        }
      }
      return yield* this.runCommand(fn.body, flags & TESTED);
    } catch (e) {
      if (e instanceof ReturnFromFunction) return e.status;
      throw e;
    } finally {
      this.functionDepth--;
      this.vars.popScope();
      this.positional = savedPositional;
    }
  }

  private *runExternal(argv: string[], assignments: [string, string][], flags: number): Sys<number> {
    const env = this.vars.environment(assignments.length > 0 ? Object.fromEntries(assignments) : undefined);
    if (flags & EXIT && !this.hasTraps()) return yield* this.replaceWith(argv, env);
    let pid: number;
    try {
      pid = this.proc.spawn(argv, { files: this.childFiles(), env, ...(this.interactive ? { pgid: 'new' as const } : {}) });
    } catch (e) {
      if (!(e instanceof SysError)) throw e;
      return yield* this.cannotRun(argv, env, e);
    }
    return yield* this.waitForeground(pid);
  }

  /**
   * execve: this process becomes the command. Only returns when that fails, and then the shell
   * exits. `builtin` is `exec` when the user wrote it (messages then name it).
   */
  *replaceWith(argv: string[], env: Record<string, string>, builtin?: string): Sys<number> {
    try {
      yield* sys.exec(argv, env);
    } catch (e) {
      if (!(e instanceof SysError)) throw e;
      const status = yield* this.cannotRun(argv, env, e, builtin);
      throw new ExitShell(status);
    }
    return 0;
  }

  /** A command that could not start: the shell's message and status (127 not found, 126 not executable). */
  private *cannotRun(argv: string[], env: Record<string, string>, error: SysError, builtin?: string): Sys<number> {
    const name = argv[0]!;
    switch (error.errno) {
      case 'ENOENT':
        // bash's exec says just `not found`, whatever its usual wording.
        yield* this.report(builtin === 'exec' && this.dialect === 'bash' ? `${name}: not found` : this.messages.notFound(name), builtin);
        return 127;
      case 'ENOEXEC':
        // No #! line: run it as a script of this shell, as sh and bash do.
        return yield* this.runWithoutShebang(argv, env);
      case 'EAGAIN':
        return yield* this.cannotFork(error);
      default: {
        let isDirectory = false;
        try {
          isDirectory = name.includes('/') && this.fs().stat(name).type === 'dir';
        } catch {
          // not there after all
        }
        yield* this.report(this.messages.cannotExecute(name, isDirectory), builtin);
        return 126;
      }
    }
  }

  private *runWithoutShebang(argv: string[], env: Record<string, string>): Sys<number> {
    const path = argv[0]!.includes('/') ? argv[0]! : (findInPath(this.fs(), argv[0]!, env['PATH']) ?? argv[0]!);
    let pid: number;
    try {
      pid = this.proc.spawn([this.dialect === 'bash' ? 'bash' : 'sh', path, ...argv.slice(1)], { files: this.childFiles(), env, program: this.program });
    } catch (e) {
      if (!(e instanceof SysError)) throw e;
      return yield* this.cannotFork(e);
    }
    return yield* this.waitForeground(pid);
  }

  /** `exec [cmd args]`: with a command, replace the shell; without, keep the redirections. */
  private *execBuiltin(argv: string[], assignments: [string, string][], command: SimpleCommand): Sys<number> {
    const undo = yield* applyRedirects(this, command.redirects, true);
    if (undo === undefined) {
      if (!this.interactive) throw new ShellError(REDIRECT_FAILURE);
      return REDIRECT_FAILURE;
    }
    let args = argv.slice(1);
    if (args[0] === '--') args = args.slice(1);
    if (args.length === 0) {
      for (const [n, v] of assignments) yield* this.assign(n, v);
      return 0;
    }
    const env = this.vars.environment(assignments.length > 0 ? Object.fromEntries(assignments) : undefined);
    return yield* this.replaceWith(args, env, 'exec');
  }

  /** `set -x`: `+ cmd args` on stderr, quoted so it could be typed back. */
  private *trace(assignments: [string, string][], argv: string[]): Sys<void> {
    const ps4 = this.vars.get('PS4') ?? '+ ';
    const words = [...assignments.map(([n, v]) => `${n}=${traceQuote(v, this.dialect)}`), ...argv.map((a) => traceQuote(a, this.dialect))];
    yield* this.write(2, `${ps4}${words.join(' ')}\n`);
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

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export function findInPath(fs: Vfs, name: string, path: string | undefined): string | undefined {
  if (name.includes('/')) return undefined;
  for (const dir of (path ?? DEFAULT_PATH).split(':')) {
    const candidate = `${dir === '' ? '.' : dir}/${name}`;
    try {
      const st = fs.stat(candidate);
      if (st.type === 'file' && (st.mode & 0o111) !== 0) return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** How `set -x` shows a word: as is when safe, else single-quoted (ash also quotes `=` and `%`). */
function traceQuote(word: string, dialect: ShellDialect): string {
  if (dialect === 'busybox') return /^[+,\-./0-9:@A-Z\]^_a-z]*$/.test(word) ? word : `'${word.replace(/'/g, `'"'"'`)}'`;
  if (word === '') return "''";
  return /^[+,\-./0-9:@A-Z\]^_a-z=%]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}
