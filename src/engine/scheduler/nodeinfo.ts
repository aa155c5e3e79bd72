/**
 * The scheduler's picture of one node: the Node object plus running totals of what the pods bound to
 * it request. The totals are kept up to date incrementally — a pod added or removed adjusts them —
 * so deciding where the 1000th pod goes costs the same as deciding for the first.
 */
import type { Node, Pod, Taint } from 'kubernetes-types/core/v1';
import { conditionTaints } from './plugins/nodeconditions';
import { addResources, emptyResources, nodeAllocatable, nonZeroRequests, podRequests, type Allocatable, type PodResources, type Resources } from './resources';

/** Kept per pod on its node; small on purpose (10k pods, 10k entries). */
interface PodEntry {
  /** Often the one shared NO_REQUESTS constant (see podRequests). */
  requests: PodResources;
  // The non-zero request inline rather than as an object of its own.
  nonZeroMilliCPU: number;
  nonZeroMemory: number;
  ownerUid: string | undefined;
}

/** uid of the pod's controller (`ownerReferences[].controller: true`), if any. */
export function controllerUid(pod: Pod): string | undefined {
  for (const ref of pod.metadata?.ownerReferences ?? []) if (ref.controller) return ref.uid;
  return undefined;
}

export class NodeInfo {
  node: Node;
  allocatable: Allocatable;
  /** The node's taints plus the one its Ready condition implies (see plugins/nodeconditions.ts). */
  taints: readonly Taint[];
  /** `spec.unschedulable` (cordoned). */
  unschedulable: boolean;
  /** Sum of the requests of the pods on this node (what NodeResourcesFit subtracts). */
  readonly requested: Resources = emptyResources();
  /** Same, with 100m/200Mi for containers that request nothing (what scoring uses). */
  readonly nonZeroRequested = { milliCPU: 0, memory: 0 };
  private readonly pods = new Map<string, PodEntry>();
  /** Pods per controller uid, for spreading replicas of one ReplicaSet across nodes. */
  private readonly owners = new Map<string, number>();

  constructor(node: Node) {
    this.node = node;
    this.allocatable = nodeAllocatable(node);
    this.taints = effectiveTaints(node);
    this.unschedulable = !!node.spec?.unschedulable;
  }

  get name(): string {
    return this.node.metadata?.name ?? '';
  }

  get podCount(): number {
    return this.pods.size;
  }

  setNode(node: Node): void {
    this.node = node;
    this.allocatable = nodeAllocatable(node);
    this.taints = effectiveTaints(node);
    this.unschedulable = !!node.spec?.unschedulable;
  }

  hasPod(uid: string): boolean {
    return this.pods.has(uid);
  }

  podsOwnedBy(ownerUid: string): number {
    return this.owners.get(ownerUid) ?? 0;
  }

  addPod(pod: Pod): void {
    const uid = pod.metadata?.uid ?? '';
    if (this.pods.has(uid)) return;
    const nonZero = nonZeroRequests(pod);
    const entry: PodEntry = {
      requests: podRequests(pod),
      nonZeroMilliCPU: nonZero.milliCPU,
      nonZeroMemory: nonZero.memory,
      ownerUid: controllerUid(pod),
    };
    this.pods.set(uid, entry);
    addResources(this.requested, entry.requests);
    this.nonZeroRequested.milliCPU += entry.nonZeroMilliCPU;
    this.nonZeroRequested.memory += entry.nonZeroMemory;
    if (entry.ownerUid) this.owners.set(entry.ownerUid, (this.owners.get(entry.ownerUid) ?? 0) + 1);
  }

  removePod(uid: string): void {
    const entry = this.pods.get(uid);
    if (!entry) return;
    this.pods.delete(uid);
    addResources(this.requested, entry.requests, -1);
    this.nonZeroRequested.milliCPU -= entry.nonZeroMilliCPU;
    this.nonZeroRequested.memory -= entry.nonZeroMemory;
    if (entry.ownerUid) {
      const n = (this.owners.get(entry.ownerUid) ?? 1) - 1;
      if (n <= 0) this.owners.delete(entry.ownerUid);
      else this.owners.set(entry.ownerUid, n);
    }
  }
}

function effectiveTaints(node: Node): readonly Taint[] {
  const own = node.spec?.taints ?? [];
  const implied = conditionTaints(node).filter((c) => !own.some((t) => t.key === c.key && t.effect === c.effect));
  return implied.length === 0 ? own : [...own, ...implied];
}
