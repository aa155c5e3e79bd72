/**
 * A test-only stand-in for the scheduler: binds each pending pod through `pods/<name>/binding`.
 * A pod pinned with required node affinity on `metadata.name` (as DaemonSet pods are) goes to that
 * node; any other pod goes round-robin to the Ready nodes whose NoSchedule/NoExecute taints it
 * tolerates. No resources, no scoring — scenario tests of controllers only need pods to land.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { resourceFor } from '../../api/resources';
import type { Informer } from '../../client/types';
import { untoleratedTaints } from '../nodelifecycle/taints';
import type { Controller, ControllerContext } from '../framework/context';
import { WorkQueue, keyOf, splitKey } from '../framework/workqueue';
import { nodeMatchesPod, targetNodeName } from '../daemonset/placement';

const PODS = resourceFor('', 'pods')!;
const NODES = resourceFor('', 'nodes')!;

export class TestBinder implements Controller {
  readonly name = 'test-binder';
  private readonly queue: WorkQueue;
  private nodes!: Informer<Node>;
  private pods!: Informer<Pod>;
  private next = 0;

  constructor(private readonly ctx: ControllerContext) {
    this.queue = new WorkQueue(ctx.clock, (key) => this.bind(key), { reactionMs: 10 });
  }

  start(): void {
    this.nodes = this.ctx.informers.for<Node>(NODES);
    this.pods = this.ctx.informers.for<Pod>(PODS);
    this.pods.addHandlers({ add: (p) => this.maybe(p), update: (_o, p) => this.maybe(p) });
  }

  private maybe(pod: Pod): void {
    if (!pod.spec?.nodeName && !pod.metadata?.deletionTimestamp) this.queue.add(keyOf(pod));
  }

  private bind(key: string): void | 'retry' {
    const { namespace, name } = splitKey(key);
    const pod = this.pods.get(namespace, name);
    if (!pod || pod.spec?.nodeName || pod.metadata?.deletionTimestamp) return;
    const pinned = targetNodeName(pod.spec);
    const candidates = [...this.nodes.list()]
      .filter((n) => (pinned ? n.metadata?.name === pinned : true))
      .filter((n) => nodeMatchesPod(n, pod.spec))
      .filter((n) => untoleratedTaints(n.spec?.taints, pod.spec?.tolerations, ['NoSchedule', 'NoExecute']).length === 0)
      .sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
    if (candidates.length === 0) return 'retry';
    const node = candidates[this.next++ % candidates.length]!;
    const bound = this.ctx.client.bind(namespace!, name, node.metadata!.name!);
    if (!bound.ok && bound.status.code !== 409) return 'retry';
  }
}
