/**
 * The node lifecycle controller (part of kube-controller-manager, events from `node-controller`).
 *
 * Every 5 s (`--node-monitor-period`) it looks at each node's heartbeats — the Lease the kubelet
 * renews and the Ready condition's lastHeartbeatTime — and:
 * 1. greets new nodes with a `RegisteredNode` event;
 * 2. when a node has been silent longer than the grace period (40 s), sets its kubelet-owned
 *    conditions to Unknown ("Kubelet stopped posting node status."), emits `NodeNotReady`, and
 *    marks every pod on it not Ready — so Services stop sending traffic there;
 * 3. keeps the node's condition taints in line: `node.kubernetes.io/unreachable` (Ready Unknown)
 *    or `not-ready` (Ready False) with effect NoExecute, plus the NoSchedule taints for those and
 *    for pressure conditions and cordoning. The NoExecute taint is what later evicts the pods —
 *    that part is the taint eviction controller's job.
 * When every node looks down at once, the controller assumes the problem is its own view (a
 * network partition of the control plane) and stops NoExecute tainting ("full disruption").
 */
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { clone } from '../../api/clone';
import { resourceFor } from '../../api/resources';
import type { Informer } from '../../client/types';
import type { Controller, ControllerContext } from '../framework/context';
import type { EventRecorder } from '../framework/recorder';
import { WorkQueue } from '../framework/workqueue';
import { DEFAULT_HEALTH_TIMINGS, isSilent, observeHealth, readyCondition, silentNodeConditions, type NodeHealth, type NodeHealthTimings } from './health';
import { desiredNoExecuteTaintKey, desiredNoScheduleTaintKeys, reconcileControllerTaints } from './taints';

const NODES = resourceFor('', 'nodes')!;
const PODS = resourceFor('', 'pods')!;
const LEASES = resourceFor('coordination.k8s.io', 'leases')!;
export const PODS_BY_NODE_INDEX = 'nodelifecycle:spec.nodeName';

/** Pods by the node they are bound to — shared by the node lifecycle and taint eviction controllers. */
export function ensurePodsByNodeIndex(pods: Informer<Pod>): void {
  try {
    pods.byIndex(PODS_BY_NODE_INDEX, '');
  } catch {
    pods.addIndex(PODS_BY_NODE_INDEX, (p) => (p.spec?.nodeName ? [p.spec.nodeName] : []));
  }
}

export interface NodeLifecycleOptions {
  /** How often node health is checked (`--node-monitor-period`, 5 s). */
  monitorPeriodMs?: number;
  timings?: Partial<NodeHealthTimings>;
}

export class NodeLifecycleController implements Controller {
  readonly name = 'node-lifecycle-controller';
  private readonly nodes: Informer<Node>;
  private readonly leases: Informer<Lease>;
  private readonly pods: Informer<Pod>;
  private readonly recorder: EventRecorder;
  private readonly health = new Map<string, NodeHealth>();
  private readonly known = new Set<string>();
  /** Node names in name order for the health pass; rebuilt when nodes come or go. */
  private nodeNames: string[] | undefined;
  private readonly taintQueue: WorkQueue;
  private readonly monitorPeriodMs: number;
  private readonly timings: NodeHealthTimings;

  constructor(private readonly ctx: ControllerContext, options: NodeLifecycleOptions = {}) {
    this.nodes = ctx.informers.for<Node>(NODES);
    this.leases = ctx.informers.for<Lease>(LEASES);
    this.pods = ctx.informers.for<Pod>(PODS);
    this.recorder = ctx.recorder({ component: 'node-controller' });
    this.monitorPeriodMs = options.monitorPeriodMs ?? 5000;
    this.timings = { ...DEFAULT_HEALTH_TIMINGS, ...options.timings };
    this.taintQueue = new WorkQueue(ctx.clock, (name) => this.syncNode(name));
  }

  start(): void {
    ensurePodsByNodeIndex(this.pods);
    this.nodes.addHandlers({
      add: (n) => {
        this.nodeNames = undefined;
        this.taintQueue.add(n.metadata!.name!);
      },
      update: (_old, n) => this.taintQueue.add(n.metadata!.name!),
      delete: (n) => {
        this.nodeNames = undefined;
        this.health.delete(n.metadata!.name!);
        this.known.delete(n.metadata!.name!);
      },
    });
    // A pod that lands on a node already known to be down is marked not ready right away.
    this.pods.addHandlers({
      add: (p) => this.podAssigned(undefined, p),
      update: (old, p) => this.podAssigned(old, p),
    });
    const tick = (): void => {
      this.monitorNodeHealth();
      this.ctx.clock.schedule(this.monitorPeriodMs, tick, { background: true });
    };
    this.ctx.clock.schedule(0, tick, { background: true });
  }

