/**
 * The simulated kernel: processes, their file descriptors and signals, scheduled on the cluster's
 * simulated clock.
 *
 * A program is a generator function (see `syscalls.ts`). The kernel resumes it until it yields a
 * syscall that has to wait — a sleep, an empty pipe, a child still running — and resumes it again
 * from a clock event when that completes. Signals are delivered between syscalls; SIGKILL and the
 * default action of terminating ones end the process wherever it is blocked.
 *
 * Two rules keep the simulation responsive whatever a program does:
 * - a process gets a budget of syscalls per slice (the shell yields a `tick` per command), after
 *   which it continues on a later clock event — `while true; do :; done` uses simulated CPU time
 *   and stays interruptible instead of freezing the worker;
 * - a PID namespace (one per container) holds a bounded number of processes, so a fork loop
 *   meets "Resource temporarily unavailable" like it would under a pids limit.
 */
import type { Clock, Timer } from '../../sim/clock';
import { Rng } from '../../sim/rng';
import { FsError, type Vfs } from '../fs';
import { resolveExecutable, type ProgramTable } from './exec';
import { FileReader, FileWriter, NullFile, OpenFile, Pipe } from './files';
import { ListenerFile, SocketFile, UdpSocketFile, type InlineResponder, type Netns, type SocketAddress } from './net';
import { ARP_MS, type Network } from './network';
import {
  isUncatchable,
  signalExitCode,
  stopsByDefault,
  terminatesByDefault,
  type Disposition,
  type SignalName,
} from './signals';
import { SignalInterrupt, SysError, type Errno, type Fd, type Sys, type Syscall, type WaitStatus } from './syscalls';

/** A program's entry point: receives its process, returns its exit code. */
export type Program = (proc: Proc) => Sys<number>;

/** Finds the implementation of a program id from an image's program table (`busybox:sleep`). */
export type ProgramRegistry = (programId: string) => Program | undefined;

/** Syscalls one process may make in one slice before it yields the simulated CPU. */
export const SLICE_SYSCALLS = 200;
/** Simulated time a slice takes: how fast a busy loop burns the clock. */
export const SLICE_MS = 10;
/** Processes one PID namespace may hold (a container's pids limit). */
export const DEFAULT_MAX_PROCESSES = 512;
/**
 * The CPU a namespace gets: syscalls per simulated millisecond, all its processes together (a
 * process start counts as SPAWN_COST of them). Beyond it, its processes continue on the next
 * millisecond — so a fork loop, whose processes keep replacing each other at the pids limit,
 * makes simulated time pass like a busy CPU instead of spinning forever at one instant.
 */
export const CPU_PER_MS = 200;
export const SPAWN_COST = 20;

/**
 * Something the simulation hands to the programs that need it, by a typed key: CoreDNS's view of
 * the cluster's Services (what its kubernetes plugin would watch), for instance.
 */
export class Facility<T> {
  declare private readonly type: T;
  constructor(readonly name: string) {}
}

/** What `ps` shows about a process, with the PIDs of the namespace that looks. */
export interface ProcessInfo {
  readonly pid: number;
  readonly ppid: number;
  readonly pgid: number;
  readonly argv: readonly string[];
  readonly startedAt: number;
  /** Running, sleeping, or sTopped (Ctrl-Z). */
  readonly state: 'R' | 'S' | 'T';
  /** Its terminal (the first of descriptors 0-2 that is one), as an identity: `ps` names it pts/N. */
  readonly terminal?: OpenFile;
  /** A thread (see `SpawnOptions.thread`): procps lists only processes. */
  readonly thread?: boolean;
}

/**
 * What a node's host namespace does for the namespaces nested in it — the containers on that node
 * (see `Kernel.registerHost`). Their processes get a second PID from the host's counter and show
 * in the host's `ps`, as on Linux, where a container's PID namespace is a child of the node's.
 */
export interface HostRole {
  /**
   * A nested namespace is getting its first process: returns the host PID shown as that
   * process's parent (its containerd shim). Called before the process's host PID is taken.
   */
  adopt(guest: PidNamespace): number;
  /** Processes the host shows that no program runs: stand-ins for engine code (shims, pause). */
  standIns(): ProcessInfo[];
  /** The host PID shown as the parent of a process started from outside (a login's shell: sshd). */
  readonly loginParent: number;
}

export interface SpawnOptions {
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  /** The child's descriptors 0, 1, 2, …; default /dev/null for the first three. */
  readonly files?: readonly (OpenFile | undefined)[];
  /** 'new' starts a process group led by the child; default: the parent's group. */
  readonly pgid?: number | 'new';
  /**
   * A thread of the parent (a daemon's goroutine given a process of its own): it takes a PID as a
   * thread takes a TID, and `ps` does not list it.
   */
  readonly thread?: boolean;
}

/** What a process passes to `spawn`: descriptors by number, and optionally code to run (fork). */
export interface ProcSpawnOptions extends SpawnOptions {
  readonly fds?: readonly (Fd | undefined)[];
  readonly program?: Program;
}

