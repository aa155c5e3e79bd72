/**
 * A ReplicaSet's status, counted from the pods it owns (only active ones — not finished, not being
 * deleted):
 *
 * - `replicas` — how many pods exist;
 * - `fullyLabeledReplicas` — how many also carry every label of the template;
 * - `readyReplicas` — how many are Ready;
 * - `availableReplicas` — how many have been Ready for `minReadySeconds`;
 * - `observedGeneration` — which spec these numbers answer to;
 * - a `ReplicaFailure` condition while creating or deleting pods fails.
 *
 * Zero counts are left out as the real API leaves them out (`omitempty`), except `replicas`.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { ReplicaSet, ReplicaSetCondition, ReplicaSetStatus } from 'kubernetes-types/apps/v1';
import type { Mutable } from '../../api/types';
import { readyCondition, readyConditionAvailable } from './pods';

export interface ReplicaFailure {
  reason: 'FailedCreate' | 'FailedDelete';
  message: string;
}

function templateLabelsMatch(template: ReadonlyArray<readonly [string, string]>, labels: Readonly<Record<string, string>> | undefined): boolean {
  for (const [k, v] of template) if (labels?.[k] !== v) return false;
  return true;
}

/**
 * Also returns when the next Ready-but-not-yet-available pod will become available (epoch ms), so
 * the controller can look again then: nothing else would tell it.
 */
export function calculateStatus(
  rs: ReplicaSet,
  activePods: readonly Pod[],
  failure: ReplicaFailure | undefined,
  now: number,
  timestamp: string,
): { status: ReplicaSetStatus; nextAvailableAt: number | undefined } {
  const minReadySeconds = rs.spec?.minReadySeconds ?? 0;
  const templateLabels = Object.entries(rs.spec?.template?.metadata?.labels ?? {});
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  let nextAvailableAt: number | undefined;
  for (const pod of activePods) {
    if (templateLabelsMatch(templateLabels, pod.metadata?.labels)) fullyLabeled++;
    const readyCond = readyCondition(pod);
    if (readyCond?.status === 'True') {
      ready++;
      if (readyConditionAvailable(readyCond, minReadySeconds, now)) available++;
      else if (readyCond.lastTransitionTime) {
        // Available once strictly more than minReadySeconds have passed since it became Ready.
        const at = Date.parse(readyCond.lastTransitionTime) + minReadySeconds * 1000 + 1;
        nextAvailableAt = nextAvailableAt === undefined ? at : Math.min(nextAvailableAt, at);
      }
    }
  }
  const status: Mutable<ReplicaSetStatus> = { replicas: activePods.length };
  if (fullyLabeled) status.fullyLabeledReplicas = fullyLabeled;
  if (ready) status.readyReplicas = ready;
  if (available) status.availableReplicas = available;
  if (rs.metadata?.generation) status.observedGeneration = rs.metadata.generation;

  // Keep an existing failure condition while failures go on; drop it once a sync succeeds.
  const conditions = (rs.status?.conditions ?? []).filter((c) => c.type !== 'ReplicaFailure');
  const existing = rs.status?.conditions?.find((c) => c.type === 'ReplicaFailure');
  if (failure) {
    const c: ReplicaSetCondition = existing ?? { type: 'ReplicaFailure', status: 'True', reason: failure.reason, message: failure.message, lastTransitionTime: timestamp };
    conditions.push(c);
  }
  if (conditions.length > 0) status.conditions = conditions;
  return { status, nextAvailableAt };
}

/** Whether writing `next` would change anything (the controller skips no-op status writes). */
export function statusEqual(a: ReplicaSetStatus | undefined, b: ReplicaSetStatus): boolean {
  return JSON.stringify(normalize(a)) === JSON.stringify(normalize(b));
}

function normalize(s: ReplicaSetStatus | undefined): unknown[] {
  return [
    s?.replicas ?? 0,
    s?.fullyLabeledReplicas ?? 0,
    s?.readyReplicas ?? 0,
    s?.availableReplicas ?? 0,
    s?.observedGeneration ?? 0,
    (s?.conditions ?? []).map((c) => [c.type, c.status, c.reason, c.message]),
  ];
}
