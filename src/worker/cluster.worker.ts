/**
 * The Web Worker that hosts the simulated cluster. It owns the pace of simulated time (the engine
 * itself never reads the wall clock) and posts what changed to the page.
 */
import { Cluster } from '../engine/cluster/cluster';
import { resourceFor } from '../engine/api/resources';
import { loadSchemaDocs, provideSchemaDocs } from '../engine/api/schema';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { Client } from '../engine/client/types';
import type { FromWorker, NodeSummary, PodSummary, ToWorker } from './protocol';

interface WorkerScope {
  postMessage(message: FromWorker): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
}
const scope = self as unknown as WorkerScope;

const TICK_MS = 100;
let cluster: Cluster | undefined;
let client: Client | undefined;
let lastSummary = '';

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'start' && !cluster) {
    try {
      cluster = Cluster.create({ seed: message.seed, workers: message.workers, epochMs: message.epochMs });
      client = cluster.client('kubeplay-ui');
      // kubectl explain's descriptions: a chunk of their own, fetched in the background.
      const docs = provideSchemaDocs(cluster.kernel);
      void loadSchemaDocs().then((d) => docs.supply(d));
      scope.postMessage({ type: 'ready', simTimeMs: cluster.clock.now() });
      publish();
      setInterval(tick, TICK_MS);
    } catch (error) {
      scope.postMessage({ type: 'error', message: String(error) });
    }
  }
};

function tick(): void {
  if (!cluster) return;
  cluster.clock.advance(TICK_MS);
  publish();
}

function publish(): void {
  if (!cluster || !client) return;
  const nodes = client.list<Node>(resourceFor('', 'nodes')!);
  const pods = client.list<Pod>(resourceFor('', 'pods')!);
  if (!nodes.ok || !pods.ok) return;
  const summaries: NodeSummary[] = nodes.value.items.map((n) => ({
    name: n.metadata?.name ?? '',
    status: n.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True' ? 'Ready' : 'NotReady',
    roles: Object.keys(n.metadata?.labels ?? {}).filter((l) => l.startsWith('node-role.kubernetes.io/')).map((l) => l.split('/')[1]).join(',') || '<none>',
    internalIP: n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '',
    pods: [],
  }));
  const byNode = new Map(summaries.map((s) => [s.name, s]));
  const pending: PodSummary[] = [];
  for (const p of pods.value.items) {
    const summary = { namespace: p.metadata?.namespace ?? '', name: p.metadata?.name ?? '', phase: p.status?.phase ?? 'Pending', ip: p.status?.podIP ?? '' };
    const node = byNode.get(p.spec?.nodeName ?? '');
    if (node) node.pods.push(summary);
    else pending.push(summary);
  }
  const text = JSON.stringify([summaries, pending]);
  if (text === lastSummary) return;
  lastSummary = text;
  scope.postMessage({ type: 'summary', simTimeMs: cluster.clock.now(), nodes: summaries, pending });
}
