// Job control in an interactive shell: each command line runs in a process group of its own, the
// terminal's signals (Ctrl-C, Ctrl-Z) go to that group, a job stopped by Ctrl-Z or started with `&`
// waits in the job table, and `jobs`, `fg`, `bg` (and `kill %1`, `wait %1`) work on it. What became
// of background jobs is told before the next prompt. A script has a job table too (for `$!`,
// `wait` and `kill %1`) but no process groups and no notices.
import { sys, SysError, type Sys, type WaitStatus } from '../../engine/runtime/process';
import type { Builtin } from './builtins';
import { Interrupted, LoopControl } from './control';
import { describeSignal, formatJob, politeDirectory, type Job, type JobProcess, type ListingFormat, type Whereabouts } from './jobs';
import type { Shell } from './shell';

/** A process the shell waits for in the foreground, with its command as `jobs` would show it. */
export interface ForegroundProcess {
  readonly pid: number;
  readonly command: string;
}

function whereabouts(shell: Shell): Whereabouts {
  return { cwd: shell.proc.cwd, home: shell.vars.get('HOME') };
}

/** Takes in what became of the jobs' processes (waitpid with WNOHANG|WUNTRACED), without waiting. */
export function* collectJobs(shell: Shell): Sys<void> {
  if (shell.jobs.size === 0) return;
  for (;;) {
    let status: WaitStatus & { pid?: number };
    try {
      status = yield* shell.syscall(() => sys.waitUntraced(-1, 0));
    } catch (e) {
      if (e instanceof SysError) return;
      throw e;
    }
    shell.jobs.record(status.pid!, status);
  }
}

/**
 * Before a prompt: the jobs that ended or stopped since the last one (bash's notify_of_job_status,
 * ash's showjobs(SHOW_CHANGED)), on stderr. Ended jobs then leave the table.
 */
export function* notifyJobs(shell: Shell): Sys<void> {
  yield* collectJobs(shell);
  let text = '';
  for (const job of shell.jobs.list()) {
    if (job.notified || job.state === 'running') continue;
    // bash starts a stopped job's notice on a line of its own.
    if (job.state === 'stopped' && shell.dialect === 'bash') text += '\n';
    text += formatJob(shell.jobs, job, shell.dialect, 'standard', whereabouts(shell));
    job.notified = true;
  }
  forgetEnded(shell);
  yield* shell.write(2, text);
}

/** Ended jobs the user has been told about leave the table. */
function forgetEnded(shell: Shell): void {
  for (const job of shell.jobs.list()) if (job.state === 'done' && job.notified) shell.jobs.remove(job);
}

/**
 * Waits for a foreground job: until it ends, or — with job control — stops. The terminal's signals
 * go to its process group meanwhile. Ctrl-C abandons the command line; another signal that killed
 * it is named (`Terminated`); Ctrl-Z puts it in the job table as stopped (status 148). `job` is
 * the job `fg` resumed.
 */
export function* waitForegroundJob(shell: Shell, processes: readonly ForegroundProcess[], job?: Job): Sys<number> {
  if (!shell.interactive) {
    let status: WaitStatus = { code: 0 };
    for (const { pid } of processes) status = yield* shell.waitFor(pid);
    return status.code;
  }
  const statuses: WaitStatus[] = [];
  shell.foregroundGroup = job?.pgid ?? processes[0]!.pid;
  try {
    for (const { pid } of processes) {
      // A resumed pipeline may have members that ended before it stopped.
      const ended = job?.processes.find((p) => p.pid === pid)?.status;
      statuses.push(ended ?? (yield* shell.syscall(() => sys.waitUntraced(pid))));
    }
  } finally {
    shell.foregroundGroup = undefined;
  }
  if (statuses.some((s) => s.stopped)) return yield* stopped(shell, processes, statuses, job);
  if (job) shell.jobs.remove(job);
  if (statuses.some((s) => s.signal === 'SIGINT')) throw new Interrupted();
  const last = statuses[statuses.length - 1]!;
  if (last.signal && last.signal !== 'SIGPIPE') yield* shell.write(2, `${describeSignal(last.signal)}\n`);
  return last.code;
}

