/**
 * The FailedScheduling message, built like upstream's `FitError.Error()`:
 *
 *     0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: },
 *     2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available:
 *     3 Preemption is not helpful for scheduling..
 *
 * Each node contributes the reasons of the first filter that rejected it; equal reasons are counted
 * (`2 node(s) ...`), and the `<count> <reason>` strings are sorted as plain strings and joined with
 * `, `. Then comes what preemption (the PostFilter step) found, as its own sentence — which itself
 * ends with a period, hence the double `..` real clusters print.
 */
import type { Rejection } from './framework';

export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';
export const PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NO_PREEMPTION_VICTIMS = 'No preemption victims found for incoming pod';

/** `2 node(s) ..., 1 Insufficient cpu` — counted, sorted byte-wise like Go's sort.Strings. */
export function reasonHistogram(reasons: Iterable<string>): string {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const items = [...counts].map(([reason, n]) => `${n} ${reason}`);
  items.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return items.join(', ');
}

/**
 * What default preemption reports. Preemption would evict lower-priority pods to make room; it can
 * never help on a node rejected for an unresolvable reason (a taint, a selector), and on the other
 * nodes it finds no victims because every pod in the playground runs at the same priority.
 */
export function preemptionMessage(numNodes: number, perNode: readonly Rejection[], preemptionPolicy?: string): string {
  if (preemptionPolicy === 'Never') return 'preemption: not eligible due to preemptionPolicy=Never.';
  const reasons = perNode.map((r) => (r.code === 'UnschedulableAndUnresolvable' ? PREEMPTION_NOT_HELPFUL : NO_PREEMPTION_VICTIMS));
  return `preemption: 0/${numNodes} nodes are available: ${reasonHistogram(reasons)}.`;
}

/** The whole message, given the rejection each node got. */
export function fitErrorMessage(numNodes: number, perNode: readonly Rejection[], preemptionPolicy?: string): string {
  if (numNodes === 0) return NO_NODES_AVAILABLE;
  let message = `0/${numNodes} nodes are available:`;
  const filterMsg = reasonHistogram(perNode.flatMap((r) => r.reasons));
  if (filterMsg) message += ` ${filterMsg}.`;
  message += ` ${preemptionMessage(numNodes, perNode, preemptionPolicy)}.`;
  return message;
}

/** Event notes are limited to 1024 characters; longer ones end in ` ...`. */
export function truncateMessage(message: string, max = 1024): string {
  return message.length <= max ? message : `${message.slice(0, max - 4)} ...`;
}
