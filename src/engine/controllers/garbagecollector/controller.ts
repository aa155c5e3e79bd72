/**
 * The garbage collector (`garbage-collector-controller`): deletes objects whose owners are gone,
 * and carries out the three deletion propagation policies.
 *
 * - Background (kubectl's default): the apiserver deletes the owner at once; the collector then
 *   finds dependents pointing at an owner that no longer exists and deletes them.
 * - Foreground: the apiserver only marks the owner (deletionTimestamp + `foregroundDeletion`
 *   finalizer). The collector deletes the dependents first and, once no dependent with
 *   `blockOwnerDeletion: true` is left, removes the finalizer — then the owner goes.
 * - Orphan: the owner is marked with the `orphan` finalizer. The collector strips the
 *   ownerReferences pointing at it from every dependent, then removes the finalizer. The
 *   dependents live on, ownerless.
 *
 * It watches every kind (except Events, which nobody owns) and keeps a graph of ownerReferences.
 * Whether an owner is really gone is always confirmed with the apiserver, never guessed from a
 * cache that may simply be late; an owner reference whose uid does not match the object now
 * carrying that name counts as gone (the name was reused by a different object).
 */
import type { Status } from 'kubernetes-types/meta/v1';
import { clone } from '../../api/clone';
import { RESOURCES, type ResourceInfo } from '../../api/resources';
import type { KubeObject } from '../../api/types';
import type { Controller, ControllerContext } from '../framework/context';
import { WorkQueue, type SyncResult } from '../framework/workqueue';
import { decide, type OwnerState } from './decide';
import { DependencyGraph, FINALIZER_FOREGROUND, FINALIZER_ORPHAN, type GraphNode, type ObjectIdentity } from './graph';

/** Kinds the collector never looks at (upstream ignores events too). */
const IGNORED = new Set(['/events', 'events.k8s.io/events']);

export class GarbageCollector implements Controller {
  readonly name = 'garbage-collector-controller';
  readonly graph = new DependencyGraph();
  /** uids confirmed gone: a uid never comes back, so one confirmation is enough. */
  private readonly absent = new Set<string>();
  private readonly queue: WorkQueue;

  constructor(private readonly ctx: ControllerContext) {
    this.queue = new WorkQueue(ctx.clock, (uid) => this.sync(uid));
  }

  start(): void {
    for (const resource of monitoredResources()) {
      const informer = this.ctx.informers.for<KubeObject>(resource);
      informer.addHandlers({
        add: (obj) => this.observed(resource, obj),
        update: (_old, obj) => this.observed(resource, obj),
        delete: (obj) => this.removed(obj),
      });
    }
  }

  // ---- reacting to the informers ----

  private observed(resource: ResourceInfo, obj: KubeObject): void {
    const seen = this.graph.observe(resource, obj);
    if (!seen) return;
    const { node } = seen;
    const uid = node.uid;
    if (seen.startedDeletingDependents) {
      for (const dependent of node.dependents) this.queue.add(dependent);
    }
    if (node.deletingDependents || node.orphaning) this.queue.add(uid);
    if ((seen.added || seen.ownersChanged) && node.owners.length > 0 && this.mayBeGarbage(node)) this.queue.add(uid);
    for (const ownerUid of seen.removedOwners) {
      if (this.graph.get(ownerUid)?.deletingDependents) this.queue.add(ownerUid);
    }
  }

  private removed(obj: KubeObject): void {
    const uid = obj.metadata?.uid;
    if (!uid) return;
    this.absent.add(uid);
    const node = this.graph.remove(uid);
    if (!node) return;
    for (const dependent of node.dependents) this.queue.add(dependent);
    for (const ref of node.owners) {
      if (this.graph.get(ref.uid)?.deletingDependents) this.queue.add(ref.uid);
    }
  }

  /** Cheap pre-check: an object whose owners are all known, live and not waiting needs no sync. */
  private mayBeGarbage(node: GraphNode): boolean {
    return node.owners.some((ref) => {
      const owner = this.graph.get(ref.uid);
      return !owner || owner.virtual || owner.deletingDependents;
    });
  }

  // ---- the work ----

  private sync(uid: string): SyncResult {
    const node = this.graph.get(uid);
    if (!node || node.virtual) return;
    if (node.orphaning) return this.orphanDependents(node);
    if (node.deletingDependents) return this.deleteDependentsFirst(node);
    if (node.beingDeleted || node.owners.length === 0) return;
    return this.attemptToDelete(node);
  }

