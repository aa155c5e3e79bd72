/**
 * DaemonSet status, counted node by node (what `kubectl get ds` prints as DESIRED, CURRENT,
 * READY, UP-TO-DATE, AVAILABLE):
 * - desiredNumberScheduled: nodes that should run the daemon pod;
 * - currentNumberScheduled: of those, nodes that have one;
 * - numberMisscheduled: nodes that have one but should not;
 * - numberReady / numberAvailable / updatedNumberScheduled: of the nodes that should run it, those
 *   whose (oldest) daemon pod is ready / ready for minReadySeconds / from the current template.
 */
import type { DaemonSet, DaemonSetStatus } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { isPodReady } from '../endpoints/pods';
import { isPodUpdated } from './rolling';

export interface NodeView {
  shouldRun: boolean;
  /** Live daemon pods on the node, oldest first. */
  pods: readonly Pod[];
}

export function computeStatus(
  ds: DaemonSet,
  nodes: readonly NodeView[],
  hash: string,
  isAvailable: (pod: Pod) => boolean,
): DaemonSetStatus {
  let desired = 0;
  let current = 0;
  let misscheduled = 0;
  let ready = 0;
  let available = 0;
  let updated = 0;
  for (const node of nodes) {
    if (node.shouldRun) {
      desired++;
      const pod = node.pods[0];
      if (!pod) continue;
      current++;
      if (isPodReady(pod)) {
        ready++;
        if (isAvailable(pod)) available++;
      }
      if (isPodUpdated(pod, hash, ds.metadata?.generation)) updated++;
    } else if (node.pods.length > 0) {
      misscheduled++;
    }
  }
  const status: DaemonSetStatus = {
    currentNumberScheduled: current,
    numberMisscheduled: misscheduled,
    desiredNumberScheduled: desired,
    numberReady: ready,
    observedGeneration: ds.metadata?.generation,
    updatedNumberScheduled: updated,
    numberAvailable: available,
  };
  if (desired - available > 0) status.numberUnavailable = desired - available;
  if (ds.status?.collisionCount !== undefined) status.collisionCount = ds.status.collisionCount;
  if (ds.status?.conditions) status.conditions = ds.status.conditions;
  return status;
}

/** Ready for at least minReadySeconds (by the Ready condition's lastTransitionTime). */
export function availableAt(pod: Pod, minReadySeconds: number, nowMs: number, toMs: (timestamp: string) => number): boolean {
  const readyCondition = pod.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True');
  if (!readyCondition) return false;
  if (minReadySeconds <= 0) return true;
  const since = readyCondition.lastTransitionTime ? toMs(readyCondition.lastTransitionTime) : nowMs;
  return since + minReadySeconds * 1000 <= nowMs;
}
