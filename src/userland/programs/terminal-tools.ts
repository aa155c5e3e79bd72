/** Tools that draw on the terminal: `clear` and `watch`. */
import { SignalInterrupt, sys, SysError, type Sys } from '../../engine/runtime/process';
import { strftime } from '../lib/time';
import { defineTool, errorText, readAll, type Tool } from '../lib/tool';

/** ncurses' clear for xterm: home, erase the screen, erase the scrollback. Busybox skips the last. */
export const CLEAR_XTERM = '\x1b[H\x1b[2J\x1b[3J';
export const CLEAR_BUSYBOX = '\x1b[H\x1b[J';

export const clear = defineTool({ usage: 'clear', options: { short: 'xT:' } }, function* (tool, options) {
  if (tool.flavour === 'busybox') {
    yield* tool.out(CLEAR_BUSYBOX);
    return 0;
  }
  if (!(options.value('T') ?? tool.proc.env['TERM'])) {
    yield* sys.write(2, 'TERM environment variable not set.\n');
    return 1;
  }
  // -x keeps the scrollback.
  yield* tool.out(options.has('x') ? CLEAR_XTERM.slice(0, -4) : CLEAR_XTERM);
  return 0;
});

const WATCH_USAGE = `
Usage:
 watch [options] command

Options:
  -b, --beep             beep if command has a non-zero exit
  -c, --color            interpret ANSI color and style sequences
  -d, --differences[=<permanent>]
                         highlight changes between updates
  -e, --errexit          exit if command has a non-zero exit
  -g, --chgexit          exit when output from command changes
  -n, --interval <secs>  seconds to wait between updates
  -p, --precise          attempt run command in precise intervals
  -t, --no-title         turn off header
  -x, --exec             pass command to exec instead of "sh -c"

 -h, --help     display this help and exit
 -v, --version  output version information and exit

For more details see watch(1).
`;

/** The terminal's size as the session exports it; 80x24 when nobody says. */
function screenSize(tool: Tool): { columns: number; lines: number } {
  const number = (name: string, fallback: number): number => {
    const value = Number(tool.proc.env[name]);
    return Number.isInteger(value) && value > 0 ? value : fallback;
  };
  return { columns: number('COLUMNS', 80), lines: number('LINES', 24) };
}

/** procps: `Every 2.0s: cmd` on the left, `host: Mon Jan  1 10:00:00 2024` on the right. */
function procpsHeader(tool: Tool, seconds: number, command: string, columns: number): string {
  const left = `Every ${seconds.toFixed(1)}s: `;
  const right = `${tool.proc.hostname}: ${strftime('%a %b %e %H:%M:%S %Y', tool.proc.wallClock())}`;
  if (columns < right.length) return '';
  const room = columns - right.length - left.length - 1;
  if (room < 0) return right.padStart(columns);
  const shown = command.length <= room ? command : room >= 3 ? `${command.slice(0, room - 3)}...` : '';
  return `${left}${shown}`.padEnd(columns - right.length) + right;
}

/** busybox: `Every 2.0s: cmd` padded to the width, `2024-01-01 10:00:00` ending one column short of it. */
function busyboxHeader(tool: Tool, seconds: number, command: string, columns: number): string {
  const time = strftime('%Y-%m-%d %H:%M:%S', tool.proc.wallClock());
  const left = `Every ${seconds.toFixed(1)}s: ${command}`.padEnd(columns);
  return columns > time.length + 1 ? left.slice(0, columns - time.length - 1) + time : left;
}

/**
 * `watch [-n SECS] [-t] COMMAND`: runs COMMAND through `sh -c` every SECS (2 by default) and
 * redraws the screen with its output, until a signal (Ctrl-C) ends it with status 0.
 */
export const watch = defineTool(
  { usage: 'watch [-n SEC] [-t] PROG ARGS', options: { short: 'n:txbcdegp', long: { 'interval=': 'n', 'no-title': 't', exec: 'x' }, stopAtOperand: true } },
  function* (tool, options) {
    if (options.operands.length === 0) {
      if (tool.flavour === 'gnu') yield* sys.write(2, WATCH_USAGE);
      else yield* tool.usage('');
      return 1;
    }
    const intervalText = options.value('n') ?? '2';
    const interval = Number(intervalText.replace(',', '.'));
    if (!Number.isFinite(interval) || intervalText.trim() === '') {
      yield* tool.warn(tool.flavour === 'gnu' ? `failed to parse argument: '${intervalText}'` : `invalid number '${intervalText}'`);
      return 1;
    }
    // procps refuses to go below a tenth of a second.
    const seconds = Math.max(interval, 0.1);
    const command = options.operands.join(' ');
    const argv = options.has('x') ? [...options.operands] : ['sh', '-c', command];
    for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) tool.proc.signal(s, 'catch');
    try {
      for (;;) {
        const { columns, lines } = screenSize(tool);
        const output = yield* runCaptured(tool, argv);
        const title = options.has('t') ? '' : `${tool.flavour === 'gnu' ? procpsHeader(tool, seconds, command, columns) : busyboxHeader(tool, seconds, command, columns)}\n\n`;
        const rows = output.split('\n').slice(0, Math.max(0, lines - (title ? 2 : 0))).map((l) => l.slice(0, columns));
        yield* tool.out(`${tool.flavour === 'gnu' ? CLEAR_XTERM.slice(0, -4) : CLEAR_BUSYBOX}${title}${rows.join('\n')}`);
        yield* sys.sleep(seconds * 1000);
      }
    } catch (e) {
      if (e instanceof SignalInterrupt) {
        yield* tool.out('\n');
        return 0;
      }
      throw e;
    }
  },
);

/** Runs argv with stdout and stderr into a pipe; what it printed, or the reason it could not run. */
function* runCaptured(tool: Tool, argv: readonly string[]): Sys<string> {
  const { proc } = tool;
  const [r, w] = proc.pipe();
  let child: number;
  try {
    child = proc.spawn(argv, { fds: [undefined, w, w] });
  } catch (e) {
    proc.close(r);
    proc.close(w);
    if (e instanceof SysError) return `${argv[0]}: ${errorText(e)}\n`;
    throw e;
  }
  proc.close(w);
  try {
    return yield* readAll(r);
  } finally {
    proc.close(r);
    yield* sys.wait(child);
  }
}