/** The foreground job stopped (Ctrl-Z): into the table, and bash says so at once. */
function* stopped(shell: Shell, processes: readonly ForegroundProcess[], statuses: WaitStatus[], resumed: Job | undefined): Sys<number> {
  let job = resumed;
  if (job) {
    processes.forEach(({ pid }, i) => shell.jobs.record(pid, statuses[i]!));
  } else {
    const members: JobProcess[] = processes.map(({ pid, command }, i) => ({ pid, command, status: statuses[i] }));
    job = shell.jobs.add(processes[0]!.pid, members, shell.proc.cwd, true);
    job.notified = false;
  }
  if (shell.dialect === 'bash') {
    yield* shell.write(2, '\n' + formatJob(shell.jobs, job, shell.dialect, 'standard', whereabouts(shell)));
    job.notified = true;
  }
  const status = job.status.code;
  shell.status = status;
  // bash: suspending a job with SIGTSTP breaks all active loops.
  if (shell.dialect === 'bash' && shell.loopDepth > 0) throw new LoopControl('break', shell.loopDepth);
  return status;
}

/** `cmd &`: enters the forked process as a job; an interactive shell says `[1] 8`. */
export function* startedInBackground(shell: Shell, pid: number, command: string): Sys<void> {
  const group = shell.interactive ? pid : shell.proc.pgid;
  const job = shell.jobs.add(group, [{ pid, command, status: undefined }], shell.proc.cwd, shell.interactive);
  if (shell.interactive) yield* shell.write(2, `[${job.number}] ${pid}\n`);
}

/** Sends a signal to a job: its process group, or each of its processes (no job control). */
export function signalJob(shell: Shell, job: Job, signal: Parameters<Shell['proc']['kill']>[1]): void {
  if (job.ownGroup) {
    shell.proc.kill(-job.pgid, signal);
  } else {
    for (const p of job.processes) if (p.status === undefined || p.status.stopped) shell.proc.kill(p.pid, signal);
  }
  if (job.state !== 'stopped') return;
  // bash continues a stopped job it sent TERM or HUP, so that it can die of it.
  if (shell.dialect === 'bash' && (signal === 'SIGTERM' || signal === 'SIGHUP')) shell.proc.kill(job.ownGroup ? -job.pgid : job.lastPid, 'SIGCONT');
  if (signal === 'SIGCONT' || (shell.dialect === 'bash' && (signal === 'SIGTERM' || signal === 'SIGHUP'))) shell.jobs.continued(job, false);
}

/** Waits until every process of `job` has ended; returns the job's status. */
export function* waitForJob(shell: Shell, job: Job): Sys<WaitStatus> {
  for (const p of job.processes) {
    if (p.status !== undefined && !p.status.stopped) continue;
    shell.jobs.record(p.pid, yield* shell.syscall(() => sys.wait(p.pid), true));
  }
  return job.status;
}

/** A job spec that names no job: bash reports it (status 1); for ash it is an error that ends the command. */
function* noSuchJob(shell: Shell, error: string): Sys<number> {
  if (shell.dialect === 'busybox') yield* shell.fail(error, 2);
  yield* shell.report(error);
  return 1;
}

// --- the builtins ---------------------------------------------------------------------------

const JOBS_USAGE = 'jobs: usage: jobs [-lnprs] [jobspec ...] or jobs -x command [args]';

