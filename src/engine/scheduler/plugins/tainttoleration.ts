/**
 * TaintToleration: a taint repels pods; a toleration lets one pod through anyway.
 *
 * - `NoSchedule` and `NoExecute` taints filter: the first taint the pod does not tolerate rejects
 *   the node, and its key and value appear in the message —
 *   `node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }`.
 * - `PreferNoSchedule` taints only lower the node's score.
 *
 * A toleration matches a taint when the effects agree (an empty effect matches all), the keys agree
 * (an empty key with operator `Exists` matches every taint) and, for operator `Equal` (the default),
 * the values agree.
 */
import type { Taint, Toleration } from 'kubernetes-types/core/v1';
import type { FilterPlugin, ScorePlugin } from '../framework';
import { normalizeScores, rejected } from '../framework';
import type { NodeInfo } from '../nodeinfo';
import { conditionTaints } from './nodeconditions';

export function tolerates(t: Toleration, taint: Pick<Taint, 'key' | 'value' | 'effect'>): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? 'Equal') {
    case 'Exists':
      return true;
    case 'Equal':
      // An empty key is only meaningful with Exists; validation rejects it with Equal.
      return !!t.key && (t.value ?? '') === (taint.value ?? '');
    default:
      return false;
  }
}

/** The node's own taints plus the one its Ready condition implies (see nodeconditions.ts). */
export function taintsOf(node: NodeInfo): Taint[] {
  const own = node.node.spec?.taints ?? [];
  const implied = conditionTaints(node.node).filter((c) => !own.some((t) => t.key === c.key && t.effect === c.effect));
  return implied.length === 0 ? own : [...own, ...implied];
}

export const untoleratedTaintReason = (taint: Taint): string => `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;

export const taintToleration: FilterPlugin & ScorePlugin = {
  name: 'TaintToleration',
  weight: 3,
  filter(pod, node) {
    const tolerations = pod.pod.spec?.tolerations ?? [];
    for (const taint of taintsOf(node)) {
      if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
      if (tolerations.some((t) => tolerates(t, taint))) continue;
      return rejected(this.name, 'UnschedulableAndUnresolvable', untoleratedTaintReason(taint));
    }
    return undefined;
  },
  /** Raw score: how many PreferNoSchedule taints the pod does not tolerate (fewer is better). */
  score(pod, node) {
    const tolerations = (pod.pod.spec?.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
    let count = 0;
    for (const taint of taintsOf(node)) {
      if (taint.effect === 'PreferNoSchedule' && !tolerations.some((t) => tolerates(t, taint))) count++;
    }
    return count;
  },
  normalize(scores) {
    normalizeScores(scores, true);
  },
};
