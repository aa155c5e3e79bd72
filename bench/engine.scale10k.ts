// Two figures from one 10,000-pod cluster (100 workers): the engine's heap, and how long the
// apiserver takes to build the Table that `kubectl get pods` prints from.
import { performance } from 'node:perf_hooks';
import { buildTable } from '../src/engine/api/tables';
import { Cluster } from '../src/engine/cluster/cluster';
import type { BenchCase } from './harness';
import { round } from './harness';
import { PODS, rollOut } from './fixtures';

function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc (npm run bench does)');
  for (let i = 0; i < 3; i++) gc();
}

let cluster: Cluster | undefined;
let heapMb = 0;

function tenThousandPods(): Cluster {
  if (cluster) return cluster;
  collect();
  const before = process.memoryUsage().heapUsed;
  cluster = Cluster.create({ workers: 100, seed: 7 });
  rollOut(cluster, 'web', 10_000);
  cluster.clock.runUntilQuiet(60_000);
  collect();
  heapMb = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
  return cluster;
}

export const heap10kPods: BenchCase = {
  name: 'engine.heap.10k_pods_mb',
  unit: 'MB',
  budget: { max: 40 },
  measure() {
    tenThousandPods();
    return round(heapMb);
  },
};

export const podsTable10k: BenchCase = {
  name: 'api.table.pods.10k',
  unit: 'ms',
  budget: { max: 30 },
  measure() {
    const c = tenThousandPods();
    const list = c.client().list(PODS, { namespace: 'default' });
    if (!list.ok) throw new Error(list.status.message);
    const pods = list.value.items;
    if (pods.length < 10_000) throw new Error(`only ${pods.length} pods`);
    let best = Infinity;
    for (let i = 0; i < 20; i++) {
      const start = performance.now();
      buildTable(PODS, pods, { now: c.clock.now(), clock: c.clock });
      const elapsed = performance.now() - start;
      if (i > 0) best = Math.min(best, elapsed);
    }
    return round(best);
  },
};
