/**
 * The ReplicaSet controller: keeps `spec.replicas` pods matching the selector in existence.
 *
 * Each sync of a ReplicaSet:
 *
 * 1. claims its pods — the active ones it controls, adopting matching orphans and releasing pods
 *    that no longer match (claim.ts);
 * 2. if its expectations are met (no creations or deletions of its own still in flight,
 *    expectations.ts), compares the count with `spec.replicas` and creates the missing pods from the
 *    template in slow-start batches (slowstart.ts) or deletes the least useful surplus pods
 *    (ranking.ts), recording `SuccessfulCreate`/`SuccessfulDelete` (or `FailedCreate`) events;
 * 3. writes the status counted from the pods — once per sync, and only if it changed (status.ts).
 *
 * Informer events only enqueue the ReplicaSet's key; bursts of pod changes fold into one sync.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { Status } from 'kubernetes-types/meta/v1';
import { clone } from '../../api/clone';
import { resourceFor } from '../../api/resources';
import { labelSelectorAsSelector, NOTHING, type Selector } from '../../api/selectors';
import type { Informer } from '../../client/types';
import type { Controller, ControllerContext } from '../framework/context';
import type { EventRecorder } from '../framework/recorder';
import { keyOf, splitKey, WorkQueue, type SyncResult } from '../framework/workqueue';
import { adoptPatch, claim, releasePatch } from './claim';
import { Expectations } from './expectations';
import { BY_CONTROLLER_UID, ensureOwnershipIndexes, ORPHANS_BY_NAMESPACE } from './indexes';
import { controllerRef, isPodActive } from './pods';
import { podsToDelete } from './ranking';
import { slowStartBatch, SLOW_START_INITIAL_BATCH } from './slowstart';
import { calculateStatus, statusEqual, type ReplicaFailure } from './status';
import { controllerRefTo, podFromTemplate } from './template';

const PODS = resourceFor('', 'pods')!;
const REPLICASETS = resourceFor('apps', 'replicasets')!;

/** At most this many creations or deletions per sync, as upstream's `burstReplicas`. */
export const BURST_REPLICAS = 500;

/**
 * A change to a ReplicaSet itself (a new `replicas`) is acted on at once. Changes to its *pods*
 * are collected for this long (simulated ms) before the sync that counts them — as they pile up in
 * a real controller's queue while its worker is busy, and as its client's rate limit (20 requests
 * a second by default) spaces out status writes anyway — so a thousand pods turning Ready within a
 * second cost a couple of dozen syncs and status writes, not a thousand.
 */
export const POD_BATCH_MS = 50;

export interface ReplicaSetControllerOptions {
  burstReplicas?: number;
  podBatchMs?: number;
}

function sameLabels(a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>> | undefined): boolean {
  if (a === b) return true;
  const ka = Object.keys(a ?? {});
  if (ka.length !== Object.keys(b ?? {}).length) return false;
  for (const k of ka) if (a![k] !== b?.[k]) return false;
  return true;
}

export class ReplicaSetController implements Controller {
  readonly name = 'replicaset-controller';
  private readonly burstReplicas: number;
  private readonly podBatchMs: number;
  private readonly expectations: Expectations;
  private readonly queue: WorkQueue;
  private replicaSets!: Informer<ReplicaSet>;
  private pods!: Informer<Pod>;
  private recorder!: EventRecorder;
  /** Parsed selectors, per stored ReplicaSet object (stored objects are immutable). */
  private readonly selectors = new WeakMap<ReplicaSet, Selector>();

  constructor(
    private readonly ctx: ControllerContext,
    options: ReplicaSetControllerOptions = {},
  ) {
    this.burstReplicas = options.burstReplicas ?? BURST_REPLICAS;
    this.expectations = new Expectations(() => ctx.clock.now());
    this.podBatchMs = options.podBatchMs ?? POD_BATCH_MS;
    this.queue = new WorkQueue(ctx.clock, (key) => this.sync(key));
  }

  start(): void {
    this.recorder = this.ctx.recorder({ component: 'replicaset-controller' });
    this.replicaSets = this.ctx.informers.for<ReplicaSet>(REPLICASETS);
    this.pods = this.ctx.informers.for<Pod>(PODS);
    ensureOwnershipIndexes(this.pods);
    ensureOwnershipIndexes(this.replicaSets);

    this.replicaSets.addHandlers({
      add: (rs) => this.queue.add(keyOf(rs)),
      update: (_old, rs) => this.queue.add(keyOf(rs)),
      delete: (rs) => {
        this.expectations.delete(keyOf(rs));
        this.queue.add(keyOf(rs));
      },
    });
    this.pods.addHandlers({
      add: (pod) => this.podAdded(pod),
      update: (old, pod) => this.podUpdated(old, pod),
      delete: (pod) => this.podDeleted(pod),
    });
  }

