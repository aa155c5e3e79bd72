/**
 * The lab router's DNS (dnsmasq on 192.168.1.2, the nodes' nameserver, and so CoreDNS's
 * upstream): it answers the lab's machine names from its /etc/hosts and, the simulation having no
 * internet, NXDOMAIN for everything else — as its upstream would for a name that does not exist.
 * So on a node `ping worker01` and `ssh worker01` resolve, in a pod `ping worker01` does too
 * (through CoreDNS's forward), `curl www.example.com` says it cannot, and nothing waits for a DNS
 * server that is not there.
 */
import { CLASS_IN, decode, encode, NO_FLAGS, RCODE, TYPES, type Message, type ResourceRecord } from '../../../engine/network/dns/message';
import { sys, type Program } from '../../../engine/runtime/process';
import { hostsEntries } from '../../lib/resolver';

/** dnsmasq hands out names from /etc/hosts with TTL 0 (its `local-ttl` default). */
const LOCAL_TTL = 0;

/**
 * The root zone's SOA, which a recursive resolver sends with an NXDOMAIN for a name whose top
 * level domain does not exist (`nginx.default.`) — what the lab's upstream would say, passed on.
 */
const ROOT_SOA: ResourceRecord = {
  name: '.', type: TYPES.SOA, class: CLASS_IN, ttl: 86400,
  data: { kind: 'soa', mname: 'a.root-servers.net.', rname: 'nstld.verisign-grs.com.', serial: 2026010500, refresh: 1800, retry: 900, expire: 604800, minimum: 86400 },
};

/** name (lower case, absolute) → addresses, from an /etc/hosts text. */
export function hostsTable(text: string): Map<string, string[]> {
  const table = new Map<string, string[]>();
  for (const { address, names } of hostsEntries(text)) {
    for (const name of names) {
      const key = `${name.toLowerCase()}.`;
      table.set(key, [...(table.get(key) ?? []), address]);
    }
  }
  return table;
}

/** The reply to one query. */
export function dnsmasqAnswer(request: Message, hosts: ReadonlyMap<string, readonly string[]>): Message {
  const question = request.questions[0];
  const addresses = question ? hosts.get(question.name.toLowerCase()) : undefined;
  const answers: ResourceRecord[] =
    question && addresses && question.type === TYPES.A
      ? addresses.map((address) => ({ name: question.name, type: TYPES.A, class: CLASS_IN, ttl: LOCAL_TTL, data: { kind: 'address', address } }))
      : [];
  return {
    id: request.id,
    flags: { ...NO_FLAGS, qr: true, aa: addresses !== undefined, rd: request.flags.rd, ra: true },
    rcode: question && !addresses ? RCODE.NXDOMAIN : RCODE.NOERROR,
    questions: request.questions,
    answers,
    authority: question && !addresses ? [ROOT_SOA] : [],
    additional: [],
    ...(request.edns ? { edns: { udpSize: 1232, version: 0, do: false, options: [] } } : {}),
  };
}

export const dnsmasq: Program = function* (proc) {
  const hosts = hostsTable(proc.fs.readFile('/etc/hosts'));
  const fd = proc.udp(53);
  for (;;) {
    const datagram = yield* sys.recvfrom(fd);
    let request: Message;
    try {
      request = decode(datagram.data);
    } catch {
      continue;
    }
    if (request.flags.qr) continue;
    yield* sys.sendto(fd, datagram.from.ip, datagram.from.port, encode(dnsmasqAnswer(request, hosts)));
  }
};
