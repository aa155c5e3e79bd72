/**
 * The cluster's network: which namespace owns each address, and the path a packet takes between
 * them. The first packet of every connection or datagram flow goes through the netfilter tables
 * of each node it crosses — nat OUTPUT or PREROUTING (kube-proxy's DNAT to a Service's endpoint),
 * filter (its REJECT for a Service without endpoints), nat POSTROUTING (masquerade) — exactly
 * as `iptables -t nat -nvL` lists them, counters included. Replies follow the connection
 * (conntrack), so a client talking to a ClusterIP hears back from the ClusterIP.
 */
import type { Hook, Packet, Protocol, Rule, TableName } from '../../network/netfilter/rules';
import type { Netns, SocketAddress, SocketFile, UdpSocketFile } from './net';

/** A node's netfilter as the packet path uses it (implemented in `engine/network/netfilter`). */
export interface PacketFilter {
  traverse(table: TableName, hook: Hook, packet: Packet): FilterVerdict;
}

export interface FilterVerdict {
  readonly verdict: 'ACCEPT' | 'DROP' | 'REJECT';
  /** POSTROUTING chose MASQUERADE: the source becomes the outgoing interface's address. */
  readonly masquerade: boolean;
  /** The rules taken, in order: the DNAT rule's chain tells which Service picked the endpoint. */
  readonly trace: readonly { readonly chain: string; readonly rule: Rule }[];
}

/** Where a packet ends up. */
export type Route =
  | {
      readonly kind: 'deliver';
      readonly netns: Netns;
      /** Destination after DNAT (the endpoint a Service picked). */
      readonly ip: string;
      readonly port: number;
      /** The client's own address (chosen by its routing table, before any NAT). */
      readonly client: string;
      /** The client's address as the server sees it (after masquerade). */
      readonly source: string;
      /** `default/nginx` when a Service's rules chose the destination. */
      readonly service?: string;
      /** The nat rules the first packet took on the node whose Service rule chose the destination. */
      readonly serviceTrace?: FilterVerdict['trace'];
    }
  /** REJECT, or nobody at the destination: the sender gets "connection refused". */
  | { readonly kind: 'refused' }
  /** Nothing answers: the client waits for its own timeout. */
  | { readonly kind: 'blackhole' }
  /**
   * The address is on a network a node is directly connected to but nobody has it (a pod that
   * just went away): ARP gets no answer and the sender hears "No route to host" after ARP_MS.
   */
  | { readonly kind: 'unreachable' };

const BLACKHOLE: Route = { kind: 'blackhole' };
const UNREACHABLE: Route = { kind: 'unreachable' };
/** How long a neighbour lookup tries before the kernel reports the host unreachable. */
export const ARP_MS = 3_000;
const REFUSED: Route = { kind: 'refused' };

/** Bytes on the wire of a TCP SYN with Linux's options, and of the IP + UDP headers. */
const TCP_SYN_BYTES = 60;
const UDP_HEADER_BYTES = 28;
/** A packet crosses at most this many nodes (client's, NodePort's, endpoint's). */
const MAX_HOPS = 4;
/** How long conntrack remembers a UDP flow after its last packet. */
const UDP_FLOW_MS = 120_000;

const isLoopback = (ip: string): boolean => ip.startsWith('127.');
const isOwn = (netns: Netns, ip: string): boolean => isLoopback(ip) || netns.addresses.includes(ip);

/** A translated UDP flow, found again when the server answers. */
interface Flow {
  /** The client's namespace and port. */
  readonly netns: Netns;
  readonly port: number;
  /** What the client sent to, which the answer must appear to come from. */
  readonly original: SocketAddress;
  seen: number;
}

/** An address as the traffic view shows it: which namespace (pod `ns/name` or node) and where. */
export interface Endpoint {
  readonly netns: string;
  readonly ip: string;
  readonly port: number;
}

/**
 * What flows through the network, published for the UI's traffic diagram: each new connection or
 * datagram with the Service rule it went through and the endpoint it reached, echo requests, and
 * DNS queries as CoreDNS answered them.
 */
