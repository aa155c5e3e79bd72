/**
 * One container instance: a fresh writable layer over its image, a PID namespace in the pod's
 * network namespace, PID 1 with its stdio wired to the container log, and the exec and attach
 * sessions that reach into it. A restart is never this object again: the kubelet creates a new
 * container, which is why files written outside volumes are gone afterwards.
 */
import type { Clock, Timer } from '../../sim/clock';
import { createContainerFs, FsError, type Vfs } from '../fs';
import {
  type Kernel,
  NullFile,
  PidNamespace,
  SinkFile,
  SourceFile,
  SysError,
  TtyFile,
  sys,
  type KernelSpawnOptions,
  type OpenFile,
  type Process,
  type Program,
  type SignalName,
  type WaitStatus,
} from '../process';
import { ContainerLog, LogStream, LogTty, UNSIZED_PTY } from './container-log';
import { goErrorText, goQuote, lookPath } from './look-path';
import { execErrorMessage, execFailedMessage, startErrorMessage, wrongStateMessage } from './messages';
import { containerEnv, imageLayerOf } from './rootfs';
import { AttachedStdin, Session } from './session';
import type { Callback, ContainerConfig, ContainerStatus, ExecSyncResult, PodSandbox, StartResult, StreamSession } from './types';

export interface ContainerContext {
  readonly clock: Clock;
  readonly kernel: Kernel;
  /** PID 1 has exited (called from a clock event). */
  readonly exited: (status: ContainerStatus) => void;
}

export class Container {
  /** A frozen snapshot, replaced on every change, so callers may keep it. */
  status: ContainerStatus;
  readonly log: ContainerLog;
  readonly ns: PidNamespace;
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  /** PID 1's stdin when the container was created with `stdin: true`. */
  private stdin: SourceFile | undefined;
  /** PID 1's terminal when the container was created with `tty: true`: attach resizes it. */
  private tty: TtyFile | undefined;
  private readonly killTimers: Timer[] = [];
  private readonly exitWaiters: Callback<ContainerStatus>[] = [];

  constructor(
    private readonly ctx: ContainerContext,
    readonly id: string,
    readonly sandbox: PodSandbox,
    readonly config: ContainerConfig,
    /** What PID 1 runs: the pod's command/args merged with the image's Entrypoint/Cmd. */
    readonly argv: readonly string[],
  ) {
    const now = ctx.clock.now();
    const image = config.image.image;
    this.log = new ContainerLog(ctx.clock);
    this.env = containerEnv(image.config, sandbox.config.hostname, config.env, config.tty);
    this.cwd = config.workingDir || image.config.WorkingDir || '/';
    const fs = createContainerFs({
      image: imageLayerOf(image),
      mounts: config.mounts.map((m) => ({ mountPath: m.containerPath, volume: m.volume, readOnly: m.readOnly, subPath: m.subPath })),
      now,
    });
    // Like runc, create a working directory the image does not have (if a file is in the way, start fails).
    if (!fs.exists(this.cwd)) ignoreFsError(() => fs.mkdir(this.cwd, now, { parents: true }));
    const { namespace, name, hostname } = sandbox.config;
    this.ns = new PidNamespace(`${namespace}/${name}/${config.name}`, hostname, fs, image.programs, sandbox.netns);
    this.status = Object.freeze({
      id,
      containerID: `containerd://${id}`,
      name: config.name,
      attempt: config.attempt,
      state: 'created',
      createdAt: now,
      image: config.image,
    });
  }

  /** Starts PID 1; a command runc cannot find or run ends the container at once (StartError, 128). */
  start(): StartResult {
    const now = this.ctx.clock.now();
    this.ns.onInitExit = (status) => this.initExited(status);
    const run = runIn(this.ctx.kernel, this.ns, this.argv, { env: this.env, cwd: this.cwd, files: this.stdio() });
    if (!run.ok) {
      const message = startErrorMessage(run.error);
      this.update({ state: 'exited', finishedAt: now, exitCode: 128, reason: 'StartError', message });
      return { ok: false, error: message };
    }
    this.update({ state: 'running', startedAt: now });
    return { ok: true };
  }

