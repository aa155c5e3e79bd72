/**
 * The network's events (connections, pings, DNS answers) as the flows the traffic diagram draws:
 * who asked, which Service rule chose, which endpoint answered — each address named after the pod,
 * Service or node that has it, as the projection knew them when the event arrived.
 */
import type { TrafficEvent } from '../../../engine/runtime/process/network';
import type { EndpointsView, NodeView, PodView, ServiceView } from '../../../worker/views';

/** The page keeps this many recent flows. */
export const KEEP_FLOWS = 50;

/** The projection's maps a flow's addresses are named from (`namespace/name` keys). */
export interface Directory {
  readonly pods: ReadonlyMap<string, PodView>;
  readonly services: ReadonlyMap<string, ServiceView>;
  readonly endpoints: ReadonlyMap<string, EndpointsView>;
  readonly nodes: ReadonlyMap<string, NodeView>;
}

export interface Place {
  /** `master01`, `default/client`, `default/web` — or the bare address when nobody known has it. */
  readonly name: string;
  readonly ip: string;
  readonly kind: 'node' | 'pod' | 'service' | 'unknown';
}

/** Why a flow failed: the diagram's words for each (strings.ts). */
export type FailureReason = 'no-endpoints' | 'refused' | 'timeout' | 'no-ping';

export interface DnsAnswer {
  readonly name: string;
  readonly type: string;
  readonly rcode: string;
  readonly answers: readonly string[];
}

export interface Flow {
  /** Increasing with arrival; React's key and the list's order. */
  readonly id: number;
  readonly at: number;
  readonly protocol: 'tcp' | 'udp' | 'icmp';
  /** The client and its port (a DNS answer finds its datagram by it; 0 for a ping). */
  readonly client: Place & { readonly port: number };
  /** What the client asked for: `10.96.0.10:53`, or a pinged address. */
  readonly asked: Place & { readonly port?: number };
  /** `default/web` when a Service's rules chose the endpoint. */
  readonly service?: string;
  /** The nat chains that chose it: KUBE-SERVICES → KUBE-SVC-… → KUBE-SEP-… (the KUBE-MARK-MASQ side trip left out). */
  readonly chains: readonly string[];
  /** Where the packet went (a pod with nothing listening there refuses it); absent when it reached nobody. */
  readonly server?: Place & { readonly port?: number };
  readonly ok: boolean;
  readonly reason?: FailureReason;
  /** CoreDNS's answers to the queries this datagram carried. */
  readonly dns: readonly DnsAnswer[];
}

const byIP = <V extends { ip: string }>(views: ReadonlyMap<string, V>, ip: string): V | undefined => {
  for (const v of views.values()) if (v.ip === ip) return v;
  return undefined;
};

/** Who has `ip`: a pod, a Service's ClusterIP, a node — or nobody we know of. */
export function placeOf(ip: string, dir: Directory): Place {
  for (const node of dir.nodes.values()) if (node.internalIP === ip) return { name: node.name, ip, kind: 'node' };
  for (const service of dir.services.values()) if (service.clusterIP === ip) return { name: `${service.namespace}/${service.name}`, ip, kind: 'service' };
  // A host-network pod has its node's address: that was answered above.
  const pod = byIP(dir.pods, ip);
  if (pod) return { name: `${pod.namespace}/${pod.name}`, ip, kind: 'pod' };
  return { name: ip, ip, kind: 'unknown' };
}

/** A network namespace's name (`master01`, `default/client`, `gateway`) as a place. */
function placeOfNetns(netns: string, ip: string, dir: Directory): Place {
  if (dir.nodes.has(netns) || !netns.includes('/')) return { name: netns, ip, kind: dir.nodes.has(netns) ? 'node' : 'unknown' };
  return { name: netns, ip, kind: 'pod' };
}

/** The Service has no ready endpoint: kube-proxy REJECTs its ClusterIP ("… has no endpoints"). */
function withoutEndpoints(service: string, dir: Directory): boolean {
  const endpoints = dir.endpoints.get(service);
  return !endpoints || !endpoints.addresses.some((a) => a.ready);
}

