/**
 * The garbage collector's picture of the cluster: a graph whose edges are ownerReferences.
 *
 * Every object that owns or is owned is a node, keyed by uid (names can be reused, uids never).
 * A node remembers its owners (the references it carries) and its dependents (the objects whose
 * references point at it). An owner that is referenced but has not been seen yet is a *virtual*
 * node: it may exist and merely not have reached our informers, or it may be long gone — only
 * asking the apiserver tells.
 */
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { resourceForKind, type ResourceInfo } from '../../api/resources';
import type { KubeObject } from '../../api/types';

export const FINALIZER_FOREGROUND = 'foregroundDeletion';
/** Absent owner references / finalizers: one shared empty list each, so "unchanged" is an identity check. */
const NO_FINALIZERS: readonly string[] = Object.freeze([]);
const NO_OWNERS: readonly OwnerReference[] = Object.freeze([]);
/** Shared by every node without dependents; a Set cannot be frozen, so adding to it throws instead. */
const NO_DEPENDENTS: ReadonlySet<string> = new (class extends Set<string> {
  override add(): never {
    throw new Error('NO_DEPENDENTS is shared and read-only');
  }
})();
export const FINALIZER_ORPHAN = 'orphan';

export interface ObjectIdentity {
  resource: ResourceInfo;
  /** Undefined for cluster-scoped kinds. */
  namespace: string | undefined;
  name: string;
  uid: string;
}

/** The node is its own identity (fields inline, no separate object per node: one node per pod). */
export interface GraphNode extends ObjectIdentity {
  owners: readonly OwnerReference[];
  /**
   * uids of the objects that list this one among their owners. Most objects (pods) have none and
   * share NO_DEPENDENTS; only the graph changes it, swapping in a Set of its own on the first one.
   */
  dependents: ReadonlySet<string>;
  /** Referenced as an owner but never observed. */
  virtual: boolean;
  /** metadata.deletionTimestamp is set. */
  beingDeleted: boolean;
  /** Being deleted in the foreground: waits for its blocking dependents to go first. */
  deletingDependents: boolean;
  /** Being deleted with propagationPolicy Orphan: its dependents must be released first. */
  orphaning: boolean;
  finalizers: readonly string[];
}

/** What changed when an object was observed — the events the collector reacts to. */
export interface Observation {
  node: GraphNode;
  added: boolean;
  /** Owners that appeared or disappeared from the object's references. */
  ownersChanged: boolean;
  /** The object just entered foreground deletion / orphan deletion. */
  startedDeletingDependents: boolean;
  startedOrphaning: boolean;
  /** Owner uids this object referenced before and no longer does. */
  removedOwners: string[];
}

const sameOwners = (a: readonly OwnerReference[], b: readonly OwnerReference[]): boolean =>
  a.length === b.length &&
  a.every((r, i) => r.uid === b[i]!.uid && r.blockOwnerDeletion === b[i]!.blockOwnerDeletion && r.controller === b[i]!.controller);

export class DependencyGraph {
  private readonly nodes = new Map<string, GraphNode>();

  get size(): number {
    return this.nodes.size;
  }

  get(uid: string): GraphNode | undefined {
    return this.nodes.get(uid);
  }

  /** The identity of an owner as one of its dependents names it (same namespace, or cluster-scoped). */
  static ownerIdentity(ref: OwnerReference, dependentNamespace: string | undefined): ObjectIdentity | undefined {
    const resource = resourceForKind(ref.apiVersion, ref.kind);
    if (!resource) return undefined;
    return { resource, namespace: resource.namespaced ? dependentNamespace : undefined, name: ref.name, uid: ref.uid };
  }

