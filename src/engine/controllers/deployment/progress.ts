/**
 * Rollout progress, as the `Progressing` condition tells it (`kubectl rollout status` reads it):
 *
 * | reason                    | status | when                                                        |
 * |---------------------------|--------|-------------------------------------------------------------|
 * | NewReplicaSetCreated      | True   | the rollout created its ReplicaSet                          |
 * | FoundNewReplicaSet        | True   | the ReplicaSet already existed (first time we look)         |
 * | ReplicaSetUpdated         | True   | pods were updated, became ready or available, old ones went |
 * | NewReplicaSetAvailable    | True   | done: all replicas updated and available                    |
 * | ProgressDeadlineExceeded  | False  | no progress for `progressDeadlineSeconds` (default 600)     |
 * | DeploymentPaused/Resumed  | Unknown| `kubectl rollout pause` / `resume`                          |
 *
 * "Progress" restarts the clock: every time something moves, `lastUpdateTime` is refreshed. If
 * nothing moves, the controller looks again when the deadline would pass and, if still nothing
 * moved, declares `ProgressDeadlineExceeded` — the rollout is not undone, just reported as stuck.
 */
import type { Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Mutable } from '../../api/types';
import { calculateStatus, statusEqual, writeStatus, type DeploymentSync } from './sync';
import { desiredReplicas, getCondition, newCondition, REASONS, removeCondition, setCondition } from './util';

export const hasProgressDeadline = (d: Deployment): boolean => {
  const p = d.spec?.progressDeadlineSeconds;
  return p !== undefined && p !== null && p !== 2147483647;
};

/** All replicas updated and available, and the controller has seen the latest spec. */
export function deploymentComplete(d: Deployment, status: DeploymentStatus | undefined = d.status): boolean {
  const replicas = desiredReplicas(d);
  return (
    (status?.updatedReplicas ?? 0) === replicas &&
    (status?.replicas ?? 0) === replicas &&
    (status?.availableReplicas ?? 0) === replicas &&
    (status?.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0)
  );
}

/** Did anything move since the last status: more updated, fewer old, more ready or available? */
export function deploymentProgressing(d: Deployment, next: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (next.replicas ?? 0) - (next.updatedReplicas ?? 0);
  return (
    (next.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (next.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (next.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/** No progress since the Progressing condition was last updated, for longer than the deadline. */
export function deploymentTimedOut(d: Deployment, next: DeploymentStatus, nowMs: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = getCondition(next, 'Progressing');
  if (!c) return false;
  if (c.reason === REASONS.newRSAvailable) return false;
  if (c.reason === REASONS.timedOut) return true;
  const from = Date.parse(c.lastUpdateTime ?? '');
  return from + (d.spec?.progressDeadlineSeconds ?? 0) * 1000 < nowMs;
}

/** The status plus an up-to-date Progressing condition, written if anything changed. */
export function syncRolloutStatus(s: DeploymentSync, allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined): void {
  const d = s.d;
  const next: Mutable<DeploymentStatus> = calculateStatus(allRSs, newRS, d, s.now);
  if (!hasProgressDeadline(d)) removeCondition(next, 'Progressing');

  const current = getCondition(d.status, 'Progressing');
  const completeBefore = next.replicas === next.updatedReplicas && current?.reason === REASONS.newRSAvailable;
  if (hasProgressDeadline(d) && !completeBefore) {
    const rsName = newRS?.metadata?.name;
    if (deploymentComplete(d, next)) {
      const msg = rsName ? `ReplicaSet "${rsName}" has successfully progressed.` : `Deployment "${s.name}" has successfully progressed.`;
      setCondition(next, newCondition('Progressing', 'True', REASONS.newRSAvailable, msg, s.now));
    } else if (deploymentProgressing(d, next)) {
      // Progress: refresh lastUpdateTime even though the reason stays ReplicaSetUpdated.
      const msg = rsName ? `ReplicaSet "${rsName}" is progressing.` : `Deployment "${s.name}" is progressing.`;
      const c: Mutable<DeploymentCondition> = newCondition('Progressing', 'True', REASONS.rsUpdated, msg, s.now);
      if (current) {
        if (current.status === 'True') c.lastTransitionTime = current.lastTransitionTime;
        removeCondition(next, 'Progressing');
      }
      setCondition(next, c);
    } else if (deploymentTimedOut(d, next, s.nowMs)) {
      const msg = rsName ? `ReplicaSet "${rsName}" has timed out progressing.` : `Deployment "${s.name}" has timed out progressing.`;
      setCondition(next, newCondition('Progressing', 'False', REASONS.timedOut, msg, s.now));
    }
  }

  // A ReplicaSet that cannot create pods (quota, admission) shows up as ReplicaFailure here.
  const failure = replicaFailure(allRSs, newRS);
  if (failure) setCondition(next, failure);
  else removeCondition(next, 'ReplicaFailure');

  if (statusEqual(d.status, next)) {
    requeueStuckDeployment(s, next);
    return;
  }
  d.status = next;
  writeStatus(s);
}

function replicaFailure(allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined): DeploymentCondition | undefined {
  const from = (rs: ReplicaSet | undefined) => rs?.status?.conditions?.find((c) => c.type === 'ReplicaFailure');
  const c = from(newRS) ?? allRSs.map(from).find((x) => x !== undefined);
  if (!c) return undefined;
  return { type: 'ReplicaFailure', status: c.status, reason: c.reason, message: c.message, lastUpdateTime: c.lastTransitionTime, lastTransitionTime: c.lastTransitionTime };
}

/**
 * Nothing changed this sync, and the rollout is neither complete nor failed: come back when the
 * deadline would pass, to declare it exceeded if still nothing has moved.
 */
function requeueStuckDeployment(s: DeploymentSync, next: DeploymentStatus): void {
  const d = s.d;
  const c = getCondition(d.status, 'Progressing');
  if (!hasProgressDeadline(d) || !c) return;
  if (deploymentComplete(d, next) || c.reason === REASONS.timedOut) return;
  const after = Date.parse(c.lastUpdateTime ?? '') + (d.spec?.progressDeadlineSeconds ?? 0) * 1000 - s.nowMs;
  s.env.requeueAfter(after < 1000 ? 1000 : after + 1000);
}

/**
 * `spec.paused` shows as Progressing=Unknown (DeploymentPaused), and resuming as
 * DeploymentResumed — so time spent paused never counts against the progress deadline.
 */
export function checkPausedConditions(s: DeploymentSync): void {
  const d = s.d;
  if (!hasProgressDeadline(d)) return;
  const c = getCondition(d.status, 'Progressing');
  if (c?.reason === REASONS.timedOut) return;
  const pausedCondition = c?.reason === REASONS.paused;
  let change: DeploymentCondition | undefined;
  if (d.spec?.paused && !pausedCondition) change = newCondition('Progressing', 'Unknown', REASONS.paused, 'Deployment is paused', s.now);
  else if (!d.spec?.paused && pausedCondition) change = newCondition('Progressing', 'Unknown', REASONS.resumed, 'Deployment is resumed', s.now);
  if (!change) return;
  setCondition((d.status ??= {}), change);
  writeStatus(s);
}
