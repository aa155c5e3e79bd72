// The job table of a shell: what `cmd &` started and Ctrl-Z stopped, numbered as `%1`, `%2`, …,
// with a current (`%+`) and a previous (`%-`) job. Which job is current follows each shell's own
// rules: bash (jobs.c set_current_job/reset_current) prefers stopped jobs, then the newest running
// one; ash keeps its jobs in a most-recent-first list (set_curjob) where stopped jobs come first.
// How a job is shown also differs: bash pads the status to 24 columns, ash puts the command at
// column 33; both print notices (`Done`, `Terminated`, `Stopped`) before the next prompt.
import { SIGNAL_NUMBERS, type SignalName, type WaitStatus } from '../../engine/runtime/process';
import type { ShellDialect } from './errors';

/** One process of a job: a pipeline has one per command. */
export interface JobProcess {
  readonly pid: number;
  /** Its command as the shell prints it (`sleep 100`). */
  readonly command: string;
  /** How it ended or stopped; undefined while it runs. */
  status: WaitStatus | undefined;
}

export type JobState = 'running' | 'stopped' | 'done';

export class Job {
  /** The user has seen its latest change of state (a notice, or `jobs`). */
  notified = true;

  constructor(
    readonly number: number,
    /** The process group the job runs in: what `kill %1`, `fg` and Ctrl-Z address. */
    readonly pgid: number,
    readonly processes: JobProcess[],
    /** The working directory it was started in (bash shows `(wd: …)` when it differs). */
    readonly cwd: string,
    /** It has a process group of its own (started by an interactive shell). */
    readonly ownGroup: boolean,
  ) {}

  get state(): JobState {
    if (this.processes.some((p) => p.status === undefined)) return 'running';
    return this.processes.some((p) => p.status!.stopped) ? 'stopped' : 'done';
  }

  /** The status that describes the job: a stopped process's, else the last one's. */
  get status(): WaitStatus {
    const stopped = this.processes.find((p) => p.status?.stopped);
    return (stopped ?? this.processes[this.processes.length - 1]!).status ?? { code: 0 };
  }

  /** `a | b` as typed. */
  get command(): string {
    return this.processes.map((p) => p.command).join(' | ');
  }

  /** The process whose status `$?` and `wait` report, and `$!` names. */
  get lastPid(): number {
    return this.processes[this.processes.length - 1]!.pid;
  }
}

/** What a job spec (`%1`, `%+`, `%sle`) resolved to: a job, or the shell's message. */
export type JobLookup = { readonly job: Job } | { readonly error: string };

export class JobTable {
  /** By job number. */
  private readonly jobs: Job[] = [];
  /** bash's current and previous job. */
  private currentJob: Job | undefined;
  private previousJob: Job | undefined;
  /** ash's list, most recent first: its head is current, the next one previous. */
  private readonly recency: Job[] = [];

  constructor(private readonly dialect: ShellDialect) {}

  get size(): number {
    return this.jobs.length;
  }

  /** All jobs by number (bash's `jobs`), or most recent first (ash's). */
  list(): Job[] {
    return this.dialect === 'bash' ? [...this.jobs] : [...this.recency];
  }

  get current(): Job | undefined {
    return this.dialect === 'bash' ? this.currentJob : this.recency[0];
  }

  get previous(): Job | undefined {
    return this.dialect === 'bash' ? this.previousJob : this.recency[1];
  }

  /** `+`, `-` or a space: how a listing marks the job. */
  mark(job: Job): string {
    return job === this.current ? '+' : job === this.previous ? '-' : ' ';
  }

  /** Enters a job: started in the background (running), or stopped in the foreground. */
  add(pgid: number, processes: JobProcess[], cwd: string, ownGroup: boolean): Job {
    const job = new Job(this.nextNumber(), pgid, processes, cwd, ownGroup);
    this.jobs.push(job);
    this.jobs.sort((a, b) => a.number - b.number);
    // bash: a stopped job becomes current; a new background job only if no job is stopped.
    if (this.dialect === 'bash') {
      if (job.state === 'stopped') this.setCurrent(job);
      else this.resetCurrent();
    } else {
      this.placeInRecency(job);
    }
    return job;
  }

  /** bash numbers after the highest job there is; ash takes the first free number. */
  private nextNumber(): number {
    if (this.dialect === 'bash') return (this.jobs[this.jobs.length - 1]?.number ?? 0) + 1;
    let n = 1;
    while (this.jobs.some((j) => j.number === n)) n++;
    return n;
  }

