/**
 * The cluster's storage — our etcd plus the apiserver's watch cache.
 *
 * - One global, strictly increasing resourceVersion: every write (create, update, delete) takes the
 *   next number, exactly like etcd's revision, so "newer" is a plain integer comparison.
 * - Objects are deep-frozen when written. Lists, watch events and informer caches all share the
 *   same frozen objects, so listing 10,000 pods copies nothing.
 * - Indexes by namespace, by label (key → value → objects) and by owner uid keep selector queries
 *   and garbage collection lookups from scanning everything.
 * - A bounded history per resource lets a watch resume from an older resourceVersion; when the
 *   version has already fallen out of the window the caller gets `410 Gone`, as from the real
 *   watch cache.
 *
 * The store knows nothing about HTTP, validation or defaults; the apiserver does that first.
 */
import { share } from './context';
import type { FieldSelector } from './fieldselectors';
import { Interner } from './intern';
import { fieldSelectorMatches } from './fieldselectors';
import type { ResourceInfo } from './resources';
import { pinnedLabel, type Selector } from './selectors';
import type { KubeObject } from './types';

export type StoredEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One committed write, as kept in the history and fanned out to watches. */
export interface StoredEvent {
  type: StoredEventType;
  /** The resourceVersion this write produced. */
  rv: number;
  resource: ResourceInfo;
  /** The object after the write (for DELETED: its last state, carrying the deletion's version). */
  object: KubeObject;
  /** The object before the write (absent for ADDED): lets selector watches see an object leave. */
  prev?: KubeObject;
}

export interface ListFilter {
  /** Omit for all namespaces (or for cluster-scoped kinds). */
  namespace?: string;
  label?: Selector;
  field?: FieldSelector;
}

export interface StoreOptions {
  /** Events kept per resource for resuming watches; older versions answer 410 Gone. */
  historySize?: number;
  /** Entries per generation of the structural-sharing pool (see intern.ts); 0 turns sharing off. */
  internGeneration?: number;
}

export class StoreError extends Error {}

const resourceKey = (r: ResourceInfo): string => `${r.group}/${r.plural}`;
const nsOf = (r: ResourceInfo, obj: KubeObject): string => (r.namespaced ? (obj.metadata?.namespace ?? '') : '');
const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Objects of one namespace, plus a lazily sorted name list (lists come back in etcd key order). */
class Bucket {
  readonly objects = new Map<string, KubeObject>();
  private sortedNames: string[] | undefined;

  set(name: string, obj: KubeObject): void {
    if (!this.objects.has(name)) this.sortedNames = undefined;
    this.objects.set(name, obj);
  }

  delete(name: string): void {
    if (this.objects.delete(name)) this.sortedNames = undefined;
  }

  names(): readonly string[] {
    this.sortedNames ??= [...this.objects.keys()].sort(byName);
    return this.sortedNames;
  }
}

/** A fixed-size ring of the latest events for one resource. */
class History {
  private readonly ring: (StoredEvent | undefined)[];
  private start = 0;
  private length = 0;
  /** Whether an event has ever been dropped; until then the window reaches back to the start. */
  private evicted = false;
  private lastRv = 0;

  constructor(readonly capacity: number) {
    this.ring = new Array<StoredEvent | undefined>(capacity);
  }

  /**
   * The oldest version a watch may resume from: one less than the oldest retained event, as the
   * real watch cache computes it (`too old resource version: X (floor)`).
   */
  get floor(): number {
    if (!this.evicted) return 0;
    return this.length === 0 ? this.lastRv : this.ring[this.start]!.rv - 1;
  }

  push(e: StoredEvent): void {
    this.lastRv = e.rv;
    if (this.capacity === 0) {
      this.evicted = true;
      return;
    }
    if (this.length === this.capacity) {
      this.evicted = true;
      this.ring[this.start] = e;
      this.start = (this.start + 1) % this.capacity;
    } else {
      this.ring[(this.start + this.length) % this.capacity] = e;
      this.length++;
    }
  }

  /** The oldest retained event's version (or undefined when empty). */
  oldest(): number | undefined {
    return this.length === 0 ? undefined : this.ring[this.start]!.rv;
  }

  /** Events with rv > since, oldest first. */
  since(since: number): StoredEvent[] {
    const out: StoredEvent[] = [];
    for (let i = 0; i < this.length; i++) {
      const e = this.ring[(this.start + i) % this.capacity]!;
      if (e.rv > since) out.push(e);
    }
    return out;
  }
}

