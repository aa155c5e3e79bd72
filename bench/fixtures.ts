// Clusters the benchmarks measure, built through the public engine API like any other client.
import type { Deployment } from 'kubernetes-types/apps/v1';
import { Cluster } from '../src/engine/cluster/cluster';
import { resourceFor } from '../src/engine/api/resources';

export const DEPLOYMENTS = resourceFor('apps', 'deployments')!;
export const PODS = resourceFor('', 'pods')!;

export function deployment(name: string, replicas: number, image = 'nginx:1.25'): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image }] } },
    },
  };
}

export function availableReplicas(cluster: Cluster, name: string): number {
  const got = cluster.client().get<Deployment>(DEPLOYMENTS, 'default', name);
  return got.ok ? (got.value.status?.availableReplicas ?? 0) : 0;
}

/**
 * Creates a Deployment and runs simulated time until all its replicas are available. It learns
 * that from a watch, as kubectl rollout status does, rather than polling after every event.
 */
export function rollOut(cluster: Cluster, name: string, replicas: number): void {
  const client = cluster.client();
  let available = 0;
  const watch = client.watch<Deployment>(DEPLOYMENTS, { namespace: 'default', fieldSelector: `metadata.name=${name}` }, (e) => {
    available = e.object.status?.availableReplicas ?? 0;
  });
  if (!watch.ok) throw new Error(watch.status.message);
  const created = client.create(DEPLOYMENTS, deployment(name, replicas));
  if (!created.ok) throw new Error(created.status.message);
  const done = cluster.clock.runUntil(() => available === replicas, 3_600_000);
  watch.value.stop();
  if (!done) throw new Error(`${name}: only ${availableReplicas(cluster, name)}/${replicas} available`);
}
