/**
 * `timeout [-s SIG] [-k DURATION] [--preserve-status] DURATION COMMAND [ARG]...`: runs COMMAND and
 * sends it SIG (TERM) when DURATION has passed, KILL after -k's grace. Exit 124 when it timed out,
 * 125 when timeout itself failed, 126/127 when COMMAND cannot run, else COMMAND's status. Signals
 * that end timeout (Ctrl-C's SIGINT, SIGTERM, SIGHUP) are passed on to COMMAND first.
 */
import { parseSignal, SignalInterrupt, signalExitCode, sys, SysError, type SignalName, type Sys, type WaitStatus } from '../../engine/runtime/process';
import { errorText, type Tool } from '../lib/tool';
import { parseDuration } from './system';
import { defineToolWithUsageStatus } from './usage-status';

const EXIT_TIMEDOUT = 124;
const EXIT_CANCELED = 125;
const FORWARDED: readonly SignalName[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'];

export const timeout = defineToolWithUsageStatus(
  {
    usage: 'timeout [-s SIG] [-k KILL_SECS] SECS PROG ARGS',
    options: { short: 's:k:v', long: { 'signal=': 's', 'kill-after=': 'k', 'preserve-status': 'p', foreground: 'f', verbose: 'v' }, stopAtOperand: true },
  },
  EXIT_CANCELED,
  function* (tool, options) {
    const [durationText, ...command] = options.operands;
    if (durationText === undefined || command.length === 0) return yield* tryHelp(tool, undefined);
    const signal = parseSignal(options.value('s') ?? 'TERM');
    if (!signal) return yield* tryHelp(tool, tool.flavour === 'gnu' ? `${options.value('s')}: invalid signal` : `bad signal name '${options.value('s')}'`);
    const seconds = parseDuration(durationText);
    if (seconds === undefined) return yield* tryHelp(tool, `invalid time interval '${durationText}'`);
    const killText = options.value('k');
    const killAfter = killText === undefined ? undefined : parseDuration(killText);
    if (killAfter === undefined && killText !== undefined) return yield* tryHelp(tool, `invalid time interval '${killText}'`);

    let child: number;
    try {
      child = tool.proc.spawn(command);
    } catch (e) {
      const status = e instanceof SysError && e.errno === 'EACCES' ? 126 : 127;
      yield* tool.warn(tool.flavour === 'gnu' ? `failed to run command '${command[0]}': ${errorText(e)}` : `can't execute '${command[0]}': ${errorText(e)}`);
      return status;
    }
    for (const s of FORWARDED) tool.proc.signal(s, 'catch');
    // 0 means no time limit at all.
    let status = yield* waitFor(tool, child, seconds === 0 ? undefined : seconds * 1000);
    if (status !== undefined) return status.code;
    tool.proc.kill(child, signal);
    status = yield* waitFor(tool, child, killAfter ? killAfter * 1000 : undefined);
    let sent = signal;
    if (status === undefined) {
      tool.proc.kill(child, 'SIGKILL');
      sent = 'SIGKILL';
      status = (yield* waitFor(tool, child, undefined))!;
    }
    if (options.has('p')) return status.code;
    // GNU sends KILL to its whole process group, itself included: the shell then sees 137.
    return sent === 'SIGKILL' ? signalExitCode('SIGKILL') : EXIT_TIMEDOUT;
  },
);

/** The child's status, or undefined at the deadline; a signal to timeout is passed on to the child. */
function* waitFor(tool: Tool, child: number, ms: number | undefined): Sys<WaitStatus | undefined> {
  const deadline = ms === undefined ? undefined : tool.proc.now() + ms;
  for (;;) {
    try {
      return yield* sys.wait(child, deadline === undefined ? undefined : deadline - tool.proc.now());
    } catch (e) {
      if (e instanceof SignalInterrupt) {
        tool.proc.kill(child, e.signal);
        continue;
      }
      if (e instanceof SysError && e.errno === 'ETIMEDOUT') return undefined;
      throw e;
    }
  }
}

/** GNU's usage errors end in "Try 'timeout --help'", exit 125; busybox shows its usage, exit 1. */
function* tryHelp(tool: Tool, message: string | undefined): Sys<number> {
  if (tool.flavour === 'busybox') {
    if (message !== undefined) yield* tool.warn(message);
    yield* tool.usage('');
    return 1;
  }
  if (message !== undefined) yield* tool.warn(message);
  yield* sys.write(2, `Try '${tool.name} --help' for more information.\n`);
  return EXIT_CANCELED;
}