/** One PID namespace: a container, or a node's host. Processes see only their namespace. */
export class PidNamespace {
  readonly processes = new Map<number, Process>();
  private nextPid = 1;
  /** Called once when PID 1 exits; every other process of the namespace has been killed. */
  onInitExit: ((status: WaitStatus) => void) | undefined;
  /**
   * The node's host namespace this one is nested in: found by the kernel at the first process
   * (undefined until then), null when there is none or this is a host itself.
   */
  parent: PidNamespace | null | undefined;
  /** A host's nested namespaces that have processes. */
  guests: Set<PidNamespace> | undefined;
  /** Set on a node's host namespace by `Kernel.registerHost`. */
  role: HostRole | undefined;
  /** The host PID shown as the parent of this nested namespace's init (from `HostRole.adopt`). */
  initParentPid = 0;

  constructor(
    readonly name: string,
    readonly hostname: string,
    /** The namespace's root filesystem, with `/` as working directory. */
    readonly fs: Vfs,
    readonly programs: ProgramTable,
    readonly netns: Netns,
    readonly maxProcesses = DEFAULT_MAX_PROCESSES,
  ) {}

  allocatePid(): number {
    return this.nextPid++;
  }

  /** The next PID will be at least `pid`: the numbers a node's boot has used up before. */
  skipPids(pid: number): void {
    this.nextPid = Math.max(this.nextPid, pid);
  }

  /** The simulated millisecond the CPU account is for, and what was used in it. */
  private cpuAt = -1;
  private cpuUsed = 0;
  /** CPU promised to processes already told to come back later, and until when it is booked. */
  private bookedUntil = 0;

  /** Charges `units` of CPU at `now`; false once this millisecond's share is used up. */
  charge(now: number, units: number): boolean {
    if (now !== this.cpuAt) {
      this.cpuAt = now;
      this.cpuUsed = 0;
    }
    this.cpuUsed += units;
    return this.cpuUsed <= CPU_PER_MS;
  }

  /**
   * How long a process that found the CPU busy waits for its turn: each one waiting books a share
   * of a later millisecond, so a crowd of runnable processes is spread out instead of all retrying
   * at the next one.
   */
  turnDelay(now: number): number {
    const SHARE = CPU_PER_MS / 4;
    this.bookedUntil = Math.max(this.bookedUntil, now + 1) + SHARE / CPU_PER_MS;
    return Math.ceil(this.bookedUntil - now);
  }

  get init(): Process | undefined {
    return this.processes.get(1);
  }

  /** Its processes; a host's view adds its guests' under their host PIDs, and its stand-ins. */
  list(): ProcessInfo[] {
    const infos = [...this.processes.values()].map((p) => p.info(this));
    for (const guest of this.guests ?? []) for (const p of guest.processes.values()) infos.push(p.info(this));
    if (this.role) infos.push(...this.role.standIns());
    return infos;
  }

  /** The process `pid` names here: one of its own, or on a host, a guest's by its host PID. */
  find(pid: number): Process | undefined {
    const own = this.processes.get(pid);
    if (own || !this.guests) return own;
    for (const guest of this.guests) for (const p of guest.processes.values()) if (p.hostPid === pid) return p;
    return undefined;
  }
}

/** The operations a program performs synchronously (anything that may wait is a syscall). */
export interface Proc {
  readonly pid: number;
  readonly ppid: number;
  readonly pgid: number;
  readonly argv: readonly string[];
  /** This process's environment, its own copy. */
  readonly env: Record<string, string>;
  readonly cwd: string;
  /** The namespace's filesystem seen from the working directory. */
  readonly fs: Vfs;
  readonly hostname: string;
  readonly netns: Netns;
  /** Simulated milliseconds since the cluster started. */
  now(): number;
  /** Wall-clock instant the simulated now corresponds to (Unix ms), for `date` and log lines. */
  wallClock(): number;
  chdir(path: string): void;
  open(path: string, mode: 'r' | 'w' | 'a'): Fd;
  /** Installs an open file at the lowest free descriptor. */
  install(file: OpenFile): Fd;
  pipe(): [read: Fd, write: Fd];
  dup(fd: Fd): Fd;
  dup2(from: Fd, to: Fd): void;
  close(fd: Fd): void;
  file(fd: Fd): OpenFile | undefined;
  isatty(fd: Fd): boolean;
  /** `program` runs that code instead of a file: a shell forking a subshell of itself. */
  spawn(argv: readonly string[], options?: ProcSpawnOptions): number;
  /** `pid` < 0 signals the process group -pid. */
  kill(pid: number, signal: SignalName): void;
  signal(signal: SignalName, disposition: Disposition): Disposition;
  listen(port: number): Fd;
  /** Binds a UDP socket on `port` (default: a free ephemeral one). */
  udp(port?: number): Fd;
  /** Lets this server answer whole requests on a listening socket inline (see `Network.exchange`). */
  respondInline(listener: Fd, responder: InlineResponder | undefined): void;
  /** The other end of a connection, for access logs. */
  peer(fd: Fd): SocketAddress | undefined;
  processes(): ProcessInfo[];
  /** setproctitle: what `ps` shows as its command line from now on (nginx's `nginx: master process …`). */
  setTitle(title: string): void;
  /** What the simulation provides under `key`, if anything. */
  facility<T>(key: Facility<T>): T | undefined;
  /**
   * Runs `listener` once the process has ended, however it ended (killed included): for a
   * program that leaves something behind for the simulation and must take it back.
   */
  onExit(listener: (status: WaitStatus) => void): void;
}

