/**
 * Small facts about pods that the workload controllers keep asking (upstream `podutil` and
 * `controller_utils`): is it active, is it ready, is it *available*, who controls it.
 */
import type { Pod, PodCondition } from 'kubernetes-types/core/v1';
import type { OwnerReference } from 'kubernetes-types/meta/v1';

/** Counts toward a ReplicaSet: not finished (Succeeded/Failed) and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata?.deletionTimestamp;
}

export function readyCondition(pod: Pod): PodCondition | undefined {
  const conditions = pod.status?.conditions;
  if (!conditions) return undefined;
  for (const c of conditions) if (c.type === 'Ready') return c;
  return undefined;
}

export function isPodReady(pod: Pod): boolean {
  return readyCondition(pod)?.status === 'True';
}

/**
 * Available = Ready, and Ready for at least `minReadySeconds` — the pause that lets a rollout catch a
 * pod that crashes right after it starts. `now` is wall-style epoch milliseconds (the clock's
 * `epochMs + now()`), compared with the condition's RFC 3339 `lastTransitionTime`.
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  return readyConditionAvailable(readyCondition(pod), minReadySeconds, now);
}

/** The same, given the pod's Ready condition (saves looking it up twice when counting). */
export function readyConditionAvailable(c: PodCondition | undefined, minReadySeconds: number, now: number): boolean {
  if (c?.status !== 'True') return false;
  if (!minReadySeconds) return true;
  if (!c.lastTransitionTime) return false;
  return Date.parse(c.lastTransitionTime) + minReadySeconds * 1000 < now;
}

/** The owner reference with `controller: true`, if any — the one object that manages this one. */
export function controllerRef(obj: { metadata?: { ownerReferences?: OwnerReference[] } }): OwnerReference | undefined {
  const refs = obj.metadata?.ownerReferences;
  if (!refs) return undefined;
  for (const r of refs) if (r.controller === true) return r;
  return undefined;
}