/** One event as a flow, or a DNS answer to attach to the datagram that carried its query. */
function toFlow(event: TrafficEvent, id: number, dir: Directory): Flow | DnsAnswer & { server: string; clientPort: number; clientIP: string } {
  if (event.kind === 'dns') {
    return { name: event.name, type: event.type, rcode: event.rcode, answers: event.answers, server: event.server, clientPort: event.client.port, clientIP: event.client.ip };
  }
  if (event.kind === 'echo') {
    const asked = placeOf(event.to, dir);
    return {
      id,
      at: event.at,
      protocol: 'icmp',
      client: { ...placeOfNetns(event.from.netns, event.from.ip, dir), port: 0 },
      asked,
      chains: [],
      ...(event.replied ? { server: asked } : {}),
      ok: event.replied,
      ...(event.replied ? {} : { reason: asked.kind === 'service' ? 'no-ping' : 'timeout' }),
      dns: [],
    };
  }
  const asked = { ...placeOf(event.to.ip, dir), port: event.to.port };
  const server = event.endpoint && { ...placeOfNetns(event.endpoint.netns, event.endpoint.ip, dir), port: event.endpoint.port };
  const ok = event.outcome === 'delivered';
  const reason: FailureReason | undefined = ok
    ? undefined
    : event.outcome === 'timeout'
      ? 'timeout'
      : asked.kind === 'service' && withoutEndpoints(asked.name, dir)
        ? 'no-endpoints'
        : 'refused';
  return {
    id,
    at: event.at,
    protocol: event.protocol,
    client: { ...placeOfNetns(event.from.netns, event.from.ip, dir), port: event.from.port },
    asked,
    ...(event.service ? { service: event.service } : asked.kind === 'service' ? { service: asked.name } : {}),
    chains: (event.chains ?? []).filter((c) => !c.startsWith('KUBE-MARK-')),
    ...(server ? { server } : {}),
    ok,
    ...(reason ? { reason } : {}),
    dns: [],
  };
}

/**
 * The kept flows after a batch of events: each connection and ping a new flow (newest last, at
 * most KEEP_FLOWS), each DNS answer attached to the datagram that carried its query (same CoreDNS
 * pod, same client port).
 */
export function addEvents(flows: readonly Flow[], events: readonly TrafficEvent[], firstId: number, dir: Directory): Flow[] {
  const next = [...flows];
  let id = firstId;
  for (const event of events) {
    const item = toFlow(event, id, dir);
    if ('id' in item) {
      next.push(item);
      id++;
      continue;
    }
    const { server, clientPort, clientIP, ...answer } = item;
    const carrier = findLast(next, (f) => f.protocol === 'udp' && f.server?.name === server && f.client.port === clientPort);
    if (carrier) next[next.indexOf(carrier)] = { ...carrier, dns: [...carrier.dns, answer] };
    else {
      // A query whose datagram was not seen (sent before the diagram opened, or over the cap).
      const pod = placeOfNetns(server, dir.pods.get(server)?.ip ?? '', dir);
      next.push({ id: id++, at: event.at, protocol: 'udp', client: { ...placeOf(clientIP, dir), port: clientPort }, asked: { ...pod, port: 53 }, chains: [], server: { ...pod, port: 53 }, ok: true, dns: [answer] });
    }
  }
  return next.slice(-KEEP_FLOWS);
}

function findLast<T>(items: readonly T[], test: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i]!)) return items[i];
  return undefined;
}

/** How many of the kept flows each endpoint of `service` took: repeated curls spread over them. */
export function hitsByEndpoint(flows: readonly Flow[], service: string): Map<string, number> {
  const hits = new Map<string, number>();
  for (const f of flows) if (f.service === service && f.server) hits.set(f.server.name, (hits.get(f.server.name) ?? 0) + 1);
  return hits;
}

const at = (place: Place & { readonly port?: number }): string => (place.port ? `${place.ip}:${place.port}` : place.ip);

/** A flow as one line of the recent list: who → what was asked → who answered. */
export function describeFlow(flow: Flow): string {
  const asked = flow.asked.kind === 'service' ? `${flow.asked.name} ${at(flow.asked)}` : at(flow.asked);
  const parts = [flow.client.name, asked];
  if (flow.server && flow.server.name !== flow.asked.name) parts.push(`${flow.server.name} ${at(flow.server)}`);
  else if (flow.server && flow.asked.kind !== 'service') parts[1] = `${flow.server.name} ${asked}`;
  return parts.join(' → ');
}

/** A DNS answer as the list shows it: `A nginx.default.svc.cluster.local. → 10.96.0.12`. */
export function describeAnswer(answer: DnsAnswer): string {
  const result = answer.rcode !== 'NOERROR' ? answer.rcode : answer.answers.join(', ');
  return `${answer.type} ${answer.name} → ${result}`;
}
