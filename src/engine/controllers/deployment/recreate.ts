/**
 * Recreate: all old pods go before any new pod starts — for apps that cannot run two versions at
 * once. There is downtime by design.
 *
 * 1. Scale every old ReplicaSet to 0.
 * 2. Wait until no old pod exists at all (not just scaled down: *gone*, terminating included).
 * 3. Only then create the new ReplicaSet (if it does not exist yet) and scale it to `replicas`.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import { deploymentComplete, syncRolloutStatus } from './progress';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, scaleReplicaSetAndRecordEvent, type DeploymentSync } from './sync';
import { actualReplicas, activeReplicaSets, desiredReplicas } from './util';

export function rolloutRecreate(s: DeploymentSync): void {
  // Don't create the new ReplicaSet yet: that would start new pods before the old ones are gone.
  let { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(s, false);
  const all = (): ReplicaSet[] => [...oldRSs, ...(newRS ? [newRS] : [])];

  if (scaleDownOldReplicaSets(s, activeReplicaSets(oldRSs))) return syncRolloutStatus(s, all(), newRS);
  if (oldPodsRunning(s, newRS, oldRSs)) return syncRolloutStatus(s, all(), newRS);

  if (!newRS) ({ newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(s, true));
  scaleReplicaSetAndRecordEvent(s, newRS!, desiredReplicas(s.d));

  if (deploymentComplete(s.d)) cleanupDeployment(s, oldRSs);
  syncRolloutStatus(s, all(), newRS);
}

function scaleDownOldReplicaSets(s: DeploymentSync, oldRSs: readonly ReplicaSet[]): boolean {
  let scaled = false;
  for (const rs of oldRSs) if (scaleReplicaSetAndRecordEvent(s, rs, 0).scaled) scaled = true;
  return scaled;
}

/** Any old pod that is not finished — running, pending, or still terminating. */
export function oldPodsRunning(s: DeploymentSync, newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): boolean {
  if (actualReplicas(oldRSs) > 0) return true;
  for (const rs of oldRSs) {
    if (newRS && rs.metadata?.uid === newRS.metadata?.uid) continue;
    for (const pod of s.env.podsOf(rs)) {
      const phase = pod.status?.phase;
      if (phase !== 'Failed' && phase !== 'Succeeded') return true;
    }
  }
  return false;
}
