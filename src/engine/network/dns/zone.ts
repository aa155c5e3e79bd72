/**
 * CoreDNS's `kubernetes` plugin for the cluster domain, as kubeadm configures it (reference §7.2):
 *
 *     kubernetes cluster.local in-addr.arpa ip6.arpa {
 *        pods insecure
 *        fallthrough in-addr.arpa ip6.arpa
 *        ttl 30
 *     }
 *     forward . /etc/resolv.conf
 *     loadbalance
 *
 * It watches Services, EndpointSlices and Namespaces with its own informers and answers DNS
 * messages (wire bytes in, wire bytes out) the way CoreDNS 1.11 does:
 * - `<svc>.<ns>.svc.cluster.local` A → the ClusterIP; a headless Service → one A per ready
 *   endpoint, each also named `<hostname or a-b-c-d>.<svc>.<ns>.svc.cluster.local`;
 * - ExternalName → a CNAME (followed inside the zone; a CNAME loop ends in an empty answer);
 * - `_<port>._<proto>.<svc>…` SRV `0 <weight> <port> <target>` with the target's address as extra;
 * - `a-b-c-d.<ns>.pod.cluster.local` → a.b.c.d for any dashed address (`pods insecure`);
 * - PTR for ClusterIPs and endpoint addresses;
 * - no such name → NXDOMAIN, a name without records of that type → NOERROR (NODATA), both with
 *   the zone's SOA: serial = the Unix second of the last Service/Endpoint/Namespace change, as
 *   CoreDNS computes it;
 * - answers are authoritative (`aa`, no `ra`) with TTL 30, address records shuffled (loadbalance).
 *
 * Everything else goes to `forward`: `answer` hands the query back (`kind: 'forward'`) and the
 * CoreDNS process sends it over the network to the upstream in its /etc/resolv.conf — the lab
 * router's dnsmasq (`userland/programs/daemons/kube-system.ts`) — then `relay` turns what came
 * back (or nothing, after forward's 5 s) into the client's reply. The `cache 30` plugin is not
 * modelled: repeated answers keep their TTL and a new Service is visible immediately.
 */
