/**
 * busybox 1.36 `nslookup` (the applet's own resolver, not libc's — reference §7.4): it sends an
 * A and an AAAA query at once (a PTR query for an address), under each search domain when the
 * name has no dot and no server was named, retries unanswered ones halfway through its five
 * seconds, and prints each reply as it arrives:
 *
 *     Server:		10.96.0.10
 *     Address:	10.96.0.10:53
 *
 *     Name:	nginx.default.svc.cluster.local
 *     Address: 10.107.83.135
 *
 *     ** server can't find nginx.svc.cluster.local: NXDOMAIN
 *
 * Exit status 1 when any reply was an error or no server answered.
 */
import { decode, encode, query, TYPES, type Message, type ResourceRecord } from '../../../engine/network/dns/message';
import { sys, SysError, type Proc, type Program, type Sys } from '../../../engine/runtime/process';
import { busyboxUsage } from '../../lib/args';
import { isIPv4, lookupHost } from '../../lib/resolver';

const USAGE = 'nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any';

/** The query types `-type=` accepts, in the order their queries are sent. */
const QTYPES = ['SOA', 'NS', 'A', 'AAAA', 'CNAME', 'MX', 'TXT', 'SRV', 'PTR', 'ANY'] as const;
const OPTIONS = ['type', 'querytype', 'port', 'retry', 'debug', 't', 'timeout'];
const RCODES = ['NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED', 'YXDOMAIN', 'YXRRSET', 'NXRRSET', 'NOTAUTH', 'NOTZONE'];

interface Settings {
  port: number;
  retry: number;
  timeoutSeconds: number;
  debug: boolean;
}

interface Pending {
  readonly name: string;
  readonly wire: string;
  readonly id: number;
  answered: boolean;
}

export const nslookup: Program = function* (proc) {
  const settings: Settings = { port: 53, retry: 2, timeoutSeconds: 5, debug: false };
  const types: number[] = [];
  const args = proc.argv.slice(1);
  while (args[0]?.startsWith('-')) {
    const [key = '', value = ''] = args.shift()!.slice(1).split(/=(.*)/s);
    const option = OPTIONS.indexOf(key);
    if (option < 0) return yield* usage();
    if (option <= 1) {
      const type = QTYPES.find((t) => t === value.toUpperCase());
      if (!type) {
        yield* sys.write(2, `nslookup: invalid query type "${value}"\n`);
        return 1;
      }
      types.push(TYPES[type]);
    } else if (option === 4) {
      settings.debug = true;
    } else {
      const n = Number(value);
      if (!/^\d+$/.test(value) || n < 1 || (option === 2 && n > 0xffff)) {
        yield* sys.write(2, `nslookup: invalid number '${value}'\n`);
        return 1;
      }
      if (option === 2) settings.port = n;
      else if (option === 3) settings.retry = n;
      else settings.timeoutSeconds = n;
    }
  }
  const [host, server] = args;
  if (host === undefined || args.length > 2) return yield* usage();

  let servers: string[];
  let search: string[] = [];
  if (server !== undefined) {
    servers = [server];
  } else {
    ({ servers, search } = readResolvConf(proc));
    if (servers.length === 0) servers = ['127.0.0.1'];
  }

  const names = (type: number): string[] =>
    type === TYPES.PTR || search.length === 0 || host.includes('.') ? [host] : search.map((domain) => `${host}.${domain}`);
  const questions: { name: string; type: number }[] = [];
  const ptr = reverseName(host);
  if (types.length === 0) {
    if (ptr) questions.push({ name: ptr, type: TYPES.PTR });
    else for (const type of [TYPES.A, TYPES.AAAA]) for (const name of names(type)) questions.push({ name, type });
  } else {
    for (const t of QTYPES) if (types.includes(TYPES[t])) for (const name of names(TYPES[t])) questions.push({ name, type: TYPES[t] });
  }
  // Transaction ids from the clock (seconds + microseconds), one after the other.
  const now = proc.wallClock();
  const base = Math.floor(now / 1000) + (now % 1000) * 1000;
  const queries: Pending[] = questions.map((q, i) => {
    const id = (base + i) & 0xffff;
    return { name: q.name, id, wire: encode(query(id, q.name, q.type)), answered: false };
  });

  const state = { exitCode: 0 };
  for (const [i, name] of servers.entries()) {
    const address = yield* serverAddress(proc, name);
    if (!address) {
      yield* sys.write(2, `nslookup: bad address '${name}'\n`);
      return 1;
    }
    const replies = yield* sendQueries(proc, { name, ip: address }, queries, settings, state);
    if (replies > 0) break;
    if (i === servers.length - 1) {
      yield* sys.write(1, ';; connection timed out; no servers could be reached\n\n');
      return 1;
    }
  }
  const unanswered = queries.filter((q) => !q.answered);
  if (unanswered.length > 0) yield* sys.write(1, unanswered.map((q) => `*** Can't find ${q.name}: No answer\n`).join('') + '\n');
  return state.exitCode;
};

function* usage(): Sys<number> {
  yield* sys.write(2, busyboxUsage(USAGE));
  return 1;
}

