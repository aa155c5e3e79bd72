/**
 * BIND's `dig` as Rocky Linux 9 ships it (bind-utils 9.16.23): one query over UDP with EDNS0
 * (buffer 1232) and a client cookie, to `@server` or the first nameserver of /etc/resolv.conf,
 * the name taken as absolute (no search list), 3 tries of 5 seconds. The reply is printed in
 * dig's layout (reference §7.3): header and flags, the mDNS warning for `.local` names, the OPT
 * pseudosection with the echoed cookie, the sections in master-file columns, then query time,
 * server, the simulated clock and the reply's real size.
 *
 *     dig [@server] [-t type] [-x addr] [-p port] name [type] [+short] [+noall] [+answer] …
 *
 * Exit status 0 with any reply (NXDOMAIN included), 9 when no server answered, 1 on bad usage.
 */
import { absolute, EDNS_COOKIE, hex, query, rcodeName, rdataText, TYPES, typeName, type Message, type ResourceRecord, type TypeName } from '../../../engine/network/dns/message';
import { sys, type Proc, type Program } from '../../../engine/runtime/process';
import { exchange, isIPv4, lookupHost, queryId, readResolvConf } from '../../lib/resolver';
import { strftime } from '../../lib/time';

const VERSION = '9.16.23-RH';
const UDP_SIZE = 1232;
const USAGE = `Usage:  dig [@global-server] [domain] [q-type] [q-class] {q-opt}
            {global-d-opt} host [@local-server] {local-d-opt}
            [ host [@local-server] {local-d-opt} [...]]

Use "dig -h" (or "dig -h | more") for complete list of options
`;

/** What prints: dig's display options. */
interface Display {
  cmd: boolean;
  comments: boolean;
  question: boolean;
  answer: boolean;
  authority: boolean;
  additional: boolean;
  stats: boolean;
  short: boolean;
}

interface Request {
  name?: string;
  type?: number;
  server?: string;
  port: number;
  timeoutSeconds: number;
  tries: number;
  display: Display;
}

const DISPLAY_KEYS = ['cmd', 'comments', 'question', 'answer', 'authority', 'additional', 'stats'] as const;

/** Reads dig's arguments; a string is the error to print. */
function parse(args: readonly string[]): Request | string {
  const display: Display = { cmd: true, comments: true, question: true, answer: true, authority: true, additional: true, stats: true, short: false };
  const r: Request = { port: 53, timeoutSeconds: 5, tries: 3, display };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('@')) r.server = arg.slice(1);
    else if (arg.startsWith('+')) {
      const error = plusOption(arg.slice(1), r);
      if (error) return error;
    } else if (/^-[tqxpc]/.test(arg)) {
      const value = arg.length > 2 ? arg.slice(2) : args[++i];
      if (value === undefined) return `Invalid option: ${arg}\n${USAGE}`;
      if (arg[1] === 't') {
        const type = TYPES[value.toUpperCase() as TypeName];
        if (type === undefined || type === TYPES.OPT) return `dig: invalid type ${value}\n`;
        r.type = type;
      } else if (arg[1] === 'q') r.name = value;
      else if (arg[1] === 'p') r.port = Number(value);
      else if (arg[1] === 'x') {
        if (!isIPv4(value)) return `Invalid IP address ${value}\n`;
        r.name = `${value.split('.').reverse().join('.')}.in-addr.arpa.`;
        r.type ??= TYPES.PTR;
      }
    } else if (arg === '-4' || arg === '-6') {
      // Address family: the simulation is IPv4 only.
    } else if (arg.startsWith('-')) {
      return `Invalid option: ${arg}\n${USAGE}`;
    } else if (r.name !== undefined && TYPES[arg.toUpperCase() as TypeName] !== undefined && r.type === undefined) {
      r.type = TYPES[arg.toUpperCase() as TypeName];
    } else if (r.name !== undefined && arg.toUpperCase() === 'IN') {
      // The only class there is.
    } else {
      r.name = arg;
    }
  }
  return r;
}

function plusOption(option: string, r: Request): string | undefined {
  const negated = option.startsWith('no');
  const [key = '', value] = (negated ? option.slice(2) : option).split('=');
  const d = r.display;
  const match = (full: string, min: number): boolean => key.length >= min && full.startsWith(key);
  if (match('all', 3)) for (const k of DISPLAY_KEYS) d[k] = !negated;
  else if (match('short', 2)) {
    d.short = !negated;
    if (!negated) for (const k of DISPLAY_KEYS) d[k] = false;
    d.answer = true;
  } else if (match('timeout', 2) && value) r.timeoutSeconds = Math.max(1, Number(value));
  else if (match('tries', 3) && value) r.tries = Math.max(1, Number(value));
  else if (match('retry', 3) && value) r.tries = Number(value) + 1;
  else {
    const k = DISPLAY_KEYS.find((name) => match(name, name === 'answer' || name === 'additional' ? 3 : 2));
    if (!k) return `Invalid option: +${option}\n${USAGE}`;
    d[k] = !negated;
  }
  return undefined;
}

