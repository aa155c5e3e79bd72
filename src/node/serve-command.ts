/**
 * `kubeplay serve`: a fresh simulated cluster whose apiserver listens on HTTP, so a real kubectl can
 * be pointed at it:
 *
 *   npx kubeplay serve --port 6443 --kubeconfig-out /tmp/kubeplay.kubeconfig
 *   kubectl --kubeconfig /tmp/kubeplay.kubeconfig get pods -A
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Cluster } from '../engine/cluster/cluster';
import { kubeconfigYaml } from './kubeconfig';
import { startServe } from './start-serve';

export const SERVE_USAGE = `Usage: kubeplay serve [--port 6443] [--host 127.0.0.1] [--seed 1] [--workers 2] [--speed 1]
                      [--kubeconfig-out FILE] [--verbose]`;

/** How long the cluster has "been up" when serving starts (its kube-system pods' AGE). */
const UPTIME_MS = 5 * 60_000;

function numberOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number, got ${JSON.stringify(value)}`);
  return n;
}

export async function serveCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      workers: { type: 'string' },
      speed: { type: 'string' },
      'kubeconfig-out': { type: 'string' },
      verbose: { type: 'boolean', short: 'v' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(SERVE_USAGE);
    return;
  }
  const port = numberOption(values.port, 'port', 6443);
  const seed = numberOption(values.seed, 'seed', 1);
  const workers = numberOption(values.workers, 'workers', 2);
  const speed = numberOption(values.speed, 'speed', 1);
  const host = values.host ?? '127.0.0.1';

  // Simulated "now" lines up with the wall clock, so ages kubectl computes itself (describe) agree
  // with the ones the server prints.
  // Whole seconds: metadata timestamps have second precision and the engine expects an epoch on one.
  const epochMs = Math.floor((Date.now() - UPTIME_MS) / 1000) * 1000;
  const cluster = Cluster.create({ seed, workers, epochMs, settleMs: UPTIME_MS });
  const serving = await startServe({
    cluster,
    host,
    port,
    speed,
    log: values.verbose ? (line) => console.error(line) : (line) => (line.includes('failed') ? console.error(line) : undefined),
  });

  console.log(`kubeplay: simulated Kubernetes apiserver at ${serving.url} (seed ${seed}, ${workers} workers, speed ${speed}x)`);
  const out = values['kubeconfig-out'];
  if (out) {
    writeFileSync(out, kubeconfigYaml({ server: serving.url }));
    console.log(`kubeconfig written to ${out}; try:\n  kubectl --kubeconfig ${out} get pods -A`);
  } else {
    console.log(`try:\n  kubectl --server ${serving.url} get pods -A`);
  }
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
    console.log(`warning: listening on ${host}: anyone who can reach it can change the simulated cluster (there is no authentication)`);
  }

  const stop = (): void => {
    void serving.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

