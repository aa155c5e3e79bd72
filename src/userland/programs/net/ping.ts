/**
 * ping: one ICMP echo per interval of simulated time, a line per reply, statistics at the end
 * (after -c replies, at the -w deadline, after the wait for the last reply, or on Ctrl-C).
 * Two flavours share the loop and differ in their words: BusyBox 1.36 in the images and
 * iputils 20210202 on the Rocky Linux 9 nodes.
 *
 * Known gap: iputils names the replying host by a reverse lookup when the target was a name;
 * here replies always show the address.
 */
import { SignalInterrupt, sys, SysError, type Sys } from '../../../engine/runtime/process';
import { lookupHost, type Lookup } from '../../lib/resolver';
import { defineTool, type Tool } from '../../lib/tool';

/** How long ping waits for the last reply when none came back yet (both tools' -W default). */
const LINGER_S = 10;

interface Stats {
  transmitted: number;
  received: number;
  /** Round trips in whole microseconds, as both tools measure them. */
  readonly rtts: number[];
  readonly startedAt: number;
}

interface Flavour {
  readonly usage: string;
  readonly options: string;
  badNumber(text: string): string;
  /** The first sequence number (busybox counts from 0, iputils from 1). */
  readonly firstSeq: number;
  /** The message and exit code for a name that does not resolve. */
  unknownHost(host: string, lookup: Exclude<Lookup, { ok: true }>): { message: string; code: number };
  header(host: string, name: string, ip: string, size: number): string;
  reply(ip: string, size: number, seq: number, ttl: number, micros: number): string;
  summary(host: string, name: string, stats: Stats, now: number): string;
}

const BUSYBOX: Flavour = {
  usage: 'ping [OPTIONS] HOST',
  options: 'qvAc:s:t:w:W:I:np:i:46',
  badNumber: (text) => `invalid number '${text}'`,
  firstSeq: 0,
  unknownHost: (host) => ({ message: `ping: bad address '${host}'\n`, code: 1 }),
  header: (host, _name, ip, size) => `PING ${host} (${ip}): ${size} data bytes\n`,
  reply: (ip, size, seq, ttl, us) => `${size + 8} bytes from ${ip}: seq=${seq} ttl=${ttl} time=${millis(us)} ms\n`,
  summary(host, _name, s) {
    let text = `\n--- ${host} ping statistics ---\n`
      + `${s.transmitted} packets transmitted, ${s.received} packets received, ${loss(s)}% packet loss\n`;
    if (s.rtts.length > 0) {
      const [min, avg, max] = [Math.min(...s.rtts), Math.floor(sum(s.rtts) / s.rtts.length), Math.max(...s.rtts)];
      text += `round-trip min/avg/max = ${millis(min)}/${millis(avg)}/${millis(max)} ms\n`;
    }
    return text;
  },
};

const IPUTILS: Flavour = {
  usage: 'ping [options] <destination>',
  options: 'aAbBc:dDfhi:I:l:LnOp:qQ:rRs:S:t:T:UvVw:W:46',
  badNumber: (text) => `invalid argument: '${text}'`,
  firstSeq: 1,
  unknownHost: (host, lookup) => ({
    message: `ping: ${host}: ${lookup.error === 'not-found' ? 'Name or service not known' : 'Temporary failure in name resolution'}\n`,
    code: 2,
  }),
  header: (_host, name, ip, size) => `PING ${name} (${ip}) ${size}(${size + 28}) bytes of data.\n`,
  reply: (ip, size, seq, ttl, us) => `${size + 8} bytes from ${ip}: icmp_seq=${seq} ttl=${ttl} time=${iputilsTime(us)} ms\n`,
  summary(_host, name, s, now) {
    let text = `\n--- ${name} ping statistics ---\n`
      + `${s.transmitted} packets transmitted, ${s.received} received, ${percent(s)}% packet loss, time ${now - s.startedAt}ms\n`;
    if (s.rtts.length > 0) {
      const avg = Math.floor(sum(s.rtts) / s.rtts.length);
      const mdev = Math.floor(Math.sqrt(Math.max(0, Math.floor(sum(s.rtts.map((r) => r * r)) / s.rtts.length) - avg * avg)));
      text += `rtt min/avg/max/mdev = ${millis(Math.min(...s.rtts))}/${millis(avg)}/${millis(Math.max(...s.rtts))}/${millis(mdev)} ms\n`;
    } else {
      text += '\n';
    }
    return text;
  },
};

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
const loss = (s: Stats): number => (s.transmitted === 0 ? 0 : Math.floor(((s.transmitted - s.received) * 100) / s.transmitted));
/** iputils prints the loss with %g: `0`, `100`, `33.3333`. */
const percent = (s: Stats): string => (s.transmitted === 0 ? '0' : String(Number((((s.transmitted - s.received) * 100) / s.transmitted).toPrecision(6))));
const millis = (us: number): string => `${Math.floor(us / 1000)}.${String(us % 1000).padStart(3, '0')}`;

