/**
 * The process table as procps reads it from /proc: for every process the kernel lists, what the
 * columns of `ps` and the patterns of `pgrep` are made of — its command name (comm), terminal,
 * user, state flags and figures.
 */
import type { OpenFile, Proc, ProcessInfo } from '../../../engine/runtime/process';
import { figuresOf, type Figures } from './figures';

export interface ProcRow {
  readonly info: ProcessInfo;
  readonly pid: number;
  readonly ppid: number;
  /** The command name the kernel keeps (15 characters at most): what `ps -e` and `pgrep` show. */
  readonly comm: string;
  /** The command line: argv joined, or `[comm]` for a kernel thread, which has none. */
  readonly args: string;
  readonly user: string;
  /** `pts/0`, or `?` without a terminal. */
  readonly tty: string;
  /** STAT: state letter and flags (`Ss`, `Ssl`, `R+`). */
  readonly stat: string;
  readonly figures: Figures;
  /** Milliseconds it has run (simulated), and of CPU it has used. */
  readonly elapsedMs: number;
  readonly cpuMs: number;
  /** Wall-clock start (Unix ms). */
  readonly startedAtWall: number;
}

/** TASK_COMM_LEN - 1: the kernel keeps 15 characters of a command's name. */
export const COMM_LENGTH = 15;

/**
 * The name the kernel gave the process at exec, from what it shows: the file's base name, without
 * a login shell's `-` or what a daemon wrote over its argv (`nginx: worker process` is nginx).
 */
export function commandName(argv0: string): string {
  const kernelThread = /^\[(.*)\]$/.exec(argv0);
  if (kernelThread) return kernelThread[1]!;
  const word = argv0.split(/[ :]/)[0]!.replace(/^-/, '');
  return word.slice(word.lastIndexOf('/') + 1).slice(0, COMM_LENGTH);
}

/** Every process `proc` can see, in PID order, as procps reads them. */
export function readProcesses(proc: Proc): ProcRow[] {
  const infos = proc.processes().filter((p) => !p.thread).sort((a, b) => a.pid - b.pid);
  const byPid = new Map(infos.map((p) => [p.pid, p]));
  const ttys = terminalNames(infos);
  const foreground = foregroundGroups(infos);
  const now = proc.now();
  const wallOffset = proc.wallClock() - now;
  return infos.map((info) => {
    const argv0 = info.argv[0] ?? '';
    const comm = commandName(argv0);
    const figures = figuresOf(argv0, comm);
    const elapsedMs = Math.max(0, now - info.startedAt);
    const parent = byPid.get(info.ppid);
    // A session leader: its own group, and no parent on its terminal (a login shell, a daemon).
    const leader = info.pgid === info.pid && (info.terminal === undefined || parent?.terminal !== info.terminal);
    const stat = figures.stat ?? info.state
      + (figures.highPriority ? '<' : '')
      + (leader ? 's' : '')
      + (figures.threads ? 'l' : '')
      + (info.terminal !== undefined && foreground.get(info.terminal) === info.pgid ? '+' : '');
    return {
      info,
      pid: info.pid,
      ppid: info.ppid,
      comm,
      args: info.argv.join(' '),
      user: figures.user ?? 'root',
      tty: info.terminal ? ttys.get(info.terminal)! : '?',
      stat,
      figures,
      elapsedMs,
      cpuMs: Math.floor((elapsedMs * figures.cpu) / 100),
      startedAtWall: wallOffset + info.startedAt,
    };
  });
}

/** Terminals are pseudo-terminals numbered in the order their sessions began. */
function terminalNames(infos: readonly ProcessInfo[]): Map<OpenFile, string> {
  const names = new Map<OpenFile, string>();
  for (const p of infos) if (p.terminal && !names.has(p.terminal)) names.set(p.terminal, `pts/${names.size}`);
  return names;
}

/** A terminal's foreground process group: the group of the newest process using it. */
function foregroundGroups(infos: readonly ProcessInfo[]): Map<OpenFile, number> {
  const groups = new Map<OpenFile, number>();
  for (const p of infos) if (p.terminal) groups.set(p.terminal, p.pgid);
  return groups;
}