  /** Sends `signal` to PID 1 and SIGKILL after `timeoutMs` (at once when it is 0), as containerd's StopContainer. */
  stop(signal: SignalName, timeoutMs: number): void {
    const init = this.ns.init;
    if (init === undefined) return;
    const { kernel, clock } = this.ctx;
    if (timeoutMs <= 0) {
      kernel.signal(init, 'SIGKILL');
      return;
    }
    kernel.signal(init, signal);
    this.killTimers.push(clock.schedule(timeoutMs, () => kernel.signal(init, 'SIGKILL')));
  }

  kill(): void {
    this.stop('SIGKILL', 0);
  }

  /** `listener` gets the final status once PID 1 has exited (from a clock event). */
  whenExited(listener: Callback<ContainerStatus>): void {
    if (this.status.state !== 'exited') this.exitWaiters.push(listener);
    else this.ctx.clock.schedule(0, () => listener(this.status));
  }

  execSync(execId: string, argv: readonly string[], timeoutMs: number, done: Callback<ExecSyncResult | { error: string }>): void {
    const { clock, kernel } = this.ctx;
    const fail = (error: string): void => void clock.schedule(0, () => done({ error }));
    if (this.status.state !== 'running') return fail(execFailedMessage(wrongStateMessage(this.status.state)));
    let output = '';
    const collect = new SinkFile((data) => (output += data));
    const run = runIn(kernel, this.ns, argv, { env: this.env, cwd: this.cwd, files: [new NullFile(), collect, collect], pgid: 'new' });
    if (!run.ok) return fail(execErrorMessage(execId, run.error));
    let timedOut = false;
    const deadline = timeoutMs > 0 ? clock.schedule(timeoutMs, () => {
      timedOut = true;
      kernel.signal(run.proc, 'SIGKILL');
    }) : undefined;
    run.proc.onExit((status) => {
      deadline?.cancel();
      clock.schedule(0, () => done({ exitCode: status.code, output, timedOut }));
    });
  }

  /** `kubectl exec`: a new process in the container, its own process group, with the container's env and cwd. */
  exec(execId: string, argv: readonly string[], options: { tty: boolean; stdin: boolean }): StreamSession | { error: string } {
    if (this.status.state !== 'running') return { error: execFailedMessage(wrongStateMessage(this.status.state)) };
    const { kernel } = this.ctx;
    const tty = options.tty ? new TtyFile((data) => session.output('stdout', data), UNSIZED_PTY) : undefined;
    const input = options.stdin ? (tty ?? new SourceFile()) : undefined;
    // Without stdin the client's input goes nowhere.
    const session = new Session(input ?? new SourceFile(), tty);
    const files = tty
      ? [tty, tty, tty]
      : [input ?? new NullFile(), new SinkFile((data) => session.output('stdout', data)), new SinkFile((data) => session.output('stderr', data))];
    const env = options.tty ? { ...this.env, TERM: 'xterm' } : this.env;
    const run = runIn(kernel, this.ns, argv, { env, cwd: this.cwd, files, pgid: 'new' });
    if (!run.ok) return { error: execErrorMessage(execId, run.error) };
    session.process = run.proc;
    if (tty) tty.signalForeground = (signal) => kernel.signalGroup(this.ns, run.proc.pgid, signal);
    run.proc.onExit((status) => session.exit(status.code));
    return session;
  }