export type TrafficEvent =
  | {
      readonly kind: 'connect';
      readonly at: number;
      readonly protocol: 'tcp' | 'udp';
      readonly from: Endpoint;
      /** The address the client asked for (a ClusterIP, a NodePort on a node IP, a pod IP). */
      readonly to: { readonly ip: string; readonly port: number };
      /** `default/nginx` when a Service's rules picked the endpoint. */
      readonly service?: string;
      /** The nat chains that picked it, in the order the packet entered them (KUBE-SERVICES, KUBE-SVC-…, KUBE-SEP-…). */
      readonly chains?: readonly string[];
      readonly endpoint?: Endpoint;
      readonly outcome: 'delivered' | 'refused' | 'timeout';
    }
  | { readonly kind: 'echo'; readonly at: number; readonly from: Endpoint; readonly to: string; readonly replied: boolean }
  | {
      readonly kind: 'dns';
      readonly at: number;
      /** The CoreDNS pod that answered (its network namespace name). */
      readonly server: string;
      readonly client: { readonly ip: string; readonly port: number };
      readonly name: string;
      readonly type: string;
      readonly rcode: string;
      readonly answers: readonly string[];
    };

/** Every network namespace of the cluster by address, and the nodes' packet filters. */
export class Network {
  private readonly byAddress = new Map<string, Netns>();
  private readonly nodes = new Map<string, { readonly host: Netns; readonly filter: PacketFilter | undefined }>();
  private readonly flows = new Map<string, Flow>();
  private readonly observers = new Set<(event: TrafficEvent) => void>();

  constructor(
    /** Simulated now, for event timestamps and conntrack timeouts. */
    readonly now: () => number = () => 0,
  ) {}

  /** Calls `listener` for every traffic event until the returned function is called. */
  observe(listener: (event: TrafficEvent) => void): () => void {
    this.observers.add(listener);
    return () => this.observers.delete(listener);
  }

  /** Whether anyone listens: building an event is skipped otherwise. */
  get observed(): boolean {
    return this.observers.size > 0;
  }

  publish(event: TrafficEvent): void {
    for (const listener of this.observers) listener(event);
  }

  /** A node: its host network namespace and the netfilter tables packets cross there. */
  addNode(host: Netns, filter?: PacketFilter): void {
    this.nodes.set(host.node, { host, filter });
  }

  attach(ip: string, netns: Netns): void {
    this.byAddress.set(ip, netns);
  }

  detach(ip: string, netns: Netns): void {
    if (this.byAddress.get(ip) === netns) this.byAddress.delete(ip);
  }

  namespaceOf(ip: string): Netns | undefined {
    return this.byAddress.get(ip);
  }

