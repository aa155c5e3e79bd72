/**
 * kube-scheduler: finds a node for every pod that has none, and binds it there.
 *
 * It watches pods and nodes. Pods without `spec.nodeName` that ask for this scheduler go into the
 * scheduling queue; bound pods are added to the per-node bookkeeping (what each node already runs).
 * For each queued pod it filters and scores the nodes (algorithm.ts) and then either
 *
 * - binds the pod through the `pods/binding` subresource and records `Scheduled`
 *   (`Successfully assigned default/nginx to worker01`), or
 * - records `FailedScheduling` with the reasons per node, sets the pod's `PodScheduled` condition to
 *   False/Unschedulable with the same message, and parks the pod until the cluster changes.
 *
 * The pod is counted on its node the moment the decision is made ("assumed"), before the binding
 * shows up in the watch, so the next decision already sees the space it takes.
 */
import type { Node, Pod, PodCondition } from 'kubernetes-types/core/v1';
import { resourceFor } from '../api/resources';
import type { Mutable } from '../api/types';
import type { Informer } from '../client/types';
import type { Controller, ControllerContext } from '../controllers/framework/context';
import type { EventRecorder } from '../controllers/framework/recorder';
import type { Timer } from '../sim/clock';
import { findNode, podInfo } from './algorithm';
import { truncateMessage } from './fiterror';
import { NodeInfo } from './nodeinfo';
import { FLUSH_UNSCHEDULABLE_EVERY_MS, SchedulingQueue } from './queue';

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

const PODS = resourceFor('', 'pods')!;
const NODES = resourceFor('', 'nodes')!;

const isTerminal = (pod: Pod): boolean => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
const uidOf = (obj: { metadata?: { uid?: string } }): string => obj.metadata?.uid ?? '';

/** Did anything change that could make a pod fit where it did not before (not just a heartbeat)? */
export function nodeSchedulingPropertiesChanged(a: Node, b: Node): boolean {
  return (
    !!a.spec?.unschedulable !== !!b.spec?.unschedulable ||
    !same(a.metadata?.labels, b.metadata?.labels) ||
    !same(a.spec?.taints, b.spec?.taints) ||
    !same(a.status?.allocatable, b.status?.allocatable) ||
    readiness(a) !== readiness(b)
  );
}

function same(x: unknown, y: unknown): boolean {
  // Unchanged parts of an updated object are the very same (frozen) objects.
  return x === y || JSON.stringify(x ?? null) === JSON.stringify(y ?? null);
}

/** `Ready=True,MemoryPressure=False,...` — statuses only, not the heartbeat times. */
function readiness(n: Node): string {
  return (n.status?.conditions ?? [])
    .map((c) => `${c.type}=${c.status}`)
    .sort()
    .join(',');
}

export function podSchedulingPropertiesChanged(a: Pod, b: Pod): boolean {
  return !same(a.spec, b.spec) || !same(a.metadata?.labels, b.metadata?.labels) || !same(a.metadata?.annotations, b.metadata?.annotations);
}

export interface SchedulerOptions {
  /** Pods whose `spec.schedulerName` is this name are ours (default `default-scheduler`). */
  schedulerName?: string;
}

export class Scheduler implements Controller {
  readonly name = 'kube-scheduler';
  private readonly schedulerName: string;
  private readonly queue: SchedulingQueue;
  /** Every node we know, present or not, by name (a pod can name a node that is gone). */
  private readonly nodes = new Map<string, { info: NodeInfo; present: boolean }>();
  /** Present nodes in a stable order, rebuilt when nodes come and go. */
  private nodeList: NodeInfo[] | undefined;
  /** Which node each counted pod is on. */
  private readonly podNode = new Map<string, string>();
  private pods!: Informer<Pod>;
  private recorder!: EventRecorder;
  private tick: Timer | undefined;

  constructor(
    private readonly ctx: ControllerContext,
    options: SchedulerOptions = {},
  ) {
    this.schedulerName = options.schedulerName ?? DEFAULT_SCHEDULER_NAME;
    this.queue = new SchedulingQueue(ctx.clock, () => this.wake());
  }