  /** `kubectl attach`: PID 1's output from now on, and its stdin if the container has one. */
  attach(): StreamSession | { error: string } {
    if (this.status.state !== 'running') return { error: wrongStateMessage(this.status.state) };
    const stdin = this.stdin ? new AttachedStdin(this.stdin, this.config.stdinOnce) : new SourceFile();
    const session = new Session(stdin, this.tty);
    const detach = this.log.onChunk((stream, data) => session.output(stream, data));
    this.whenExited((status) => {
      detach();
      session.exit(status.exitCode ?? 0);
    });
    return session;
  }

  /** stdin, stdout, stderr of PID 1. */
  private stdio(): OpenFile[] {
    if (this.config.tty) {
      const tty = (this.tty = new LogTty(this.log));
      // Ctrl-C and window changes on an attached terminal go to PID 1's process group, as a tty's do.
      tty.signalForeground = (signal) => {
        const init = this.ns.init;
        if (init) this.ctx.kernel.signalGroup(this.ns, init.pgid, signal);
      };
      this.stdin = this.config.stdin ? tty : undefined;
      return [tty, tty, tty];
    }
    this.stdin = this.config.stdin ? new SourceFile() : undefined;
    return [this.stdin ?? new NullFile(), new LogStream(this.log, 'stdout'), new LogStream(this.log, 'stderr')];
  }

  private initExited(exit: WaitStatus): void {
    for (const timer of this.killTimers) timer.cancel();
    // containerd's reasons; the kubelet reports a SIGKILLed container as Error with exit code 137.
    this.update({ state: 'exited', finishedAt: this.ctx.clock.now(), exitCode: exit.code, reason: exit.code === 0 ? 'Completed' : 'Error' });
    const status = this.status;
    this.ctx.clock.schedule(0, () => {
      this.log.finish();
      for (const waiter of this.exitWaiters.splice(0)) waiter(status);
      this.ctx.exited(status);
    });
  }

  private update(patch: Partial<ContainerStatus>): void {
    this.status = Object.freeze({ ...this.status, ...patch });
  }
}

type Run = { readonly ok: true; readonly proc: Process } | { readonly ok: false; readonly error: string };

/**
 * What runc does to start a process in a container: check the working directory, look the command
 * up (the Go error text when that fails), then exec. Once the lookup has passed runc has handed
 * over, so a failing exec — a script whose interpreter is missing, a file that is no program — is
 * the process's own failure: it prints `exec /path: <error>` and exits 1. A full pids limit fails
 * before that, with runc's own error.
 */
function runIn(kernel: Kernel, ns: PidNamespace, argv: readonly string[], options: KernelSpawnOptions & { env: Readonly<Record<string, string>>; cwd: string }): Run {
  const cwdProblem = directoryProblem(ns.fs, options.cwd);
  if (cwdProblem !== undefined) return { ok: false, error: `chdir to cwd (${goQuote(options.cwd)}) set in config.json failed: ${cwdProblem}` };
  const found = lookPath(ns.fs.at(options.cwd), argv[0] ?? '', options.env['PATH']);
  if (!found.ok) return found;
  try {
    return { ok: true, proc: kernel.spawn(ns, argv, options) };
  } catch (e) {
    if (!(e instanceof SysError)) throw e;
    // The pids limit is reached: runc cannot even fork its init process into the container.
    if (e.errno === 'EAGAIN') return { ok: false, error: 'read init-p: connection reset by peer' };
    return { ok: true, proc: kernel.spawn(ns, argv, { ...options, program: execFailure(found.path, goErrorText(e.message)) }) };
  }
}

/** Why `path` cannot be a working directory, in Go's words; undefined when it can. */
function directoryProblem(fs: Vfs, path: string): string | undefined {
  try {
    return fs.stat(path).type === 'dir' ? undefined : 'not a directory';
  } catch (e) {
    if (e instanceof FsError) return goErrorText(e.text);
    throw e;
  }
}

function ignoreFsError(action: () => void): void {
  try {
    action();
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
  }
}

function execFailure(path: string, error: string): Program {
  return function* () {
    yield* sys.write(2, `exec ${path}: ${error}\n`);
    return 1;
  };
}