  /**
   * Where the first packet of a flow from `from` to ip:port goes, node by node: nat OUTPUT (sent
   * by the node itself) or PREROUTING (from a pod or another node), the filter chain, nat
   * POSTROUTING when it leaves — and on to the next node when the destination lives there.
   */
  route(from: Netns, ip: string, port: number, protocol: Protocol = 'tcp', srcPort = 0, bytes = TCP_SYN_BYTES): Route {
    const dst = ip === 'localhost' ? '127.0.0.1' : ip;
    let node = this.nodes.get(from.node);
    const fromHost = node?.host === from;
    // A pod talking to itself never leaves its namespace; the node's own traffic crosses its
    // OUTPUT chain even to its own address (that is how a NodePort on the node's IP works).
    if (!fromHost && isOwn(from, dst)) return { kind: 'deliver', netns: from, ip: dst, port, client: dst, source: dst };
    const client = isLoopback(dst) ? dst : from.sourceFor(dst);
    const packet: Packet = { protocol, srcIP: client, srcPort, dstIP: dst, dstPort: port, bytes, mark: 0 };
    let service: string | undefined;
    let serviceTrace: FilterVerdict['trace'] | undefined;
    let local = fromHost;
    for (let hop = 0; hop < MAX_HOPS; hop++) {
      const filter = node?.filter;
      if (filter) {
        const nat = filter.traverse('nat', local ? 'OUTPUT' : 'PREROUTING', packet);
        if (nat.verdict === 'DROP') return BLACKHOLE;
        if (service === undefined) {
          service = serviceOf(nat);
          if (service !== undefined) serviceTrace = nat.trace;
        }
      }
      const target = node && isOwn(node.host, packet.dstIP) ? node.host : this.byAddress.get(packet.dstIP);
      const toHost = target !== undefined && target === node?.host;
      // The filter table sees the packet whether or not anyone has the address: a ClusterIP
      // without endpoints is REJECTed here, not lost.
      if (filter) {
        const verdict = filter.traverse('filter', local ? 'OUTPUT' : toHost ? 'INPUT' : 'FORWARD', packet).verdict;
        if (verdict === 'REJECT') return REFUSED;
        if (verdict === 'DROP') return BLACKHOLE;
      }
      if (!target) {
        // Nobody owns the address. On a link of this node (its pods' bridge, its LAN) that is an
        // ARP failure; through flannel it is the next node's business; anywhere else, silence.
        const next = (node?.host ?? from).routeTo(packet.dstIP);
        if (next?.scope === 'link') return UNREACHABLE;
        const peer = next?.via ? this.byAddress.get(next.via) : undefined;
        if (!peer || peer === node?.host || !next?.onlink) return BLACKHOLE;
        node = this.nodes.get(peer.node);
        local = false;
        continue;
      }
      if (!toHost && node && filter && filter.traverse('nat', 'POSTROUTING', packet).masquerade) {
        packet.srcIP = node.host.sourceFor(packet.dstIP);
      }
      if (toHost || !node || target.node === node.host.node) {
        return { kind: 'deliver', netns: target, ip: packet.dstIP, port: packet.dstPort, client, source: packet.srcIP, ...(service ? { service, serviceTrace } : {}) };
      }
      node = this.nodes.get(target.node);
      local = false;
    }
    return BLACKHOLE;
  }

  /** A TCP connection: the client's end of a new socket pair, or why there is none. */
  connect(from: Netns, ip: string, port: number): SocketFile | 'refused' | 'blackhole' | 'unreachable' {
    const clientPort = from.ephemeralPort();
    const route = this.route(from, ip, port, 'tcp', clientPort);
    let result: SocketFile | 'refused' | 'blackhole' | 'unreachable' = route.kind === 'deliver' ? 'refused' : route.kind;
    if (route.kind === 'deliver') {
      const listener = route.netns.listenerOn(route.port);
      if (listener) {
        result = listener.enqueue(
          { local: { ip: route.client, port: clientPort }, remote: { ip, port } },
          { local: { ip: route.ip, port: route.port }, remote: { ip: route.source, port: clientPort } },
        );
      }
    }
    if (this.observed) this.publishFlow('tcp', from, clientPort, ip, port, route, typeof result === 'string' ? (result === 'refused' ? 'refused' : 'timeout') : 'delivered');
    return result;
  }

  /**
   * One request/response exchange with a server that answers inline (`ListenerFile.responder`)
   * and is idle: the same bytes and side effects (its access log) as a connection would give,
   * without scheduling two processes and a socket pair. The kubelet's HTTP probes take this path
   * thousands of times an hour (they publish no traffic events); undefined means "connect the
   * usual way".
   */
  exchange(from: Netns, ip: string, port: number, request: string): string | undefined {
    const clientPort = from.ephemeralPort();
    const route = this.route(from, ip, port, 'tcp', clientPort);
    if (route.kind !== 'deliver') return undefined;
    const listener = route.netns.listenerOn(route.port);
    if (!listener?.responder || !listener.idle) return undefined;
    return listener.responder(request, { ip: route.source, port: clientPort }, { ip: route.ip, port: route.port });
  }

