/**
 * RollingUpdate: replace the old pods with new ones a few at a time, so the app never goes down.
 *
 * Two knobs bound every step of the rollout, both a number or a percentage of `spec.replicas`:
 *
 * - `maxSurge` — how many pods *above* `replicas` may exist during the update (percent rounded UP);
 * - `maxUnavailable` — how many pods *below* `replicas` may be unavailable (percent rounded DOWN).
 *
 * Worked numbers with the defaults (25% / 25%):
 *
 *     replicas  surge = ceil(25%)   unavailable = floor(25%)   so the rollout keeps
 *        1      ceil(0.25) = 1      floor(0.25) = 0            1..2 pods, >= 1 available
 *        2      ceil(0.5)  = 1      floor(0.5)  = 0            2..3 pods, >= 2 available
 *        3      ceil(0.75) = 1      floor(0.75) = 0            3..4 pods, >= 3 available
 *        4      ceil(1)    = 1      floor(1)    = 1            at most 5 pods, >= 3 available
 *       10      ceil(2.5)  = 3      floor(2.5)  = 2            at most 13 pods, >= 8 available
 *
 * Rounding surge up and unavailable down errs on the side of availability. If both came out 0 the
 * rollout could never move (no room to add, no room to remove), so unavailable becomes 1.
 *
 * Each sync then takes one of two steps (upstream `rolloutRolling`):
 *
 * 1. **Scale the new ReplicaSet up**, as far as the surge allows:
 *    `min(replicas + maxSurge − all pods, replicas − newRS)`.
 *    With replicas 10, surge 3, unavailable 2 and an old RS at 10: new RS 0 → 3 (13 pods in all).
 * 2. Otherwise **scale old ReplicaSets down**, as far as availability allows:
 *    `all pods − (replicas − maxUnavailable) − new pods not yet available`.
 *    Same example, none of the 3 new pods ready yet: 13 − 8 − 3 = 2, so old RS 10 → 8 (11 pods).
 *    Now 11 < 13, so the next sync scales new RS 3 → 5. As new pods become available the old RS
 *    shrinks further, and so on until the new RS has 10 and the old one 0.
 *
 * Old pods that are not available anyway are removed first (cleanupUnhealthyReplicas): deleting
 * them costs no availability and frees room.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import { deploymentComplete, syncRolloutStatus } from './progress';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, scaleReplicaSetAndRecordEvent, type DeploymentSync } from './sync';
import { activeReplicaSets, availableReplicas, byCreation, desiredReplicas, replicasOf, specReplicas } from './util';

type IntOrPercent = number | string | undefined;

/** `3` → 3; `25%` of `total` → rounded up or down. Malformed values count as 0. */
export function scaledValue(v: IntOrPercent, total: number, roundUp: boolean): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) return Number.isInteger(Number(v)) ? Number(v) : 0;
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** maxSurge and maxUnavailable as pod counts for `replicas` (upstream `ResolveFenceposts`). */
export function resolveFenceposts(maxSurge: IntOrPercent, maxUnavailable: IntOrPercent, replicas: number): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge, replicas, true);
  let unavailable = scaledValue(maxUnavailable, replicas, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export const isRollingUpdate = (d: Deployment): boolean => (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';

function fenceposts(d: Deployment): { surge: number; unavailable: number } {
  const ru = d.spec?.strategy?.rollingUpdate;
  return resolveFenceposts((ru?.maxSurge as IntOrPercent) ?? '25%', (ru?.maxUnavailable as IntOrPercent) ?? '25%', desiredReplicas(d));
}

/** Pods allowed above `replicas` (0 for Recreate). */
export function maxSurge(d: Deployment): number {
  return isRollingUpdate(d) ? fenceposts(d).surge : 0;
}

/** Pods allowed to be unavailable — never more than `replicas` (0 for Recreate or 0 replicas). */
export function maxUnavailable(d: Deployment): number {
  const replicas = desiredReplicas(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  return Math.min(fenceposts(d).unavailable, replicas);
}

/** What the new ReplicaSet may grow to in this step (upstream `NewRSNewReplicas`). */
export function newRSNewReplicas(d: Deployment, allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet): number {
  const replicas = desiredReplicas(d);
  if (!isRollingUpdate(d)) return replicas;
  const current = specReplicas(allRSs);
  const maxTotal = replicas + maxSurge(d);
  if (current >= maxTotal) return replicasOf(newRS);
  const scaleUp = Math.min(maxTotal - current, replicas - replicasOf(newRS));
  return replicasOf(newRS) + scaleUp;
}

/**
 * How many old pods may go in this step, before looking at which ones
 * (upstream `reconcileOldReplicaSets`): all pods − minAvailable − new pods not yet available.
 */
export function maxScaledDown(d: Deployment, allRSs: readonly ReplicaSet[], newRS: ReplicaSet): number {
  const minAvailable = desiredReplicas(d) - maxUnavailable(d);
  const newUnavailable = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
  return specReplicas(allRSs) - minAvailable - newUnavailable;
}

// --- the rollout step ----------------------------------------------------------------------------

export function rolloutRolling(s: DeploymentSync): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(s, true);
  const allRSs = [...oldRSs, newRS!];

  if (reconcileNewReplicaSet(s, allRSs, newRS!)) return syncRolloutStatus(s, allRSs, newRS);
  if (reconcileOldReplicaSets(s, allRSs, activeReplicaSets(oldRSs), newRS!)) return syncRolloutStatus(s, allRSs, newRS);

  // Nothing left to move: once the rollout is complete, trim the history.
  if (deploymentComplete(s.d)) cleanupDeployment(s, oldRSs);
  syncRolloutStatus(s, allRSs, newRS);
}

/** Step 1: grow (or, if replicas went down, shrink) the new ReplicaSet. True if it was resized. */
export function reconcileNewReplicaSet(s: DeploymentSync, allRSs: readonly ReplicaSet[], newRS: ReplicaSet): boolean {
  const replicas = desiredReplicas(s.d);
  if (replicasOf(newRS) === replicas) return false;
  if (replicasOf(newRS) > replicas) return scaleReplicaSetAndRecordEvent(s, newRS, replicas).scaled;
  return scaleReplicaSetAndRecordEvent(s, newRS, newRSNewReplicas(s.d, allRSs, newRS)).scaled;
}

/** Step 2: shrink old ReplicaSets as far as availability allows. True if anything was scaled down. */
export function reconcileOldReplicaSets(s: DeploymentSync, allRSs: readonly ReplicaSet[], oldRSs: ReplicaSet[], newRS: ReplicaSet): boolean {
  if (specReplicas(oldRSs) === 0) return false;
  const budget = maxScaledDown(s.d, allRSs, newRS);
  if (budget <= 0) return false;

  const { oldRSs: afterCleanup, scaledDown: cleaned } = cleanupUnhealthyReplicas(s, oldRSs, budget);
  const scaled = scaleDownOldReplicaSetsForRollingUpdate(s, [...afterCleanup, newRS], afterCleanup);
  return cleaned + scaled > 0;
}

/**
 * Old ReplicaSets whose pods are not all available lose those unavailable pods first (oldest
 * ReplicaSet first), up to `maxCleanup`. The ReplicaSet controller deletes not-ready pods before
 * ready ones, so this never costs availability.
 */
export function cleanupUnhealthyReplicas(s: DeploymentSync, oldRSs: ReplicaSet[], maxCleanup: number): { oldRSs: ReplicaSet[]; scaledDown: number } {
  const sorted = [...oldRSs].sort(byCreation);
  let total = 0;
  for (let i = 0; i < sorted.length && total < maxCleanup; i++) {
    const rs = sorted[i]!;
    const unhealthy = replicasOf(rs) - (rs.status?.availableReplicas ?? 0);
    if (replicasOf(rs) === 0 || unhealthy <= 0) continue;
    const count = Math.min(maxCleanup - total, unhealthy);
    sorted[i] = scaleReplicaSetAndRecordEvent(s, rs, replicasOf(rs) - count).rs;
    total += count;
  }
  return { oldRSs: sorted, scaledDown: total };
}

/** Scales old ReplicaSets (oldest first) down by `available − minAvailable`. Returns how many. */
export function scaleDownOldReplicaSetsForRollingUpdate(s: DeploymentSync, allRSs: readonly ReplicaSet[], oldRSs: readonly ReplicaSet[]): number {
  const minAvailable = desiredReplicas(s.d) - maxUnavailable(s.d);
  const available = availableReplicas(allRSs);
  if (available <= minAvailable) return 0;
  const target = available - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= target) break;
    if (replicasOf(rs) === 0) continue;
    const count = Math.min(replicasOf(rs), target - total);
    scaleReplicaSetAndRecordEvent(s, rs, replicasOf(rs) - count);
    total += count;
  }
  return total;
}
