/**
 * The DaemonSet controller (`daemonset-controller`): one pod per eligible node.
 *
 * Each sync of a DaemonSet:
 * 1. makes sure the current pod template is recorded as a ControllerRevision and knows its hash;
 * 2. walks the nodes: where a daemon pod should run and none exists, creates one pinned to that
 *    node (the scheduler binds it); deletes failed pods, extra pods, and pods on nodes that no
 *    longer qualify (selector changed, an untolerated NoExecute taint appeared);
 * 3. with the RollingUpdate strategy, replaces pods from older templates a few nodes at a time
 *    (maxUnavailable); with OnDelete, only when someone deletes them;
 * 4. prunes old revisions and writes the status counters.
 */
import type { ControllerRevision, DaemonSet, DaemonSetStatus } from 'kubernetes-types/apps/v1';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { clone } from '../../api/clone';
import { resourceFor } from '../../api/resources';
import { labelSelectorAsSelector } from '../../api/selectors';
import type { Informer } from '../../client/types';
import { canonicalJson, sameCanonicalJson } from '../../sim/names';
import type { Controller, ControllerContext } from '../framework/context';
import type { EventRecorder } from '../framework/recorder';
import { WorkQueue, keyOf, splitKey, type SyncResult } from '../framework/workqueue';
import { Expectations } from './expectations';
import { daemonPodTolerations, pinToNode, placementOn, targetNodeName, type Placement } from './placement';
import { REVISION_HASH_LABEL, TEMPLATE_GENERATION_LABEL, isPodUpdated, maxUnavailableOf, rollingUpdateDeletions } from './rolling';
import { maxRevision, newRevision, revisionsToPrune, sameData, templateHash } from './revisions';
import { availableAt, computeStatus, type NodeView } from './status';

const DAEMONSETS = resourceFor('apps', 'daemonsets')!;
const PODS = resourceFor('', 'pods')!;
const NODES = resourceFor('', 'nodes')!;
const REVISIONS = resourceFor('apps', 'controllerrevisions')!;

const controllerOf = (obj: { metadata?: { ownerReferences?: Array<{ controller?: boolean; kind: string; uid: string; name: string }> } }) =>
  obj.metadata?.ownerReferences?.find((r) => r.controller === true);
const NO_PODS: readonly Pod[] = [];
const byCreation = (a: Pod, b: Pod): number =>
  (a.metadata?.creationTimestamp ?? '').localeCompare(b.metadata?.creationTimestamp ?? '') || (a.metadata!.name! < b.metadata!.name! ? -1 : 1);

export class DaemonSetController implements Controller {
  readonly name = 'daemonset-controller';
  private readonly daemonsets: Informer<DaemonSet>;
  private readonly pods: Informer<Pod>;
  private readonly nodes: Informer<Node>;
  private readonly revisions: Informer<ControllerRevision>;
  private readonly queue: WorkQueue;
  private readonly recorder: EventRecorder;
  private readonly expectations = new Expectations();
  /** Node names in the order syncs walk them; rebuilt only when nodes come or go. */
  private nodeNames: string[] | undefined;

  constructor(private readonly ctx: ControllerContext) {
    this.daemonsets = ctx.informers.for<DaemonSet>(DAEMONSETS);
    this.pods = ctx.informers.for<Pod>(PODS);
    this.nodes = ctx.informers.for<Node>(NODES);
    this.revisions = ctx.informers.for<ControllerRevision>(REVISIONS);
    this.queue = new WorkQueue(ctx.clock, (key) => this.sync(key));
    this.recorder = ctx.recorder({ component: 'daemonset-controller' });
  }

  start(): void {
    const enqueue = (ds: DaemonSet): void => this.queue.add(keyOf(ds));
    this.daemonsets.addHandlers({
      add: enqueue,
      update: (_old, ds) => enqueue(ds),
      delete: (ds) => this.expectations.forget(keyOf(ds)),
    });
    this.pods.addHandlers({
      add: (pod) => {
        const key = this.ownerKey(pod);
        if (key) this.expectations.creationObserved(key);
        this.podChanged(pod);
      },
      update: (old, pod) => {
        const key = this.ownerKey(pod);
        if (key && pod.metadata?.deletionTimestamp && !old.metadata?.deletionTimestamp) this.expectations.deletionObserved(key, keyOf(pod));
        this.podChanged(pod);
        if (!sameCanonicalJson(old.metadata?.labels, pod.metadata?.labels)) this.podChanged(old);
      },
      delete: (pod) => {
        const key = this.ownerKey(pod);
        if (key) this.expectations.deletionObserved(key, keyOf(pod));
        this.podChanged(pod);
      },
    });
    const placementFacts = (n: Node): string => canonicalJson([n.metadata?.labels, n.spec?.taints, n.spec?.unschedulable]);
    const nodesChanged = (): void => {
      this.nodeNames = undefined;
      this.enqueueAll();
    };
    this.nodes.addHandlers({
      add: nodesChanged,
      update: (old, n) => {
        if (placementFacts(old) !== placementFacts(n)) this.enqueueAll();
      },
      delete: nodesChanged,
    });
  }