type Resume =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'throw'; readonly error: unknown }
  /** Perform this syscall (again): it was waiting, or the slice ran out before it ran. */
  | { readonly kind: 'retry'; readonly call: Syscall };

type Outcome = Resume | { readonly kind: 'block' };

const START: Resume = { kind: 'value', value: undefined };

export class Process implements Proc {
  readonly fds: (OpenFile | undefined)[] = [];
  // The collections below are made on first use: most processes (a server's workers, `sleep`)
  // never fork, trap a signal or have one pending, and ten thousand pods hold two of them each.
  children: Set<Process> | undefined;
  /** Exited children not yet waited for. */
  zombies: Map<number, WaitStatus> | undefined;
  dispositions: Map<SignalName, Disposition> | undefined;
  pending: SignalName[] | undefined;
  exited: WaitStatus | undefined;
  /** Cancels whatever the process is blocked on (a timer, a pipe's wait list). */
  blocker: (() => void) | undefined;
  /** Set while the process waits in `wait`: called when a child exits. */
  childExited: (() => void) | undefined;
  /** A resumption is scheduled on the clock. */
  scheduled: Timer | undefined;
  /** The signal that stopped the process (SIGTSTP, SIGSTOP, …) until a SIGCONT. */
  stopped: SignalName | undefined;
  /** The parent's `wait` (with `untraced`) has been told of this stop. */
  stopReported = false;
  /** What the process was to do when it stopped: done once it continues. */
  parked: Resume | undefined;
  private exitListeners: ((status: WaitStatus) => void)[] | undefined;
  gen: Sys<number> | undefined;
  cwd: string;
  readonly startedAt: number;
  /** See `SpawnOptions.thread`. */
  thread = false;

  constructor(
    private readonly kernel: Kernel,
    readonly ns: PidNamespace,
    readonly pid: number,
    /** Its PID in the node's host namespace (the same as `pid` outside containers). */
    readonly hostPid: number,
    public parent: Process | undefined,
    public pgid: number,
    public argv: readonly string[],
    public env: Record<string, string>,
    cwd: string,
  ) {
    this.cwd = cwd;
    this.startedAt = kernel.clock.now();
  }

  get ppid(): number {
    return this.parent?.pid ?? 0;
  }

  get fs(): Vfs {
    return this.ns.fs.at(this.cwd);
  }

  get hostname(): string {
    return this.ns.hostname;
  }

  get netns(): Netns {
    return this.ns.netns;
  }

  get running(): boolean {
    return this.exited === undefined;
  }

  now(): number {
    return this.kernel.clock.now();
  }

  wallClock(): number {
    return this.kernel.clock.epochMs + this.kernel.clock.now();
  }

  disposition(signal: SignalName): Disposition {
    return this.dispositions?.get(signal) ?? 'default';
  }

  /** Runs `listener` when the process exits (at once if it already has). */
  onExit(listener: (status: WaitStatus) => void): void {
    if (this.exited) listener(this.exited);
    else (this.exitListeners ??= []).push(listener);
  }

  notifyExit(status: WaitStatus): void {
    const listeners = this.exitListeners;
    this.exitListeners = undefined;
    for (const listener of listeners ?? []) listener(status);
  }

  /** What `ps` in namespace `view` (its own, or its host's) shows about this process. */
  info(view: PidNamespace = this.ns): ProcessInfo {
    const own = view === this.ns;
    const terminal = [0, 1, 2].map((fd) => this.fds[fd]).find((file) => file?.isTty);
    return {
      pid: own ? this.pid : this.hostPid,
      ppid: own ? (this.parent?.pid ?? (this.pid === 1 ? 0 : this.ns.role?.loginParent ?? 0)) : (this.parent?.hostPid ?? this.ns.initParentPid),
      pgid: own ? this.pgid : this.pgid === this.pid ? this.hostPid : (this.ns.processes.get(this.pgid)?.hostPid ?? this.pgid),
      argv: this.argv,
      startedAt: this.startedAt,
      state: this.stopped ? 'T' : this.blocker ? 'S' : 'R',
      ...(terminal ? { terminal } : {}),
      ...(this.thread ? { thread: true } : {}),
    };
  }

  chdir(path: string): void {
    const fs = this.fs;
    const stat = fs.stat(path);
    if (stat.type !== 'dir') throw new FsError('ENOTDIR', path);
    this.cwd = fs.realpath(path);
  }