  // --- informer events -------------------------------------------------------------------------

  /** The ReplicaSet a controller reference points at, if it is still the same object (uid). */
  private resolve(namespace: string | undefined, ref: { kind?: string; name?: string; uid?: string } | undefined): ReplicaSet | undefined {
    if (!ref || ref.kind !== 'ReplicaSet') return undefined;
    const rs = this.replicaSets.get(namespace, ref.name ?? '');
    return rs && rs.metadata?.uid === ref.uid ? rs : undefined;
  }

  /** ReplicaSets whose selector matches an orphan pod: candidates to adopt it. */
  private matchingReplicaSets(pod: Pod): ReplicaSet[] {
    return this.replicaSets.list(pod.metadata?.namespace ?? '').filter((rs) => this.selectorOf(rs)?.matches(pod.metadata?.labels));
  }

  private podAdded(pod: Pod): void {
    if (pod.metadata?.deletionTimestamp) return this.podDeleted(pod);
    const ref = controllerRef(pod);
    if (ref) {
      const rs = this.resolve(pod.metadata?.namespace, ref);
      if (!rs) return;
      this.expectations.creationObserved(keyOf(rs));
      this.podsChanged(rs);
      return;
    }
    for (const rs of this.matchingReplicaSets(pod)) this.podsChanged(rs);
  }

  private podUpdated(old: Pod, pod: Pod): void {
    if (old.metadata?.resourceVersion === pod.metadata?.resourceVersion) return;
    const labelsChanged = !sameLabels(old.metadata?.labels, pod.metadata?.labels);
    if (pod.metadata?.deletionTimestamp) {
      // A graceful delete shows up as an update first; for counting, the pod is already gone.
      this.podDeleted(pod);
      if (labelsChanged) this.podDeleted(old);
      return;
    }
    const oldRef = controllerRef(old);
    const ref = controllerRef(pod);
    if (oldRef && oldRef.uid !== ref?.uid) {
      const rs = this.resolve(old.metadata?.namespace, oldRef);
      if (rs) this.podsChanged(rs);
    }
    if (ref) {
      const rs = this.resolve(pod.metadata?.namespace, ref);
      if (rs) this.podsChanged(rs);
      return;
    }
    if (labelsChanged || oldRef) for (const rs of this.matchingReplicaSets(pod)) this.podsChanged(rs);
  }

  private podDeleted(pod: Pod): void {
    const rs = this.resolve(pod.metadata?.namespace, controllerRef(pod));
    if (!rs) return;
    this.expectations.deletionObserved(keyOf(rs), keyOf(pod));
    this.podsChanged(rs);
  }

  private podsChanged(rs: ReplicaSet): void {
    this.queue.addAfter(keyOf(rs), this.podBatchMs);
  }

  /** The parsed selector, or undefined if it cannot be parsed (validation normally prevents that). */
  private selectorOf(rs: ReplicaSet): Selector | undefined {
    let s = this.selectors.get(rs);
    if (!s) {
      try {
        s = labelSelectorAsSelector(rs.spec?.selector);
      } catch {
        s = NOTHING;
      }
      this.selectors.set(rs, s);
    }
    return s === NOTHING ? undefined : s;
  }

  // --- sync ------------------------------------------------------------------------------------

  private nowMs(): number {
    return this.ctx.clock.epochMs + this.ctx.clock.now();
  }

  private sync(key: string): SyncResult {
    const { namespace, name } = splitKey(key);
    const rs = this.replicaSets.get(namespace, name);
    if (!rs) {
      this.expectations.delete(key);
      return;
    }
    const selector = this.selectorOf(rs);
    if (!selector) return; // a ReplicaSet without a usable selector manages nothing
    const needsSync = this.expectations.satisfied(key);
    const pods = this.claimPods(rs, selector).filter(isPodActive);

    let failure: ReplicaFailure | undefined;
    let counted = pods;
    if (needsSync && !rs.metadata?.deletionTimestamp) {
      const result = this.manageReplicas(key, rs, pods);
      failure = result.failure;
      // Pods deleted just now are terminating: no longer replicas, and certainly not available.
      if (result.deleted.size > 0) counted = pods.filter((p) => !result.deleted.has(p));
    }

    const { status, nextAvailableAt } = calculateStatus(rs, counted, failure, this.nowMs(), this.ctx.clock.timestamp());
    if (!statusEqual(rs.status, status)) {
      const copy = clone(rs);
      copy.status = status;
      const written = this.ctx.client.update<ReplicaSet>(REPLICASETS, copy as ReplicaSet, { subresource: 'status' });
      if (!written.ok) return 'retry';
    }
    if (failure) return 'retry';
    // With minReadySeconds, a Ready pod becomes available later without any event: look again then.
    if (nextAvailableAt !== undefined) return { requeueAfterMs: Math.max(1, nextAvailableAt - this.nowMs()) };
  }