/** Everything stored for one resource (e.g. all pods). */
class Table {
  readonly buckets = new Map<string, Bucket>();
  /** label key → label value → `namespace/name` keys */
  readonly labels = new Map<string, Map<string, Set<string>>>();
  size = 0;
  private sortedNamespaces: string[] | undefined;
  readonly history: History;

  constructor(
    readonly resource: ResourceInfo,
    historySize: number,
  ) {
    this.history = new History(historySize);
  }

  bucket(ns: string, create: boolean): Bucket | undefined {
    let b = this.buckets.get(ns);
    if (!b && create) {
      b = new Bucket();
      this.buckets.set(ns, b);
      this.sortedNamespaces = undefined;
    }
    return b;
  }

  dropBucketIfEmpty(ns: string): void {
    if (this.buckets.get(ns)?.objects.size === 0) {
      this.buckets.delete(ns);
      this.sortedNamespaces = undefined;
    }
  }

  namespaces(): readonly string[] {
    this.sortedNamespaces ??= [...this.buckets.keys()].sort(byName);
    return this.sortedNamespaces;
  }

  get(ns: string, name: string): KubeObject | undefined {
    return this.buckets.get(ns)?.objects.get(name);
  }

  indexLabels(key: string, labels: Readonly<Record<string, string>> | undefined): void {
    if (!labels) return;
    for (const k of Object.keys(labels)) {
      let values = this.labels.get(k);
      if (!values) this.labels.set(k, (values = new Map()));
      const v = labels[k]!;
      let keys = values.get(v);
      if (!keys) values.set(v, (keys = new Set()));
      keys.add(key);
    }
  }

  unindexLabels(key: string, labels: Readonly<Record<string, string>> | undefined): void {
    if (!labels) return;
    for (const k of Object.keys(labels)) {
      const values = this.labels.get(k);
      const keys = values?.get(labels[k]!);
      if (!keys) continue;
      keys.delete(key);
      if (keys.size === 0) {
        values!.delete(labels[k]!);
        if (values!.size === 0) this.labels.delete(k);
      }
    }
  }
}

export interface OwnedRef {
  resource: ResourceInfo;
  namespace: string;
  name: string;
}

/**
 * Sets the version on a shallow copy; the interner then freezes it, sharing every subtree equal
 * to one already stored. Object.assign rather than `{ ...obj, extra }`: V8 gives every
 * spread-then-extended object its own hidden class, which for 10,000 pods costs megabytes of shapes.
 */
function stamp(obj: KubeObject, rv: number, interner: Interner): KubeObject {
  const metadata: { resourceVersion?: string } = Object.assign({}, obj.metadata);
  metadata.resourceVersion = String(rv);
  const stored = Object.assign({}, obj);
  stored.metadata = metadata;
  return interner.internObject(stored);
}

export class Store {
  private readonly tables = new Map<string, Table>();
  private readonly owners = new Map<string, Map<string, OwnedRef>>();
  private rv = 0;
  private readonly historySize: number;
  private readonly listeners: ((e: StoredEvent) => void)[] = [];
  /** Canonicalises what is stored, so equal parts of different objects and versions are shared. */
  readonly interner: Interner;

  constructor(options: StoreOptions = {}) {
    this.historySize = options.historySize ?? 1000;
    this.interner = new Interner(options.internGeneration);
  }

  /** The latest committed resourceVersion (0 before the first write). */
  get resourceVersion(): number {
    return this.rv;
  }

