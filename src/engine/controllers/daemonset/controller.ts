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
import type { Node, Pod, PodSpec } from 'kubernetes-types/core/v1';
import { clone } from '../../api/clone';
import { resourceFor } from '../../api/resources';
import { labelSelectorAsSelector } from '../../api/selectors';
import type { Informer } from '../../client/types';
import { sameCanonicalJson } from '../../sim/names';
import type { Controller, ControllerContext } from '../framework/context';
import type { EventRecorder } from '../framework/recorder';
import { WorkQueue, keyOf, splitKey, type SyncResult } from '../framework/workqueue';
import { Expectations } from './expectations';
import { daemonPodTolerations, pinToNode, placementOn, targetNodeName, type Placement } from './placement';
import { REVISION_HASH_LABEL, TEMPLATE_GENERATION_LABEL, hasOutdatedPods, maxUnavailableOf, rollingUpdateDeletions } from './rolling';
import { maxRevision, newRevision, revisionsToPrune, sameData, templateHash } from './revisions';
import { availableAt, byCreation, computeStatus, type NodeView } from './status';

const DAEMONSETS = resourceFor('apps', 'daemonsets')!;
const PODS = resourceFor('', 'pods')!;
const NODES = resourceFor('', 'nodes')!;
const REVISIONS = resourceFor('apps', 'controllerrevisions')!;

type OwnerRef = { controller?: boolean; kind: string; uid: string; name: string };
function controllerOf(obj: { metadata?: { ownerReferences?: OwnerRef[] } }): OwnerRef | undefined {
  for (const r of obj.metadata?.ownerReferences ?? []) if (r.controller === true) return r;
  return undefined;
}
const isLive = (p: Pod): boolean => !p.metadata?.deletionTimestamp;
const isFailed = (p: Pod): boolean => p.status?.phase === 'Failed';
/** The pods not being deleted (the same array when that is all of them, as it mostly is). */
function liveOf(pods: readonly Pod[]): readonly Pod[] {
  for (const p of pods) if (!isLive(p)) return pods.filter(isLive);
  return pods;
}

/** The nodes as one DaemonSet's syncs see them (see nodesFor). */
interface NodePicture {
  version: number;
  /** Sorted by name. */
  nodes: readonly Node[];
  /** Where the pod should run, by index into `nodes`. */
  placements: readonly Placement[];
  byName: ReadonlyMap<string, Placement>;
  /** How many nodes should run the pod (desiredNumberScheduled). */
  shouldRun: number;
}

/**
 * Whether manage has anything to do: a node that should run the pod has none, a node has a
 * failed or a second daemon pod, or a pod sits where it may not stay. Looks only at the nodes
 * that have pods; manage then walks every node (in name order) only when there is work.
 */
