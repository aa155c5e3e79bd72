/**
 * Which pods a ReplicaSet deletes first when it has too many: the *least useful* ones, so scaling
 * down hurts as little as possible. Upstream's order (`ActivePodsWithRanks.Less`), most expendable
 * first:
 *
 * 1. not yet scheduled to a node, before scheduled;
 * 2. Pending, before Unknown, before Running;
 * 3. not Ready, before Ready;
 * 4. lower `controller.kubernetes.io/pod-deletion-cost` annotation first;
 * 5. on a node crowded with related pods (same owner), before pods that are alone on theirs;
 * 6. Ready for a shorter time, before Ready for longer (times compared on a log2 scale, so pods that
 *    came up within the same "order of magnitude" count as equally old);
 * 7. more container restarts, before fewer;
 * 8. created more recently, before older (again on the log2 scale).
 *
 * When the log-scaled times tie, the uid decides — a stable, effectively random order.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { isPodReady, readyCondition } from './pods';

const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
export const DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

export interface RankedPod {
  pod: Pod;
  /** How many related active pods share this pod's node. */
  rank: number;
}

const deletionCost = (pod: Pod): number => {
  const v = pod.metadata?.annotations?.[DELETION_COST_ANNOTATION];
  const n = v === undefined ? 0 : Number(v);
  return Number.isInteger(n) ? n : 0;
};

const maxRestarts = (pod: Pod): number => Math.max(0, ...(pod.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));

const timeOf = (ts: string | undefined): number | undefined => (ts ? Date.parse(ts) : undefined);

/** floor(log2(now − t)) in nanoseconds, as upstream scales durations; −1 for t in the future. */
function logRank(t: number, now: number): number {
  const d = (now - t) * 1e6;
  return d > 0 ? Math.floor(Math.log2(d)) : -1;
}

/**
 * Negative when `a` should be deleted before `b` (a "less than" comparator for Array.sort).
 * `now` is epoch milliseconds.
 */
export function compareForDeletion(a: RankedPod, b: RankedPod, now: number): number {
  const pa = a.pod;
  const pb = b.pod;
  const na = pa.spec?.nodeName ?? '';
  const nb = pb.spec?.nodeName ?? '';
  if (na !== nb && (na === '' || nb === '')) return na === '' ? -1 : 1;

  const phaseA = PHASE_ORDER[pa.status?.phase ?? ''] ?? 0;
  const phaseB = PHASE_ORDER[pb.status?.phase ?? ''] ?? 0;
  if (phaseA !== phaseB) return phaseA - phaseB;

  const readyA = isPodReady(pa);
  const readyB = isPodReady(pb);
  if (readyA !== readyB) return readyA ? 1 : -1;

  const costA = deletionCost(pa);
  const costB = deletionCost(pb);
  if (costA !== costB) return costA - costB;

  if (a.rank !== b.rank) return b.rank - a.rank;

  if (readyA && readyB) {
    const c = compareTimes(timeOf(readyCondition(pa)?.lastTransitionTime), timeOf(readyCondition(pb)?.lastTransitionTime), now, pa, pb);
    if (c !== 0) return c;
  }

  const ra = maxRestarts(pa);
  const rb = maxRestarts(pb);
  if (ra !== rb) return rb - ra;

  return compareTimes(timeOf(pa.metadata?.creationTimestamp), timeOf(pb.metadata?.creationTimestamp), now, pa, pb);
}

/** Later (younger) first; a missing time counts as the youngest; equal log-ranks fall back to uid. */
function compareTimes(ta: number | undefined, tb: number | undefined, now: number, pa: Pod, pb: Pod): number {
  if (ta === tb) return 0;
  if (ta === undefined || tb === undefined) return ta === undefined ? -1 : 1;
  const diff = logRank(ta, now) - logRank(tb, now);
  if (diff !== 0) return diff;
  const ua = pa.metadata?.uid ?? '';
  const ub = pb.metadata?.uid ?? '';
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

/**
 * The `count` pods to delete from `pods`, ranked against `related` (all pods of the same owner —
 * for a Deployment's ReplicaSet, the pods of its sibling ReplicaSets too).
 */
export function podsToDelete(pods: readonly Pod[], related: readonly Pod[], count: number, now: number): Pod[] {
  if (count >= pods.length) return [...pods];
  const onNode = new Map<string, number>();
  for (const p of related) {
    const phase = p.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed' || p.metadata?.deletionTimestamp) continue;
    const n = p.spec?.nodeName ?? '';
    onNode.set(n, (onNode.get(n) ?? 0) + 1);
  }
  const ranked = pods.map((pod) => ({ pod, rank: onNode.get(pod.spec?.nodeName ?? '') ?? 0 }));
  ranked.sort((a, b) => compareForDeletion(a, b, now));
  return ranked.slice(0, count).map((r) => r.pod);
}
