/**
 * RollingUpdate for DaemonSets without surge (maxSurge 0, the default): on each node the old pod
 * must go before the new one can come, so the controller deletes old pods — at most
 * `maxUnavailable` nodes without an available daemon pod at a time — and the normal "one pod per
 * node" loop then creates the replacement on each freed node.
 *
 * Worked example, 3 nodes, maxUnavailable 1, template changed:
 *   pass 1: all 3 old pods available, 0 unavailable → delete one old pod (node A).
 *   pass 2: node A has no pod (or a new one still starting) → 1 unavailable = the budget → wait.
 *   pass 3: A's new pod is Ready (for minReadySeconds) → 0 unavailable → delete B's old pod. …
 * An old pod that is itself unavailable (crash-looping, not ready) costs nothing to replace and
 * is deleted right away, whatever the budget.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { DaemonSet } from 'kubernetes-types/apps/v1';

export const REVISION_HASH_LABEL = 'controller-revision-hash';
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';

/** Is this pod built from the current template? (IsPodUpdated.) */
export function isPodUpdated(pod: Pod, hash: string, generation: number | undefined): boolean {
  const labels = pod.metadata?.labels ?? {};
  const podHash = labels[REVISION_HASH_LABEL];
  if (podHash !== undefined) return podHash === hash;
  // Pods from before revision hashes: compare the deprecated template generation label.
  return generation !== undefined && labels[TEMPLATE_GENERATION_LABEL] === String(generation);
}

/** Is any live (not terminating) pod from an older template? Without one there is nothing to roll. */
export function hasOutdatedPods(podsByNode: Iterable<readonly Pod[]>, hash: string, generation: number | undefined): boolean {
  for (const pods of podsByNode) {
    for (const p of pods) if (!p.metadata?.deletionTimestamp && !isPodUpdated(p, hash, generation)) return true;
  }
  return false;
}

/** Resolves an int-or-percent against `total`, rounding up as the DaemonSet controller does. */
export function scaledValue(value: number | string | undefined, total: number, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'number') return value;
  const percent = /^(\d+)%$/.exec(value);
  if (percent) return Math.ceil((Number(percent[1]) * total) / 100);
  return /^\d+$/.test(value) ? Number(value) : fallback;
}

/** maxUnavailable for this rollout: default 1, and never 0 when there is something to roll. */
export function maxUnavailableOf(ds: DaemonSet, desiredNumberScheduled: number): number {
  const value = scaledValue(ds.spec?.updateStrategy?.rollingUpdate?.maxUnavailable, desiredNumberScheduled, 1);
  const surge = scaledValue(ds.spec?.updateStrategy?.rollingUpdate?.maxSurge, desiredNumberScheduled, 0);
  return value === 0 && surge === 0 && desiredNumberScheduled > 0 ? 1 : value;
}

/**
 * Which old pods to delete now. `podsByNode` holds, for every node that should run the daemon,
 * its live (not terminating) daemon pods; nodes with no pod at all count as unavailable.
 */
export function rollingUpdateDeletions(
  podsByNode: ReadonlyMap<string, readonly Pod[]>,
  hash: string,
  generation: number | undefined,
  maxUnavailable: number,
  isAvailable: (pod: Pod) => boolean,
): string[] {
  let unavailable = 0;
  const freeToReplace: string[] = [];
  const candidates: string[] = [];
  for (const node of [...podsByNode.keys()].sort()) {
    const pods = podsByNode.get(node)!;
    const fresh = pods.filter((p) => isPodUpdated(p, hash, generation));
    const old = pods.filter((p) => !isPodUpdated(p, hash, generation));
    if (fresh.length > 1 || old.length > 1) continue; // duplicates: the one-pod-per-node loop cleans up first
    const [newPod] = fresh;
    const [oldPod] = old;
    if ((!oldPod && !newPod) || (oldPod && newPod)) {
      unavailable++; // being created, or mid-swap: count it against the budget
    } else if (newPod) {
      if (!isAvailable(newPod)) unavailable++;
    } else if (oldPod) {
      if (!isAvailable(oldPod)) freeToReplace.push(oldPod.metadata!.name!);
      else if (unavailable < maxUnavailable) candidates.push(oldPod.metadata!.name!);
    }
  }
  const budget = Math.max(0, Math.min(maxUnavailable - unavailable, candidates.length));
  return [...freeToReplace, ...candidates.slice(0, budget)];
}
