/**
 * What a hand-written Endpoints object looks like as EndpointSlices: one group of endpoints per
 * (address type, port set). The subsets are first repacked into canonical form, exactly as the
 * Endpoints controller packs its own, so the same address listed in two subsets, or one port set
 * split over several subsets, still yields one slice per port set.
 *
 * Each address becomes an endpoint with `ready: true` (from `addresses`) or `ready: false` (from
 * `notReadyAddresses`), keeping its hostname, nodeName and targetRef. At most
 * `maxEndpointsPerSubset` (1000) addresses of a subset are mirrored; addresses that are not IPs
 * are skipped. Both are counted, so the controller can say so in an event.
 */
import type { EndpointAddress, EndpointPort as CoreEndpointPort, Endpoints } from 'kubernetes-types/core/v1';
import type { Endpoint, EndpointPort } from 'kubernetes-types/discovery/v1';
import { ipv4ToNumber, isValidIP, numberToIpv4 } from '../../api/strategy/service-alloc';
import { repack } from '../endpoints/subsets';
import { portSetKey } from '../endpointslice/endpoints';

/** A subset holds at most this many addresses for mirroring (`--mirroring-max-endpoints-per-subset`). */
export const MAX_ENDPOINTS_PER_SUBSET = 1000;

export type AddressType = 'IPv4' | 'IPv6';

export interface MirrorGroup {
  addressType: AddressType;
  ports: EndpointPort[];
  endpoints: Endpoint[];
}

export interface DesiredMirror {
  /** `<address type>/<port set key>` → the endpoints that belong in that slice. */
  groups: Map<string, MirrorGroup>;
  /** Addresses that are not IPs (they stay out of the slices). */
  invalid: number;
  /** Addresses left out for any reason: invalid ones plus those beyond the per-subset maximum. */
  skipped: number;
}

export const groupKey = (addressType: string, ports: readonly EndpointPort[] | undefined): string => `${addressType}/${portSetKey(ports)}`;

/** The IP in its canonical spelling and its family, or undefined if it is not an IP at all. */
function parseIP(ip: string): { ip: string; addressType: AddressType } | undefined {
  const v4 = ipv4ToNumber(ip);
  if (v4 !== undefined) return { ip: numberToIpv4(v4), addressType: 'IPv4' };
  if (isValidIP(ip)) return { ip: ip.toLowerCase(), addressType: 'IPv6' };
  return undefined;
}

function toEndpoint(address: EndpointAddress, ip: string, ready: boolean): Endpoint {
  const endpoint: Endpoint = { addresses: [ip], conditions: { ready } };
  if (address.targetRef) endpoint.targetRef = address.targetRef;
  if (address.nodeName) endpoint.nodeName = address.nodeName;
  if (address.hostname) endpoint.hostname = address.hostname;
  return endpoint;
}

/** Slice ports carry the name even when empty; the protocol defaults to TCP as on the Endpoints. */
function toSlicePort(port: CoreEndpointPort): EndpointPort {
  const out: EndpointPort = { name: port.name ?? '', port: port.port, protocol: port.protocol ?? 'TCP' };
  if (port.appProtocol) out.appProtocol = port.appProtocol;
  return out;
}

export function desiredMirror(endpoints: Endpoints, maxEndpointsPerSubset = MAX_ENDPOINTS_PER_SUBSET): DesiredMirror {
  // Not ready wins when an address is listed both ways for a port: offer the ready ones first,
  // so the not-ready listing, coming later, is the one repacking keeps.
  const ready = (endpoints.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((address) => ({ address, ready: true, ports: s.ports ?? [] })));
  const notReady = (endpoints.subsets ?? []).flatMap((s) => (s.notReadyAddresses ?? []).map((address) => ({ address, ready: false, ports: s.ports ?? [] })));
  const groups = new Map<string, MirrorGroup>();
  let invalid = 0;
  let skipped = 0;
  for (const subset of repack([...ready, ...notReady])) {
    const ports = (subset.ports ?? []).map(toSlicePort);
    const listed: Array<[EndpointAddress, boolean]> = [
      ...(subset.addresses ?? []).map((a): [EndpointAddress, boolean] => [a, true]),
      ...(subset.notReadyAddresses ?? []).map((a): [EndpointAddress, boolean] => [a, false]),
    ];
    let added = 0;
    for (const [address, isReady] of listed) {
      if (added >= maxEndpointsPerSubset) break;
      const parsed = parseIP(address.ip);
      if (!parsed) {
        invalid++;
        continue;
      }
      const key = groupKey(parsed.addressType, ports);
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { addressType: parsed.addressType, ports, endpoints: [] }));
      group.endpoints.push(toEndpoint(address, parsed.ip, isReady));
      added++;
    }
    skipped += listed.length - added;
  }
  return { groups, invalid, skipped };
}