  /** The pods this ReplicaSet controls, after adoption and release. */
  private claimPods(rs: ReplicaSet, selector: Selector): Pod[] {
    const ns = rs.metadata?.namespace ?? '';
    const uid = rs.metadata?.uid ?? '';
    return claim<Pod>({
      owner: rs,
      selector,
      owned: this.pods.byIndex(BY_CONTROLLER_UID, uid),
      orphans: this.pods.byIndex(ORPHANS_BY_NAMESPACE, ns),
      ownerRef: controllerRefTo(rs, 'apps/v1', 'ReplicaSet'),
      canAdopt: () => {
        const fresh = this.ctx.client.get<ReplicaSet>(REPLICASETS, ns, rs.metadata?.name ?? '');
        return fresh.ok && fresh.value.metadata?.uid === uid && !fresh.value.metadata?.deletionTimestamp;
      },
      adopt: (pod, ref) => {
        const r = this.ctx.client.patch<Pod>(PODS, ns, pod.metadata?.name ?? '', 'merge', adoptPatch(pod, ref));
        return r.ok ? r.value : undefined;
      },
      release: (pod) => {
        this.ctx.client.patch<Pod>(PODS, ns, pod.metadata?.name ?? '', 'merge', releasePatch(pod, uid));
      },
    });
  }

  /** Creates or deletes pods so that `pods.length` moves toward `spec.replicas`. */
  private manageReplicas(key: string, rs: ReplicaSet, pods: Pod[]): { failure?: ReplicaFailure; deleted: Set<Pod> } {
    const deleted = new Set<Pod>();
    const diff = pods.length - (rs.spec?.replicas ?? 1);
    if (diff < 0) {
      const count = Math.min(-diff, this.burstReplicas);
      this.expectations.expectCreations(key, count);
      const { successes, error } = slowStartBatch<Status>(count, SLOW_START_INITIAL_BATCH, () => this.createPod(rs));
      // Creations that never happened will never be observed: stop waiting for them.
      if (count - successes > 0) this.expectations.lowerCreations(key, count - successes);
      return { failure: error ? { reason: 'FailedCreate', message: error.message ?? '' } : undefined, deleted };
    }
    if (diff > 0) {
      const count = Math.min(diff, this.burstReplicas);
      const victims = podsToDelete(pods, this.relatedPods(rs), count, this.nowMs());
      this.expectations.expectDeletions(key, victims.map(keyOf));
      let error: Status | undefined;
      for (const pod of victims) {
        const name = pod.metadata?.name ?? '';
        const r = this.ctx.client.delete(PODS, rs.metadata?.namespace, name);
        if (r.ok) {
          deleted.add(pod);
          this.recorder.event(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`);
          continue;
        }
        this.expectations.deletionObserved(key, keyOf(pod));
        if (r.status.code !== 404) {
          this.recorder.event(rs, 'Warning', 'FailedDelete', `Error deleting: ${r.status.message ?? ''}`);
          error ??= r.status;
        }
      }
      return { failure: error ? { reason: 'FailedDelete', message: error.message ?? '' } : undefined, deleted };
    }
    return { deleted };
  }

  private createPod(rs: ReplicaSet): Status | undefined {
    const r = this.ctx.client.create<Pod>(PODS, podFromTemplate(rs));
    if (!r.ok) {
      // A terminating namespace refuses everything; that is expected, not worth an event.
      const terminating = r.status.details?.causes?.some((c) => c.reason === 'NamespaceTerminating');
      if (!terminating) this.recorder.event(rs, 'Warning', 'FailedCreate', `Error creating: ${r.status.message ?? ''}`);
      return r.status;
    }
    this.recorder.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${r.value.metadata?.name ?? ''}`);
    return undefined;
  }

  /**
   * Pods of this ReplicaSet's siblings (the other ReplicaSets of its Deployment) plus its own: a
   * pod crowded onto a node with many relatives is the better one to delete.
   */
  private relatedPods(rs: ReplicaSet): Pod[] {
    const owner = controllerRef(rs);
    const siblings = owner?.uid ? this.replicaSets.byIndex(BY_CONTROLLER_UID, owner.uid) : [rs];
    const related: Pod[] = [];
    for (const s of siblings) related.push(...this.pods.byIndex(BY_CONTROLLER_UID, s.metadata?.uid ?? ''));
    return related;
  }
}
