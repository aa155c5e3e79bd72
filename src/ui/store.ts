/**
 * The page's projection of the cluster: fed only by worker messages, read by components through
 * narrow selectors. The cluster itself lives in the worker.
 */
import { create } from 'zustand';
import type { FromWorker, NodeSummary, PodSummary } from '../worker/protocol';

interface ClusterView {
  status: 'starting' | 'running' | 'failed';
  error?: string;
  simTimeMs: number;
  nodes: NodeSummary[];
  pending: PodSummary[];
  apply(message: FromWorker): void;
}

export const useCluster = create<ClusterView>((set) => ({
  status: 'starting',
  simTimeMs: 0,
  nodes: [],
  pending: [],
  apply(message) {
    if (message.type === 'ready') set({ status: 'running', simTimeMs: message.simTimeMs });
    if (message.type === 'summary') set({ simTimeMs: message.simTimeMs, nodes: message.nodes, pending: message.pending });
    if (message.type === 'error') set({ status: 'failed', error: message.message });
  },
}));

let started = false;

/** Starts the worker once; later issues add the terminal, editor and diagrams on top. */
export function startCluster(): void {
  if (started) return;
  started = true;
  const worker = new Worker(new URL('../worker/cluster.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<FromWorker>) => useCluster.getState().apply(event.data);
  worker.postMessage({ type: 'start', seed: 1, workers: 2, epochMs: Date.now() });
}
