/**
 * NodeResourcesFit: a pod fits when the node's allocatable minus what the pods already on it request
 * covers the pod's request — CPU, memory, ephemeral storage and extended resources — and the node
 * has room for one more pod (`pods`, 110 by default). Every shortfall is a separate reason
 * (`Too many pods`, `Insufficient cpu`, `Insufficient memory`), so the message can list several.
 *
 * It also scores, *least allocated* style: the emptier a node would be after placing the pod, the
 * higher its score, which spreads load. Scoring counts a container with no requests as 100m CPU and
 * 200Mi memory, so even request-less pods spread.
 */
import type { FilterPlugin, ScorePlugin } from '../framework';
import { MAX_NODE_SCORE, rejected } from '../framework';

function hasAny(record: Record<string, number>): boolean {
  for (const _ in record) return true;
  return false;
}

/** 100 for an empty node, 0 for a full (or overfull) one. */
function leastAllocated(requested: number, capacity: number): number {
  return capacity === 0 || requested > capacity ? 0 : Math.floor(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

export const noderesourcesFit: FilterPlugin & ScorePlugin = {
  name: 'NodeResourcesFit',
  weight: 1,
  filter(pod, node) {
    const free = node.allocatable;
    const used = node.requested;
    const req = pod.requests;
    // The common case first, without allocating: room for one more pod and its cpu/memory.
    if (
      node.podCount + 1 <= free.pods &&
      req.milliCPU <= free.milliCPU - used.milliCPU &&
      req.memory <= free.memory - used.memory &&
      req.ephemeralStorage <= free.ephemeralStorage - used.ephemeralStorage &&
      !hasAny(req.scalar)
    ) {
      return undefined;
    }
    const reasons: string[] = [];
    if (node.podCount + 1 > free.pods) reasons.push('Too many pods');
    if (req.milliCPU > 0 && req.milliCPU > free.milliCPU - used.milliCPU) reasons.push('Insufficient cpu');
    if (req.memory > 0 && req.memory > free.memory - used.memory) reasons.push('Insufficient memory');
    if (req.ephemeralStorage > 0 && req.ephemeralStorage > free.ephemeralStorage - used.ephemeralStorage) {
      reasons.push('Insufficient ephemeral-storage');
    }
    for (const [name, amount] of Object.entries(req.scalar)) {
      if (amount > 0 && amount > (free.scalar[name] ?? 0) - (used.scalar[name] ?? 0)) reasons.push(`Insufficient ${name}`);
    }
    return reasons.length === 0 ? undefined : rejected(this.name, 'Unschedulable', ...reasons);
  },
  score(pod, node) {
    const cpu = leastAllocated(node.nonZeroRequested.milliCPU + pod.nonZero.milliCPU, node.allocatable.milliCPU);
    const memory = leastAllocated(node.nonZeroRequested.memory + pod.nonZero.memory, node.allocatable.memory);
    return Math.floor((cpu + memory) / 2);
  },
};