  open(path: string, mode: 'r' | 'w' | 'a'): Fd {
    const fs = this.fs;
    if (path === '/dev/null') return this.install(new NullFile());
    const now = this.kernel.clock.now();
    if (mode === 'r') {
      if (fs.stat(path).type === 'dir') throw new FsError('EISDIR', path);
      return this.install(new FileReader(fs, path));
    }
    if (mode === 'w') fs.writeFile(path, '', now);
    else fs.appendFile(path, '', now);
    return this.install(new FileWriter(fs, path, () => this.kernel.clock.now()));
  }

  install(file: OpenFile): Fd {
    let fd = 0;
    while (this.fds[fd] !== undefined) fd++;
    this.fds[fd] = file.retain();
    return fd;
  }

  pipe(): [Fd, Fd] {
    const pipe = new Pipe();
    return [this.install(pipe.reader), this.install(pipe.writer)];
  }

  file(fd: Fd): OpenFile | undefined {
    return this.fds[fd];
  }

  private must(fd: Fd): OpenFile {
    const file = this.fds[fd];
    if (!file) throw new SysError('EBADF');
    return file;
  }

  dup(fd: Fd): Fd {
    return this.install(this.must(fd));
  }

  dup2(from: Fd, to: Fd): void {
    const file = this.must(from);
    if (from === to) return;
    file.retain();
    this.fds[to]?.release();
    this.fds[to] = file;
  }

  close(fd: Fd): void {
    const file = this.must(fd);
    this.fds[fd] = undefined;
    file.release();
  }

  closeAll(): void {
    for (let fd = 0; fd < this.fds.length; fd++) this.fds[fd]?.release();
    this.fds.length = 0;
  }

  isatty(fd: Fd): boolean {
    return this.fds[fd]?.isTty ?? false;
  }

  spawn(argv: readonly string[], options: ProcSpawnOptions = {}): number {
    const fds = options.fds ?? [0, 1, 2];
    const files = options.files ?? fds.map((fd) => (fd === undefined ? undefined : this.must(fd)));
    const child = this.kernel.spawn(this.ns, argv, {
      env: options.env ?? this.env,
      cwd: options.cwd ?? this.cwd,
      files,
      pgid: options.pgid ?? this.pgid,
      parent: this,
      ...(options.thread ? { thread: true } : {}),
      ...(options.program ? { program: options.program } : {}),
    });
    return child.pid;
  }

  kill(pid: number, signal: SignalName): void {
    const targets = pid < 0
      ? [...this.ns.processes.values()].filter((p) => p.pgid === -pid)
      : [this.ns.find(pid)].filter((p): p is Process => p !== undefined);
    if (targets.length === 0) throw new SysError('ESRCH');
    for (const target of targets) {
      // Init is safe from its own namespace even from SIGKILL (only an ancestor's can kill it).
      if (target === this.ns.init && isUncatchable(signal)) continue;
      this.kernel.signal(target, signal);
    }
  }

  signal(signal: SignalName, disposition: Disposition): Disposition {
    if (isUncatchable(signal)) throw new SysError('EINVAL');
    const previous = this.disposition(signal);
    (this.dispositions ??= new Map()).set(signal, disposition);
    return previous;
  }

  listen(port: number): Fd {
    return this.install(this.ns.netns.listen(port));
  }

  udp(port = 0): Fd {
    return this.install(this.ns.netns.bindUdp(port));
  }

  respondInline(fd: Fd, responder: InlineResponder | undefined): void {
    const listener = this.fds[fd];
    if (!(listener instanceof ListenerFile)) throw new SysError('EINVAL');
    listener.responder = responder;
  }

  peer(fd: Fd): SocketAddress | undefined {
    const file = this.fds[fd];
    return file instanceof SocketFile ? file.remote : undefined;
  }

  processes(): ProcessInfo[] {
    return this.ns.list();
  }

  setTitle(title: string): void {
    this.argv = [title];
  }

  facility<T>(key: Facility<T>): T | undefined {
    return this.kernel.facilities.get(key) as T | undefined;
  }
}

export interface KernelSpawnOptions extends SpawnOptions {
  readonly parent?: Process;
  /**
   * Run this program instead of resolving argv[0] on the filesystem: for work a node agent does
   * itself (the kubelet's HTTP and TCP probes), which is code, not a file in an image.
   */
  readonly program?: Program;
}

export class Kernel {
  /** Programs that threw something other than a syscall error: bugs, kept for tests to assert on. */
  readonly faults: { argv: readonly string[]; error: unknown }[] = [];
  /** What programs can ask for with `Proc.facility` (set up by whoever builds the world). */
  readonly facilities = new Map<Facility<unknown>, unknown>();
  /** Seeded variation for modelled latencies (`ping`'s round-trip times). */
  private readonly latency = new Rng(0x70696e67);
  private current: Process | undefined;
  /** Each node's host namespace, by node name. */
  private readonly hosts = new Map<string, PidNamespace>();

  constructor(
    readonly clock: Clock,
    readonly programs: ProgramRegistry,
    readonly network: Network,
  ) {}

  provide<T>(key: Facility<T>, value: T): void {
    this.facilities.set(key, value);
  }

