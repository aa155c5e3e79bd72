/**
 * What kube-proxy reads from the API, reduced to what its rules need: one entry per Service port
 * (ClusterIP, port, NodePort, affinity) and, per Service port, the endpoints the EndpointSlices
 * list for it. Both are keyed the same way — namespace, Service, port name and protocol — which is
 * how a slice's `ports[].name` finds the Service port it serves, whether a controller wrote the
 * slice or a learner did by hand (Services without a selector).
 */
import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { servicePortNameText, type ServicePortName } from './chain-names';

/** kube-proxy proxies TCP and UDP here (SCTP ports are skipped). */
export type ProxyProtocol = 'tcp' | 'udp';

export interface ServicePortInfo {
  readonly name: ServicePortName;
  /** `default/nginx`, `kube-system/kube-dns:dns`: what the rule comments say. */
  readonly nameText: string;
  readonly protocol: ProxyProtocol;
  readonly clusterIP: string;
  readonly port: number;
  /** 0 when the Service has none (type ClusterIP). */
  readonly nodePort: number;
  readonly externalIPs: readonly string[];
  /** sessionAffinity ClientIP: how long (s) a client sticks to its endpoint; undefined for None. */
  readonly stickySeconds?: number;
}

export interface EndpointInfo {
  readonly ip: string;
  readonly port: number;
  /** `10.244.1.5:80`: what KUBE-SEP names are hashed from and comments show. */
  readonly text: string;
  readonly ready: boolean;
  readonly serving: boolean;
  readonly terminating: boolean;
}

/** The default sessionAffinityConfig.clientIP.timeoutSeconds (3 hours). */
export const DEFAULT_STICKY_SECONDS = 10800;

const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
/** Services (and their slices) labelled with this are for another proxy, not kube-proxy. */
const LABEL_SERVICE_PROXY_NAME = 'service.kubernetes.io/service-proxy-name';

const portKey = (namespace: string, service: string, port: string, protocol: string): string =>
  `${namespace}/${service}:${port}/${protocol.toLowerCase()}`;

export const servicePortKey = (sp: ServicePortInfo): string => portKey(sp.name.namespace, sp.name.name, sp.name.port, sp.protocol);

const proxied = (protocol: string): protocol is ProxyProtocol => protocol === 'tcp' || protocol === 'udp';

/**
 * The Service ports kube-proxy programs, ordered by name (upstream walks a Go map, so a real
 * node's order varies from sync to sync; a fixed one keeps dumps stable). Headless Services
 * (`clusterIP: None`) and ExternalName ones have no virtual IP: DNS answers for them, not iptables.
 * Not modelled: `externalTrafficPolicy`/`internalTrafficPolicy: Local` (proxied as Cluster) and
 * load balancers (no cloud here: nothing ever fills a Service's `status.loadBalancer`).
 */
export function servicePorts(services: readonly Service[]): ServicePortInfo[] {
  const out: ServicePortInfo[] = [];
  for (const service of services) {
    const spec = service.spec;
    const clusterIP = spec?.clusterIP;
    if (!spec || !clusterIP || clusterIP === 'None' || spec.type === 'ExternalName') continue;
    if (service.metadata?.labels?.[LABEL_SERVICE_PROXY_NAME] !== undefined) continue;
    const stickySeconds = spec.sessionAffinity === 'ClientIP' ? (spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_STICKY_SECONDS) : undefined;
    for (const port of spec.ports ?? []) {
      const protocol = (port.protocol ?? 'TCP').toLowerCase();
      if (!proxied(protocol)) continue;
      const name = { namespace: service.metadata?.namespace ?? 'default', name: service.metadata?.name ?? '', port: port.name ?? '' };
      out.push({
        name,
        nameText: servicePortNameText(name),
        protocol,
        clusterIP,
        port: port.port,
        nodePort: port.nodePort ?? 0,
        externalIPs: spec.externalIPs ?? [],
        ...(stickySeconds !== undefined ? { stickySeconds } : {}),
      });
    }
  }
  return out.sort((a, b) => compareText(a.nameText, b.nameText) || compareText(a.protocol, b.protocol));
}

/**
 * Endpoints per Service port (keyed as `servicePortKey`), each list sorted by `ip:port` text as
 * upstream sorts it. An address listed twice (a pod moving between slices, or a reused IP) counts
 * once, the non-terminating entry winning. Unset conditions mean ready/serving, not terminating.
 */
export function endpointsByServicePort(slices: readonly EndpointSlice[]): Map<string, EndpointInfo[]> {
  const byKey = new Map<string, Map<string, EndpointInfo>>();
  for (const slice of slices) {
    const service = slice.metadata?.labels?.[LABEL_SERVICE_NAME];
    if (!service || slice.addressType !== 'IPv4') continue;
    if (slice.metadata?.labels?.[LABEL_SERVICE_PROXY_NAME] !== undefined) continue;
    for (const port of slice.ports ?? []) {
      if (!port.port) continue;
      const key = portKey(slice.metadata?.namespace ?? 'default', service, port.name ?? '', port.protocol ?? 'TCP');
      let set = byKey.get(key);
      if (!set) byKey.set(key, (set = new Map()));
      for (const endpoint of slice.endpoints ?? []) {
        const ip = endpoint.addresses[0];
        if (!ip) continue;
        const ready = endpoint.conditions?.ready ?? true;
        const info: EndpointInfo = {
          ip,
          port: port.port,
          text: `${ip}:${port.port}`,
          ready,
          serving: endpoint.conditions?.serving ?? true,
          terminating: endpoint.conditions?.terminating ?? false,
        };
        if (!set.has(info.text) || !info.terminating) set.set(info.text, info);
      }
    }
  }
  const out = new Map<string, EndpointInfo[]>();
  for (const [key, set] of byKey) out.set(key, [...set.values()].sort((a, b) => compareText(a.text, b.text)));
  return out;
}

/**
 * The endpoints that receive a Service port's traffic: the ready ones; when none is ready, those
 * still serving while they terminate (1.26+), so a rollout's last old pod keeps answering.
 */
export function usableEndpoints(endpoints: readonly EndpointInfo[]): EndpointInfo[] {
  const ready = endpoints.filter((e) => e.ready);
  return ready.length > 0 ? ready : endpoints.filter((e) => e.serving && e.terminating);
}

/** Go's string order (by UTF-16 code unit here, the same for the ASCII names and addresses used). */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