  start(): void {
    this.recorder = this.ctx.recorder({ component: this.schedulerName });
    const nodes = this.ctx.informers.for<Node>(NODES);
    this.pods = this.ctx.informers.for<Pod>(PODS);
    nodes.addHandlers({
      add: (n) => this.nodeAdded(n),
      update: (old, n) => this.nodeUpdated(old, n),
      delete: (n) => this.nodeDeleted(n),
    });
    this.pods.addHandlers({
      add: (p) => this.podAdded(p),
      update: (old, p) => this.podUpdated(old, p),
      delete: (p) => this.podDeleted(p),
    });
    // Whatever the informers already hold (handlers are idempotent, so a replay does no harm).
    for (const n of nodes.list()) this.nodeAdded(n);
    for (const p of this.pods.list()) this.podAdded(p);
    this.scheduleFlush();
  }

  // --- nodes -----------------------------------------------------------------------------------

  private nodeAdded(node: Node): void {
    const name = node.metadata?.name ?? '';
    const known = this.nodes.get(name);
    if (known) {
      known.info.setNode(node);
      if (!known.present) this.nodeList = undefined;
      known.present = true;
    } else {
      this.nodes.set(name, { info: new NodeInfo(node), present: true });
      this.nodeList = undefined;
    }
    this.queue.moveAllToActiveOrBackoff();
  }

  private nodeUpdated(old: Node, node: Node): void {
    const known = this.nodes.get(node.metadata?.name ?? '');
    if (!known || !known.present) return this.nodeAdded(node);
    known.info.setNode(node);
    if (nodeSchedulingPropertiesChanged(old, node)) this.queue.moveAllToActiveOrBackoff();
  }

  private nodeDeleted(node: Node): void {
    const name = node.metadata?.name ?? '';
    const known = this.nodes.get(name);
    if (!known) return;
    known.present = false;
    if (known.info.podCount === 0) this.nodes.delete(name);
    this.nodeList = undefined;
  }

  private presentNodes(): NodeInfo[] {
    this.nodeList ??= [...this.nodes.values()].filter((n) => n.present).map((n) => n.info);
    return this.nodeList;
  }

  private infoFor(nodeName: string): NodeInfo {
    let known = this.nodes.get(nodeName);
    if (!known) {
      known = { info: new NodeInfo({ metadata: { name: nodeName } }), present: false };
      this.nodes.set(nodeName, known);
    }
    return known.info;
  }

  // --- pods ------------------------------------------------------------------------------------

  private isOurs(pod: Pod): boolean {
    return (pod.spec?.schedulerName ?? DEFAULT_SCHEDULER_NAME) === this.schedulerName;
  }

  private podAdded(pod: Pod): void {
    if (pod.spec?.nodeName) return this.count(pod);
    if (this.isOurs(pod) && !pod.metadata?.deletionTimestamp && !isTerminal(pod)) this.queue.add(pod);
  }

  private podUpdated(old: Pod, pod: Pod): void {
    if (pod.spec?.nodeName) {
      this.queue.done(uidOf(pod));
      if (isTerminal(pod)) this.uncount(pod);
      else this.count(pod);
      return;
    }
    if (!this.isOurs(pod) || pod.metadata?.deletionTimestamp || isTerminal(pod)) return this.queue.delete(uidOf(pod));
    // Only a change to what the pod asks for (spec, labels) is worth another try; our own
    // PodScheduled condition landing in its status is not.
    if (podSchedulingPropertiesChanged(old, pod)) this.queue.update(pod);
    else this.queue.add(pod);
  }

  private podDeleted(pod: Pod): void {
    this.queue.delete(uidOf(pod));
    this.uncount(pod);
  }

  /** Adds a bound pod to its node's totals (once; moving it if it was assumed elsewhere). */
  private count(pod: Pod, nodeName = pod.spec?.nodeName ?? ''): void {
    const uid = uidOf(pod);
    if (isTerminal(pod)) return;
    const current = this.podNode.get(uid);
    if (current === nodeName) return;
    if (current !== undefined) this.uncount(pod);
    this.infoFor(nodeName).addPod(pod);
    this.podNode.set(uid, nodeName);
  }

