/**
 * `kubeplay --script FILE`: a session on master01 typed into by a script. Each line is typed as
 * keyboard input when the foreground program asks for input (the shell's prompt, `read`, `cat`);
 * while nothing waits for input, simulated time runs on at once — `sleep 60` costs no wall time —
 * unless `realtime` asks to follow the wall clock. A line `^C` (or `^Z`) lets the foreground job
 * run a few simulated seconds, then presses Ctrl-C (Ctrl-Z). At the end, Ctrl-D logs out. There is no full-screen
 * editor: `vi FILE` and `kubectl edit` edit in line mode, so the lines after them are ex commands
 * (`%s/replicas: 1/replicas: 3/`, then `wq`; `q!` leaves without saving).
 */
import type { Cluster } from '../engine/cluster/cluster';
import { openSession } from '../userland/session';

/** How long a job runs before a script's `^C` or `^Z` interrupts it (simulated ms). */
export const CTRL_C_AFTER_MS = 3_000;
/** The longest a script waits for a command to ask for input before typing anyway (simulated ms). */
export const MAX_WAIT_MS = 3_600_000;

/** Script lines that press a control key rather than type a line. */
const CONTROL_LINES: Readonly<Record<string, string>> = { '^C': '\x03', '^Z': '\x1a' };

export interface ScriptRun {
  /** Everything the terminal showed, as ANSI. */
  readonly output: string;
  /** The shell's exit status. */
  readonly status: number;
}

export interface PlayScriptOptions {
  readonly cols?: number;
  /** Called with each piece of output as it appears. */
  readonly onOutput?: (ansi: string) => void;
  /** Waits `ms` of wall time (for `--realtime`); without it, simulated time jumps. */
  readonly sleep?: (ms: number) => Promise<void>;
}

export async function playScript(cluster: Cluster, script: string, options: PlayScriptOptions = {}): Promise<ScriptRun> {
  const session = openSession(cluster, { node: 'master01', cols: options.cols ?? 80, rows: 24 });
  let output = '';
  session.onOutput((ansi) => {
    output += ansi;
    options.onOutput?.(ansi);
  });
  const clock = cluster.clock;
  /** Runs simulated time until `done` holds or `maxMs` passed; in real time, at the wall clock's pace. */
  const runUntil = async (done: () => boolean, maxMs: number): Promise<void> => {
    if (!options.sleep) {
      clock.runUntil(done, maxMs);
      return;
    }
    const until = clock.now() + maxMs;
    while (!done() && clock.now() < until) {
      const step = Math.min(50, until - clock.now());
      await options.sleep(step);
      clock.advance(step);
    }
  };
  const settled = (): boolean => session.waitingForInput || session.exited !== undefined;

  const lines = script.replace(/\n$/, '').split('\n');
  for (const line of script === '' ? [] : lines) {
    const control = CONTROL_LINES[line];
    if (control) {
      await runUntil(() => session.exited !== undefined, CTRL_C_AFTER_MS);
      session.type(control);
      continue;
    }
    await runUntil(settled, MAX_WAIT_MS);
    if (session.exited) break;
    session.type(line + '\r');
  }
  await runUntil(settled, MAX_WAIT_MS);
  if (!session.exited) {
    session.type('\x04');
    await runUntil(() => session.exited !== undefined, MAX_WAIT_MS);
  }
  if (!session.exited) session.close();
  return { output, status: session.exited?.code ?? 0 };
}

/**
 * A transcript for a file or a pipe: what the screen showed, line by line, without colours or
 * cursor motion. Backspaces and cursor moves within a line are applied (the line editor redraws
 * with them), and a blank an erase left behind at the end of a line is not kept.
 */
export function plainTranscript(ansi: string): string {
  const lines: string[] = [];
  /** The current line's cells; undefined is a blank that nothing printed. */
  let cells: (string | undefined)[] = [];
  let col = 0;
  let afterBackspace = false;
  const commit = (): string => {
    let end = cells.length;
    while (end > 0 && cells[end - 1] === undefined) end--;
    return cells.slice(0, end).map((c) => c ?? ' ').join('');
  };
  // eslint-disable-next-line no-control-regex -- terminal control sequences are what is interpreted
  for (const [token, params, command] of ansi.matchAll(/\x1b\[([0-9;?]*)([A-Za-z])|\x07|\r\n|[\n\r\b]|[^\x1b\x07\r\n\b]+/g)) {
    if (command !== undefined) {
      const n = Number(params) || 1;
      if (command === 'C') col += n;
      else if (command === 'D') col = Math.max(0, col - n);
      else if (command === 'K') cells.length = Math.min(cells.length, col);
      continue;
    }
    if (token === '\r\n' || token === '\n') {
      lines.push(commit());
      cells = [];
      col = 0;
    } else if (token === '\r') {
      col = 0;
    } else if (token === '\b') {
      col = Math.max(0, col - 1);
      afterBackspace = true;
      continue;
    } else if (token !== '\x07') {
      for (const ch of token) {
        while (cells.length < col) cells.push(undefined);
        cells[col++] = ch === ' ' && afterBackspace ? undefined : ch;
      }
    }
    afterBackspace = false;
  }
  const last = commit();
  return lines.join('\n') + (lines.length > 0 ? '\n' : '') + last;
}
