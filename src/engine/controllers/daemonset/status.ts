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
  /** Live daemon pods on the node. */
  pods: readonly Pod[];
}

/** Creation time, then name: which of two daemon pods on a node is the one that counts. */
export const byCreation = (a: Pod, b: Pod): number =>
  (a.metadata?.creationTimestamp ?? '').localeCompare(b.metadata?.creationTimestamp ?? '') || (a.metadata!.name! < b.metadata!.name! ? -1 : 1);

function oldest(pods: readonly Pod[]): Pod | undefined {
  let first = pods[0];
  for (let i = 1; i < pods.length; i++) if (byCreation(pods[i]!, first!) < 0) first = pods[i];
  return first;
}

/**
 * `desired` is the number of nodes that should run the pod; `nodes` are the nodes that have daemon
 * pods (the others add nothing but to `desired`).
 */
export function computeStatus(
  ds: DaemonSet,
  desired: number,
  nodes: readonly NodeView[],
  hash: string,
  isAvailable: (pod: Pod) => boolean,
): DaemonSetStatus {
  let current = 0;
  let misscheduled = 0;
  let ready = 0;
  let available = 0;
  let updated = 0;
  for (const node of nodes) {
    if (node.shouldRun) {
      const pod = oldest(node.pods);
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
  let readyCondition: { lastTransitionTime?: string } | undefined;
  for (const c of pod.status?.conditions ?? []) if (c.type === 'Ready' && c.status === 'True') readyCondition ??= c;
  if (!readyCondition) return false;
  if (minReadySeconds <= 0) return true;
  const since = readyCondition.lastTransitionTime ? toMs(readyCondition.lastTransitionTime) : nowMs;
  return since + minReadySeconds * 1000 <= nowMs;
}