  /** A bound pod went away (or finished): its node has room again, so parked pods may fit now. */
  private uncount(pod: Pod): void {
    const uid = uidOf(pod);
    const nodeName = this.podNode.get(uid);
    if (nodeName === undefined) return;
    this.podNode.delete(uid);
    const known = this.nodes.get(nodeName);
    if (known) {
      known.info.removePod(uid);
      if (!known.present && known.info.podCount === 0) this.nodes.delete(nodeName);
    }
    this.queue.moveAllToActiveOrBackoff();
  }

  // --- the scheduling loop ---------------------------------------------------------------------

  private wake(): void {
    this.tick ??= this.ctx.clock.schedule(0, this.drain);
  }

  private drain = (): void => {
    this.tick = undefined;
    for (let pod = this.queue.pop(); pod; pod = this.queue.pop()) this.scheduleOne(pod);
  };

  private scheduleOne(queued: Pod): void {
    // Decide on the freshest copy; the pod may have been bound, deleted or changed meanwhile.
    const pod = this.pods.get(queued.metadata?.namespace, queued.metadata?.name ?? '') ?? queued;
    if (uidOf(pod) !== uidOf(queued) || pod.spec?.nodeName || pod.metadata?.deletionTimestamp) {
      this.queue.done(uidOf(queued));
      return;
    }
    const verdict = findNode(podInfo(pod), this.presentNodes(), this.ctx.rng);
    if (!verdict.fits) {
      this.recorder.event(pod, 'Warning', 'FailedScheduling', truncateMessage(verdict.message));
      this.setUnschedulableCondition(pod, verdict.message);
      this.queue.unschedulable(pod);
      return;
    }
    const node = verdict.node.name;
    this.count(pod, node); // assume
    const ns = pod.metadata?.namespace ?? 'default';
    const name = pod.metadata?.name ?? '';
    const bound = this.ctx.client.bind(ns, name, node);
    if (!bound.ok) {
      this.uncount(pod);
      if (bound.status.code === 404) return this.queue.done(uidOf(pod));
      this.recorder.event(pod, 'Warning', 'FailedScheduling', truncateMessage(`running Bind plugin "DefaultBinder": ${bound.status.message ?? ''}`));
      this.queue.retry(pod);
      return;
    }
    this.queue.done(uidOf(pod));
    this.recorder.event(pod, 'Normal', 'Scheduled', `Successfully assigned ${ns}/${name} to ${node}`);
  }

  /** `PodScheduled: False, reason Unschedulable`, written only when it says something new. */
  private setUnschedulableCondition(pod: Pod, message: string): void {
    const conditions = pod.status?.conditions ?? [];
    const current = conditions.find((c) => c.type === 'PodScheduled');
    if (current && current.status === 'False' && current.reason === 'Unschedulable' && current.message === message) return;
    const condition: Mutable<PodCondition> = {
      type: 'PodScheduled',
      status: 'False',
      reason: 'Unschedulable',
      message,
      lastTransitionTime: current && current.status === 'False' ? current.lastTransitionTime : this.ctx.clock.timestamp(),
    };
    const next = [...conditions.filter((c) => c.type !== 'PodScheduled'), condition];
    if (!current) next.sort((a, b) => (a.type === 'PodScheduled' ? -1 : b.type === 'PodScheduled' ? 1 : 0));
    this.ctx.client.patch(PODS, pod.metadata?.namespace, pod.metadata?.name ?? '', 'merge', { status: { conditions: next } }, { subresource: 'status' });
  }

  /** The safety net: every 30 s, pods parked for 5 minutes are retried even if nothing changed. */
  private scheduleFlush(): void {
    this.ctx.clock.schedule(
      FLUSH_UNSCHEDULABLE_EVERY_MS,
      () => {
        this.queue.flushUnschedulableLeftover();
        this.scheduleFlush();
      },
      { background: true },
    );
  }
}