  /**
   * Makes `ns` the host namespace of its node (`ns.netns.node`): every namespace created later
   * on that node is nested in it — unless it says otherwise by a `parent` of null before its
   * first process.
   */
  registerHost(ns: PidNamespace, role: HostRole): void {
    ns.parent = null;
    ns.role = role;
    this.hosts.set(ns.netns.node, ns);
  }

  /** The host `ns` is nested in; a namespace's first process makes it the host's guest. */
  private hostOf(ns: PidNamespace): PidNamespace | null {
    if (ns.parent === undefined) ns.parent = this.hosts.get(ns.netns.node) ?? null;
    const host = ns.parent;
    if (host && ns.processes.size === 0 && !host.guests?.has(ns)) {
      (host.guests ??= new Set()).add(ns);
      ns.initParentPid = host.role?.adopt(ns) ?? 0;
    }
    return host;
  }

  /**
   * fork + execve. Throws SysError (ENOENT, EACCES, ENOEXEC, EAGAIN) when nothing can run; the
   * child starts on the next clock event.
   */
  spawn(ns: PidNamespace, argv: readonly string[], options: KernelSpawnOptions = {}): Process {
    if (ns.processes.size >= ns.maxProcesses) throw new SysError('EAGAIN');
    ns.charge(this.clock.now(), SPAWN_COST);
    const env = { ...(options.env ?? {}) };
    const cwd = options.cwd ?? '/';
    const program = options.program ? { argv, run: options.program } : this.load(ns, argv, env, cwd);
    const host = this.hostOf(ns);
    const pid = ns.allocatePid();
    const pgid = options.pgid === 'new' || options.pgid === undefined ? pid : options.pgid;
    const proc = new Process(this, ns, pid, host?.allocatePid() ?? pid, options.parent, pgid, program.argv, env, cwd);
    if (options.thread) proc.thread = true;
    const files = options.files ?? [];
    for (let fd = 0; fd < Math.max(3, files.length); fd++) {
      proc.fds[fd] = (files[fd] ?? (fd < 3 ? new NullFile() : undefined))?.retain();
    }
    if (options.parent) {
      (options.parent.children ??= new Set()).add(proc);
      // Ignored signals stay ignored across exec; caught ones return to their default.
      for (const [signal, disposition] of options.parent.dispositions ?? []) {
        if (disposition === 'ignore') (proc.dispositions ??= new Map()).set(signal, 'ignore');
      }
    }
    ns.processes.set(pid, proc);
    proc.gen = program.run(proc);
    this.resume(proc, START);
    return proc;
  }

  /** Resolves argv[0] and finds the program; throws SysError when it cannot be executed. */
  private load(ns: PidNamespace, argv: readonly string[], env: Record<string, string>, cwd: string): { argv: readonly string[]; run: Program } {
    const found = resolveExecutable(ns.fs.at(cwd), ns.programs, argv, env['PATH']);
    if (!found.ok) throw new SysError(found.errno);
    return { argv: found.argv, run: this.programs(found.programId) ?? notSimulated(found.programId) };
  }

  /**
   * Sends a signal. From outside (the container runtime) or inside, the kernel never delivers a
   * signal to a namespace's PID 1 unless it has a handler for it — except SIGKILL: this is why a
   * shell or `sleep` as PID 1 ignores `docker stop`'s SIGTERM and waits for the SIGKILL.
   */
  signal(proc: Process, signal: SignalName): void {
    if (!proc.running) return;
    if (signal === 'SIGCONT') this.continueStopped(proc);
    const disposition = isUncatchable(signal) ? 'default' : proc.disposition(signal);
    if (disposition === 'ignore') return;
    // A stopped process takes no signal but SIGKILL (and SIGCONT): the rest wait until it runs.
    if (proc.stopped && signal !== 'SIGKILL') {
      if (signal !== 'SIGSTOP' && !(disposition === 'default' && stopsByDefault(signal))) (proc.pending ??= []).push(signal);
      return;
    }
    if (disposition === 'default') {
      if (stopsByDefault(signal)) {
        if (proc.pid !== 1) this.stop(proc, signal);
        return;
      }
      if (!terminatesByDefault(signal)) return;
      if (proc.pid === 1 && signal !== 'SIGKILL') return;
      if (proc === this.current) (proc.pending ??= []).push(signal);
      else this.terminate(proc, { code: signalExitCode(signal), signal });
      return;
    }
    // Caught: interrupt whatever it waits for and throw the signal in at its `yield`.
    if (proc.blocker) {
      this.unblock(proc);
      this.resume(proc, { kind: 'throw', error: new SignalInterrupt(signal) });
    } else {
      (proc.pending ??= []).push(signal);
    }
  }

  /**
   * Stops a process where it is: whatever it waits for may complete meanwhile, but it does nothing
   * about it until continued (a sleep that ran out ends at once then, as nanosleep does). Its
   * parent's `wait` with `untraced` learns of it.
   */
  private stop(proc: Process, signal: SignalName): void {
    proc.stopped = signal;
    proc.stopReported = false;
    const parent = proc.parent;
    const wake = parent?.childExited;
    if (parent) parent.childExited = undefined;
    wake?.();
  }

