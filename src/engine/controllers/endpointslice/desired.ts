/** The endpoints a Service should have, grouped by the port set each pod serves. */
import type { Pod, Service } from 'kubernetes-types/core/v1';
import { shouldPodBeInEndpoints } from '../endpoints/pods';
import { endpointSlicePorts, podToEndpoint, portSetKey } from './endpoints';
import type { PortGroup } from './reconcile';

export function desiredEndpoints(service: Service, pods: readonly Pod[], zoneOf: (node: string) => string | undefined = () => undefined): Map<string, PortGroup> {
  const groups = new Map<string, PortGroup>();
  for (const pod of pods) {
    // Slices keep terminating pods (with terminating: true) so proxies can drain them.
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ports = endpointSlicePorts(pod, service);
    const key = portSetKey(ports);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { ports, endpoints: [] }));
    group.endpoints.push(podToEndpoint(pod, service, pod.spec?.nodeName ? zoneOf(pod.spec.nodeName) : undefined));
  }
  return groups;
}
