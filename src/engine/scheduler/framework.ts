/**
 * The scheduling framework in miniature. Scheduling a pod is two passes over the nodes:
 *
 * 1. **Filter** — every filter plugin may reject a node, with human-readable reasons. The reasons
 *    are what `kubectl describe pod` shows under FailedScheduling, counted per node.
 * 2. **Score** — the nodes that passed are scored by each score plugin (0–100, times its weight);
 *    the highest total wins, and ties are broken at random (with the seeded rng).
 *
 * A rejection is either *resolvable* (`Unschedulable`: evicting lower-priority pods could make room,
 * e.g. Insufficient cpu) or not (`UnschedulableAndUnresolvable`: a taint, a label, a cordon — no
 * preemption can change it). The distinction shows up in the `preemption:` part of the message.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { NodeInfo } from './nodeinfo';
import type { PodResources } from './resources';

export type RejectionCode = 'Unschedulable' | 'UnschedulableAndUnresolvable';

export interface Rejection {
  code: RejectionCode;
  /** One entry per reason, e.g. `Insufficient cpu`, `node(s) didn't match Pod's node affinity/selector`. */
  reasons: string[];
  plugin: string;
}

/** The pod being scheduled, with its requests computed once rather than per node. */
export interface PodInfo {
  pod: Pod;
  requests: PodResources;
  nonZero: { milliCPU: number; memory: number };
  /** uid of the controller (ReplicaSet, ...) that owns the pod: spreading keeps siblings apart. */
  ownerUid: string | undefined;
}

export interface FilterPlugin {
  readonly name: string;
  /**
   * PreFilter: false when the plugin has nothing to say about this pod (no node affinity, no
   * nodeName, ...) — upstream's "Skip" — so it is not asked about every node.
   */
  preFilter?(pod: PodInfo): boolean;
  /** Undefined when the node fits. */
  filter(pod: PodInfo, node: NodeInfo): Rejection | undefined;
}

export interface ScorePlugin {
  readonly name: string;
  readonly weight: number;
  /** PreScore: false when every node would score the same for this pod, so scoring can be skipped. */
  preScore?(pod: PodInfo): boolean;
  /** A raw score for one node; `normalize` may rescale the raw scores of all feasible nodes to 0–100. */
  score(pod: PodInfo, node: NodeInfo): number;
  normalize?(scores: number[]): void;
}

export const MAX_NODE_SCORE = 100;

export const rejected = (plugin: string, code: RejectionCode, ...reasons: string[]): Rejection => ({ plugin, code, reasons });

/**
 * Rescales raw scores so the best is 100 (or, `reverse`, so the lowest raw score gets 100): how
 * upstream's `DefaultNormalizeScore` turns counts into comparable scores.
 */
export function normalizeScores(scores: number[], reverse: boolean): void {
  let max = 0;
  for (const s of scores) max = Math.max(max, s);
  for (let i = 0; i < scores.length; i++) {
    if (max === 0) scores[i] = reverse ? MAX_NODE_SCORE : 0;
    else {
      const s = Math.floor((MAX_NODE_SCORE * scores[i]!) / max);
      scores[i] = reverse ? MAX_NODE_SCORE - s : s;
    }
  }
}