  /** One pass over all nodes (monitorNodeHealth). */
  monitorNodeHealth(): void {
    const now = this.ctx.clock.now();
    // Node names in order, kept until nodes come or go: this pass runs every 5 s over every node.
    this.nodeNames ??= this.nodes
      .list()
      .map((n) => n.metadata!.name!)
      .sort();
    for (const name of this.nodeNames) {
      const node = this.nodes.get(undefined, name);
      if (!node) continue;
      this.register(node);
      const previous = this.health.get(name);
      // The creation time only seeds a node seen for the first time.
      const creationMs = !previous && node.metadata?.creationTimestamp ? this.ctx.clock.toSim(node.metadata.creationTimestamp) : now;
      const health = observeHealth(previous, node, this.leases.get('kube-node-lease', name), now, creationMs);
      if (health !== previous) this.health.set(name, health);
      if (!isSilent(health, node, now, this.timings)) continue;
      this.markUnknown(node);
    }
  }

  /** The node went silent: its conditions become Unknown and its pods stop being Ready. */
  private markUnknown(node: Node): void {
    const name = node.metadata!.name!;
    const wasReady = readyCondition(node)?.status === 'True';
    const conditions = silentNodeConditions(node, this.ctx.clock.timestamp());
    if (!conditions) return;
    const next = clone(node);
    next.status = { ...next.status, conditions };
    const written = this.ctx.client.update<Node>(NODES, next, { subresource: 'status' });
    if (!written.ok) return; // conflict with a late heartbeat: look again next pass
    this.taintQueue.add(name);
    if (!wasReady) return;
    this.recorder.event(written.value, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
    for (const pod of this.pods.byIndex(PODS_BY_NODE_INDEX, name)) this.markPodNotReady(pod);
  }

  private podAssigned(old: Pod | undefined, pod: Pod): void {
    const nodeName = pod.spec?.nodeName;
    if (!nodeName || old?.spec?.nodeName === nodeName) return;
    const node = this.nodes.get(undefined, nodeName);
    if (node && this.health.has(nodeName) && readyCondition(node)?.status !== 'True') this.markPodNotReady(pod);
  }

  /** MarkPodsNotReady: flip the pod's Ready condition to False (the kubelet cannot, it is gone). */
  private markPodNotReady(pod: Pod): void {
    const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
    if (!ready || ready.status === 'False') return;
    const next = clone(pod);
    next.status!.conditions = next.status!.conditions!.map((c) =>
      c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: this.ctx.clock.timestamp() } : c,
    );
    const written = this.ctx.client.update<Pod>(PODS, next, { subresource: 'status' });
    if (written.ok) this.recorder.event(written.value, 'Warning', 'NodeNotReady', 'Node is not ready');
  }

  /** Every node down at once: more likely the controller is cut off than the whole cluster dead. */
  private fullDisruption(): boolean {
    const nodes = this.nodes.list();
    return nodes.length > 0 && nodes.every((n) => readyCondition(n)?.status !== 'True');
  }

  private register(node: Node): void {
    const name = node.metadata!.name!;
    if (this.known.has(name)) return;
    this.known.add(name);
    this.recorder.event(node, 'Normal', 'RegisteredNode', `Node ${name} event: Registered Node ${name} in Controller`);
  }

  /** A node changed: greet it if new, and keep its condition taints in line (doNoScheduleTaintingPass + NoExecute pass). */
  private syncNode(name: string): void | 'retry' {
    const node = this.nodes.get(undefined, name);
    if (!node) return;
    this.register(node);
    const noExecute = this.fullDisruption() ? undefined : desiredNoExecuteTaintKey(readyCondition(node));
    const taints = reconcileControllerTaints(node.spec?.taints, desiredNoScheduleTaintKeys(node), noExecute, this.ctx.clock.timestamp());
    if (!taints) return;
    const latest = this.ctx.client.get<Node>(NODES, undefined, name);
    if (!latest.ok) return;
    const next = clone(latest.value);
    const fresh = reconcileControllerTaints(next.spec?.taints, desiredNoScheduleTaintKeys(next), noExecute, this.ctx.clock.timestamp());
    if (!fresh) return;
    next.spec = { ...next.spec, taints: fresh.length > 0 ? fresh : undefined };
    const written = this.ctx.client.update<Node>(NODES, next);
    if (!written.ok) return written.status.code === 409 ? 'retry' : undefined;
  }
}