  private enqueueAll(): void {
    for (const ds of this.daemonsets.list()) this.queue.add(keyOf(ds));
  }

  /** The DaemonSet controlling this pod, as a queue key. */
  private ownerKey(pod: Pod): string | undefined {
    const ref = controllerOf(pod);
    return ref?.kind === 'DaemonSet' ? `${pod.metadata?.namespace}/${ref.name}` : undefined;
  }

  /** A pod changed: its DaemonSet (or, for an orphan, any DaemonSet that could adopt it) looks again. */
  private podChanged(pod: Pod): void {
    const key = this.ownerKey(pod);
    if (key) {
      this.queue.add(key);
      return;
    }
    if (controllerOf(pod)) return;
    for (const ds of this.daemonsets.list(pod.metadata?.namespace)) {
      if (labelSelectorAsSelector(ds.spec?.selector).matches(pod.metadata?.labels)) this.queue.add(keyOf(ds));
    }
  }

  private sync(key: string): SyncResult {
    const { namespace, name } = splitKey(key);
    const ds = this.daemonsets.get(namespace, name);
    if (!ds) {
      this.expectations.forget(key);
      return;
    }
    if (ds.metadata?.deletionTimestamp) return; // the garbage collector takes the pods
    const selector = labelSelectorAsSelector(ds.spec?.selector);
    if (selector.empty) return; // validation forbids it; never select every pod in the namespace

    const history = this.syncHistory(ds);
    if (history === 'retry') return 'retry';
    const hash = history;
    const pods = this.claimPods(ds, selector);
    const nodes = this.sortedNodes();
    // Where the pod should run, node by node; computed once per sync (and remembered per node
    // object and template, see placementOn) since manage, rollingUpdate and the status all ask.
    const template = ds.spec?.template?.spec;
    const placements = nodes.map((node) => placementOn(node, template));
    const byNode = new Map<string, Pod[]>();
    for (const pod of pods) {
      const node = targetNodeName(pod.spec);
      if (!node) continue;
      let list = byNode.get(node);
      if (!list) byNode.set(node, (list = []));
      list.push(pod);
    }

    const now = this.ctx.clock.now();
    const minReady = ds.spec?.minReadySeconds ?? 0;
    const isAvailable = (p: Pod): boolean => availableAt(p, minReady, now, (t) => this.ctx.clock.toSim(t));
    let result: SyncResult = undefined;
    if (this.expectations.satisfied(key)) {
      result = this.manage(ds, key, nodes, placements, byNode, hash);
      const rolling = (ds.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
      if (rolling && this.expectations.satisfied(key)) this.rollingUpdate(ds, key, nodes, placements, byNode, hash, isAvailable);
      this.pruneHistory(ds, hash, pods);
    }
    this.updateStatus(ds, placements, nodes, byNode, hash, isAvailable);
    return result ?? this.availabilityRecheck(ds, pods, now);
  }

  /** The nodes, sorted by name, as the informer has them now. */
  private sortedNodes(): Node[] {
    this.nodeNames ??= this.nodes
      .list()
      .map((n) => n.metadata!.name!)
      .sort();
    const nodes: Node[] = [];
    for (const name of this.nodeNames) {
      const node = this.nodes.get(undefined, name);
      if (node) nodes.push(node);
    }
    return nodes;
  }

  /** The current revision's hash, creating or renumbering the ControllerRevision as needed. */
  private syncHistory(ds: DaemonSet): string | 'retry' {
    const owned = this.revisions.list(ds.metadata?.namespace).filter((r) => controllerOf(r)?.uid === ds.metadata?.uid);
    const hash = templateHash(ds);
    const name = `${ds.metadata!.name}-${hash}`;
    const current = owned.find((r) => r.metadata?.name === name);
    const top = maxRevision(owned);
    if (!current) {
      const created = this.ctx.client.create<ControllerRevision>(REVISIONS, newRevision(ds, hash, top + 1));
      if (created.ok) return hash;
      if (created.status.code !== 409) return 'retry';
      // Already there: ours but not yet in the cache, or a different template with the same hash.
      const existing = this.ctx.client.get<ControllerRevision>(REVISIONS, ds.metadata?.namespace, name);
      if (existing.ok && controllerOf(existing.value)?.uid === ds.metadata?.uid && sameData(existing.value, ds)) return hash;
      return this.bumpCollisionCount(ds);
    }
    if (!sameData(current, ds)) return this.bumpCollisionCount(ds);
    if (current.revision < top) {
      // Rolled back to an older template: it becomes the newest revision again.
      const next = clone(current);
      next.revision = top + 1;
      const updated = this.ctx.client.update(REVISIONS, next);
      if (!updated.ok) return 'retry';
    }
    return hash;
  }

  private bumpCollisionCount(ds: DaemonSet): 'retry' {
    const next = clone(ds);
    next.status = { ...(next.status as DaemonSetStatus), collisionCount: (ds.status?.collisionCount ?? 0) + 1 };
    this.ctx.client.update(DAEMONSETS, next, { subresource: 'status' });
    return 'retry';
  }

  /**
   * The pods this DaemonSet controls: those it owns and still selects. Owned pods that no longer
   * match are released; matching orphans are adopted (ControllerRefManager).
   */
  private claimPods(ds: DaemonSet, selector: ReturnType<typeof labelSelectorAsSelector>): Pod[] {
    const uid = ds.metadata?.uid;
    const claimed: Pod[] = [];
    for (const pod of this.pods.list(ds.metadata?.namespace)) {
      const ref = controllerOf(pod);
      const matches = selector.matches(pod.metadata?.labels);
      if (ref?.uid === uid) {
        if (matches) claimed.push(pod);
        else this.rewritePod(pod, (p) => void (p.metadata!.ownerReferences = p.metadata!.ownerReferences!.filter((r) => r.uid !== uid)));
      } else if (!ref && matches && !pod.metadata?.deletionTimestamp) {
        const adopted = this.rewritePod(pod, (p) => {
          p.metadata!.ownerReferences = [...(p.metadata!.ownerReferences ?? []), this.ownerReference(ds)];
        });
        if (adopted) claimed.push(adopted);
      }
    }
    return claimed;
  }

  private rewritePod(pod: Pod, change: (p: Pod) => void): Pod | undefined {
    const next = clone(pod);
    change(next);
    const written = this.ctx.client.update<Pod>(PODS, next);
    return written.ok ? written.value : undefined;
  }

  private ownerReference(ds: DaemonSet) {
    return { apiVersion: 'apps/v1', kind: 'DaemonSet', name: ds.metadata!.name!, uid: ds.metadata!.uid!, controller: true, blockOwnerDeletion: true };
  }

  /** One daemon pod on every node that should run one, none elsewhere (manage + podsShouldBeOnNode). */
  private manage(
    ds: DaemonSet,
    key: string,
    nodes: readonly Node[],
    placements: readonly Placement[],
    byNode: ReadonlyMap<string, Pod[]>,
    hash: string,
  ): SyncResult {
    const toCreate: string[] = [];
    const toDelete: Pod[] = [];
    for (let i = 0; i < nodes.length; i++) {
      const nodeName = nodes[i]!.metadata!.name!;
      const here = byNode.get(nodeName);
      const { shouldRun, shouldContinueRunning } = placements[i]!;
      if (!here) {
        if (shouldRun) toCreate.push(nodeName);
        continue;
      }
      const live = here.filter((p) => !p.metadata?.deletionTimestamp);
      if (shouldRun) {
        const running: Pod[] = [];
        for (const pod of live) {
          if (pod.status?.phase === 'Failed') {
            this.recorder.event(ds, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${pod.metadata!.namespace}/${pod.metadata!.name} on node ${nodeName}, will try to kill it`);
            toDelete.push(pod);
          } else {
            running.push(pod);
          }
        }
        // More than one: keep the oldest.
        if (running.length > 1) toDelete.push(...running.sort(byCreation).slice(1));
      } else if (!shouldContinueRunning) {
        toDelete.push(...live);
      }
    }
    let failed = false;
    for (const pod of toDelete) if (!this.deletePod(ds, key, pod)) failed = true;
    for (const nodeName of toCreate) if (!this.createPod(ds, key, nodeName, hash)) failed = true;
    return failed ? 'retry' : undefined;
  }

  private createPod(ds: DaemonSet, key: string, nodeName: string, hash: string): boolean {
    const template = clone(ds.spec!.template);
    const labels: Record<string, string> = { ...template.metadata?.labels, [REVISION_HASH_LABEL]: hash };
    if (ds.metadata?.generation !== undefined) labels[TEMPLATE_GENERATION_LABEL] = String(ds.metadata.generation);
    const spec = { ...template.spec!, affinity: pinToNode(template.spec?.affinity, nodeName), tolerations: daemonPodTolerations(template.spec) };
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        ...template.metadata,
        generateName: `${ds.metadata!.name}-`,
        namespace: ds.metadata?.namespace,
        labels,
        ownerReferences: [this.ownerReference(ds)],
      },
      spec,
    };
    this.expectations.expectCreations(key, 1);
    const created = this.ctx.client.create<Pod>(PODS, pod);
    if (created.ok) {
      this.recorder.event(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${created.value.metadata!.name}`);
      return true;
    }
    this.expectations.creationFailed(key);
    if (created.status.code === 403) return true; // namespace terminating
    this.recorder.event(ds, 'Warning', 'FailedCreate', `Error creating: ${created.status.message ?? ''}`);
    return false;
  }

  private deletePod(ds: DaemonSet, key: string, pod: Pod): boolean {
    this.expectations.expectDeletion(key, keyOf(pod));
    const deleted = this.ctx.client.delete(PODS, pod.metadata?.namespace, pod.metadata!.name!, { preconditions: { uid: pod.metadata?.uid } });
    if (deleted.ok) {
      this.recorder.event(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata!.name}`);
      return true;
    }
    this.expectations.deletionObserved(key, keyOf(pod));
    if (deleted.status.code === 404) return true;
    this.recorder.event(ds, 'Warning', 'FailedDelete', `Error deleting: ${deleted.status.message ?? ''}`);
    return false;
  }

  /** Replace old-template pods, at most maxUnavailable nodes at a time. */
  private rollingUpdate(
    ds: DaemonSet,
    key: string,
    nodes: readonly Node[],
    placements: readonly Placement[],
    byNode: ReadonlyMap<string, Pod[]>,
    hash: string,
    isAvailable: (p: Pod) => boolean,
  ): void {
    // Nothing to roll while every live pod is from the current template (the usual case).
    const generation = ds.metadata?.generation;
    let outdated = false;
    for (const pods of byNode.values()) {
      for (const p of pods) if (!p.metadata?.deletionTimestamp && !isPodUpdated(p, hash, generation)) outdated = true;
    }
    if (!outdated) return;
    const eligible = new Map<string, Pod[]>();
    for (let i = 0; i < nodes.length; i++) {
      if (!placements[i]!.shouldRun) continue;
      const name = nodes[i]!.metadata!.name!;
      eligible.set(name, (byNode.get(name) ?? []).filter((p) => !p.metadata?.deletionTimestamp));
    }
    const maxUnavailable = maxUnavailableOf(ds, eligible.size);
    const names = rollingUpdateDeletions(eligible, hash, ds.metadata?.generation, maxUnavailable, isAvailable);
    const all = [...eligible.values()].flat();
    for (const podName of names) {
      const pod = all.find((p) => p.metadata?.name === podName);
      if (pod) this.deletePod(ds, key, pod);
    }
  }

  private pruneHistory(ds: DaemonSet, hash: string, pods: readonly Pod[]): void {
    const owned = this.revisions.list(ds.metadata?.namespace).filter((r) => controllerOf(r)?.uid === ds.metadata?.uid);
    const inUse = new Set(pods.map((p) => p.metadata?.labels?.[REVISION_HASH_LABEL] ?? ''));
    const limit = ds.spec?.revisionHistoryLimit ?? 10;
    for (const r of revisionsToPrune(owned, `${ds.metadata!.name}-${hash}`, limit, inUse)) {
      this.ctx.client.delete(REVISIONS, r.metadata?.namespace, r.metadata!.name!);
    }
  }

  private updateStatus(
    ds: DaemonSet,
    placements: readonly Placement[],
    nodes: readonly Node[],
    byNode: ReadonlyMap<string, Pod[]>,
    hash: string,
    isAvailable: (p: Pod) => boolean,
  ): void {
    const views: NodeView[] = nodes.map((node, i) => {
      const here = byNode.get(node.metadata!.name!);
      const pods = here ? here.filter((p) => !p.metadata?.deletionTimestamp).sort(byCreation) : NO_PODS;
      return { shouldRun: placements[i]!.shouldRun, pods };
    });
    const status = computeStatus(ds, views, hash, isAvailable);
    if (sameCanonicalJson(status, ds.status ?? {})) return;
    const next = clone(ds);
    next.status = status;
    this.ctx.client.update(DAEMONSETS, next, { subresource: 'status' });
  }

  /** With minReadySeconds, a ready pod becomes available later: look again then. */
  private availabilityRecheck(ds: DaemonSet, pods: readonly Pod[], now: number): SyncResult {
    const minReady = ds.spec?.minReadySeconds ?? 0;
    if (minReady <= 0) return;
    let soonest = Infinity;
    for (const pod of pods) {
      const ready = pod.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True');
      if (!ready?.lastTransitionTime) continue;
      const at = this.ctx.clock.toSim(ready.lastTransitionTime) + minReady * 1000;
      if (at > now) soonest = Math.min(soonest, at);
    }
    return soonest === Infinity ? undefined : { requeueAfterMs: soonest - now };
  }
}