  /** SIGCONT: the process goes on from where it stopped, then takes the signals that waited. */
  private continueStopped(proc: Process): void {
    if (!proc.stopped) return;
    proc.stopped = undefined;
    const pending = proc.pending;
    proc.pending = undefined;
    for (const signal of pending ?? []) this.signal(proc, signal);
    const parked = proc.parked;
    proc.parked = undefined;
    if (parked && proc.running) this.resume(proc, parked);
  }

  /** Sends a signal to every process of a group (a terminal's Ctrl-C). */
  signalGroup(ns: PidNamespace, pgid: number, signal: SignalName): void {
    for (const proc of [...ns.processes.values()]) if (proc.pgid === pgid) this.signal(proc, signal);
  }

  private resume(proc: Process, resume: Resume, delayMs = 0, background = false): void {
    proc.scheduled?.cancel();
    proc.scheduled = this.clock.schedule(delayMs, () => {
      proc.scheduled = undefined;
      this.run(proc, resume);
    }, { background });
  }

  private unblock(proc: Process): void {
    const cancel = proc.blocker;
    proc.blocker = undefined;
    cancel?.();
  }

  /**
   * Blocks `proc` until `register`'s `wake` fires (then performs `call` again) or its `fail` does
   * (then throws the error in). Whichever comes first cancels the rest of the registration — a
   * read's deadline timer must not fire once data has arrived.
   */
  private blockOn(
    proc: Process,
    call: Syscall | (() => Syscall),
    register: (wake: () => void, fail: (error: unknown) => void) => () => void,
  ): Outcome {
    let cancel: () => void = () => {};
    const blocker = (): void => cancel();
    proc.blocker = blocker;
    const finish = (resume: () => Resume): void => {
      if (proc.blocker !== blocker) return;
      proc.blocker = undefined;
      cancel();
      this.resume(proc, resume());
    };
    cancel = register(
      () => finish(() => ({ kind: 'retry', call: typeof call === 'function' ? call() : call })),
      (error) => finish(() => ({ kind: 'throw', error })),
    );
    // Woken while registering (the condition already held): nothing may stay registered.
    if (proc.blocker !== blocker) cancel();
    return { kind: 'block' };
  }

  private run(proc: Process, first: Resume): void {
    if (proc.stopped) {
      proc.parked = first;
      return;
    }
    let input = first;
    let budget = SLICE_SYSCALLS;
    const previous = this.current;
    this.current = proc;
    try {
      while (proc.running) {
        let call: Syscall;
        if (input.kind === 'retry') {
          call = input.call;
        } else {
          const step = this.step(proc, input);
          if (!step) return;
          call = step;
        }
        const signal = proc.pending?.shift();
        if (signal) {
          const disposition = proc.disposition(signal);
          if (disposition === 'catch' && !isUncatchable(signal)) {
            input = { kind: 'throw', error: new SignalInterrupt(signal) };
            continue;
          }
          this.terminate(proc, { code: signalExitCode(signal), signal });
          return;
        }
        if (--budget < 0) {
          this.resume(proc, { kind: 'retry', call }, SLICE_MS, true);
          return;
        }
        if (!proc.ns.charge(this.clock.now(), 1)) {
          this.resume(proc, { kind: 'retry', call }, proc.ns.turnDelay(this.clock.now()), true);
          return;
        }
        const outcome = this.perform(proc, call);
        if (outcome.kind === 'block') return;
        // It stopped itself (`kill -STOP $$`): the result waits for a SIGCONT.
        if (proc.stopped) {
          proc.parked = outcome;
          return;
        }
        input = outcome;
      }
    } finally {
      this.current = previous;
    }
  }

  /** Resumes the generator once; returns the syscall it yields, or undefined when it finished. */
  private step(proc: Process, input: Resume): Syscall | undefined {
    const gen = proc.gen!;
    let result: IteratorResult<Syscall, number>;
    try {
      result = input.kind === 'throw' ? gen.throw(input.error) : gen.next(input.kind === 'value' ? input.value : undefined);
    } catch (error) {
      this.crashed(proc, error);
      return undefined;
    }
    if (result.done) {
      this.exit(proc, { code: (result.value ?? 0) & 0xff });
      return undefined;
    }
    return result.value;
  }

  /** An exception escaped the program: an uncaught signal ends it; anything else is reported. */
  private crashed(proc: Process, error: unknown): void {
    if (error instanceof SignalInterrupt) {
      this.terminate(proc, { code: signalExitCode(error.signal), signal: error.signal });
      return;
    }
    const name = proc.argv[0] ?? '?';
    if (!(error instanceof SysError || error instanceof FsError)) this.faults.push({ argv: proc.argv, error });
    const message = error instanceof Error ? error.message : String(error);
    proc.fds[2]?.write(`${name}: ${message}\n`);
    this.exit(proc, { code: 1 });
  }

  private perform(proc: Process, call: Syscall): Outcome {
    try {
      return this.syscall(proc, call);
    } catch (error) {
      if (error instanceof SysError || error instanceof FsError) return { kind: 'throw', error };
      throw error;
    }
  }