function needsManaging(nodes: NodePicture, byNode: ReadonlyMap<string, Pod[]>): boolean {
  let covered = 0;
  for (const name of byNode.keys()) {
    const pods = byNode.get(name)!;
    const placement = nodes.byName.get(name);
    if (!placement) continue; // not a node (any more): manage never looks there
    if (placement.shouldRun) {
      covered++;
      let running = 0;
      for (const p of pods) {
        if (!isLive(p)) continue;
        if (isFailed(p) || ++running > 1) return true;
      }
    } else if (!placement.shouldContinueRunning && pods.some(isLive)) {
      return true;
    }
  }
  return covered < nodes.shouldRun;
}

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
  /** Bumped on every node event: the node picture below is rebuilt only when this moved. */
  private nodesVersion = 0;
  /** Per template: the nodes and where its pod should run, as of `version` (see nodesFor). */
  private readonly nodePictures = new WeakMap<PodSpec, NodePicture>();

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
    const placementFacts = (n: Node): unknown[] => [n.metadata?.labels, n.spec?.taints, n.spec?.unschedulable];
    const nodesChanged = (): void => {
      this.nodeNames = undefined;
      this.nodesVersion++;
      this.enqueueAll();
    };
    this.nodes.addHandlers({
      add: nodesChanged,
      update: (old, n) => {
        this.nodesVersion++;
        if (!sameCanonicalJson(placementFacts(old), placementFacts(n))) this.enqueueAll();
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
    const nodes = this.nodesFor(ds.spec?.template?.spec);
    const byNode = new Map<string, Pod[]>();
    for (const pod of pods) {
      const node = targetNodeName(pod.spec);
      if (!node) continue;
      const list = byNode.get(node);
      if (list) list.push(pod);
      else byNode.set(node, [pod]);
    }

    const now = this.ctx.clock.now();
    const minReady = ds.spec?.minReadySeconds ?? 0;
    const toSim = (t: string): number => this.ctx.clock.toSim(t);
    const isAvailable = (p: Pod): boolean => availableAt(p, minReady, now, toSim);
    let result: SyncResult = undefined;
    if (this.expectations.satisfied(key)) {
      result = this.manage(ds, key, nodes, byNode, hash);
      const rolling = (ds.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
      if (rolling && this.expectations.satisfied(key)) this.rollingUpdate(ds, key, nodes, byNode, hash, isAvailable);
      this.pruneHistory(ds, hash, pods);
    }
    this.updateStatus(ds, nodes, byNode, hash, isAvailable);
    return result ?? this.availabilityRecheck(ds, pods, now);
  }

  /**
   * The nodes in name order and where this template's pod should run, kept until a node changes.
   * A sync runs for every change to any daemon pod, so with a thousand nodes the per-node work
   * must not be redone each time: the work below goes by the pods (nodes that have one), and only
   * creating pods for uncovered nodes walks every node.
   */
  private nodesFor(template: PodSpec | undefined): NodePicture {
    const known = template ? this.nodePictures.get(template) : undefined;
    if (known && known.version === this.nodesVersion) return known;
    const nodes = this.sortedNodes();
    const placements = nodes.map((node) => placementOn(node, template));
    const byName = new Map<string, Placement>();
    let shouldRun = 0;
    for (let i = 0; i < nodes.length; i++) {
      byName.set(nodes[i]!.metadata!.name!, placements[i]!);
      if (placements[i]!.shouldRun) shouldRun++;
    }
    const picture: NodePicture = { version: this.nodesVersion, nodes, placements, byName, shouldRun };
    if (template) this.nodePictures.set(template, picture);
    return picture;
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
  private manage(ds: DaemonSet, key: string, nodes: NodePicture, byNode: ReadonlyMap<string, Pod[]>, hash: string): SyncResult {
    if (!needsManaging(nodes, byNode)) return undefined;
    const toCreate: string[] = [];
    const toDelete: Pod[] = [];
    for (let i = 0; i < nodes.nodes.length; i++) {
      const nodeName = nodes.nodes[i]!.metadata!.name!;
      const here = byNode.get(nodeName) ?? [];
      const live = here.filter(isLive);
      const { shouldRun, shouldContinueRunning } = nodes.placements[i]!;
      if (shouldRun) {
        if (here.length === 0) {
          toCreate.push(nodeName);
          continue;
        }
        const running: Pod[] = [];
        for (const pod of live) {
          if (isFailed(pod)) {
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
    nodes: NodePicture,
    byNode: ReadonlyMap<string, Pod[]>,
    hash: string,
    isAvailable: (p: Pod) => boolean,
  ): void {
    // Nothing to roll while every live pod is from the current template (the usual case).
    const generation = ds.metadata?.generation;
    if (!hasOutdatedPods(byNode.values(), hash, generation)) return;
    const eligible = new Map<string, Pod[]>();
    for (let i = 0; i < nodes.nodes.length; i++) {
      if (!nodes.placements[i]!.shouldRun) continue;
      const name = nodes.nodes[i]!.metadata!.name!;
      eligible.set(name, (byNode.get(name) ?? []).filter(isLive));
    }
    const maxUnavailable = maxUnavailableOf(ds, eligible.size);
    const names = rollingUpdateDeletions(eligible, hash, generation, maxUnavailable, isAvailable);
    const all = [...eligible.values()].flat();
    for (const podName of names) {
      const pod = all.find((p) => p.metadata?.name === podName);
      if (pod) this.deletePod(ds, key, pod);
    }
  }

  private pruneHistory(ds: DaemonSet, hash: string, pods: readonly Pod[]): void {
    const owned = this.revisions.list(ds.metadata?.namespace).filter((r) => controllerOf(r)?.uid === ds.metadata?.uid);
    const limit = ds.spec?.revisionHistoryLimit ?? 10;
    if (owned.length - 1 <= limit) return; // within the limit: nothing to prune, whatever the pods use
    const inUse = new Set(pods.map((p) => p.metadata?.labels?.[REVISION_HASH_LABEL] ?? ''));
    for (const r of revisionsToPrune(owned, `${ds.metadata!.name}-${hash}`, limit, inUse)) {
      this.ctx.client.delete(REVISIONS, r.metadata?.namespace, r.metadata!.name!);
    }
  }

  private updateStatus(
    ds: DaemonSet,
    nodes: NodePicture,
    byNode: ReadonlyMap<string, Pod[]>,
    hash: string,
    isAvailable: (p: Pod) => boolean,
  ): void {
    // Nodes without daemon pods only count towards desiredNumberScheduled, which nodesFor knows.
    const withPods: NodeView[] = [];
    byNode.forEach((pods, name) => {
      const placement = nodes.byName.get(name);
      if (placement) withPods.push({ shouldRun: placement.shouldRun, pods: liveOf(pods) });
    });
    const status = computeStatus(ds, nodes.shouldRun, withPods, hash, isAvailable);
    if (sameCanonicalJson(status, ds.status ?? {})) return;
    // The cached object's own parts go along as they are: the apiserver copies what it keeps.
    this.ctx.client.update<DaemonSet>(DAEMONSETS, { ...ds, status }, { subresource: 'status' });
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
