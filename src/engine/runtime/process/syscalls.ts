/**
 * The system calls a simulated program makes. Programs are generator functions: every time they
 * need the kernel to wait for something — time, input, a child, a connection — they `yield` a
 * syscall and the kernel resumes them when it completes, from an event on the simulated clock.
 *
 * Why generators and not async functions: promise continuations run as microtasks after the
 * current clock step returns, which would make the simulation's order depend on the JavaScript
 * engine instead of the clock. A generator runs only when the kernel resumes it.
 *
 * Programs use the helpers in `sys` (`yield* sys.sleep(1000)`) rather than yielding raw objects.
 */
import type { Latch } from './latch';
import type { Datagram } from './net';
import type { SignalName } from './signals';

export type Fd = number;

export type Syscall =
  | { readonly op: 'sleep'; readonly ms: number }
  /** Resolves with a non-empty string, or null at end of file; ETIMEDOUT after `timeoutMs`. */
  | { readonly op: 'read'; readonly fd: Fd; readonly timeoutMs?: number }
  /** Blocks while a pipe is full; EPIPE (and SIGPIPE) when nobody can read any more. */
  | { readonly op: 'write'; readonly fd: Fd; readonly data: string }
  /**
   * ETIMEDOUT after `timeoutMs` when no child has exited by then (`timeout`'s alarm; 0 polls).
   * `untraced` (WUNTRACED): a child that stopped is reported too, once per stop.
   */
  | { readonly op: 'wait'; readonly pid: number; readonly timeoutMs?: number; readonly untraced?: boolean }
  /** Resolves with the fd of the accepted connection. */
  | { readonly op: 'accept'; readonly fd: Fd }
  /** Resolves with the fd of an open connection; ECONNREFUSED, ETIMEDOUT, EHOSTUNREACH otherwise. */
  | { readonly op: 'connect'; readonly host: string; readonly port: number; readonly timeoutMs: number }
  /** Sends one datagram from a UDP socket (see `Proc.udp`). Never waits; errors come back by recvfrom. */
  | { readonly op: 'sendto'; readonly fd: Fd; readonly ip: string; readonly port: number; readonly data: string }
  /** The next datagram; ETIMEDOUT after `timeoutMs`, ECONNREFUSED when an ICMP error came back. */
  | { readonly op: 'recvfrom'; readonly fd: Fd; readonly timeoutMs?: number }
  /** One ICMP echo request (ping): resolves with the reply, ETIMEDOUT when none comes in time. */
  | { readonly op: 'echo'; readonly ip: string; readonly timeoutMs: number }
  /** Replaces the program of this process (execve). Only returns, by throwing, when it fails. */
  | { readonly op: 'exec'; readonly argv: readonly string[]; readonly env?: Readonly<Record<string, string>> }
  /** Waits for a signal (`sleep infinity`, `pause()`). */
  | { readonly op: 'pause' }
  /** Waits until the host opens `latch` (returns at once if it is open). */
  | { readonly op: 'until'; readonly latch: Latch }
  /** A unit of CPU work: lets the kernel slice a busy loop so it never freezes the simulation. */
  | { readonly op: 'tick' };

/** A program's body: yields syscalls, returns its exit code. */
export type Sys<T> = Generator<Syscall, T, unknown>;

/** An ICMP echo reply as ping prints it. */
export interface EchoReply {
  readonly ttl: number;
  /** Round-trip time in (fractional) milliseconds. */
  readonly rttMs: number;
}

/** How a child ended, as `wait` reports it. */
export interface WaitStatus {
  /** Exit code, or 128 + signal number when killed by a signal (what a shell shows as `$?`). */
  readonly code: number;
  /** Set when a signal ended the process (or stopped it). */
  readonly signal?: SignalName;
  /** The process did not end: `signal` stopped it (reported to a `wait` with `untraced`). */
  readonly stopped?: true;
}