/** The nameservers and search domains of /etc/resolv.conf, read the applet's way (no limit on servers). */
function readResolvConf(proc: Proc): { servers: string[]; search: string[] } {
  const servers: string[] = [];
  let search: string | undefined;
  let haveSearch = false;
  let text = '';
  try {
    text = proc.fs.readFile('/etc/resolv.conf');
  } catch {
    // No file: localhost, and the domain of the hostname.
  }
  for (const line of text.split('\n')) {
    const [key, ...rest] = line.trim().split(/\s+/);
    const arg = rest.join(' ');
    if (!key || !arg) continue;
    if (key === 'nameserver') servers.push(rest[0]!);
    else if (key === 'search' || (key === 'domain' && !haveSearch)) {
      haveSearch ||= key === 'search';
      search = arg;
    }
  }
  if (search === undefined && proc.hostname.includes('.')) search = proc.hostname.slice(proc.hostname.indexOf('.') + 1);
  if (search === '.') search = undefined;
  return { servers, search: search ? search.split(/\s+/).filter(Boolean) : [] };
}

function* serverAddress(proc: Proc, name: string): Sys<string | undefined> {
  if (isIPv4(name)) return name;
  const found = yield* lookupHost(proc, name);
  return found.ok ? found.addresses[0] : undefined;
}

/** `1.2.3.4` → `4.3.2.1.in-addr.arpa`; undefined when `host` is no address. */
function reverseName(host: string): string | undefined {
  return isIPv4(host) ? `${host.split('.').reverse().join('.')}.in-addr.arpa` : undefined;
}

/**
 * One server: send every unanswered query, read replies until all are in or the timeout is
 * over, sending the unanswered ones again every timeout/retry; a SERVFAIL is asked again at once
 * (twice per query per round). Returns how many replies were printed.
 */
function* sendQueries(proc: Proc, server: { name: string; ip: string }, queries: Pending[], settings: Settings, state: { exitCode: number }): Sys<number> {
  const fd = proc.udp();
  const timeout = settings.timeoutSeconds * 1000;
  const interval = Math.floor(timeout / settings.retry);
  const start = proc.now();
  let sent = start;
  let servfailRetries = 0;
  let replies = 0;
  let heard = false;
  const sendPending = function* (): Sys<void> {
    for (const q of queries) if (!q.answered) yield* sys.sendto(fd, server.ip, settings.port, q.wire);
    sent = proc.now();
    servfailRetries = 2 * queries.length;
  };
  try {
    yield* sendPending();
    while (proc.now() - start < timeout) {
      if (proc.now() - sent >= interval) yield* sendPending();
      let datagram;
      try {
        datagram = yield* sys.recvfrom(fd, interval - (proc.now() - sent));
      } catch (e) {
        if (!(e instanceof SysError)) throw e;
        if (e.errno === 'ECONNREFUSED') yield* sys.write(2, `nslookup: read: ${e.message}\n`);
        continue;
      }
      // The socket is connected to the server: nothing else gets through.
      if (datagram.from.ip !== server.ip || datagram.from.port !== settings.port) continue;
      if (!heard) {
        heard = true;
        yield* sys.write(1, `Server:\t\t${server.name}\nAddress:\t${server.ip}:${settings.port}\n\n`);
      }
      const data = datagram.data;
      if (data.length < 4) continue;
      const id = (data.charCodeAt(0) << 8) | data.charCodeAt(1);
      const q = queries.find((x) => x.id === id);
      if (!q || q.answered) continue;
      const rcode = data.charCodeAt(3) & 0x0f;
      if (rcode === 2 && servfailRetries > 0) {
        servfailRetries--;
        yield* sys.sendto(fd, server.ip, settings.port, q.wire);
        continue;
      }
      q.answered = true;
      let out = settings.debug ? `Query #${queries.indexOf(q)} completed in ${proc.now() - start}ms:\n` : '';
      if (rcode !== 0) {
        out += `** server can't find ${q.name}: ${RCODES[rcode] ?? String(rcode)}\n`;
        state.exitCode = 1;
      } else {
        const printed = replyText(data, settings.debug);
        if (printed === undefined) state.exitCode = 1;
        out += printed ?? `*** Can't find ${q.name}: Parse error\n`;
      }
      yield* sys.write(1, `${out}\n`);
      replies++;
      if (replies >= queries.length) break;
    }
  } finally {
    proc.close(fd);
  }
  return replies;
}

/** The records of a reply as the applet prints them (names without their final dot). */
function replyText(wire: string, debug: boolean): string | undefined {
  let message: Message;
  try {
    message = decode(wire);
  } catch {
    return undefined;
  }
  let out = !message.flags.aa ? 'Non-authoritative answer:\n' : debug ? 'authoritative answer:\n' : '';
  for (const rr of message.answers) out += recordText(rr);
  return out;
}

const bare = (name: string): string => (name === '.' ? '.' : name.replace(/\.$/, ''));

function recordText(rr: ResourceRecord): string {
  const owner = bare(rr.name);
  const d = rr.data;
  if (d.kind === 'address') return `Name:\t${owner}\nAddress: ${d.address}\n`;
  if (d.kind === 'name') {
    const label = rr.type === TYPES.NS ? 'nameserver' : rr.type === TYPES.CNAME ? 'canonical name' : 'name';
    return `${owner}\t${label} = ${bare(d.target)}\n`;
  }
  if (d.kind === 'srv') return `${owner}\tservice = ${d.priority} ${d.weight} ${d.port} ${bare(d.target)}\n`;
  if (d.kind === 'soa') {
    return `${owner}\n\torigin = ${bare(d.mname)}\n\tmail addr = ${bare(d.rname)}\n\tserial = ${d.serial}\n\trefresh = ${d.refresh}\n\tretry = ${d.retry}\n\texpire = ${d.expire}\n\tminimum = ${d.minimum}\n`;
  }
  if (rr.type === TYPES.TXT && d.bytes.length > 1) return `${owner}\ttext = "${d.bytes.slice(1, 1 + d.bytes.charCodeAt(0))}"\n`;
  return '';
}
