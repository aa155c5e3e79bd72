/** Which Services select a pod — both controllers re-sync those when the pod changes. */
import type { Pod, Service } from 'kubernetes-types/core/v1';
import { sameCanonicalJson } from '../../sim/names';
import type { Informer } from '../../client/types';

export function selects(service: Service, labels: Readonly<Record<string, string>> | undefined): boolean {
  const selector = service.spec?.selector;
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

/** Keys (`ns/name`) of the selector Services in the pod's namespace that select it, before or after a change. */
export function servicesFor(services: Informer<Service>, pods: ReadonlyArray<Pod | undefined>): string[] {
  const keys = new Set<string>();
  for (const pod of pods) {
    if (!pod) continue;
    const ns = pod.metadata?.namespace;
    for (const svc of services.list(ns)) {
      if (selects(svc, pod.metadata?.labels)) keys.add(`${ns}/${svc.metadata!.name}`);
    }
  }
  return [...keys];
}

/**
 * The parts of a pod an endpoint is made of. A pod update that changes none of them — a new
 * annotation, a restart count — cannot change any Endpoints, so it triggers no sync.
 */
export function endpointRelevant(pod: Pod): Record<string, unknown> {
  return {
    labels: pod.metadata?.labels,
    deleting: !!pod.metadata?.deletionTimestamp,
    ips: pod.status?.podIPs ?? pod.status?.podIP,
    phase: pod.status?.phase,
    ready: pod.status?.conditions?.find((c) => c.type === 'Ready'),
    node: pod.spec?.nodeName,
    hostname: pod.spec?.hostname,
    subdomain: pod.spec?.subdomain,
    ports: pod.spec?.containers?.map((c) => c.ports),
  };
}

/** Whether a pod update touched anything an endpoint is made of (unchanged parts are shared, so mostly identity checks). */
export const endpointRelevantChange = (old: Pod, pod: Pod): boolean => !sameCanonicalJson(endpointRelevant(old), endpointRelevant(pod));