  private syscall(proc: Process, call: Syscall): Outcome {
    switch (call.op) {
      case 'tick':
        return START;
      case 'sleep': {
        const timer = this.clock.schedule(call.ms, () => {
          proc.blocker = undefined;
          this.run(proc, START);
        }, { background: true });
        proc.blocker = () => timer.cancel();
        return { kind: 'block' };
      }
      case 'pause':
        proc.blocker = () => {};
        return { kind: 'block' };
      case 'until':
        return call.latch.isOpen ? START : this.blockOn(proc, call, (wake) => call.latch.whenOpen(wake));
      case 'read':
        return this.read(proc, call);
      case 'write': {
        const result = proc.fds[call.fd]?.write(call.data);
        if (result === undefined) throw new SysError('EBADF');
        if (result === 'ok') return START;
        if (result === 'block') return this.blockOn(proc, call, (wake) => proc.fds[call.fd]!.whenReady('write', wake));
        // Nobody reads any more: SIGPIPE, whose default action ends the writer here, before it
        // could see EPIPE (`yes | head -1` ends quietly). Caught or ignored, the write fails.
        const disposition = proc.disposition('SIGPIPE');
        if (disposition === 'default' && proc.pid !== 1) {
          this.terminate(proc, { code: signalExitCode('SIGPIPE'), signal: 'SIGPIPE' });
          return { kind: 'block' };
        }
        if (disposition === 'catch') (proc.pending ??= []).push('SIGPIPE');
        throw new SysError('EPIPE');
      }
      case 'wait':
        return this.wait(proc, call);
      case 'accept': {
        const listener = proc.fds[call.fd];
        if (!(listener instanceof ListenerFile)) throw new SysError('EINVAL');
        const connection = listener.accept();
        if (connection) return { kind: 'value', value: proc.install(connection) };
        return this.blockOn(proc, call, (wake) => listener.whenReady('read', wake));
      }
      case 'connect':
        return this.connect(proc, call);
      case 'sendto': {
        const socket = proc.fds[call.fd];
        if (!(socket instanceof UdpSocketFile)) throw new SysError('EBADF');
        this.network.sendDatagram(socket, call.ip, call.port, call.data);
        return START;
      }
      case 'recvfrom':
        return this.recvfrom(proc, call);
      case 'echo': {
        const reply = this.network.echo(proc.ns.netns, call.ip);
        if (reply === undefined) return this.timeout(proc, call.timeoutMs);
        // A few tens of microseconds on the node's bridge, a few hundred through the other node.
        const rttMs = (reply.sameNode ? 0.04 : 0.3) + this.latency.float() * (reply.sameNode ? 0.06 : 0.4);
        return { kind: 'value', value: { ttl: reply.ttl, rttMs } };
      }
      case 'exec': {
        const env = call.env ? { ...call.env } : proc.env;
        const program = this.load(proc.ns, call.argv, env, proc.cwd);
        proc.argv = program.argv;
        proc.env = env;
        for (const [signal, disposition] of proc.dispositions ?? []) if (disposition === 'catch') proc.dispositions!.delete(signal);
        proc.gen = program.run(proc);
        return START;
      }
    }
  }

  private read(proc: Process, call: Extract<Syscall, { op: 'read' }>): Outcome {
    const file = proc.fds[call.fd];
    if (!file) throw new SysError('EBADF');
    const result = file.read();
    if (result.kind === 'data') return { kind: 'value', value: result.data };
    if (result.kind === 'eof') return { kind: 'value', value: null };
    return this.awaitReadable(proc, file, call, (timeoutMs) => ({ op: 'read', fd: call.fd, timeoutMs }));
  }

  /**
   * Waits until `file` is readable, then performs `call` again — or, with a deadline, whichever
   * comes first: data or ETIMEDOUT. Woken by data, the call waits again with what is left.
   */
  private awaitReadable(proc: Process, file: OpenFile, call: Syscall & { readonly timeoutMs?: number }, withTimeout: (ms: number) => Syscall): Outcome {
    const { timeoutMs } = call;
    if (timeoutMs === undefined) return this.blockOn(proc, call, (wake) => file.whenReady('read', wake));
    if (timeoutMs <= 0) throw new SysError('ETIMEDOUT');
    const deadline = this.clock.now() + timeoutMs;
    return this.blockOn(proc, () => withTimeout(deadline - this.clock.now()), (wake, fail) => {
      const cancelWait = file.whenReady('read', wake);
      const timer = this.clock.schedule(timeoutMs, () => fail(new SysError('ETIMEDOUT')), { background: true });
      return () => {
        cancelWait();
        timer.cancel();
      };
    });
  }

  private recvfrom(proc: Process, call: Extract<Syscall, { op: 'recvfrom' }>): Outcome {
    const socket = proc.fds[call.fd];
    if (!(socket instanceof UdpSocketFile)) throw new SysError('EBADF');
    const received = socket.receive();
    if (received instanceof SysError) throw received;
    if (received) return { kind: 'value', value: received };
    return this.awaitReadable(proc, socket, call, (timeoutMs) => ({ op: 'recvfrom', fd: call.fd, timeoutMs }));
  }

