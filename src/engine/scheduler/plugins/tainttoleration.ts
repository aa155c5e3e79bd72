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

export const untoleratedTaintReason = (taint: Taint): string => `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;

export const taintToleration: FilterPlugin & ScorePlugin = {
  name: 'TaintToleration',
  weight: 3,
  filter(pod, node) {
    if (node.taints.length === 0) return undefined;
    const tolerations = pod.pod.spec?.tolerations ?? [];
    for (const taint of node.taints) {
      if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
      if (tolerations.some((t) => tolerates(t, taint))) continue;
      return rejected(this.name, 'UnschedulableAndUnresolvable', untoleratedTaintReason(taint));
    }
    return undefined;
  },
  /** Raw score: how many PreferNoSchedule taints the pod does not tolerate (fewer is better). */
  score(pod, node) {
    if (node.taints.length === 0) return 0;
    let count = 0;
    for (const taint of node.taints) {
      if (taint.effect !== 'PreferNoSchedule') continue;
      if (!(pod.pod.spec?.tolerations ?? []).some((t) => (!t.effect || t.effect === 'PreferNoSchedule') && tolerates(t, taint))) count++;
    }
    return count;
  },
  normalize(scores) {
    normalizeScores(scores, true);
  },
};
