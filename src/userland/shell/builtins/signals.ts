// Processes and signals: wait, kill, trap. `wait` and `kill` take job specs (`%1`) too.
import { parseSignal, SIGNAL_NUMBERS, SignalInterrupt, sys, SysError, type SignalName, type Sys } from '../../../engine/runtime/process';
import { signalJob, waitForJob } from '../job-control';
import type { Job } from '../jobs';
import { Shell } from '../shell';
import { parseCount, singleQuote } from './common';

/** `%1` names a job, `123` the job of that process; a message when neither is one of ours. */
function findJob(shell: Shell, target: string): Job | { error: string } | undefined {
  if (target.startsWith('%')) {
    const found = shell.jobs.resolve(target);
    return 'job' in found ? found.job : found;
  }
  const pid = parseCount(target);
  return pid === undefined ? undefined : shell.jobs.byPid(pid);
}

export function* wait(shell: Shell, argv: string[]): Sys<number> {
  const targets = argv.slice(1);
  try {
    if (targets.length === 0) {
      for (const job of shell.jobs.list()) {
        yield* waitForJob(shell, job);
        shell.jobs.remove(job);
      }
      return 0;
    }
    let status = 0;
    for (const target of targets) {
      const job = findJob(shell, target);
      if (job === undefined || 'error' in job) {
        if (job !== undefined && shell.dialect === 'busybox') yield* shell.fail(job.error, 2);
        if (shell.dialect === 'bash') yield* shell.report(job?.error ?? `pid ${target} is not a child of this shell`);
        status = 127;
        continue;
      }
      status = (yield* waitForJob(shell, job)).code;
      shell.jobs.remove(job);
    }
    return status;
  } catch (e) {
    // A trapped signal ends the wait at once; its handler runs next.
    if (e instanceof SignalInterrupt) return Shell.signalStatus(e.signal);
    throw e;
  }
}

const SIGNAL_LIST = (Object.keys(SIGNAL_NUMBERS) as SignalName[]).sort((a, b) => SIGNAL_NUMBERS[a] - SIGNAL_NUMBERS[b]);

export function* kill(shell: Shell, argv: string[]): Sys<number> {
  let args = argv.slice(1);
  let signal: SignalName | 0 = 'SIGTERM';
  if (args[0] === '-l' || args[0] === '-L') {
    const which = args[1];
    if (which !== undefined) {
      const n = Number(which) > 128 ? Number(which) - 128 : Number(which);
      const name = SIGNAL_LIST.find((s) => SIGNAL_NUMBERS[s] === n);
      yield* shell.out(`${name?.slice(3) ?? which}\n`);
      return name ? 0 : 1;
    }
    yield* shell.out(SIGNAL_LIST.map((s) => s.slice(3)).join(' ') + '\n');
    return 0;
  }
  if (args[0] === '-s' || args[0] === '-n') {
    const spec = args[1] ?? '';
    const parsed = spec === '0' ? 0 : parseSignal(spec);
    if (parsed === undefined) {
      yield* shell.report(shell.messages.badSignal(spec));
      return 1;
    }
    signal = parsed;
    args = args.slice(2);
  } else if (args[0]?.startsWith('-') && args[0] !== '--' && args[0].length > 1) {
    const spec = args[0].slice(1);
    const parsed = spec === '0' ? 0 : parseSignal(spec);
    if (parsed === undefined) {
      yield* shell.report(shell.messages.badSignal(spec));
      return 1;
    }
    signal = parsed;
    args = args.slice(1);
  }
  if (args[0] === '--') args = args.slice(1);
  if (args.length === 0) {
    yield* shell.report(shell.dialect === 'bash' ? 'usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]' : 'usage: kill [-s SIGNAL | -SIGNAL] PID...');
    return shell.dialect === 'bash' ? 2 : 1;
  }
  let status = 0;
  for (const target of args) {
    if (target.startsWith('%')) {
      const job = findJob(shell, target)!;
      if ('error' in job) {
        if (shell.dialect === 'busybox') yield* shell.fail(job.error, 2);
        yield* shell.report(job.error);
        status = 1;
      } else if (signal !== 0) {
        signalJob(shell, job, signal);
      }
      continue;
    }
    const pid = parseCount(target);
    if (pid === undefined) {
      yield* shell.report(shell.dialect === 'bash' ? `${target}: arguments must be process or job IDs` : `invalid number '${target}'`);
      status = 1;
      continue;
    }
    try {
      if (signal === 0) {
        if (!shell.proc.processes().some((p) => p.pid === pid)) throw new SysError('ESRCH');
      } else {
        shell.proc.kill(pid, signal);
      }
    } catch (e) {
      if (!(e instanceof SysError)) throw e;
      yield* shell.report(shell.messages.killFailed(target, e.message));
      status = 1;
    }
  }
  // A signal to ourselves is taken at the next system call.
  yield* shell.syscall(() => sys.tick());
  return status;
}

