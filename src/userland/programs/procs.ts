/** Processes and their environment: env, printenv, ps, kill. */
import { parseSignal, sys, SysError, type ProcessInfo, type SignalName, type Sys } from '../../engine/runtime/process';
import { defineTool, errorText, type Tool } from '../lib/tool';
import { userName } from '../lib/users';

const envLines = (env: Record<string, string>): string => Object.entries(env).map(([k, v]) => `${k}=${v}\n`).join('');

/** `env [-i] [-u NAME] [NAME=VALUE]... [COMMAND [ARG]...]`: print, or run COMMAND in that environment. */
export const env = defineTool(
  { usage: 'env [-i0] [-u NAME]... [-] [NAME=VALUE]... [PROG ARGS]', options: { short: 'iu:0', long: { 'ignore-environment': 'i', 'unset=': 'u' }, stopAtOperand: true } },
  function* (tool, options) {
    const operands = [...options.operands];
    const clear = options.has('i') || operands[0] === '-';
    if (operands[0] === '-') operands.shift();
    const environment: Record<string, string> = clear ? {} : { ...tool.proc.env };
    for (const name of options.all('u')) delete environment[name];
    while (operands.length > 0 && /^[^=]+=/.test(operands[0]!)) {
      const assignment = operands.shift()!;
      const eq = assignment.indexOf('=');
      environment[assignment.slice(0, eq)] = assignment.slice(eq + 1);
    }
    if (operands.length === 0) {
      yield* tool.out(envLines(environment));
      return 0;
    }
    try {
      return yield* sys.exec(operands, environment);
    } catch (e) {
      const status = e instanceof SysError && e.errno === 'EACCES' ? 126 : 127;
      yield* tool.warn(tool.flavour === 'busybox' ? `can't execute '${operands[0]}': ${errorText(e)}` : `'${operands[0]}': ${errorText(e)}`);
      return status;
    }
  },
);

/** `printenv [NAME]...`: exit status 1 when one of the names is not set. */
export const printenv = defineTool({ usage: 'printenv [VARIABLE]...', options: { short: '0' } }, function* (tool, options) {
  const environment = tool.proc.env;
  if (options.operands.length === 0) {
    yield* tool.out(envLines(environment));
    return 0;
  }
  let status = 0;
  for (const name of options.operands) {
    if (name in environment) yield* tool.out(`${environment[name]}\n`);
    else status = 1;
  }
  return status;
});

/** `ps -o` columns: header, alignment and value. */
interface PsColumn {
  readonly header: string;
  /** Right-aligned to this width; negative: left-aligned. */
  readonly width: number;
  readonly value: (p: ProcessInfo, tool: Tool) => string;
}

const PS_COLUMNS: Readonly<Record<string, PsColumn>> = {
  pid: { header: 'PID', width: 5, value: (p) => String(p.pid) },
  ppid: { header: 'PPID', width: 5, value: (p) => String(p.ppid) },
  pgid: { header: 'PGID', width: 5, value: (p) => String(p.pid) },
  user: { header: 'USER', width: -8, value: (_p, tool) => userName(tool.proc.fs, 0) ?? '0' },
  // Simulated programs use next to no CPU: busybox shows it in minutes:seconds.
  time: { header: 'TIME', width: 5, value: () => '0:00' },
  etime: { header: 'ELAPSED', width: 7, value: (p, tool) => elapsed(tool.proc.now() - p.startedAt) },
  stat: { header: 'STAT', width: -4, value: (p) => p.state },
  comm: { header: 'COMMAND', width: 0, value: (p) => (p.argv[0] ?? '').split('/').pop()! },
  args: { header: 'COMMAND', width: 0, value: (p) => p.argv.join(' ') },
};

function elapsed(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const [h, m, s] = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60];
  return `${h > 0 ? `${h}:${String(m).padStart(2, '0')}` : m}:${String(s).padStart(2, '0')}`;
}

