/**
 * Which pods back a Service, and on which port — the rules the Endpoints and EndpointSlice
 * controllers share.
 */
import type { Pod, ServicePort } from 'kubernetes-types/core/v1';

/** A pod is ready when its Ready condition is True (readiness probes and gates decide that). */
export function isPodReady(pod: Pod): boolean {
  // A plain loop: controllers ask this for every pod on every sync.
  for (const c of pod.status?.conditions ?? []) if (c.type === 'Ready' && c.status === 'True') return true;
  return false;
}

export const isPodTerminal = (pod: Pod): boolean => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

export const podIP = (pod: Pod): string | undefined => pod.status?.podIPs?.[0]?.ip ?? (pod.status?.podIP || undefined);

/**
 * Should this pod appear at all? Not once it has finished (Succeeded/Failed), not before it has an
 * IP, and — unless terminating endpoints are wanted — not once it is being deleted.
 */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  if (isPodTerminal(pod)) return false;
  if (!podIP(pod)) return false;
  if (!includeTerminating && pod.metadata?.deletionTimestamp) return false;
  return true;
}

/**
 * The container port a Service port sends traffic to (FindPort). A numeric targetPort is used as
 * is — the pod need not declare it. A named targetPort (`targetPort: http`) is looked up among the
 * pod's declared container ports with the same protocol; a pod without such a port gets no
 * endpoint for this Service port, so different pods may serve "http" on different numbers.
 * An absent targetPort defaults to the Service port (the apiserver normally fills it in).
 */
export function findPort(pod: Pod, servicePort: ServicePort): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  const protocol = servicePort.protocol ?? 'TCP';
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  for (const container of pod.spec?.containers ?? []) {
    for (const port of container.ports ?? []) {
      if (port.name === target && (port.protocol ?? 'TCP') === protocol) return port.containerPort;
    }
  }
  // Sidecars (init containers with restartPolicy Always) may serve named ports too.
  for (const container of pod.spec?.initContainers ?? []) {
    if (container.restartPolicy !== 'Always') continue;
    for (const port of container.ports ?? []) {
      if (port.name === target && (port.protocol ?? 'TCP') === protocol) return port.containerPort;
    }
  }
  return undefined;
}

/** A pod that set `hostname` and `subdomain: <service>` gets a DNS name under a headless Service. */
export function hostnameFor(pod: Pod, service: { metadata?: { name?: string; namespace?: string } }): string | undefined {
  const hostname = pod.spec?.hostname;
  if (!hostname) return undefined;
  if (pod.spec?.subdomain !== service.metadata?.name || pod.metadata?.namespace !== service.metadata?.namespace) return undefined;
  return hostname;
}

/** Orders IPv4 addresses numerically (10.244.1.10 after 10.244.1.9). */
export function compareIPs(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0 && !Number.isNaN(d)) return d;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