/** `EXIT`/`0` or a signal (`INT`, `SIGINT`, `2`); undefined for nonsense. */
function trapCondition(spec: string): string | undefined {
  if (spec === '0' || spec.toUpperCase() === 'EXIT') return 'EXIT';
  return parseSignal(spec);
}

/** How `trap` lists a condition: busybox `INT`, bash `SIGINT`. */
function conditionName(shell: Shell, condition: string): string {
  if (condition === 'EXIT' || shell.dialect === 'bash') return condition;
  return condition.slice(3);
}

export function* trap(shell: Shell, argv: string[]): Sys<number> {
  let args = argv.slice(1);
  if (args[0] === '--') args = args.slice(1);
  if (args.length === 0 || args[0] === '-p') {
    let listing = '';
    for (const [condition, action] of shell.traps) listing += `trap -- ${singleQuote(action)} ${conditionName(shell, condition)}\n`;
    return (yield* shell.out(listing)) ? 0 : 1;
  }
  if (args[0] === '-l') {
    yield* shell.out(SIGNAL_LIST.map((s) => `${SIGNAL_NUMBERS[s]}) ${s}`).join('\n') + '\n');
    return 0;
  }
  // `trap 2 15` (a number first) or `trap INT` (one operand) reset those conditions.
  let action: string | undefined = args[0]!;
  let conditions = args.slice(1);
  if (/^\d+$/.test(action) || conditions.length === 0) {
    conditions = args;
    action = undefined;
  }
  let status = 0;
  for (const spec of conditions) {
    const condition = trapCondition(spec);
    if (condition === undefined) {
      if (shell.dialect === 'busybox') yield* shell.fail(shell.messages.badTrap(spec), 2);
      yield* shell.report(shell.messages.badTrap(spec));
      status = 1;
      continue;
    }
    setTrap(shell, condition, action === '-' ? undefined : action);
  }
  return status;
}

/** Installs (action), ignores ('') or resets (undefined) the handling of a condition. */
function setTrap(shell: Shell, condition: string, action: string | undefined): void {
  if (action === undefined) shell.traps.delete(condition);
  else shell.traps.set(condition, action);
  if (condition === 'EXIT') return;
  const signal = condition as SignalName;
  // An interactive shell keeps catching Ctrl-C (and ignoring TERM and QUIT) when a trap is reset.
  const interactiveDefault = shell.interactive && (signal === 'SIGINT' || signal === 'SIGTERM' || signal === 'SIGQUIT');
  const disposition = action === undefined ? (interactiveDefault ? 'catch' : 'default') : action === '' ? 'ignore' : 'catch';
  try {
    shell.proc.signal(signal, disposition);
  } catch (e) {
    // SIGKILL and SIGSTOP cannot be trapped; shells accept the request and nothing happens.
    if (!(e instanceof SysError)) throw e;
  }
}
