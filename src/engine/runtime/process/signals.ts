/**
 * Linux signals as the simulated kernel knows them: numbers (for `kill -9`, exit code 128+n) and
 * what happens when a process has not installed a handler.
 */

export const SIGNAL_NUMBERS = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGKILL: 9,
  SIGUSR1: 10,
  SIGUSR2: 12,
  SIGPIPE: 13,
  SIGALRM: 14,
  SIGTERM: 15,
  SIGCHLD: 17,
  SIGCONT: 18,
  SIGSTOP: 19,
  SIGTSTP: 20,
  SIGTTIN: 21,
  SIGTTOU: 22,
  SIGWINCH: 28,
} as const;

export type SignalName = keyof typeof SIGNAL_NUMBERS;

/** `default`: the signal's default action; `ignore`: dropped; `catch`: delivered to the program. */
export type Disposition = 'default' | 'ignore' | 'catch';

/** Signals whose default action is to do nothing. */
const IGNORED_BY_DEFAULT: ReadonlySet<SignalName> = new Set(['SIGCHLD', 'SIGCONT', 'SIGWINCH']);

/** Signals whose default action is to stop the process until a SIGCONT (Ctrl-Z sends SIGTSTP). */
const STOPPING: ReadonlySet<SignalName> = new Set(['SIGSTOP', 'SIGTSTP', 'SIGTTIN', 'SIGTTOU']);

export const stopsByDefault = (signal: SignalName): boolean => STOPPING.has(signal);

/** SIGKILL and SIGSTOP can be neither caught nor ignored. */
export const isUncatchable = (signal: SignalName): boolean => signal === 'SIGKILL' || signal === 'SIGSTOP';

/** Everything neither ignored nor stopping by default terminates the process. */
export const terminatesByDefault = (signal: SignalName): boolean => !IGNORED_BY_DEFAULT.has(signal) && !STOPPING.has(signal);

/** `9`, `KILL`, `SIGKILL`, `kill`, … → SIGKILL; undefined for anything else. */
export function parseSignal(text: string): SignalName | undefined {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    return (Object.keys(SIGNAL_NUMBERS) as SignalName[]).find((s) => SIGNAL_NUMBERS[s] === n);
  }
  const upper = text.toUpperCase();
  const name = (upper.startsWith('SIG') ? upper : `SIG${upper}`) as SignalName;
  return name in SIGNAL_NUMBERS ? name : undefined;
}

/** The status a shell reports for a process killed by `signal` ($? = 128 + n; 137 for SIGKILL). */
export const signalExitCode = (signal: SignalName): number => 128 + SIGNAL_NUMBERS[signal];