  /** Records the latest state of an object. Objects without uid are ignored. */
  observe(resource: ResourceInfo, obj: KubeObject): Observation | undefined {
    const meta = obj.metadata;
    const uid = meta?.uid;
    if (!uid || !meta?.name) return undefined;
    const finalizers = meta.finalizers ?? NO_FINALIZERS;
    const beingDeleted = !!meta.deletionTimestamp;
    const owners = meta.ownerReferences ?? NO_OWNERS;
    let node = this.nodes.get(uid);
    // Most updates (a status write, a lease renewal) leave everything the graph records as it
    // was — the very same (frozen) lists — and then observing changes nothing.
    if (
      node &&
      !node.virtual &&
      node.owners === owners &&
      node.finalizers === finalizers &&
      node.beingDeleted === beingDeleted &&
      node.resource === resource &&
      node.name === meta.name &&
      node.namespace === (resource.namespaced ? meta.namespace : undefined)
    ) {
      return { node, added: false, ownersChanged: false, startedDeletingDependents: false, startedOrphaning: false, removedOwners: [] };
    }
    const added = !node || node.virtual;
    const before = node ? { owners: node.owners, deletingDependents: node.deletingDependents, orphaning: node.orphaning } : undefined;
    if (!node) {
      node = {
        resource,
        namespace: resource.namespaced ? meta.namespace : undefined,
        name: meta.name,
        uid,
        owners: NO_OWNERS,
        dependents: NO_DEPENDENTS,
        virtual: false,
        beingDeleted,
        deletingDependents: false,
        orphaning: false,
        finalizers,
      };
      this.nodes.set(uid, node);
    }
    node.resource = resource;
    node.namespace = resource.namespaced ? meta.namespace : undefined;
    node.name = meta.name;
    node.virtual = false;
    node.beingDeleted = beingDeleted;
    node.finalizers = finalizers;
    node.deletingDependents = beingDeleted && finalizers.includes(FINALIZER_FOREGROUND);
    node.orphaning = beingDeleted && finalizers.includes(FINALIZER_ORPHAN);

    const previousOwners = before?.owners ?? [];
    const removedOwners = previousOwners.filter((o) => !owners.some((r) => r.uid === o.uid)).map((o) => o.uid);
    for (const ownerUid of removedOwners) this.unlink(ownerUid, uid);
    for (const ref of owners) {
      let owner = this.nodes.get(ref.uid);
      if (!owner) {
        const identity = DependencyGraph.ownerIdentity(ref, node.namespace);
        if (!identity) continue; // a kind this cluster does not serve: nothing to reason about
        owner = {
          ...identity,
          owners: NO_OWNERS,
          dependents: NO_DEPENDENTS,
          virtual: true,
          beingDeleted: false,
          deletingDependents: false,
          orphaning: false,
          finalizers: NO_FINALIZERS,
        };
        this.nodes.set(ref.uid, owner);
      }
      if (owner.dependents === NO_DEPENDENTS) owner.dependents = new Set([uid]);
      else (owner.dependents as Set<string>).add(uid);
    }
    node.owners = owners;
    return {
      node,
      added,
      ownersChanged: !sameOwners(previousOwners, owners),
      startedDeletingDependents: node.deletingDependents && !before?.deletingDependents,
      startedOrphaning: node.orphaning && !before?.orphaning,
      removedOwners,
    };
  }

  /**
   * The object is gone from the store. Returns the node as it was (its dependents must now be
   * checked). A node that still has dependents stays behind as virtual — they still point at it.
   */
  remove(uid: string): GraphNode | undefined {
    const node = this.nodes.get(uid);
    if (!node) return undefined;
    for (const ref of node.owners) this.unlink(ref.uid, uid);
    const removed = { ...node, dependents: node.dependents === NO_DEPENDENTS ? NO_DEPENDENTS : new Set(node.dependents) };
    if (node.dependents.size > 0) {
      node.virtual = true;
      node.owners = NO_OWNERS;
      node.beingDeleted = false;
      node.deletingDependents = false;
      node.orphaning = false;
      node.finalizers = NO_FINALIZERS;
    } else {
      this.nodes.delete(uid);
    }
    return removed;
  }

  dependentsOf(uid: string): GraphNode[] {
    const node = this.nodes.get(uid);
    if (!node) return [];
    return [...node.dependents].map((d) => this.nodes.get(d)).filter((n): n is GraphNode => n !== undefined);
  }

  /** Dependents that hold up this owner's foreground deletion (blockOwnerDeletion: true). */
  blockingDependentsOf(uid: string): GraphNode[] {
    return this.dependentsOf(uid).filter((d) => d.owners.some((r) => r.uid === uid && r.blockOwnerDeletion === true));
  }

  private unlink(ownerUid: string, dependentUid: string): void {
    const owner = this.nodes.get(ownerUid);
    if (!owner) return;
    const dependents = owner.dependents as Set<string>;
    if (!dependents.delete(dependentUid) || dependents.size > 0) return;
    // The last one went: let the Set go too (a virtual owner goes altogether).
    owner.dependents = NO_DEPENDENTS;
    if (owner.virtual) this.nodes.delete(ownerUid);
  }
}