  /** Blocks until `ms` have passed, then fails (ETIMEDOUT: a request nobody answers). */
  private timeout(proc: Process, ms: number, errno: Errno = 'ETIMEDOUT'): Outcome {
    const timer = this.clock.schedule(ms, () => {
      proc.blocker = undefined;
      this.run(proc, { kind: 'throw', error: new SysError(errno) });
    }, { background: true });
    proc.blocker = () => timer.cancel();
    return { kind: 'block' };
  }

  private wait(proc: Process, call: Extract<Syscall, { op: 'wait' }>): Outcome {
    const reap = (pid: number): Outcome => {
      const status = proc.zombies!.get(pid)!;
      proc.zombies!.delete(pid);
      return { kind: 'value', value: call.pid === -1 ? { ...status, pid } : status };
    };
    if (call.untraced) {
      const stopped = [...(proc.children ?? [])].find((c) => c.stopped && !c.stopReported && (call.pid === -1 || c.pid === call.pid));
      if (stopped) {
        stopped.stopReported = true;
        const status: WaitStatus = { code: signalExitCode(stopped.stopped!), signal: stopped.stopped!, stopped: true };
        return { kind: 'value', value: call.pid === -1 ? { ...status, pid: stopped.pid } : status };
      }
    }
    if (call.pid === -1) {
      const first = proc.zombies?.keys().next();
      if (first && !first.done) return reap(first.value);
      if (!proc.children?.size) throw new SysError('ECHILD');
    } else {
      if (proc.zombies?.has(call.pid)) return reap(call.pid);
      if (![...(proc.children ?? [])].some((c) => c.pid === call.pid)) throw new SysError('ECHILD');
    }
    const { timeoutMs } = call;
    if (timeoutMs !== undefined && timeoutMs <= 0) throw new SysError('ETIMEDOUT');
    const deadline = this.clock.now() + (timeoutMs ?? 0);
    const again = timeoutMs === undefined ? call : (): Syscall => ({ ...call, timeoutMs: deadline - this.clock.now() });
    return this.blockOn(proc, again, (wake, fail) => {
      proc.childExited = wake;
      const timer = timeoutMs === undefined ? undefined : this.clock.schedule(timeoutMs, () => fail(new SysError('ETIMEDOUT')), { background: true });
      return () => {
        if (proc.childExited === wake) proc.childExited = undefined;
        timer?.cancel();
      };
    });
  }

  private connect(proc: Process, call: Extract<Syscall, { op: 'connect' }>): Outcome {
    const result = this.network.connect(proc.ns.netns, call.host, call.port);
    if (result === 'refused') throw new SysError('ECONNREFUSED');
    // Nothing answers: the SYN is retried until the client gives up.
    if (result === 'blackhole') return this.timeout(proc, call.timeoutMs);
    if (result === 'unreachable') return this.timeout(proc, Math.min(ARP_MS, call.timeoutMs), ARP_MS <= call.timeoutMs ? 'EHOSTUNREACH' : 'ETIMEDOUT');
    return { kind: 'value', value: proc.install(result) };
  }

  private terminate(proc: Process, status: WaitStatus): void {
    if (!proc.running) return;
    this.unblock(proc);
    proc.scheduled?.cancel();
    proc.scheduled = undefined;
    this.exit(proc, status);
  }

  private exit(proc: Process, status: WaitStatus): void {
    if (!proc.running) return;
    proc.exited = status;
    this.unblock(proc);
    proc.scheduled?.cancel();
    proc.scheduled = undefined;
    proc.gen = undefined;
    proc.closeAll();
    proc.ns.processes.delete(proc.pid);
    for (const child of proc.children ?? []) child.parent = undefined;
    proc.children = undefined;
    const parent = proc.parent;
    if (parent?.running) {
      parent.children?.delete(proc);
      // A parent that ignores SIGCHLD never waits: as in POSIX, its children leave no zombie.
      if (parent.disposition('SIGCHLD') !== 'ignore') (parent.zombies ??= new Map()).set(proc.pid, status);
      const wake = parent.childExited;
      parent.childExited = undefined;
      wake?.();
    }
    proc.notifyExit(status);
    if (proc.pid === 1) {
      // The namespace dies with its init: the kernel SIGKILLs everything left in it.
      for (const other of [...proc.ns.processes.values()]) this.terminate(other, { code: signalExitCode('SIGKILL'), signal: 'SIGKILL' });
      proc.ns.parent?.guests?.delete(proc.ns);
      proc.ns.onInitExit?.(status);
    }
  }
}

/** An image ships the file but kubeplay has no simulation of it yet: say so instead of pretending. */
function notSimulated(programId: string): Program {
  return function* (proc) {
    const name = proc.argv[0]?.split('/').pop() ?? programId;
    yield { op: 'write', fd: 2, data: `${name}: not simulated in kubeplay (${programId})\n` };
    return 127;
  };
}