import type { Namespace, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { resourceFor } from '../../api/resources';
import type { Informer } from '../../client/types';
import type { ControllerContext } from '../../controllers/framework/context';
import { Facility, type TrafficEvent } from '../../runtime/process';
import type { Rng } from '../../sim/rng';
import {
  absolute, CLASS_IN, decode, encode, NO_FLAGS, RCODE, rcodeName, rdataText, TYPES, typeName,
  type Message, type Question, type ResourceRecord,
} from './message';

export interface ClusterZoneOptions {
  /** The cluster domain (kubelet `--cluster-domain`). */
  readonly domain: string;
  /** For `loadbalance`; default: the component's own generator. */
  readonly rng?: Rng;
  /** Called with a 'dns' event for every answered query. */
  readonly publish?: (event: TrafficEvent) => void;
}

/** What the CoreDNS programs answer from; the cluster provides it to the kernel. */
export const CLUSTER_DNS = new Facility<ClusterZone>('cluster-dns');

const TTL = 30;
/** UDP replies bigger than this are compressed even when they fit (CoreDNS's `Scrub`, from NSD). */
const FRAGMENT_LIMIT = 1480;
/** The largest reply without EDNS0. */
const MIN_UDP_SIZE = 512;
const REVERSE_ZONES = ['in-addr.arpa.', 'ip6.arpa.'];

/** One thing a name stands for, before it becomes records (CoreDNS's msg.Service). */
interface Entry {
  /** An address, or a name (an ExternalName: answered as a CNAME). */
  readonly host: string;
  /** The port for SRV; -1 when the endpoint declares none. */
  readonly port: number;
  /** The domain name of the thing itself: the SRV target. */
  readonly domain: string;
}

/** What CoreDNS does with a query: answer it from the zone, or pass it to `forward`. */
export type ZoneAnswer = { readonly kind: 'reply'; readonly wire: string } | { readonly kind: 'forward'; readonly request: Message };

/** Where a query came from and which CoreDNS pod took it (for the reply's size and the traffic view). */
export interface QueryOrigin {
  readonly client: { readonly ip: string; readonly port: number };
  /** The CoreDNS pod's network namespace name. */
  readonly server: string;
  /** Over TCP a reply is never cut to the client's UDP buffer. */
  readonly transport: 'udp' | 'tcp';
}

/** The kubernetes plugin falls through: the name is not the zone's. */
const FORWARD = Symbol('forward');

/** The name does not exist (NXDOMAIN). */
const NO_SUCH_NAME = Symbol('NXDOMAIN');
type Found = readonly Entry[] | typeof NO_SUCH_NAME;
type Records = ResourceRecord[] | typeof NO_SUCH_NAME;

interface Reply {
  readonly rcode: number;
  readonly authoritative: boolean;
  readonly answers: ResourceRecord[];
  readonly authority: ResourceRecord[];
  readonly additional: ResourceRecord[];
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const isIPv6 = (text: string): boolean => /^[0-9a-f:]+$/i.test(text) && text.includes(':') && text.split('::').length <= 2;
const isAddress = (text: string): boolean => IPV4.test(text) || isIPv6(text);
const dashed = (ip: string): string => ip.replace(/[.:]/g, '-');
const record = (name: string, type: number, data: ResourceRecord['data']): ResourceRecord => ({ name, type, class: CLASS_IN, ttl: TTL, data });
const addressRecord = (name: string, ip: string): ResourceRecord => record(name, ip.includes(':') ? TYPES.AAAA : TYPES.A, { kind: 'address', address: ip });

export class ClusterZone {
  private readonly zone: string;
  private readonly rng: Rng;
  private readonly services: Informer<Service>;
  private readonly slices: Informer<EndpointSlice>;
  private readonly namespaces: Informer<Namespace>;
  /** Unix seconds of the last change CoreDNS saw: the SOA serial. */
  private modified: number;

  constructor(
    private readonly ctx: ControllerContext,
    private readonly options: ClusterZoneOptions,
  ) {
    this.zone = absolute(options.domain.toLowerCase());
    this.rng = options.rng ?? ctx.rng;
    this.services = ctx.informers.for<Service>(resourceFor('', 'services')!);
    this.slices = ctx.informers.for<EndpointSlice>(resourceFor('discovery.k8s.io', 'endpointslices')!);
    this.namespaces = ctx.informers.for<Namespace>(resourceFor('', 'namespaces')!);
    this.modified = this.unixSeconds();
  }

  start(): void {
    this.slices.addIndex('dns-service', (s) => {
      const name = s.metadata?.labels?.['kubernetes.io/service-name'];
      return name ? [`${s.metadata?.namespace}/${name}`] : [];
    });
    this.slices.addIndex('dns-address', (s) => (s.endpoints ?? []).flatMap((e) => e.addresses));
    this.services.addIndex('dns-cluster-ip', (s) => clusterIPs(s));
    const touch = { add: () => this.touch(), update: () => this.touch(), delete: () => this.touch() };
    this.services.addHandlers(touch);
    this.slices.addHandlers(touch);
    this.namespaces.addHandlers(touch);
  }

  /**
   * CoreDNS's reply to one DNS message — '' for something it ignores (a response) — or the
   * request to forward when the name is not the cluster's.
   */
  answer(query: string, origin: QueryOrigin): ZoneAnswer {
    let request: Message;
    try {
      request = decode(query);
    } catch {
      return { kind: 'reply', wire: query.length >= 2 ? encode({ ...emptyReply(query.charCodeAt(0) * 256 + query.charCodeAt(1)), rcode: RCODE.FORMERR }) : '' };
    }
    if (request.flags.qr) return { kind: 'reply', wire: '' };
    const question = request.questions[0];
    const reply = request.questions.length !== 1 || !question
      ? { rcode: RCODE.FORMERR, authoritative: false, answers: [], authority: [], additional: [] }
      : this.resolve(question);
    if (reply === FORWARD) return { kind: 'forward', request };
    return {
      kind: 'reply',
      wire: this.send(request, origin, {
        id: request.id,
        flags: { ...NO_FLAGS, qr: true, opcode: request.flags.opcode, aa: reply.authoritative, rd: request.flags.rd, cd: request.flags.cd },
        rcode: reply.rcode,
        questions: request.questions,
        answers: this.loadbalance(reply.answers),
        authority: reply.authority,
        additional: this.loadbalance(reply.additional),
        // CoreDNS hands the client's OPT record back with the options it knows (the cookie among them).
        ...(request.edns ? { edns: { udpSize: request.edns.udpSize, version: 0, do: request.edns.do, options: request.edns.options.filter((o) => [3, 9, 10, 11, 12].includes(o.code)) } } : {}),
      }),
    };
  }

  /**
   * The reply to a forwarded request: the upstream's message under the client's id (its flags,
   * TTLs and rcode as they came: `ra`, NXDOMAIN…), or — no usable answer within forward's time —
   * SERVFAIL, which CoreDNS's server writes with only `qr` and the request's `rd`.
   */
  relay(request: Message, upstream: Message | undefined, origin: QueryOrigin): string {
    const reply: Message = upstream
      ? { ...upstream, id: request.id }
      : {
          id: request.id,
          flags: { ...NO_FLAGS, qr: true, opcode: request.flags.opcode, rd: request.flags.rd, cd: request.flags.cd },
          rcode: RCODE.SERVFAIL,
          questions: request.questions,
          answers: [],
          authority: [],
          additional: [],
          ...(request.edns ? { edns: { udpSize: request.edns.udpSize, version: 0, do: request.edns.do, options: [] } } : {}),
        };
    return this.send(request, origin, reply);
  }

  /** The reply's bytes for its transport, and a 'dns' event for the traffic view. */
  private send(request: Message, origin: QueryOrigin, message: Message): string {
    const wire = origin.transport === 'tcp' ? encode(message) : fit(message, request.edns ? Math.max(request.edns.udpSize, MIN_UDP_SIZE) : MIN_UDP_SIZE);
    const question = request.questions[0];
    if (question) this.options.publish?.({
      kind: 'dns',
      at: this.ctx.clock.now(),
      server: origin.server,
      client: { ip: origin.client.ip, port: origin.client.port },
      name: question.name,
      type: typeName(question.type),
      rcode: rcodeName(message.rcode),
      answers: message.answers.map((rr) => rdataText(rr.data)),
    });
    return wire;
  }

  private resolve(q: Question): Reply | typeof FORWARD {
    const name = q.name.toLowerCase();
    const inside = (zone: string): boolean => name === zone || name.endsWith(`.${zone}`);
    if (REVERSE_ZONES.some(inside)) {
      // Only PTR for cluster addresses is answered here; the rest falls through to forward.
      const records = q.type === TYPES.PTR ? this.pointers(q.name) : [];
      return records.length > 0 ? answer(records) : FORWARD;
    }
    if (!inside(this.zone)) return FORWARD;
    let found: Records;
    let extra: ResourceRecord[] = [];
    switch (q.type) {
      case TYPES.A:
      case TYPES.AAAA:
        found = this.addresses(q.name, q.type, []);
        break;
      case TYPES.SRV:
        [found, extra] = this.srvRecords(q.name);
        break;
      case TYPES.CNAME: {
        const entries = this.lookup(name);
        const target = entries === NO_SUCH_NAME ? undefined : entries.find((e) => !isAddress(e.host));
        found = entries === NO_SUCH_NAME ? entries : target ? [record(q.name, TYPES.CNAME, { kind: 'name', target: absolute(target.host) })] : [];
        break;
      }
      case TYPES.SOA:
        found = [this.soa()];
        break;
      default: {
        // Asked for a type the zone has none of: the name decides between NODATA and NXDOMAIN.
        const entries = this.lookup(name);
        found = entries === NO_SUCH_NAME ? entries : [];
      }
    }
    if (found === NO_SUCH_NAME) {
      // Before the informers have listed, CoreDNS cannot tell and says so.
      return { ...this.denial(), rcode: this.synced ? RCODE.NXDOMAIN : RCODE.SERVFAIL };
    }
    if (found.length === 0) return this.denial();
    return { ...answer(found), additional: extra };
  }

  private get synced(): boolean {
    return this.services.synced && this.slices.synced && this.namespaces.synced;
  }

  /** A or AAAA records for `qname`, following CNAMEs inside the zone (CoreDNS plugin.A/AAAA). */
  private addresses(qname: string, type: number, previous: readonly ResourceRecord[]): Records {
    const entries = this.lookup(qname.toLowerCase());
    if (entries === NO_SUCH_NAME) return entries;
    const records: ResourceRecord[] = [];
    const seen = new Set<string>();
    for (const entry of entries) {
      if (isAddress(entry.host)) {
        if ((type === TYPES.A) !== IPV4.test(entry.host) || seen.has(entry.host)) continue;
        seen.add(entry.host);
        records.push(addressRecord(qname, entry.host));
        continue;
      }
      const target = absolute(entry.host);
      // x CNAME x, more than 8 hops, or a target already on the chain: a loop, left out.
      if (target.toLowerCase() === qname.toLowerCase() || previous.length > 7) continue;
      if (previous.some((rr) => rr.data.kind === 'name' && rr.data.target === target)) continue;
      const cname = record(qname, TYPES.CNAME, { kind: 'name', target });
      if (target.toLowerCase().endsWith(this.zone)) {
        const next = this.addresses(target, type, [...previous, cname]);
        if (next !== NO_SUCH_NAME && next.length > 0) records.push(cname, ...next);
      } else {
        // CoreDNS asks its upstream for the rest of the chain; out of reach, it adds nothing.
        records.push(cname);
      }
    }
    return records;
  }

  /** SRV records and their targets' addresses (CoreDNS plugin.SRV). */
  private srvRecords(qname: string): [Records, ResourceRecord[]] {
    const found = this.lookup(qname.toLowerCase());
    if (found === NO_SUCH_NAME) return [found, []];
    // ExternalName Services have no SRV records.
    const entries = found.filter((e) => isAddress(e.host));
    const weight = Math.max(1, Math.floor(100 / entries.length));
    const records: ResourceRecord[] = [];
    const extra: ResourceRecord[] = [];
    const seen = new Set<string>();
    for (const e of entries) {
      if (e.port === -1) continue;
      const srv = `${e.domain} ${e.port}`;
      if (!seen.has(srv)) records.push(record(qname, TYPES.SRV, { kind: 'srv', priority: 0, weight, port: e.port, target: e.domain }));
      const address = `${e.domain} ${e.host}`;
      if (!seen.has(address)) extra.push(addressRecord(e.domain, e.host));
      seen.add(srv).add(address);
    }
    return [records, extra];
  }

  /** PTR records for a reverse name: the Service owning a ClusterIP, else the endpoints with that address. */
  private pointers(qname: string): ResourceRecord[] {
    const ip = fromReverse(qname.toLowerCase());
    if (!ip) return [];
    const svc = this.services.byIndex('dns-cluster-ip', ip)[0];
    const ptr = (target: string): ResourceRecord => record(qname, TYPES.PTR, { kind: 'name', target });
    if (svc) return [ptr(`${svc.metadata?.name}.${svc.metadata?.namespace}.svc.${this.zone}`)];
    const records: ResourceRecord[] = [];
    for (const slice of this.slices.byIndex('dns-address', ip)) {
      const service = slice.metadata?.labels?.['kubernetes.io/service-name'];
      for (const ep of slice.endpoints) {
        if (ep.conditions?.ready === false || !ep.addresses.includes(ip) || !service) continue;
        records.push(ptr(`${ep.hostname || dashed(ip)}.${service}.${slice.metadata?.namespace}.svc.${this.zone}`));
      }
    }
    return records;
  }

  /** What a name inside the zone stands for (CoreDNS parseRequest + Records). */
  private lookup(name: string): Found {
    const base = name === this.zone ? '' : name.slice(0, -(this.zone.length + 1));
    if (base === '' || base === 'svc' || base === 'pod') return [];
    const segs = base.split('.');
    const kind = segs.pop()!;
    if (kind !== 'svc' && kind !== 'pod') return NO_SUCH_NAME;
    const namespace = segs.pop()!;
    if (!this.namespaces.get(undefined, namespace)) return NO_SUCH_NAME;
    const service = segs.pop();
    if (service === undefined) return [];
    if (segs.length > 2) return NO_SUCH_NAME;
    const request: PortRequest = segs.length === 2
      ? { endpoint: '', port: segs[0]!.replace(/^_/, ''), protocol: segs[1]!.replace(/^_/, '') }
      : { endpoint: segs[0] ?? '', port: '', protocol: '' };
    return kind === 'pod' ? this.pod(service, namespace) : this.service(service, namespace, request);
  }

  /** `pods insecure`: any dashed address in an existing namespace is that address. */
  private pod(name: string, namespace: string): Found {
    const ip = name.split('-').length === 4 && !name.includes('--') ? name.replaceAll('-', '.') : name.replaceAll('-', ':');
    return isAddress(ip) ? [{ host: ip, port: -1, domain: `${name}.${namespace}.pod.${this.zone}` }] : NO_SUCH_NAME;
  }

  private service(name: string, namespace: string, request: PortRequest): Found {
    const svc = this.services.get(namespace, name);
    if (!svc?.spec) return NO_SUCH_NAME;
    const domain = `${name}.${namespace}.svc.${this.zone}`;
    const matches = (portName: string | undefined, protocol: string | undefined): boolean =>
      (request.port === '' || request.port === (portName ?? '').toLowerCase()) &&
      (request.protocol === '' || request.protocol === (protocol ?? 'TCP').toLowerCase());
    if (svc.spec.type === 'ExternalName') {
      const host = svc.spec.externalName ?? '';
      return request.endpoint || !host || isAddress(host) ? NO_SUCH_NAME : [{ host, port: -1, domain }];
    }
    const entries: Entry[] = [];
    if (svc.spec.clusterIP === 'None' || request.endpoint) {
      for (const slice of this.slices.byIndex('dns-service', `${namespace}/${name}`)) {
        // An endpoint without ports still has addresses (CoreDNS files it under port -1).
        const ports = slice.ports?.length ? slice.ports : [{ port: -1, name: '', protocol: '' }];
        for (const ep of slice.endpoints) {
          if (ep.conditions?.ready === false) continue;
          for (const ip of ep.addresses) {
            const hostname = ep.hostname || dashed(ip);
            if (request.endpoint && request.endpoint !== hostname.toLowerCase()) continue;
            for (const p of ports) {
              if (matches(p.name, p.protocol || undefined)) entries.push({ host: ip, port: p.port ?? -1, domain: `${hostname}.${domain}` });
            }
          }
        }
      }
    } else {
      for (const p of svc.spec.ports ?? []) {
        if (matches(p.name, p.protocol)) for (const ip of clusterIPs(svc)) entries.push({ host: ip, port: p.port, domain });
      }
    }
    return entries.length > 0 ? entries : NO_SUCH_NAME;
  }

  private soa(): ResourceRecord {
    return record(this.zone, TYPES.SOA, {
      kind: 'soa', mname: `ns.dns.${this.zone}`, rname: `hostmaster.${this.zone}`, serial: this.modified >>> 0,
      refresh: 7200, retry: 1800, expire: 86400, minimum: TTL,
    });
  }

  /** NXDOMAIN and NODATA: no answers, the SOA as authority. */
  private denial(): Reply {
    return { rcode: RCODE.NOERROR, authoritative: true, answers: [], authority: [this.soa()], additional: [] };
  }

  /** `loadbalance`: CNAMEs and other records first, then the address records in a random order. */
  private loadbalance(records: ResourceRecord[]): ResourceRecord[] {
    const isAddressRecord = (rr: ResourceRecord): boolean => rr.type === TYPES.A || rr.type === TYPES.AAAA;
    const addresses = records.filter(isAddressRecord);
    for (let i = addresses.length - 1; i > 0; i--) {
      const j = this.rng.int(i + 1);
      [addresses[i], addresses[j]] = [addresses[j]!, addresses[i]!];
    }
    const cnames = records.filter((rr) => rr.type === TYPES.CNAME);
    return [...cnames, ...records.filter((rr) => rr.type !== TYPES.CNAME && !isAddressRecord(rr)), ...addresses];
  }

  private touch(): void {
    this.modified = this.unixSeconds();
  }

  private unixSeconds(): number {
    return Math.floor((this.ctx.clock.epochMs + this.ctx.clock.now()) / 1000);
  }
}

interface PortRequest {
  readonly endpoint: string;
  readonly port: string;
  readonly protocol: string;
}

function clusterIPs(svc: Service): string[] {
  const ips = svc.spec?.clusterIPs?.length ? svc.spec.clusterIPs : svc.spec?.clusterIP ? [svc.spec.clusterIP] : [];
  return ips.filter((ip) => ip !== 'None' && ip !== '');
}

/** `4.3.2.1.in-addr.arpa.` → `1.2.3.4`; undefined for anything else (partial names, ip6.arpa). */
function fromReverse(name: string): string | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\.in-addr\.arpa\.$/.exec(name);
  if (!match) return undefined;
  const ip = [match[4], match[3], match[2], match[1]].join('.');
  return IPV4.test(ip) ? ip : undefined;
}

function answer(records: ResourceRecord[]): Reply {
  return { rcode: RCODE.NOERROR, authoritative: true, answers: records, authority: [], additional: [] };
}

function emptyReply(id: number): Message {
  return { id, flags: { ...NO_FLAGS, qr: true }, rcode: 0, questions: [], answers: [], authority: [], additional: [] };
}

/**
 * The reply's bytes as CoreDNS's `Scrub` sends them over UDP: uncompressed while they fit the
 * client's buffer (and stay under the fragmentation limit), else compressed, else cut down — extra
 * records first, then answers — with TC set.
 */
function fit(message: Message, size: number): string {
  const plain = encode(message);
  if (plain.length <= size) return plain.length > FRAGMENT_LIMIT ? encode(message, { compress: true }) : plain;
  let m = message;
  for (;;) {
    const wire = encode(m, { compress: true });
    if (wire.length <= size || (m.additional.length === 0 && m.answers.length === 0)) return wire;
    m = m.additional.length > 0
      ? { ...m, additional: m.additional.slice(0, -1) }
      : { ...m, answers: m.answers.slice(0, -1), flags: { ...m.flags, tc: true } };
  }
}
