/**
 * A node whose kubelet reports NotReady (or stopped reporting: Unknown) should take no new pods.
 * The node lifecycle controller expresses that as a taint — `node.kubernetes.io/not-ready` or
 * `node.kubernetes.io/unreachable`, effect NoSchedule — and the TaintToleration filter does the rest.
 * Until that controller has written the taint, the scheduler treats the condition as if it had, so a
 * pod never lands on a node that just went NotReady.
 *
 * A node with no Ready condition at all (not yet reported) is taken at its word, as upstream does.
 */
import type { Node, Taint } from 'kubernetes-types/core/v1';

export const NOT_READY_TAINT = 'node.kubernetes.io/not-ready';
export const UNREACHABLE_TAINT = 'node.kubernetes.io/unreachable';

export function conditionTaints(node: Node): Taint[] {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  if (!ready || ready.status === 'True') return [];
  return [{ key: ready.status === 'False' ? NOT_READY_TAINT : UNREACHABLE_TAINT, effect: 'NoSchedule' }];
}