  /** attemptToDeleteItem: classify the owners, then keep, release or delete the object. */
  private attemptToDelete(node: GraphNode): SyncResult {
    const owners: Array<{ uid: string; state: OwnerState }> = [];
    for (const ref of node.owners) {
      const state = this.ownerState(ref.uid, DependencyGraph.ownerIdentity(ref, node.namespace));
      if (state === 'unknown') return 'retry';
      if (state === 'unresolvable') continue;
      owners.push({ uid: ref.uid, state });
    }
    const decision = decide({ owners, finalizers: node.finalizers, hasDependents: node.dependents.size > 0 });
    const { resource, namespace, name, uid } = node;
    switch (decision.action) {
      case 'keep':
        return;
      case 'removeOwnerReferences':
        return this.rewrite(node, (obj) => {
          const refs = obj.metadata?.ownerReferences ?? [];
          const kept = refs.filter((r) => !decision.uids.includes(r.uid));
          if (kept.length === refs.length) return false;
          obj.metadata!.ownerReferences = kept.length > 0 ? kept : undefined;
          return true;
        });
      case 'delete': {
        const deleted = this.ctx.client.delete(resource, namespace, name, {
          propagationPolicy: decision.policy,
          preconditions: { uid },
        });
        if (!deleted.ok && !gone(deleted.status)) return 'retry';
        return;
      }
    }
  }

  /** Is the owner there? Answered by the graph when it knows, otherwise by the apiserver. */
  private ownerState(uid: string, identity: ObjectIdentity | undefined): OwnerState | 'unknown' | 'unresolvable' {
    if (!identity) return 'unresolvable';
    if (this.absent.has(uid)) return 'dangling';
    const known = this.graph.get(uid);
    if (known && !known.virtual) return known.deletingDependents ? 'waiting' : 'solid';
    const got = this.ctx.client.get<KubeObject>(identity.resource, identity.namespace, identity.name);
    if (!got.ok) {
      if (got.status.code === 404) {
        this.absent.add(uid);
        return 'dangling';
      }
      return 'unknown';
    }
    if (got.value.metadata?.uid !== uid) {
      this.absent.add(uid);
      return 'dangling';
    }
    const meta = got.value.metadata;
    return meta?.deletionTimestamp && meta.finalizers?.includes(FINALIZER_FOREGROUND) ? 'waiting' : 'solid';
  }

  /** Foreground: the owner waits until no blocking dependent is left, then loses its finalizer. */
  private deleteDependentsFirst(owner: GraphNode): SyncResult {
    const blocking = this.graph.blockingDependentsOf(owner.uid);
    if (blocking.length === 0) return this.removeFinalizer(owner, FINALIZER_FOREGROUND);
    for (const dependent of blocking) if (!dependent.beingDeleted) this.queue.add(dependent.uid);
  }

  /** Orphan: release every dependent, then let the owner go. */
  private orphanDependents(owner: GraphNode): SyncResult {
    const uid = owner.uid;
    for (const dependent of this.graph.dependentsOf(uid)) {
      const result = this.rewrite(dependent, (obj) => {
        const refs = obj.metadata?.ownerReferences ?? [];
        const kept = refs.filter((r) => r.uid !== uid);
        if (kept.length === refs.length) return false;
        obj.metadata!.ownerReferences = kept.length > 0 ? kept : undefined;
        return true;
      });
      if (result === 'retry') return 'retry';
    }
    return this.removeFinalizer(owner, FINALIZER_ORPHAN);
  }

  private removeFinalizer(node: GraphNode, finalizer: string): SyncResult {
    return this.rewrite(node, (obj) => {
      const finalizers = obj.metadata?.finalizers ?? [];
      if (!finalizers.includes(finalizer)) return false;
      obj.metadata!.finalizers = finalizers.filter((f) => f !== finalizer);
      return true;
    });
  }

  /**
   * Read-modify-write of one object through the apiserver, guarded by its uid and
   * resourceVersion: a conflict means someone else wrote first, so read again and retry.
   */
  private rewrite(identity: ObjectIdentity, change: (obj: KubeObject) => boolean): SyncResult {
    for (let attempt = 0; attempt < 3; attempt++) {
      const got = this.ctx.client.get<KubeObject>(identity.resource, identity.namespace, identity.name);
      if (!got.ok) return gone(got.status) ? undefined : 'retry';
      if (got.value.metadata?.uid !== identity.uid) return;
      const obj = clone(got.value);
      if (!change(obj)) return;
      const written = this.ctx.client.update(identity.resource, obj);
      if (written.ok) return;
      if (written.status.code !== 409) return gone(written.status) ? undefined : 'retry';
    }
    return 'retry';
  }
}

const gone = (status: Status): boolean => status.code === 404 || (status.code === 409 && status.reason === 'Conflict' && /UID/i.test(status.message ?? ''));

/** Every listable, watchable kind except the ignored ones. */
export function monitoredResources(): ResourceInfo[] {
  return RESOURCES.filter((r) => r.verbs.includes('list') && r.verbs.includes('watch') && !IGNORED.has(`${r.group}/${r.plural}`));
}