/** `jobs [-lprs] [spec…]`: the job table; ended jobs are shown once, then forgotten. */
function* jobs(shell: Shell, argv: string[]): Sys<number> {
  let format: ListingFormat | 'pids' = 'standard';
  let only: 'running' | 'stopped' | undefined;
  let i = 1;
  for (; i < argv.length && /^-./.test(argv[i]!); i++) {
    if (argv[i] === '--') {
      i++;
      break;
    }
    for (const letter of argv[i]!.slice(1)) {
      if (letter === 'l') format = 'long';
      else if (letter === 'p') format = 'pids';
      else if (shell.dialect === 'bash' && letter === 'r') only = 'running';
      else if (shell.dialect === 'bash' && letter === 's') only = 'stopped';
      else if (shell.dialect === 'bash' && letter === 'n') continue;
      else {
        if (shell.dialect === 'busybox') yield* shell.fail(`jobs: illegal option -${letter}`, 2);
        yield* shell.report(`-${letter}: invalid option`);
        yield* shell.write(2, `${JOBS_USAGE}\n`);
        return 2;
      }
    }
  }
  yield* collectJobs(shell);
  let status = 0;
  let listed: Job[] = [];
  const specs = argv.slice(i);
  if (specs.length === 0) {
    listed = shell.jobs.list().filter((j) => only === undefined || j.state === only);
  } else {
    for (const spec of specs) {
      const found = shell.jobs.resolve(spec);
      if ('job' in found) listed.push(found.job);
      else status = yield* noSuchJob(shell, found.error);
    }
  }
  let text = '';
  for (const job of listed) {
    text += format === 'pids' ? `${job.pgid}\n` : formatJob(shell.jobs, job, shell.dialect, format, whereabouts(shell));
    job.notified = true;
  }
  forgetEnded(shell);
  return (yield* shell.out(text)) ? status : 1;
}

/** `fg [spec]`: the job takes the terminal; continued if stopped, then waited for. */
function* fg(shell: Shell, argv: string[]): Sys<number> {
  if (!shell.interactive && shell.dialect === 'bash') {
    yield* shell.report('no job control');
    return 1;
  }
  yield* collectJobs(shell);
  const found = shell.jobs.resolve(argv[1]);
  if ('error' in found) return yield* noSuchJob(shell, found.error);
  const { job } = found;
  if (job.state === 'done' && shell.dialect === 'bash') {
    yield* shell.report('job has terminated');
    return 1;
  }
  const here = whereabouts(shell);
  const wd = shell.dialect === 'bash' && job.cwd !== here.cwd ? `\t(wd: ${politeDirectory(job.cwd, here.home)})` : '';
  yield* shell.out(`${job.command}${wd}\n`);
  const wasStopped = job.state === 'stopped';
  shell.jobs.continued(job, true);
  if (wasStopped || shell.dialect === 'busybox') signalJob(shell, job, 'SIGCONT');
  return yield* waitForegroundJob(shell, job.processes, job);
}

/** `bg [spec…]`: stopped jobs continue in the background. */
function* bg(shell: Shell, argv: string[]): Sys<number> {
  if (!shell.interactive && shell.dialect === 'bash') {
    yield* shell.report('no job control');
    return 1;
  }
  yield* collectJobs(shell);
  const specs = argv.length > 1 ? argv.slice(1) : [undefined];
  let status = 0;
  for (const spec of specs) {
    const found = shell.jobs.resolve(spec);
    if ('error' in found) {
      status = yield* noSuchJob(shell, found.error);
      continue;
    }
    const { job } = found;
    if (shell.dialect === 'bash') {
      if (job.state === 'done') {
        yield* shell.report('job has terminated');
        status = 1;
        continue;
      }
      // XPG says a job already running is not an error.
      if (job.state === 'running') {
        yield* shell.report(`job ${job.number} already in background`);
        continue;
      }
      const mark = shell.jobs.mark(job);
      yield* shell.out(`[${job.number}]${mark === ' ' ? ' ' : `${mark} `}${job.command} &\n`);
    }
    shell.jobs.continued(job, false);
    if (shell.dialect === 'busybox') yield* shell.out(`[${job.number}] ${job.command}\n`);
    shell.lastBackground = job.pgid;
    signalJob(shell, job, 'SIGCONT');
  }
  return status;
}

export const JOB_BUILTINS = {
  jobs: { special: false, run: jobs },
  fg: { special: false, run: fg },
  bg: { special: false, run: bg },
} satisfies Record<string, Builtin>;
