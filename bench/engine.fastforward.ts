// engine.fastforward.1h.50pods: one simulated hour of 50 nginx pods, each with a liveness and a
// readiness probe every 3 s — 2,400 probe requests a minute through kubelets, the kernel, nginx
// and the status manager. This is what the playground's "fast-forward" asks of the engine.
import type { Pod } from 'kubernetes-types/core/v1';
import { Cluster } from '../src/engine/cluster/cluster';
import type { BenchCase } from './harness';
import { bestWallMs, round } from './harness';
import { PODS } from './fixtures';

const HOUR_MS = 3_600_000;

function probedPod(i: number): Pod {
  const probe = { httpGet: { path: '/', port: 80 }, periodSeconds: 3 };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `web-${i}`, namespace: 'default', labels: { app: 'web' } },
    spec: {
      containers: [{ name: 'web', image: 'nginx:1.25', ports: [{ containerPort: 80 }], livenessProbe: probe, readinessProbe: probe }],
    },
  };
}

function pods(cluster: Cluster): readonly Pod[] {
  const list = cluster.client().list<Pod>(PODS, { namespace: 'default' });
  return list.ok ? list.value.items : [];
}

const runningReady = (cluster: Cluster): number =>
  pods(cluster).filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length;

const restarts = (cluster: Cluster): number =>
  pods(cluster).reduce((n, p) => n + (p.status?.containerStatuses ?? []).reduce((m, c) => m + c.restartCount, 0), 0);

function readyCluster(seed: number): Cluster {
  const cluster = Cluster.create({ seed });
  const client = cluster.client();
  for (let p = 0; p < 50; p++) {
    const created = client.create(PODS, probedPod(p));
    if (!created.ok) throw new Error(created.status.message);
  }
  if (!cluster.clock.runUntil(() => runningReady(cluster) === 50, 600_000)) throw new Error('pods did not become ready');
  return cluster;
}

export const fastForward1h50Pods: BenchCase = {
  name: 'engine.fastforward.1h.50pods',
  unit: 'ms',
  budget: { max: 1000 },
  measure() {
    let seed = 1;
    let cluster: Cluster | undefined;
    const best = bestWallMs(
      3,
      () => {
        cluster!.clock.advance(HOUR_MS);
        // The hour must have been healthy: every pod still ready, none restarted.
        if (runningReady(cluster!) !== 50 || restarts(cluster!) !== 0) throw new Error('pods were not healthy all hour');
      },
      () => {
        cluster = undefined;
        // The previous hour's cluster is garbage: collect it now rather than inside the next timing.
        (globalThis as { gc?: () => void }).gc?.();
        cluster = readyCluster(seed++);
      },
    );
    return round(best);
  },
};
