/**
 * Name lookup as a C library does it for the programs of an image (`getaddrinfo`): an address
 * literal is itself, then /etc/hosts, then DNS per /etc/resolv.conf — search domains and
 * `ndots` applied, queries over UDP to the nameservers with the resolver's timeouts.
 *
 * wget, curl and ping all ask here; each prints its own message when the answer is "not found".
 */
import { decode, encode, query, RCODE, TYPES, type Message } from '../../engine/network/dns/message';
import { sys, SysError, type Proc, type Sys } from '../../engine/runtime/process';

export type Lookup =
  /** `name` is the name that answered (the hosts entry or the FQDN after search expansion). */
  | { readonly ok: true; readonly addresses: readonly string[]; readonly name: string }
  /** not-found: NXDOMAIN or no such entry; timeout: no server answered; refused: an ICMP error came back. */
  | { readonly ok: false; readonly error: 'not-found' | 'timeout' | 'refused' };

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

export const isIPv4 = (text: string): boolean => IPV4.test(text);

/** The addresses `host` stands for in this process's container. */
export function* lookupHost(proc: Proc, host: string): Sys<Lookup> {
  if (isIPv4(host)) return { ok: true, addresses: [host], name: host };
  const fromHosts = hostsEntry(proc, host);
  if (fromHosts) return fromHosts;
  return yield* lookupDns(proc, host, readResolvConf(proc));
}

/** `/etc/hosts`: first matching line wins, names compared without case. */
function hostsEntry(proc: Proc, host: string): Lookup | undefined {
  let text: string;
  try {
    text = proc.fs.readFile('/etc/hosts');
  } catch {
    return undefined;
  }
  const wanted = host.toLowerCase();
  const entry = hostsEntries(text).find((e) => e.names.some((n) => n.toLowerCase() === wanted));
  return entry ? { ok: true, addresses: [entry.address], name: host } : undefined;
}