  /** Called synchronously after every committed write, in version order. */
  subscribe(listener: (e: StoredEvent) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  private table(resource: ResourceInfo): Table {
    const key = resourceKey(resource);
    let t = this.tables.get(key);
    if (!t) this.tables.set(key, (t = new Table(resource, this.historySize)));
    return t;
  }

  get(resource: ResourceInfo, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.tables.get(resourceKey(resource))?.get(resource.namespaced ? (namespace ?? '') : '', name);
  }

  count(resource: ResourceInfo, namespace?: string): number {
    const t = this.tables.get(resourceKey(resource));
    if (!t) return 0;
    if (namespace === undefined || !resource.namespaced) return t.size;
    return t.buckets.get(namespace)?.objects.size ?? 0;
  }

  /** Matching objects in etcd key order (namespace, then name). */
  list(resource: ResourceInfo, filter: ListFilter = {}): KubeObject[] {
    const t = this.tables.get(resourceKey(resource));
    if (!t) return [];
    const ns = resource.namespaced ? filter.namespace : undefined;
    const label = filter.label && !filter.label.empty ? filter.label : undefined;
    const field = filter.field && !filter.field.empty ? filter.field : undefined;
    const keep = (o: KubeObject): boolean =>
      (!label || label.matches(o.metadata?.labels)) && (!field || fieldSelectorMatches(resource, field, o));

    // Start from the label index when it narrows things down; a selector that matches most
    // objects is cheaper as a plain scan, which is already in key order.
    const pinned = label ? pinnedLabel(label) : undefined;
    if (pinned && this.indexedCount(t, pinned) * 4 < (ns !== undefined ? (t.buckets.get(ns)?.objects.size ?? 0) : t.size)) {
      return this.listByLabelIndex(t, ns, pinned, keep);
    }

    const out: KubeObject[] = [];
    const namespaces = ns !== undefined ? [ns] : t.namespaces();
    for (const n of namespaces) {
      const b = t.buckets.get(n);
      if (!b) continue;
      for (const name of b.names()) {
        const o = b.objects.get(name)!;
        if (keep(o)) out.push(o);
      }
    }
    return out;
  }

  private indexedCount(t: Table, pinned: { key: string; values: readonly string[] }): number {
    const values = t.labels.get(pinned.key);
    let n = 0;
    for (const v of pinned.values) n += values?.get(v)?.size ?? 0;
    return n;
  }

  /** Starts from the objects carrying the pinned label value instead of scanning the namespace. */
  private listByLabelIndex(
    t: Table,
    ns: string | undefined,
    pinned: { key: string; values: readonly string[] },
    keep: (o: KubeObject) => boolean,
  ): KubeObject[] {
    const values = t.labels.get(pinned.key);
    if (!values) return [];
    const hits: { ns: string; name: string; obj: KubeObject }[] = [];
    for (const v of pinned.values) {
      for (const key of values.get(v) ?? []) {
        const slash = key.indexOf('/');
        const objNs = key.slice(0, slash);
        if (ns !== undefined && objNs !== ns) continue;
        const name = key.slice(slash + 1);
        const obj = t.get(objNs, name)!;
        if (keep(obj)) hits.push({ ns: objNs, name, obj });
      }
    }
    hits.sort((a, b) => byName(a.ns, b.ns) || byName(a.name, b.name));
    return hits.map((h) => h.obj);
  }

  /** Stores a new object; throws StoreError if the name is taken. */
  create(resource: ResourceInfo, obj: KubeObject): KubeObject {
    const t = this.table(resource);
    const ns = nsOf(resource, obj);
    const name = obj.metadata?.name;
    if (!name) throw new StoreError('object has no name');
    if (t.get(ns, name)) throw new StoreError(`${ns}/${name} exists`);
    const stored = stamp(obj, ++this.rv, this.interner);
    t.bucket(ns, true)!.set(name, stored);
    t.size++;
    t.indexLabels([ns, name].join('/'), stored.metadata!.labels);
    this.indexOwners(resource, ns, name, undefined, stored);
    this.commit(t, { type: 'ADDED', rv: this.rv, resource, object: stored });
    return stored;
  }

  /**
   * Replaces an existing object; throws StoreError if it is gone. Parts equal to the stored
   * version are shared with it (the caller's working copy is rewired in place), so an update
   * costs memory only for what changed.
   */
  update(resource: ResourceInfo, obj: KubeObject): KubeObject {
    const t = this.table(resource);
    const ns = nsOf(resource, obj);
    const name = obj.metadata?.name ?? '';
    const prev = t.get(ns, name);
    if (!prev) throw new StoreError(`${ns}/${name} not found`);
    const stored = stamp(share(obj, prev) as KubeObject, ++this.rv, this.interner);
    t.bucket(ns, false)!.set(name, stored);
    const key = [ns, name].join('/');
    if (prev.metadata?.labels !== stored.metadata!.labels) {
      t.unindexLabels(key, prev.metadata?.labels);
      t.indexLabels(key, stored.metadata!.labels);
    }
    this.indexOwners(resource, ns, name, prev, stored);
    this.commit(t, { type: 'MODIFIED', rv: this.rv, resource, object: stored, prev });
    return stored;
  }

  /** Removes an object; the returned last state carries the deletion's resourceVersion. */
  delete(resource: ResourceInfo, namespace: string | undefined, name: string): KubeObject {
    const t = this.table(resource);
    const ns = resource.namespaced ? (namespace ?? '') : '';
    const prev = t.get(ns, name);
    if (!prev) throw new StoreError(`${ns}/${name} not found`);
    const last = stamp(prev, ++this.rv, this.interner);
    t.bucket(ns, false)!.delete(name);
    t.dropBucketIfEmpty(ns);
    t.size--;
    t.unindexLabels(`${ns}/${name}`, prev.metadata?.labels);
    this.indexOwners(resource, ns, name, prev, undefined);
    this.commit(t, { type: 'DELETED', rv: this.rv, resource, object: last, prev });
    return last;
  }

  private commit(t: Table, e: StoredEvent): void {
    t.history.push(e);
    for (const l of this.listeners) l(e);
  }

  private indexOwners(resource: ResourceInfo, ns: string, name: string, prev: KubeObject | undefined, next: KubeObject | undefined): void {
    const before = prev?.metadata?.ownerReferences;
    const after = next?.metadata?.ownerReferences;
    if (before === after) return;
    const key = [resourceKey(resource), ns, name].join('/');
    for (const ref of before ?? []) {
      const set = this.owners.get(ref.uid);
      set?.delete(key);
      if (set?.size === 0) this.owners.delete(ref.uid);
    }
    for (const ref of after ?? []) {
      let set = this.owners.get(ref.uid);
      if (!set) this.owners.set(ref.uid, (set = new Map()));
      set.set(key, { resource, namespace: ns, name });
    }
  }

  /** Objects whose ownerReferences name this uid (the garbage collector's question). */
  ownedBy(uid: string): KubeObject[] {
    const refs = this.owners.get(uid);
    if (!refs) return [];
    return [...refs.values()].map((r) => this.get(r.resource, r.namespace, r.name)!).filter(Boolean);
  }

  /**
   * Events after `since` for a resource, or `{ tooOld }` with the oldest version still resumable
   * when `since` has fallen out of the history window.
   */
  historySince(resource: ResourceInfo, since: number): StoredEvent[] | { tooOld: number } {
    const h = this.table(resource).history;
    if (since < h.floor) return { tooOld: h.floor };
    return h.since(since);
  }

  /** Every namespace that holds at least one object of any namespaced kind. */
  namespaceHasObjects(namespace: string): boolean {
    for (const t of this.tables.values()) {
      if (t.resource.namespaced && (t.buckets.get(namespace)?.objects.size ?? 0) > 0) return true;
    }
    return false;
  }

  /** Test support: the label and owner indexes rebuilt from scratch, in a comparable form. */
  debugIndexes(): { rebuilt: IndexSnapshot; incremental: IndexSnapshot } {
    const incremental: IndexSnapshot = { labels: {}, owners: {}, sizes: {} };
    const rebuilt: IndexSnapshot = { labels: {}, owners: {}, sizes: {} };
    for (const [rk, t] of this.tables) {
      incremental.sizes[rk] = t.size;
      for (const [k, values] of t.labels) {
        for (const [v, keys] of values) incremental.labels[`${rk}|${k}=${v}`] = [...keys].sort();
      }
      let size = 0;
      for (const [ns, b] of t.buckets) {
        for (const [name, obj] of b.objects) {
          size++;
          for (const [k, v] of Object.entries(obj.metadata?.labels ?? {})) {
            (rebuilt.labels[`${rk}|${k}=${v}`] ??= []).push(`${ns}/${name}`);
          }
          for (const ref of obj.metadata?.ownerReferences ?? []) (rebuilt.owners[ref.uid] ??= []).push(`${rk}/${ns}/${name}`);
        }
      }
      rebuilt.sizes[rk] = size;
    }
    for (const [uid, refs] of this.owners) incremental.owners[uid] = [...refs.keys()].sort();
    for (const list of Object.values(rebuilt.labels)) list.sort();
    for (const list of Object.values(rebuilt.owners)) list.sort();
    return { rebuilt, incremental };
  }
}

export interface IndexSnapshot {
  labels: Record<string, string[]>;
  owners: Record<string, string[]>;
  sizes: Record<string, number>;
}