export const dig: Program = function* (proc) {
  const args = proc.argv.slice(1);
  const request = parse(args);
  if (typeof request === 'string') {
    yield* sys.write(2, request);
    return 1;
  }
  const d = request.display;
  const name = absolute(request.name ?? '.');
  const type = request.type ?? (request.name === undefined ? TYPES.NS : TYPES.A);
  const serverName = request.server ?? readResolvConf(proc).nameservers[0]!;
  let header = '';
  if (d.cmd) header = `\n; <<>> DiG ${VERSION} <<>> ${args.join(' ')}\n${request.server !== undefined ? '; (1 server found)\n' : ''};; global options: +cmd\n`;
  let server = serverName;
  if (!isIPv4(serverName)) {
    const found = yield* lookupHost(proc, serverName);
    if (!found.ok) {
      yield* sys.write(2, `dig: couldn't get address for '${serverName}': not found\n`);
      return 10;
    }
    server = found.addresses[0]!;
  }
  yield* sys.write(1, header);

  const cookie = clientCookie(proc);
  const fd = proc.udp();
  try {
    for (let attempt = 0; attempt < request.tries; attempt++) {
      const message = query(queryId(proc, attempt), name, type, { udpSize: UDP_SIZE, version: 0, do: false, options: [{ code: EDNS_COOKIE, data: cookie }] });
      const result = yield* exchange(proc, fd, server, message, request.timeoutSeconds * 1000, request.port);
      if (result.kind === 'refused') yield* sys.write(1, `;; communications error to ${server}#${request.port}: connection refused\n`);
      if (result.kind !== 'reply') continue;
      const when = strftime('%a %b %d %H:%M:%S %Z %Y', proc.wallClock());
      yield* sys.write(1, d.short ? shortText(result.message) : replyText(result.message, { display: d, cookie, server, port: request.port, when, size: result.size, rttMs: result.rttMs }));
      return 0;
    }
  } finally {
    proc.close(fd);
  }
  yield* sys.write(1, ';; connection timed out; no servers could be reached\n');
  return 9;
};

/** Eight bytes of client cookie (RFC 7873), different for every run. */
function clientCookie(proc: Proc): string {
  let out = '';
  for (let i = 0; i < 4; i++) {
    const n = queryId(proc, 100 + i);
    out += String.fromCharCode(n >> 8, n & 0xff);
  }
  return out;
}

const shortText = (m: Message): string => m.answers.map((rr) => `${rdataText(rr.data)}\n`).join('');

interface Context {
  readonly display: Display;
  readonly cookie: string;
  readonly server: string;
  readonly port: number;
  readonly when: string;
  readonly size: number;
  readonly rttMs: number;
}

function replyText(m: Message, c: Context): string {
  const d = c.display;
  let out = '';
  if (d.comments) {
    out += ';; Got answer:\n';
    if (m.questions.some((q) => /(^|\.)local\.$/i.test(q.name))) {
      out += ';; WARNING: .local is reserved for Multicast DNS\n;; You are currently testing what happens when an mDNS query is leaked to DNS\n';
    }
    const flags = (['qr', 'aa', 'tc', 'rd', 'ra', 'ad', 'cd'] as const).filter((f) => m.flags[f]);
    const additional = m.additional.length + (m.edns ? 1 : 0);
    out += `;; ->>HEADER<<- opcode: QUERY, status: ${rcodeName(m.rcode)}, id: ${m.id}\n`;
    out += `;; flags: ${flags.join(' ')}; QUERY: ${m.questions.length}, ANSWER: ${m.answers.length}, AUTHORITY: ${m.authority.length}, ADDITIONAL: ${additional}\n`;
    if (m.flags.rd && !m.flags.ra) out += ';; WARNING: recursion requested but not available\n';
    out += '\n';
    if (m.edns) {
      out += `;; OPT PSEUDOSECTION:\n; EDNS: version: ${m.edns.version}, flags:${m.edns.do ? ' do' : ''}; udp: ${m.edns.udpSize}\n`;
      for (const option of m.edns.options.filter((o) => o.code === EDNS_COOKIE)) {
        // Only our own 8 bytes came back: no server cookie, but the server did echo ours.
        const verdict = option.data.slice(0, 8) !== c.cookie ? ' (bad)' : option.data.length >= 16 ? ' (good)' : ' (echoed)';
        out += `; COOKIE: ${hex(option.data)}${verdict}\n`;
      }
    }
  }
  if (d.question) {
    if (d.comments) out += ';; QUESTION SECTION:\n';
    for (const q of m.questions) out += columns(`;${q.name}`, undefined, typeName(q.type), '') + '\n';
    if (d.comments) out += '\n';
  }
  const section = (title: string, show: boolean, records: readonly ResourceRecord[]): void => {
    if (!show || records.length === 0) return;
    if (d.comments) out += `;; ${title} SECTION:\n`;
    for (const rr of records) out += columns(rr.name, rr.ttl, typeName(rr.type), rdataText(rr.data)) + '\n';
    if (d.comments) out += '\n';
  };
  section('ANSWER', d.answer, m.answers);
  section('AUTHORITY', d.authority, m.authority);
  section('ADDITIONAL', d.additional, m.additional);
  if (d.stats) {
    out += `;; Query time: ${Math.round(c.rttMs)} msec\n;; SERVER: ${c.server}#${c.port}(${c.server})\n;; WHEN: ${c.when}\n;; MSG SIZE  rcvd: ${c.size}\n\n`;
  }
  return out;
}

/**
 * A record in BIND's master-file columns: TTL at 24, class at 32, type at 40, data at 48, tabs
 * of 8 — reached with tabs where possible, and always at least one space past a long name.
 */
function columns(owner: string, ttl: number | undefined, type: string, rdata: string): string {
  let out = owner;
  let col = owner.length;
  const field = (to: number, text: string): void => {
    const target = Math.max(to, col + 1);
    const tabs = Math.floor(target / 8) - Math.floor(col / 8);
    if (tabs > 0) {
      out += '\t'.repeat(tabs);
      col = Math.floor(target / 8) * 8;
    }
    out += ' '.repeat(target - col) + text;
    col = target + text.length;
  };
  if (ttl !== undefined) field(24, String(ttl));
  field(32, 'IN');
  field(40, type);
  if (rdata) field(48, rdata);
  return out;
}