/** iputils keeps three significant digits or so: `0.070`, `1.23`, `12.3`, `123`. */
function iputilsTime(us: number): string {
  if (us >= 100_000 - 50) return String(Math.floor((us + 500) / 1000));
  if (us >= 10_000 - 5) return `${Math.floor((us + 50) / 1000)}.${Math.floor(((us + 50) % 1000) / 100)}`;
  if (us >= 1000) return `${Math.floor((us + 5) / 1000)}.${String(Math.floor(((us + 5) % 1000) / 10)).padStart(2, '0')}`;
  return millis(us);
}

const ping = (flavour: Flavour) => defineTool({ usage: flavour.usage, options: { short: flavour.options } }, function* (tool, options) {
  const host = options.operands[0];
  if (host === undefined) return yield* tool.usage('');
  let bad: string | undefined;
  const number = (letter: string, fallback: number): number => {
    const text = options.value(letter);
    if (text === undefined) return fallback;
    if (!/^\d+(\.\d*)?$/.test(text)) bad ??= text;
    return Number(text);
  };
  const count = number('c', 0);
  const size = number('s', 56);
  const intervalMs = number('i', 1) * 1000;
  const deadlineMs = number('w', 0) * 1000;
  const lingerMs = number('W', LINGER_S) * 1000;
  if (bad !== undefined) {
    yield* tool.warn(flavour.badNumber(bad));
    return flavour === IPUTILS ? 2 : 1;
  }
  const lookup = yield* lookupHost(tool.proc, host);
  if (!lookup.ok) {
    const { message, code } = flavour.unknownHost(host, lookup);
    yield* sys.write(2, message);
    return code;
  }
  const ip = lookup.addresses[0]!;
  const quiet = options.has('q');
  yield* tool.out(flavour.header(host, lookup.name, ip, size));
  const stats: Stats = { transmitted: 0, received: 0, rtts: [], startedAt: tool.proc.now() };
  tool.proc.signal('SIGINT', 'catch');
  try {
    yield* echoes(tool, flavour, { ip, size, count, intervalMs, deadlineMs, lingerMs, quiet }, stats);
  } catch (e) {
    if (!(e instanceof SignalInterrupt)) throw e;
  }
  yield* tool.out(flavour.summary(host, lookup.name, stats, tool.proc.now()));
  return stats.received === 0 || (deadlineMs > 0 && count > 0 && stats.received < count) ? 1 : 0;
});

interface Plan {
  readonly ip: string;
  readonly size: number;
  readonly count: number;
  readonly intervalMs: number;
  readonly deadlineMs: number;
  readonly lingerMs: number;
  readonly quiet: boolean;
}

/** Sends until the count, the deadline or a signal ends it; each reply is printed as it comes. */
function* echoes(tool: Tool, flavour: Flavour, plan: Plan, stats: Stats): Sys<void> {
  const { proc } = tool;
  const endAt = plan.deadlineMs > 0 ? stats.startedAt + plan.deadlineMs : Infinity;
  for (;;) {
    if (proc.now() >= endAt) return;
    const seq = flavour.firstSeq + stats.transmitted++;
    const sentAt = proc.now();
    const last = plan.count > 0 && stats.transmitted >= plan.count;
    // After the last echo, wait a while for its reply: long when nothing ever answered.
    const waitUntil = Math.min(endAt, sentAt + (!last ? plan.intervalMs : stats.received > 0 ? 1000 : plan.lingerMs));
    try {
      const reply = yield* sys.echo(plan.ip, Math.max(1, waitUntil - sentAt));
      const micros = Math.max(1, Math.floor(reply.rttMs * 1000));
      stats.received++;
      stats.rtts.push(micros);
      if (!plan.quiet) yield* tool.out(flavour.reply(plan.ip, plan.size, seq, reply.ttl, micros));
      if (plan.count > 0 && stats.received >= plan.count) return;
      if (last) return;
      if (waitUntil > proc.now()) yield* sys.sleep(waitUntil - proc.now());
    } catch (e) {
      if (!(e instanceof SysError) || e.errno !== 'ETIMEDOUT') throw e;
      if (last) return;
    }
  }
}

export const busyboxPing = ping(BUSYBOX)('busybox');
export const iputilsPing = ping(IPUTILS)('gnu');
