/**
 * One EndpointSlice endpoint per pod: its address, where it runs, and three conditions that tell
 * a load balancer what to do with it.
 *
 * - `serving`: the pod's readiness — would it answer right now?
 * - `terminating`: the pod is being deleted.
 * - `ready`: serving *and not* terminating (kept for older consumers, which only knew "ready"),
 *   or always true when the Service sets `publishNotReadyAddresses`.
 *
 * Unlike Endpoints, slices keep terminating pods, so a proxy can drain them gracefully.
 */
import type { Endpoint, EndpointPort } from 'kubernetes-types/discovery/v1';
import type { Pod, Service } from 'kubernetes-types/core/v1';
import { findPort, hostnameFor, isPodReady, podIP } from '../endpoints/pods';

export function podToEndpoint(pod: Pod, service: Service, zone: string | undefined): Endpoint {
  const serving = isPodReady(pod);
  const terminating = pod.metadata?.deletionTimestamp !== undefined && pod.metadata?.deletionTimestamp !== null;
  const ready = (service.spec?.publishNotReadyAddresses ?? false) || (serving && !terminating);
  const endpoint: Endpoint = {
    addresses: [podIP(pod)!],
    conditions: { ready, serving, terminating },
    targetRef: { kind: 'Pod', namespace: pod.metadata?.namespace, name: pod.metadata?.name, uid: pod.metadata?.uid },
  };
  if (pod.spec?.nodeName) endpoint.nodeName = pod.spec.nodeName;
  if (zone) endpoint.zone = zone;
  const hostname = hostnameFor(pod, service);
  if (hostname) endpoint.hostname = hostname;
  return endpoint;
}

/** The slice ports this pod serves: every Service port whose targetPort resolves on the pod. */
export function endpointSlicePorts(pod: Pod, service: Service): EndpointPort[] {
  const ports: EndpointPort[] = [];
  if ((service.spec?.ports ?? []).length === 0 && service.spec?.clusterIP === 'None') return ports;
  for (const sp of service.spec?.ports ?? []) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    const ep: EndpointPort = { name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' };
    if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
    ports.push(ep);
  }
  return ports;
}

/** Identity of a port set, independent of order. */
export function portSetKey(ports: readonly EndpointPort[] | undefined): string {
  return (ports ?? [])
    .map((p) => `${p.name ?? ''}\u0000${p.port ?? ''}\u0000${p.protocol ?? 'TCP'}\u0000${p.appProtocol ?? ''}`)
    .sort()
    .join('\u0001');
}

/** Identity of an endpoint: the pod behind it (or its addresses, for hand-made ones). */
export const endpointKey = (e: Endpoint): string => e.targetRef?.uid ?? e.addresses.join(',');