  /**
   * Sends one datagram from `socket` to ip:port. An answer to a translated flow goes straight
   * back to its client, from the address the client asked (conntrack). Otherwise it is routed:
   * delivered to the socket bound at the destination; nobody bound there (or a REJECT rule)
   * answers with ICMP port unreachable, which the sender's next receive reports; an address nobody
   * owns swallows it.
   */
  sendDatagram(socket: UdpSocketFile, ip: string, port: number, data: string): void {
    const from = socket.owner;
    const flow = this.flows.get(flowKey(from.sourceFor(ip), socket.port, ip, port));
    if (flow && this.now() - flow.seen <= UDP_FLOW_MS) {
      flow.seen = this.now();
      flow.netns.udpOn(flow.port)?.deliver({ from: flow.original, data });
      return;
    }
    const route = this.route(from, ip, port, 'udp', socket.port, UDP_HEADER_BYTES + data.length);
    const target = route.kind === 'deliver' ? route.netns.udpOn(route.port) : undefined;
    if (this.observed) this.publishFlow('udp', from, socket.port, ip, port, route, target ? 'delivered' : route.kind === 'refused' || route.kind === 'deliver' ? 'refused' : 'timeout');
    if (route.kind === 'blackhole') return;
    if (route.kind === 'unreachable') return socket.reportError('EHOSTUNREACH');
    if (route.kind === 'refused' || !target) return socket.reportError('ECONNREFUSED');
    if (route.ip !== ip || route.port !== port || route.source !== route.client) {
      this.remember(flowKey(route.ip, route.port, route.source, socket.port), { netns: from, port: socket.port, original: { ip, port }, seen: this.now() });
    }
    target.deliver({ from: { ip: route.source, port: socket.port }, data });
  }

  /**
   * An ICMP echo from `from` to `ip`: the reply's TTL (64 from the same node, one router less
   * across nodes), or undefined when nothing answers — a ClusterIP belongs to no interface.
   */
  echo(from: Netns, ip: string): { readonly ttl: number; readonly sameNode: boolean } | undefined {
    const target = isOwn(from, ip) ? from : this.byAddress.get(ip);
    if (this.observed) this.publish({ kind: 'echo', at: this.now(), from: { netns: from.name, ip: from.sourceFor(ip), port: 0 }, to: ip, replied: target !== undefined });
    if (!target) return undefined;
    const sameNode = target.node === from.node;
    return { ttl: sameNode ? 64 : 63, sameNode };
  }

  private remember(key: string, flow: Flow): void {
    if (this.flows.size >= 4096) {
      for (const [k, f] of this.flows) if (this.now() - f.seen > UDP_FLOW_MS) this.flows.delete(k);
    }
    this.flows.set(key, flow);
  }

  private publishFlow(protocol: 'tcp' | 'udp', from: Netns, port: number, ip: string, dport: number, route: Route, outcome: 'delivered' | 'refused' | 'timeout'): void {
    const delivered = route.kind === 'deliver' ? route : undefined;
    this.publish({
      kind: 'connect',
      at: this.now(),
      protocol,
      from: { netns: from.name, ip: delivered?.client ?? from.sourceFor(ip), port },
      to: { ip, port: dport },
      ...(delivered?.service ? { service: delivered.service, chains: chainsOf(delivered.serviceTrace) } : {}),
      ...(delivered ? { endpoint: { netns: delivered.netns.name, ip: delivered.ip, port: delivered.port } } : {}),
      outcome,
    });
  }
}

const flowKey = (fromIP: string, fromPort: number, toIP: string, toPort: number): string => `${fromIP}:${fromPort}>${toIP}:${toPort}`;

/** The chains a traversal entered, each once, without the builtin hook it started in. */
function chainsOf(trace: FilterVerdict['trace'] = []): string[] {
  const hook = trace[0]?.chain;
  const chains: string[] = [];
  for (const step of trace) if (step.chain !== hook && !chains.includes(step.chain)) chains.push(step.chain);
  return chains;
}

/** The Service whose endpoint chain did the DNAT: KUBE-SEP rules carry its port name as comment. */
function serviceOf(verdict: FilterVerdict): string | undefined {
  for (const step of verdict.trace) {
    if (step.rule.target.kind === 'DNAT') return step.rule.match.comment?.replace(/:[^/]*$/, '') || undefined;
  }
  return undefined;
}
