/**
 * Messages between the page and the worker that runs the cluster. The page never holds the cluster,
 * only a projection of it; the worker sends summaries when something changed.
 */

export interface NodeSummary {
  name: string;
  status: string;
  roles: string;
  internalIP: string;
  pods: PodSummary[];
}

export interface PodSummary {
  namespace: string;
  name: string;
  phase: string;
  ip: string;
}

export type ToWorker = { type: 'start'; seed: number; workers: number; epochMs: number };

export type FromWorker =
  | { type: 'ready'; simTimeMs: number }
  | { type: 'summary'; simTimeMs: number; nodes: NodeSummary[]; pending: PodSummary[] }
  | { type: 'error'; message: string };