/** busybox `ps`: `PID   USER     TIME  COMMAND` and one line per process of the container. */
export const ps = defineTool({ usage: 'ps [-o COL1,COL2=HEADER] [-T]', options: { short: 'o:aAdeflxTwu' } }, function* (tool, options) {
  const spec = options.all('o').join(',') || 'pid,user,time,args';
  const columns: PsColumn[] = [];
  for (const item of spec.split(',')) {
    const [name, header] = item.split('=') as [string, string | undefined];
    const column = PS_COLUMNS[name];
    if (!column) {
      yield* tool.warn(`bad -o argument '${name}', supported arguments: ${Object.keys(PS_COLUMNS).join(',')}`);
      return 1;
    }
    columns.push({ ...column, header: header ?? column.header });
  }
  const cell = (text: string, width: number, last: boolean): string =>
    width > 0 ? text.padStart(width) : last ? text : text.padEnd(-width);
  const line = (values: string[]): string => `${values.map((v, i) => cell(v, columns[i]!.width, i === values.length - 1)).join(' ')}\n`;
  // busybox left-aligns the header texts in their columns.
  let out = `${columns.map((c, i) => (i === columns.length - 1 ? c.header : c.header.padEnd(Math.abs(c.width)))).join(' ')}\n`;
  for (const p of [...tool.proc.processes()].sort((a, b) => a.pid - b.pid)) out += line(columns.map((c) => c.value(p, tool)));
  yield* tool.out(out);
  return 0;
});

/** Every signal name Linux has, for `kill -l` (only some can be delivered in the simulation). */
const LINUX_SIGNALS = ['HUP', 'INT', 'QUIT', 'ILL', 'TRAP', 'ABRT', 'BUS', 'FPE', 'KILL', 'USR1', 'SEGV', 'USR2', 'PIPE', 'ALRM', 'TERM', 'STKFLT', 'CHLD', 'CONT', 'STOP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'XCPU', 'XFSZ', 'VTALRM', 'PROF', 'WINCH', 'POLL', 'PWR', 'SYS'];

function* listSignals(tool: Tool, operands: readonly string[]): Sys<number> {
  if (operands.length === 0) {
    const text = tool.flavour === 'busybox'
      ? LINUX_SIGNALS.map((name, i) => `${String(i + 1).padStart(2)}) ${name}\n`).join('')
      : `${LINUX_SIGNALS.join(' ')}\n`;
    yield* tool.out(text);
    return 0;
  }
  for (const operand of operands) {
    const number = Number(operand);
    const answer = /^\d+$/.test(operand) ? LINUX_SIGNALS[(number > 128 ? number - 128 : number) - 1] : LINUX_SIGNALS.indexOf(operand.toUpperCase().replace(/^SIG/, '')) + 1 || undefined;
    if (answer === undefined) {
      yield* tool.warn(tool.flavour === 'busybox' ? `bad signal name '${operand}'` : `unknown signal name '${operand}'`);
      return 1;
    }
    yield* tool.out(`${answer}\n`);
  }
  return 0;
}

/** `kill [-SIG | -s SIG] PID...` and `kill -l [SIG]`. A negative PID is a process group. */
export const kill = defineTool({ usage: 'kill [-l] [-SIG] PID...', options: 'none' }, function* (tool, options) {
  const args = [...options.operands];
  if (args[0] === '-l' || args[0] === '-L') return yield* listSignals(tool, args.slice(1));
  let signalName = 'TERM';
  if (args[0] === '-s' || args[0] === '-n') {
    signalName = args[1] ?? '';
    args.splice(0, 2);
  } else if (args[0]?.startsWith('-') && args[0] !== '--') {
    // The first dash word is the signal (`-9`, `-TERM`); a process group goes after `--`.
    signalName = args.shift()!.slice(1);
  }
  if (args[0] === '--') args.shift();
  const signal = parseSignal(signalName);
  if (!signal) {
    yield* tool.warn(tool.flavour === 'busybox' ? `bad signal name '${signalName}'` : `unknown signal name '${signalName}'`);
    return 1;
  }
  if (args.length === 0) return yield* tool.usage('not enough arguments');
  let status = 0;
  for (const target of args) {
    if (!/^-?\d+$/.test(target)) {
      yield* tool.warn(tool.flavour === 'busybox' ? `invalid number '${target}'` : `failed to parse argument: '${target}'`);
      status = 1;
      continue;
    }
    try {
      sendSignal(tool, Number(target), signal);
    } catch (e) {
      yield* tool.warn(tool.flavour === 'busybox' ? `can't kill pid ${target}: ${errorText(e)}` : `(${target}) - ${errorText(e)}`);
      status = 1;
    }
  }
  return status;
});

/** kill(2): -1 means every process the caller may signal except itself. */
function sendSignal(tool: Tool, pid: number, signal: SignalName): void {
  if (pid !== -1) return tool.proc.kill(pid, signal);
  for (const p of tool.proc.processes()) if (p.pid !== tool.proc.pid && p.pid !== 1) tool.proc.kill(p.pid, signal);
}