/** The IPv4 lines of an /etc/hosts text: an address and its names, comments dropped. */
export function hostsEntries(text: string): { readonly address: string; readonly names: readonly string[] }[] {
  const entries: { address: string; names: string[] }[] = [];
  for (const line of text.split('\n')) {
    const [address, ...names] = line.replace(/#.*/, '').trim().split(/\s+/);
    if (address && isIPv4(address) && names.length > 0) entries.push({ address, names });
  }
  return entries;
}

/** /etc/resolv.conf as glibc reads it, with its defaults. */
export interface ResolvConf {
  /** At most three (MAXNS); 127.0.0.1 when the file names none. */
  readonly nameservers: readonly string[];
  readonly search: readonly string[];
  /** Names with at least this many dots are tried as they are before the search list. */
  readonly ndots: number;
  readonly timeoutSeconds: number;
  readonly attempts: number;
}

export function parseResolvConf(text: string): ResolvConf {
  const nameservers: string[] = [];
  let search: string[] = [];
  let ndots = 1;
  let timeoutSeconds = 5;
  let attempts = 2;
  for (const line of text.split('\n')) {
    const [key, ...values] = line.replace(/[#;].*$/, '').trim().split(/\s+/);
    if (key === 'nameserver' && values[0] && nameservers.length < 3) nameservers.push(values[0]);
    else if (key === 'search') search = values;
    else if (key === 'domain' && values[0]) search = [values[0]];
    else if (key === 'options') {
      for (const option of values) {
        const [name, value] = option.split(':');
        const n = Number(value);
        if (!Number.isInteger(n) || n < 0) continue;
        if (name === 'ndots') ndots = Math.min(n, 15);
        else if (name === 'timeout') timeoutSeconds = Math.min(Math.max(n, 1), 30);
        else if (name === 'attempts') attempts = Math.min(Math.max(n, 1), 5);
      }
    }
  }
  return { nameservers: nameservers.length > 0 ? nameservers : ['127.0.0.1'], search, ndots, timeoutSeconds, attempts };
}

export function readResolvConf(proc: Proc): ResolvConf {
  try {
    return parseResolvConf(proc.fs.readFile('/etc/resolv.conf'));
  } catch {
    return parseResolvConf('');
  }
}

/**
 * The names res_search tries, in order: as it is first when it has at least `ndots` dots (a
 * trailing dot means only as it is), then under each search domain, then as it is if not yet.
 */
export function searchNames(host: string, conf: ResolvConf): string[] {
  if (host.endsWith('.')) return [host];
  const searched = conf.search.map((domain) => `${host}.${domain.replace(/\.$/, '')}.`);
  const dots = host.split('.').length - 1;
  return dots >= conf.ndots ? [`${host}.`, ...searched] : [...searched, `${host}.`];
}

/** A transaction id: unpredictable enough for a simulation, repeatable for its seed. */
export function queryId(proc: Proc, n = 0): number {
  return (Math.imul(proc.pid + 1, 0x9e3779b1) + Math.imul(proc.now() + n, 0x85ebca6b)) >>> 16;
}

/** What came back for one query sent to one server. */
export type Exchange =
  | { readonly kind: 'reply'; readonly message: Message; readonly size: number; readonly rttMs: number }
  | { readonly kind: 'timeout' }
  /** An ICMP port unreachable (nothing listens, or a REJECT rule): ECONNREFUSED. */
  | { readonly kind: 'refused' };

/**
 * Sends `message` from the UDP socket `fd` to server:53 and waits up to `timeoutMs` for the reply
 * with its id from that server; other datagrams (late replies to earlier tries) are dropped.
 */
export function* exchange(proc: Proc, fd: number, server: string, message: Message, timeoutMs: number, port = 53): Sys<Exchange> {
  const sent = proc.now();
  yield* sys.sendto(fd, server, port, encode(message));
  for (;;) {
    const left = sent + timeoutMs - proc.now();
    if (left <= 0) return { kind: 'timeout' };
    try {
      const datagram = yield* sys.recvfrom(fd, left);
      if (datagram.from.ip !== server || datagram.from.port !== port) continue;
      let reply: Message;
      try {
        reply = decode(datagram.data);
      } catch {
        continue;
      }
      if (reply.id === message.id && reply.flags.qr) return { kind: 'reply', message: reply, size: datagram.data.length, rttMs: proc.now() - sent };
    } catch (e) {
      if (!(e instanceof SysError)) throw e;
      if (e.errno === 'ECONNREFUSED') return { kind: 'refused' };
      // Nobody at the server's address (ARP failed): as good as no answer.
      if (e.errno === 'ETIMEDOUT' || e.errno === 'EHOSTUNREACH') return { kind: 'timeout' };
      throw e;
    }
  }
}

type Answer = { readonly kind: 'found'; readonly addresses: string[] } | { readonly kind: 'none' | 'failed' | 'timeout' | 'refused' };

/**
 * glibc's res_search over the candidate names: a name without addresses (NXDOMAIN, NODATA) or
 * with a failing server (SERVFAIL) moves on to the next candidate; a server that never answers
 * (or an ICMP error) ends the search.
 */
function* lookupDns(proc: Proc, host: string, conf: ResolvConf): Sys<Lookup> {
  for (const name of searchNames(host, conf)) {
    const answer = yield* queryAddresses(proc, name, conf);
    if (answer.kind === 'found') return { ok: true, addresses: answer.addresses, name: name.slice(0, -1) };
    if (answer.kind === 'timeout' || answer.kind === 'refused') return { ok: false, error: answer.kind };
  }
  return { ok: false, error: 'not-found' };
}

/**
 * One A query, res_send style: each attempt asks every nameserver in turn, the first with the
 * configured timeout, the next ones with (timeout << i) / count seconds; SERVFAIL and REFUSED
 * replies move on to the next server like a timeout does.
 */
function* queryAddresses(proc: Proc, name: string, conf: ResolvConf): Sys<Answer> {
  const fd = proc.udp();
  let failed = false;
  let refused = false;
  try {
    for (let attempt = 0; attempt < conf.attempts; attempt++) {
      for (const [i, server] of conf.nameservers.entries()) {
        const seconds = Math.max(1, Math.floor((conf.timeoutSeconds << i) / (i > 0 ? conf.nameservers.length : 1)));
        const result = yield* exchange(proc, fd, server, query(queryId(proc, attempt * 3 + i), name, TYPES.A), seconds * 1000);
        if (result.kind === 'refused') refused = true;
        if (result.kind !== 'reply') continue;
        const { rcode, answers } = result.message;
        if (rcode === RCODE.NXDOMAIN) return { kind: 'none' };
        if (rcode !== RCODE.NOERROR) {
          failed = true;
          continue;
        }
        const addresses = answers.flatMap((rr) => (rr.data.kind === 'address' && rr.type === TYPES.A ? [rr.data.address] : []));
        return addresses.length > 0 ? { kind: 'found', addresses } : { kind: 'none' };
      }
    }
  } finally {
    proc.close(fd);
  }
  return { kind: failed ? 'failed' : refused ? 'refused' : 'timeout' };
}