  byPid(pid: number): Job | undefined {
    return this.jobs.find((j) => j.processes.some((p) => p.pid === pid));
  }

  /** A process of a job exited or stopped: the job may have changed state (to be notified). */
  record(pid: number, status: WaitStatus): void {
    const job = this.byPid(pid);
    if (!job) return;
    const before = job.state;
    job.processes.find((p) => p.pid === pid)!.status = status;
    const after = job.state;
    if (after === before || after === 'running') return;
    job.notified = false;
    if (after === 'stopped') {
      if (this.dialect === 'bash') this.setCurrent(job);
      else this.placeInRecency(job);
    }
  }

  /** `fg`, `bg` or `kill -CONT` sent a stopped job SIGCONT: its processes run again. */
  continued(job: Job, foreground: boolean): void {
    for (const p of job.processes) if (p.status?.stopped) p.status = undefined;
    job.notified = true;
    if (this.dialect === 'bash') {
      if (foreground) this.setCurrent(job);
      else this.resetCurrent();
    } else if (!foreground) {
      this.placeInRecency(job);
    }
  }

  remove(job: Job): void {
    const index = this.jobs.indexOf(job);
    if (index < 0) return;
    this.jobs.splice(index, 1);
    const recent = this.recency.indexOf(job);
    if (recent >= 0) this.recency.splice(recent, 1);
    if (job === this.currentJob || job === this.previousJob) this.resetCurrent();
  }

  /**
   * A job spec as bash reads it (`%1`, `1`, `%%`, `%+`, `%-`, `%sle` a prefix, `%?ep` a substring)
   * or ash does (only with `%`). No spec at all means the current job.
   */
  resolve(spec: string | undefined): JobLookup {
    const bash = this.dialect === 'bash';
    if (spec === undefined) return this.found(this.current, bash ? 'current: no such job' : 'No current job');
    const noSuchJob = { error: `${spec}: no such job` };
    if (!spec.startsWith('%') && !bash) return noSuchJob;
    const word = spec.startsWith('%') ? spec.slice(1) : spec;
    if (word === '' || word === '%' || word === '+') return this.found(this.current, bash ? noSuchJob.error : 'No current job');
    if (word === '-') return this.found(this.previous, bash ? noSuchJob.error : 'No previous job');
    if (/^\d+$/.test(word)) return this.found(this.jobs.find((j) => j.number === Number(word)), noSuchJob.error);
    const substring = word.startsWith('?');
    const name = substring ? word.slice(1) : word;
    const matches = (command: string): boolean => (substring ? command.includes(name) : command.startsWith(name));
    // bash tries every command of a pipeline, ash the first one.
    const candidates = this.jobs.filter((j) => (bash ? j.processes.some((p) => matches(p.command)) : matches(j.processes[0]!.command)));
    if (candidates.length > 1) return { error: bash ? `${name}: ambiguous job spec` : `${spec}: ambiguous` };
    return this.found(candidates[0], noSuchJob.error);
  }

  private found(job: Job | undefined, error: string): JobLookup {
    return job ? { job } : { error };
  }

  // --- bash: jobs.c's set_current_job and reset_current ----------------------------------------

  /** Makes `job` current; the previous job becomes the most useful other one. */
  private setCurrent(job: Job): void {
    if (this.currentJob !== job) {
      this.previousJob = this.currentJob;
      this.currentJob = job;
    }
    const previous = this.previousJob;
    if (previous !== job && previous !== undefined && this.jobs.includes(previous) && previous.state === 'stopped') return;
    if (job.state === 'stopped') {
      const stopped = this.newestBefore(job.number, 'stopped');
      if (stopped) {
        this.previousJob = stopped;
        return;
      }
    }
    const running = this.newestBefore(job.state === 'running' ? job.number : Infinity, 'running');
    this.previousJob = running ?? job;
  }

  /** After a change: the newest stopped job is current, else the newest running one. */
  private resetCurrent(): void {
    const current = this.currentJob;
    const previous = this.previousJob;
    let candidate: Job | undefined;
    if (current && this.jobs.includes(current) && current.state === 'stopped') candidate = current;
    else if (previous && this.jobs.includes(previous) && previous.state === 'stopped') candidate = previous;
    else candidate = this.newestBefore(Infinity, 'stopped') ?? this.newestBefore(Infinity, 'running');
    if (candidate) {
      this.setCurrent(candidate);
    } else {
      this.currentJob = undefined;
      this.previousJob = undefined;
    }
  }