export type Errno =
  | 'ENOENT' | 'EACCES' | 'ENOEXEC' | 'EISDIR' | 'ENOTDIR' | 'EBADF' | 'ECHILD' | 'ESRCH' | 'EPERM'
  | 'EPIPE' | 'EAGAIN' | 'EADDRINUSE' | 'ECONNREFUSED' | 'ETIMEDOUT' | 'EHOSTUNREACH' | 'EINVAL';

export const ERRNO_TEXT: Readonly<Record<Errno, string>> = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  ENOEXEC: 'Exec format error',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EBADF: 'Bad file descriptor',
  ECHILD: 'No child processes',
  ESRCH: 'No such process',
  EPERM: 'Operation not permitted',
  EPIPE: 'Broken pipe',
  EAGAIN: 'Resource temporarily unavailable',
  EADDRINUSE: 'Address in use',
  ECONNREFUSED: 'Connection refused',
  ETIMEDOUT: 'Connection timed out',
  EHOSTUNREACH: 'No route to host',
  EINVAL: 'Invalid argument',
};

/** A failed syscall, thrown into the program at its `yield` (or by a synchronous call). */
export class SysError extends Error {
  constructor(
    readonly errno: Errno,
    message: string = ERRNO_TEXT[errno],
  ) {
    super(message);
    this.name = 'SysError';
  }
}

/**
 * A caught signal, thrown into the program at its current `yield`. Only programs that asked for
 * it (`signal(sig, 'catch')`) ever see one; a shell turns it into its `trap` handler.
 */
export class SignalInterrupt extends Error {
  constructor(readonly signal: SignalName) {
    super(signal);
    this.name = 'SignalInterrupt';
  }
}

function* call<T>(syscall: Syscall): Sys<T> {
  return (yield syscall) as T;
}

/** Typed wrappers: `const line = yield* sys.read(0)`. */
export const sys = {
  sleep: (ms: number): Sys<void> => call<void>({ op: 'sleep', ms }),
  read: (fd: Fd, timeoutMs?: number): Sys<string | null> =>
    call<string | null>(timeoutMs === undefined ? { op: 'read', fd } : { op: 'read', fd, timeoutMs }),
  write: (fd: Fd, data: string): Sys<void> => call<void>({ op: 'write', fd, data }),
  wait: (pid: number, timeoutMs?: number): Sys<WaitStatus> =>
    call<WaitStatus>(timeoutMs === undefined ? { op: 'wait', pid } : { op: 'wait', pid, timeoutMs }),
  /** waitpid with WUNTRACED: also returns when the child stops (`status.stopped`). */
  waitUntraced: (pid: number, timeoutMs?: number): Sys<WaitStatus> =>
    call<WaitStatus>(timeoutMs === undefined ? { op: 'wait', pid, untraced: true } : { op: 'wait', pid, timeoutMs, untraced: true }),
  accept: (fd: Fd): Sys<Fd> => call<Fd>({ op: 'accept', fd }),
  connect: (host: string, port: number, timeoutMs: number): Sys<Fd> => call<Fd>({ op: 'connect', host, port, timeoutMs }),
  sendto: (fd: Fd, ip: string, port: number, data: string): Sys<void> => call<void>({ op: 'sendto', fd, ip, port, data }),
  recvfrom: (fd: Fd, timeoutMs?: number): Sys<Datagram> =>
    call<Datagram>(timeoutMs === undefined ? { op: 'recvfrom', fd } : { op: 'recvfrom', fd, timeoutMs }),
  echo: (ip: string, timeoutMs: number): Sys<EchoReply> => call<EchoReply>({ op: 'echo', ip, timeoutMs }),
  exec: (argv: readonly string[], env?: Readonly<Record<string, string>>): Sys<never> =>
    call<never>(env ? { op: 'exec', argv, env } : { op: 'exec', argv }),
  pause: (): Sys<void> => call<void>({ op: 'pause' }),
  until: (latch: Latch): Sys<void> => call<void>({ op: 'until', latch }),
  tick: (): Sys<void> => call<void>({ op: 'tick' }),
};
