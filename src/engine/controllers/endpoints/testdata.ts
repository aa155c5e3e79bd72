/** Small builders for the endpoint tests (pods and services as the apiserver would store them). */
import type { ContainerPort, Pod, Service, ServicePort } from 'kubernetes-types/core/v1';

export function pod(
  name: string,
  ip: string | undefined,
  options: { ready?: boolean; ports?: ContainerPort[]; node?: string; terminating?: boolean; phase?: string; labels?: Record<string, string> } = {},
): Pod {
  const ready = options.ready ?? true;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      labels: options.labels ?? { app: 'web' },
      deletionTimestamp: options.terminating ? '2026-01-05T09:00:00Z' : undefined,
    },
    spec: { nodeName: options.node ?? 'worker01', containers: [{ name: 'c', image: 'nginx', ports: options.ports }] },
    status: {
      phase: options.phase ?? 'Running',
      podIP: ip,
      podIPs: ip ? [{ ip }] : undefined,
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
    },
  };
}

export function service(name: string, ports: ServicePort[], extra: Partial<Service['spec']> = {}): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default', uid: `uid-svc-${name}` },
    spec: { selector: { app: 'web' }, clusterIP: '10.96.100.1', ports, ...extra },
  };
}
