/**
 * Computing an Endpoints object's `subsets` from a Service and its pods.
 *
 * Each (pod, service port) pair yields one address on one port; ready pods go to `addresses`,
 * the rest to `notReadyAddresses` (unless the Service sets `publishNotReadyAddresses`, in which
 * case every pod counts as ready). Then the pairs are *repacked* so that each subset is "these
 * addresses × these ports". A Service with ports 80 and 443 whose pods all declare both has one
 * subset; if pod B lacks the named port `https`, the result is {A, B} × [80] and {A} × [443].
 */
import type { EndpointAddress, EndpointPort, EndpointSubset, Pod, Service } from 'kubernetes-types/core/v1';
import { compareIPs, findPort, hostnameFor, isPodReady, podIP, shouldPodBeInEndpoints } from './pods';

export function endpointAddress(pod: Pod, service: Service): EndpointAddress {
  const address: EndpointAddress = { ip: podIP(pod)! };
  const hostname = hostnameFor(pod, service);
  if (hostname) address.hostname = hostname;
  if (pod.spec?.nodeName) address.nodeName = pod.spec.nodeName;
  address.targetRef = { kind: 'Pod', namespace: pod.metadata?.namespace, name: pod.metadata?.name, uid: pod.metadata?.uid };
  return address;
}

/** The endpoint ports this pod serves for the Service, in Service port order. */
export function endpointPorts(pod: Pod, service: Service): EndpointPort[] {
  const ports: EndpointPort[] = [];
  for (const sp of service.spec?.ports ?? []) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    const ep: EndpointPort = { port, protocol: sp.protocol ?? 'TCP' };
    if (sp.name) ep.name = sp.name;
    if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
    ports.push(ep);
  }
  return ports;
}

const portKey = (p: EndpointPort): string => `${p.name ?? ''}\u0000${p.port}\u0000${p.protocol ?? 'TCP'}\u0000${p.appProtocol ?? ''}`;
const addressKey = (a: EndpointAddress): string => `${a.ip}\u0000${a.targetRef?.uid ?? ''}`;

const compareAddresses = (a: EndpointAddress, b: EndpointAddress): number =>
  compareIPs(a.ip, b.ip) || (addressKey(a) < addressKey(b) ? -1 : addressKey(a) > addressKey(b) ? 1 : 0);
const comparePorts = (a: EndpointPort, b: EndpointPort): number =>
  (a.name ?? '').localeCompare(b.name ?? '') || a.port - b.port || (a.protocol ?? '').localeCompare(b.protocol ?? '');

interface Offer {
  address: EndpointAddress;
  ready: boolean;
  ports: EndpointPort[];
}

/**
 * RepackSubsets: first, for every distinct endpoint port, collect the set of addresses offering
 * it; then ports whose address sets are identical share one subset. In the common case — every pod
 * serves every port — that is a single subset with all addresses and all ports. Addresses are
 * sorted by IP and ports by name, so the same pods always produce the same object and an unchanged
 * cluster compares equal: no spurious writes.
 */
export function repack(offers: readonly Offer[]): EndpointSubset[] {
  // port key -> (address key -> offer)
  const byPort = new Map<string, { port: EndpointPort | undefined; addresses: Map<string, Offer> }>();
  for (const offer of offers) {
    // An address-only offer (headless Service without ports) uses a sentinel "no port".
    const ports: Array<EndpointPort | undefined> = offer.ports.length > 0 ? offer.ports : [undefined];
    for (const port of ports) {
      const key = port ? portKey(port) : '';
      let entry = byPort.get(key);
      if (!entry) byPort.set(key, (entry = { port, addresses: new Map() }));
      entry.addresses.set(addressKey(offer.address), offer);
    }
  }
  // address-set key -> ports offered by exactly that set
  const bySet = new Map<string, { offers: Offer[]; ports: EndpointPort[] }>();
  for (const { port, addresses } of byPort.values()) {
    const members = [...addresses.values()].sort((a, b) => compareAddresses(a.address, b.address));
    const key = members.map((o) => `${addressKey(o.address)}\u0000${o.ready}`).join('\u0001');
    let group = bySet.get(key);
    if (!group) bySet.set(key, (group = { offers: members, ports: [] }));
    if (port) group.ports.push(port);
  }
  const subsets: EndpointSubset[] = [];
  for (const group of bySet.values()) {
    const subset: EndpointSubset = {};
    const ready = group.offers.filter((o) => o.ready).map((o) => o.address);
    const notReady = group.offers.filter((o) => !o.ready).map((o) => o.address);
    if (ready.length > 0) subset.addresses = ready;
    if (notReady.length > 0) subset.notReadyAddresses = notReady;
    if (group.ports.length > 0) subset.ports = group.ports.sort(comparePorts);
    subsets.push(subset);
  }
  // Subsets in a stable order: by their first address, then their first port.
  const first = (s: EndpointSubset): EndpointAddress => (s.addresses ?? s.notReadyAddresses)![0]!;
  return subsets.sort(
    (a, b) =>
      compareAddresses(first(a), first(b)) ||
      (a.ports?.[0] && b.ports?.[0] ? comparePorts(a.ports[0], b.ports[0]) : (a.ports?.length ?? 0) - (b.ports?.length ?? 0)),
  );
}

/**
 * The full `subsets` for a selector Service. Pods that are terminating are dropped (unless
 * `publishNotReadyAddresses`); a Service with no ports gets address-only subsets only when
 * headless (`clusterIP: None`).
 */
export function computeSubsets(service: Service, pods: readonly Pod[]): EndpointSubset[] {
  const publishNotReady = service.spec?.publishNotReadyAddresses ?? false;
  const headless = service.spec?.clusterIP === 'None';
  const hasPorts = (service.spec?.ports ?? []).length > 0;
  const offers: Offer[] = [];
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
    const ready = publishNotReady || isPodReady(pod);
    const address = endpointAddress(pod, service);
    if (!hasPorts) {
      if (headless) offers.push({ address, ready, ports: [] });
      continue;
    }
    // Each service port is offered separately; repacking merges them back into port sets.
    const ports = endpointPorts(pod, service);
    if (ports.length > 0) offers.push({ address, ready, ports });
  }
  return repack(offers);
}

/** Total addresses (ready + not ready) in a list of subsets. */
export const countAddresses = (subsets: readonly EndpointSubset[]): number =>
  subsets.reduce((n, s) => n + (s.addresses?.length ?? 0) + (s.notReadyAddresses?.length ?? 0), 0);
