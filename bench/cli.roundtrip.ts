// cli.get_pods_roundtrip_ms: in a terminal session on master01 of a cluster with 1,000 pods, the wall
// time from the Enter of `kubectl get pods -A` to the last byte of its output (the next prompt) —
// the shell, kubectl's flag parsing and discovery, the request through the apiserver's Table, and
// the printing, as a learner waits for it. p95 over 20 runs after a warm-up.
import { performance } from 'node:perf_hooks';
import { Cluster } from '../src/engine/cluster/cluster';
import { openSession } from '../src/userland/session';
import type { BenchCase } from './harness';
import { round } from './harness';
import { rollOut } from './fixtures';

const RUNS = 20;

export const getPodsRoundtrip: BenchCase = {
  name: 'cli.get_pods_roundtrip_ms',
  unit: 'ms',
  budget: { max: 20 },
  measure() {
    const cluster = Cluster.create({ workers: 10, seed: 3 });
    rollOut(cluster, 'web', 1000);
    const session = openSession(cluster, { node: 'master01', cols: 200, rows: 50 });
    let output = '';
    session.onOutput((ansi) => (output += ansi));
    const prompted = (): boolean => output.endsWith('# ') && session.waitingForInput;
    cluster.clock.runUntil(prompted, 60_000);
    const times: number[] = [];
    for (let i = 0; i < RUNS + 2; i++) {
      output = '';
      session.type('kubectl get pods -A\r');
      const start = performance.now();
      if (!cluster.clock.runUntil(prompted, 60_000)) throw new Error('kubectl get pods -A did not finish');
      const elapsed = performance.now() - start;
      if (!output.includes('kube-system')) throw new Error(`unexpected output: ${output.slice(0, 200)}`);
      if (i >= 2) times.push(elapsed);
    }
    times.sort((a, b) => a - b);
    return round(times[Math.ceil(times.length * 0.95) - 1]!);
  },
};