  /** The newest job numbered below `number` in `state`. */
  private newestBefore(number: number, state: JobState): Job | undefined {
    for (let i = this.jobs.length - 1; i >= 0; i--) {
      const job = this.jobs[i]!;
      if (job.number < number && job.state === state) return job;
    }
    return undefined;
  }

  // --- ash: set_curjob ----------------------------------------------------------------------

  /** A stopped job goes to the head of the list; a running one after the stopped ones. */
  private placeInRecency(job: Job): void {
    const index = this.recency.indexOf(job);
    if (index >= 0) this.recency.splice(index, 1);
    let at = 0;
    if (job.state !== 'stopped') while (this.recency[at]?.state === 'stopped') at++;
    this.recency.splice(at, 0, job);
  }
}

/** What strsignal(3) says of a signal (glibc), as bash and ash show a job's fate. */
const SIGNAL_DESCRIPTIONS: Readonly<Record<SignalName, string>> = {
  SIGHUP: 'Hangup',
  SIGINT: 'Interrupt',
  SIGQUIT: 'Quit',
  SIGKILL: 'Killed',
  SIGUSR1: 'User defined signal 1',
  SIGUSR2: 'User defined signal 2',
  SIGPIPE: 'Broken pipe',
  SIGALRM: 'Alarm clock',
  SIGTERM: 'Terminated',
  SIGCHLD: 'Child exited',
  SIGCONT: 'Continued',
  SIGSTOP: 'Stopped (signal)',
  SIGTSTP: 'Stopped',
  SIGTTIN: 'Stopped (tty input)',
  SIGTTOU: 'Stopped (tty output)',
  SIGWINCH: 'Window changed',
};

export const describeSignal = (signal: SignalName): string => SIGNAL_DESCRIPTIONS[signal] ?? `Unknown signal ${SIGNAL_NUMBERS[signal]}`;

/** bash's column for the command: the status is padded to the longest signal description. */
const BASH_STATUS_WIDTH = 24;
/** ash's column for the command. */
const ASH_COMMAND_COLUMN = 33;

export type ListingFormat = 'standard' | 'long';

/** A job's fate in words: `Running`, `Stopped`, `Done`, `Exit 1` (ash `Done(1)`), `Terminated`. */
function statusText(job: Job, dialect: ShellDialect, format: ListingFormat): string {
  const state = job.state;
  if (state === 'running') return 'Running';
  const status = job.status;
  // bash's short listing says just Stopped, whatever stopped the job.
  if (state === 'stopped' && dialect === 'bash' && format === 'standard') return 'Stopped';
  if (status.signal) return describeSignal(status.signal);
  if (status.code === 0) return 'Done';
  return dialect === 'bash' ? `Exit ${status.code}` : `Done(${status.code})`;
}

/**
 * One job as `jobs` lists it and as notices show it:
 *   bash `[1]+  Running                 sleep 100 &`, `jobs -l` adds each pid;
 *   ash  `[1]+  Running                    sleep 100`.
 */
export function formatJob(table: JobTable, job: Job, dialect: ShellDialect, format: ListingFormat, where: Whereabouts): string {
  const status = statusText(job, dialect, format);
  const head = `[${job.number}]${table.mark(job)} `;
  if (dialect === 'busybox') {
    const start = `${head} ${format === 'long' ? `${job.pgid} ` : ''}${status}`;
    return `${start}${' '.repeat(Math.max(ASH_COMMAND_COLUMN - start.length, 1))}${job.command}\n`;
  }
  const wd = job.cwd === where.cwd ? '' : `  (wd: ${politeDirectory(job.cwd, where.home)})`;
  const tail = `${job.state === 'running' ? ' &' : ''}${wd}\n`;
  if (format === 'standard') return `${head} ${status.padEnd(BASH_STATUS_WIDTH)}${job.command}${tail}`;
  return job.processes.map((p, i) => {
    const pid = String(p.pid).padStart(5);
    if (i === 0) return `${head}${pid} ${status.padEnd(BASH_STATUS_WIDTH)}${p.command}`;
    return `     ${pid} ${''.padEnd(BASH_STATUS_WIDTH - 2)}| ${p.command}`;
  }).join('\n') + tail;
}

/** Where the shell is now: bash names a job's other working directory, `~` for the home. */
export interface Whereabouts {
  readonly cwd: string;
  readonly home: string | undefined;
}

/** bash's polite_directory_format: the home directory as `~`. */
export function politeDirectory(dir: string, home: string | undefined): string {
  return home && home !== '/' && (dir === home || dir.startsWith(home + '/')) ? '~' + dir.slice(home.length) : dir;
}
