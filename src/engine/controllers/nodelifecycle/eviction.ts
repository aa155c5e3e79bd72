/**
 * The taint eviction controller (`taint-eviction-controller`): evicts pods from nodes with
 * NoExecute taints they do not tolerate.
 *
 * For each pod on a tainted node: if some NoExecute taint is not tolerated at all, the pod is
 * deleted now; if all are tolerated, it may stay for the smallest `tolerationSeconds` among the
 * tolerations used (forever if none sets it). Every pod gets `not-ready` and `unreachable`
 * tolerations of 300 s from the DefaultTolerationSeconds admission plugin — hence "pods leave a
 * dead node after five minutes". When the taint goes away first, the eviction is cancelled.
 *
 * Eviction = a `DisruptionTarget` condition on the pod, then an ordinary (graceful) delete. On a
 * node whose kubelet is gone nobody confirms the deletion, so the pod stays `Terminating` until the
 * node comes back — exactly what a real cluster shows.
 */
import type { Node, Pod, Taint } from 'kubernetes-types/core/v1';
import { clone } from '../../api/clone';
import { resourceFor } from '../../api/resources';
import type { KubeObject } from '../../api/types';
import type { Informer } from '../../client/types';
import type { Timer } from '../../sim/clock';
import { sameCanonicalJson } from '../../sim/names';
import type { Controller, ControllerContext } from '../framework/context';
import type { EventRecorder } from '../framework/recorder';
import { matchingTolerations, minTolerationMs } from './taints';
import { ensurePodsByNodeIndex, PODS_BY_NODE_INDEX } from './controller';

const NODES = resourceFor('', 'nodes')!;
const PODS = resourceFor('', 'pods')!;

interface ScheduledEviction {
  timer: Timer;
  createdAt: number;
  fireAt: number;
}

const noExecuteTaints = (node: Node | undefined): Taint[] => (node?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');

export class TaintEvictionController implements Controller {
  readonly name = 'taint-eviction-controller';
  private readonly nodes: Informer<Node>;
  private readonly pods: Informer<Pod>;
  private readonly recorder: EventRecorder;
  /** node name → its NoExecute taints, for nodes that have any. */
  private readonly tainted = new Map<string, Taint[]>();
  /** `namespace/name` → pending eviction. */
  private readonly scheduled = new Map<string, ScheduledEviction>();

  constructor(private readonly ctx: ControllerContext) {
    this.nodes = ctx.informers.for<Node>(NODES);
    this.pods = ctx.informers.for<Pod>(PODS);
    this.recorder = ctx.recorder({ component: 'taint-eviction-controller' });
  }

  start(): void {
    ensurePodsByNodeIndex(this.pods);
    this.nodes.addHandlers({
      add: (n) => this.nodeUpdated(undefined, n),
      update: (old, n) => this.nodeUpdated(old, n),
      delete: (n) => this.tainted.delete(n.metadata!.name!),
    });
    this.pods.addHandlers({
      add: (p) => this.podUpdated(undefined, p),
      update: (old, p) => this.podUpdated(old, p),
      delete: (p) => this.cancel(`${p.metadata?.namespace}/${p.metadata?.name}`),
    });
  }

  /** Pending evictions (for tests and the UI): `namespace/name` → simulated ms when it fires. */
  pendingEvictions(): Map<string, number> {
    return new Map([...this.scheduled].map(([k, v]) => [k, v.fireAt]));
  }

  private nodeUpdated(old: Node | undefined, node: Node): void {
    const taints = noExecuteTaints(node);
    if (old && sameCanonicalJson(noExecuteTaints(old), taints)) return;
    const name = node.metadata!.name!;
    if (taints.length === 0) this.tainted.delete(name);
    else this.tainted.set(name, taints);
    const pods = this.pods.byIndex(PODS_BY_NODE_INDEX, name);
    const now = this.ctx.clock.now();
    for (const pod of pods) {
      if (taints.length === 0) this.cancel(keyOf(pod));
      else this.processPod(pod, taints, now);
    }
  }

  private podUpdated(old: Pod | undefined, pod: Pod): void {
    if (old && old.spec?.nodeName === pod.spec?.nodeName && sameCanonicalJson(old.spec?.tolerations, pod.spec?.tolerations)) return;
    const nodeName = pod.spec?.nodeName;
    if (!nodeName) return;
    const taints = this.tainted.get(nodeName);
    if (!taints) return;
    this.processPod(pod, taints, this.ctx.clock.now());
  }

  private processPod(pod: Pod, taints: Taint[], now: number): void {
    const key = keyOf(pod);
    if (pod.metadata?.deletionTimestamp) return; // already on its way out
    const { allTolerated, used } = matchingTolerations(taints, pod.spec?.tolerations);
    if (!allTolerated) {
      this.cancel(key);
      this.schedule(pod, now, now);
      return;
    }
    const allowed = minTolerationMs(used);
    if (allowed === Infinity) {
      this.cancel(key);
      return;
    }
    // An eviction already counting down keeps its deadline: the clock started when the taint came.
    if (this.scheduled.has(key)) return;
    this.schedule(pod, now, now + allowed);
  }

  private schedule(pod: Pod, createdAt: number, fireAt: number): void {
    const key = keyOf(pod);
    const namespace = pod.metadata!.namespace!;
    const name = pod.metadata!.name!;
    const timer = this.ctx.clock.at(fireAt, () => {
      this.scheduled.delete(key);
      this.evict(namespace, name);
    });
    this.scheduled.set(key, { timer, createdAt, fireAt });
  }

  private cancel(key: string): void {
    const existing = this.scheduled.get(key);
    if (!existing) return;
    existing.timer.cancel();
    this.scheduled.delete(key);
    const [namespace, name] = key.split('/') as [string, string];
    this.recorder.event(podRef(namespace, name), 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`);
  }

  private evict(namespace: string, name: string): void {
    this.recorder.event(podRef(namespace, name), 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${namespace}/${name}`);
    const got = this.ctx.client.get<Pod>(PODS, namespace, name);
    if (!got.ok || got.value.metadata?.deletionTimestamp) return;
    const pod = clone(got.value);
    const conditions = pod.status?.conditions ?? [];
    if (!conditions.some((c) => c.type === 'DisruptionTarget' && c.status === 'True')) {
      pod.status = {
        ...pod.status,
        conditions: [
          ...conditions.filter((c) => c.type !== 'DisruptionTarget'),
          {
            type: 'DisruptionTarget',
            status: 'True',
            reason: 'DeletionByTaintManager',
            message: 'Taint manager: deleting due to NoExecute taint',
            lastTransitionTime: this.ctx.clock.timestamp(),
          },
        ],
      };
      this.ctx.client.update<Pod>(PODS, pod, { subresource: 'status' });
    }
    this.ctx.client.delete(PODS, namespace, name, { preconditions: { uid: got.value.metadata?.uid } });
  }
}

const keyOf = (pod: Pod): string => `${pod.metadata?.namespace}/${pod.metadata?.name}`;
/** The taint manager names pods without uid or version in its events. */
const podRef = (namespace: string, name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { namespace, name } });
