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
import type { Clock } from '../sim/clock';

/** What the store needs of the simulated clock: the time, and (for expiring Events) timers. */
export interface StoreClock {
  now(): number;
  at?: Clock['at'];
}

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
  /**
   * Most events kept per resource for resuming watches (the history starts at 100 and grows to
   * this under bursts); older versions answer 410 Gone.
   */
  historySize?: number;
  /**
   * Simulated time (the apiserver passes its clock): sizes the history by the age of its events
   * and, when it can schedule, expires Events.
   */
  clock?: StoreClock;
  /** How long an Event lives after its last write: kube-apiserver's `--event-ttl`, 1 h. */
  eventTtlMs?: number;
  /** Entries per generation of the structural-sharing pool (see intern.ts); 0 turns sharing off. */
  internGeneration?: number;
}

export class StoreError extends Error {}

const resourceKey = (r: ResourceInfo): string => `${r.group}/${r.plural}`;
/** The watch cache's starting (and smallest) size per resource: kube-apiserver's 100. */
const HISTORY_MIN = 100;
/** How recent every cached event must be for the cache to grow: upstream's eventFreshDuration. */
const HISTORY_FRESH_MS = 75_000;
const nsOf = (r: ResourceInfo, obj: KubeObject): string => (r.namespaced ? (obj.metadata?.namespace ?? '') : '');
const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Objects of one namespace, plus a lazily sorted name list (lists come back in etcd key order) and
 * the namespace's label index. Indexing per namespace lets the index hold the objects' own name
 * strings instead of a `namespace/name` string built for every object.
 */
class Bucket {
  readonly objects = new Map<string, KubeObject>();
  /** label key → label value → names */
  readonly labels = new Map<string, Map<string, Set<string>>>();
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

  indexLabels(name: string, labels: Readonly<Record<string, string>> | undefined): void {
    if (!labels) return;
    for (const k of Object.keys(labels)) {
      let values = this.labels.get(k);
      if (!values) this.labels.set(k, (values = new Map()));
      const v = labels[k]!;
      let names = values.get(v);
      if (!names) values.set(v, (names = new Set()));
      names.add(name);
    }
  }

  unindexLabels(name: string, labels: Readonly<Record<string, string>> | undefined): void {
    if (!labels) return;
    for (const k of Object.keys(labels)) {
      const values = this.labels.get(k);
      const names = values?.get(labels[k]!);
      if (!names) continue;
      names.delete(name);
      if (names.size === 0) {
        values!.delete(labels[k]!);
        if (values!.size === 0) this.labels.delete(k);
      }
    }
  }
}

/**
 * The latest events of one resource, in a ring sized the way the real watch cache sizes itself:
 * it starts at 100 events; when it is full and everything in it is younger than 75 s (a burst, a
 * rollout) it doubles, up to the configured maximum; when even its newest quarter is older than
 * 75 s it halves again (a quiet resource holds little). Without a clock every event counts as
 * fresh, so the ring simply grows to its maximum.
 */
class History {
  private ring: (StoredEvent | undefined)[];
  /** When each ring slot's event was recorded (simulated ms). */
  private times: Float64Array;
  private capacity: number;
  private start = 0;
  private length = 0;
  /** Whether an event has ever been dropped; until then the window reaches back to the start. */
  private evicted = false;
  private lastRv = 0;

  constructor(
    private readonly maxCapacity: number,
    private readonly clock: { now(): number } | undefined,
    /** Versions up to this one were compacted away before the history began (a loaded store). */
    compactedAt = 0,
  ) {
    this.capacity = Math.min(HISTORY_MIN, maxCapacity);
    this.ring = new Array<StoredEvent | undefined>(this.capacity);
    this.times = new Float64Array(this.capacity);
    if (compactedAt > 0) {
      this.evicted = true;
      this.lastRv = compactedAt;
    }
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
    const now = this.clock?.now() ?? 0;
    this.resize(now);
    if (this.capacity === 0) {
      this.evicted = true;
      return;
    }
    let slot: number;
    if (this.length === this.capacity) {
      this.evicted = true;
      slot = this.start;
      this.start = (this.start + 1) % this.capacity;
    } else {
      slot = (this.start + this.length) % this.capacity;
      this.length++;
    }
    this.ring[slot] = e;
    this.times[slot] = now;
  }

  /** upstream's resizeCacheLocked: grow while full of fresh events, shrink when long quiet. */
  private resize(now: number): void {
    if (this.length < this.capacity || this.capacity === 0) return;
    if (now - this.times[this.start]! < HISTORY_FRESH_MS) {
      const grown = Math.min(this.capacity * 2, this.maxCapacity);
      if (grown > this.capacity) this.reshape(grown);
      return;
    }
    const quarter = (this.start + this.capacity - Math.floor(this.capacity / 4)) % this.capacity;
    if (now - this.times[quarter]! > HISTORY_FRESH_MS) {
      const shrunk = Math.max(Math.floor(this.capacity / 2), Math.min(HISTORY_MIN, this.maxCapacity));
      if (shrunk < this.capacity) this.reshape(shrunk);
    }
  }

  /** Copies the newest events (as many as fit) into a ring of a new capacity. */
  private reshape(capacity: number): void {
    const keep = Math.min(this.length, capacity);
    const ring = new Array<StoredEvent | undefined>(capacity);
    const times = new Float64Array(capacity);
    const from = this.length - keep;
    for (let i = 0; i < keep; i++) {
      const j = (this.start + from + i) % this.capacity;
      ring[i] = this.ring[j];
      times[i] = this.times[j]!;
    }
    if (keep < this.length) this.evicted = true;
    this.ring = ring;
    this.times = times;
    this.capacity = capacity;
    this.start = 0;
    this.length = keep;
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
  size = 0;
  /**
   * Whether the buckets keep label indexes. Nothing in the cluster itself lists by label (its
   * components use informers), so a kind's index is built on its first label-selected list and
   * maintained from then on; until then a write costs nothing extra.
   */
  labelsIndexed = false;
  private sortedNamespaces: string[] | undefined;
  readonly history: History;

  constructor(
    readonly resource: ResourceInfo,
    historySize: number,
    clock: { now(): number } | undefined,
    compactedAt: number,
  ) {
    this.history = new History(historySize, clock, compactedAt);
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
    // etcd's keys are /registry/<resource>/<namespace>/<name>: `default-2/` sorts before `default/`.
    this.sortedNamespaces ??= [...this.buckets.keys()].sort((a, b) => byName(`${a}/`, `${b}/`));
    return this.sortedNamespaces;
  }

  get(ns: string, name: string): KubeObject | undefined {
    return this.buckets.get(ns)?.objects.get(name);
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

const isEvent = (r: ResourceInfo): boolean => r.group === '' && r.plural === 'events';
const EVENTS_KEY = '/events'; // resourceKey of core/v1 events

/**
 * Events expire `ttl` after their last write (the apiserver stores them under an etcd lease; lease
 * TTLs count whole seconds). The TTL is the same for all, so expiry times come in write order: a
 * queue of per-second batches and one background timer for the oldest suffice.
 */
class Expiry {
  /** Batches before `head` have run (and been cleared). */
  private batches: ({ due: number; objects: KubeObject[] } | undefined)[] = [];
  private head = 0;
  private timerDue = Infinity;

  constructor(
    private readonly ttl: number,
    private readonly clock: StoreClock,
    private readonly at: NonNullable<StoreClock['at']>,
    private readonly expire: (obj: KubeObject) => void,
  ) {}

  track(obj: KubeObject): void {
    const due = Math.ceil((this.clock.now() + this.ttl) / 1000) * 1000;
    const last = this.batches[this.batches.length - 1];
    if (last?.due === due) last.objects.push(obj);
    else this.batches.push({ due, objects: [obj] });
    this.schedule(this.batches[this.head]!.due);
  }

  private schedule(due: number): void {
    if (due >= this.timerDue) return;
    this.timerDue = due;
    // Background: a cluster with nothing to do but wait for Events to expire is quiet.
    this.at(due, this.run, { background: true });
  }

  private run = (): void => {
    this.timerDue = Infinity;
    const now = this.clock.now();
    while (this.head < this.batches.length && this.batches[this.head]!.due <= now) {
      const batch = this.batches[this.head]!;
      this.batches[this.head++] = undefined;
      for (const obj of batch.objects) this.expire(obj);
    }
    if (this.head > 64 && this.head * 2 > this.batches.length) {
      this.batches = this.batches.slice(this.head);
      this.head = 0;
    }
    if (this.head < this.batches.length) this.schedule(this.batches[this.head]!.due);
  };
}

export class Store {
  private readonly tables = new Map<string, Table>();
  /**
   * owner uid → the objects naming it. Nothing in the cluster asks yet (the garbage collector keeps
   * its own graph), so the index is built on the first `ownedBy` and only maintained from then on.
   */
  private owners: Map<string, Map<string, OwnedRef>> | undefined;
  private rv = 0;
  /** The version a `load` started from: no watch can resume from before it. */
  private compactedAt = 0;
  private readonly historySize: number;
  private readonly clock: StoreClock | undefined;
  private readonly expiry: Expiry | undefined;
  private readonly listeners: ((e: StoredEvent) => void)[] = [];
  /** Canonicalises what is stored, so equal parts of different objects and versions are shared. */
  readonly interner: Interner;

  constructor(options: StoreOptions = {}) {
    this.historySize = options.historySize ?? 1000;
    this.clock = options.clock;
    const at = options.clock?.at?.bind(options.clock);
    if (at) this.expiry = new Expiry(options.eventTtlMs ?? 3_600_000, options.clock!, at, (obj) => this.expire(obj));
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
    if (!t) this.tables.set(key, (t = new Table(resource, this.historySize, this.clock, this.compactedAt)));
    return t;
  }

  /** Every stored object with its resource, kind by kind in key order: what `load` takes back. */
  dump(): { resource: ResourceInfo; object: KubeObject }[] {
    const out: { resource: ResourceInfo; object: KubeObject }[] = [];
    for (const t of this.tables.values()) for (const object of this.list(t.resource)) out.push({ resource: t.resource, object });
    return out;
  }

  /**
   * Fills an empty store with objects as they were stored (a restored snapshot): each keeps its
   * uid, timestamps and resourceVersion, and the counter continues after `resourceVersion`. Like
   * etcd after a compaction no history comes with them: a watch from an older version gets 410
   * Gone. Nobody is notified; whoever starts watching afterwards lists first.
   */
  load(entries: Iterable<{ resource: ResourceInfo; object: KubeObject }>, resourceVersion: number): void {
    if (this.rv !== 0) throw new StoreError('load needs an empty store');
    this.compactedAt = resourceVersion;
    for (const { resource, object } of entries) {
      const name = object.metadata?.name;
      const rv = Number(object.metadata?.resourceVersion);
      if (!name) throw new StoreError('object has no name');
      if (!Number.isSafeInteger(rv) || rv < 1 || rv > resourceVersion) throw new StoreError(`${name}: resourceVersion outside 1..${resourceVersion}`);
      const t = this.table(resource);
      const ns = nsOf(resource, object);
      if (t.get(ns, name)) throw new StoreError(`${ns}/${name} exists`);
      const stored = this.interner.internObject(Object.assign({}, object));
      const bucket = t.bucket(ns, true)!;
      bucket.set(name, stored);
      t.size++;
      if (t.labelsIndexed) bucket.indexLabels(name, stored.metadata!.labels);
      this.indexOwners(resource, ns, name, undefined, stored);
      if (isEvent(resource)) this.expiry?.track(stored);
    }
    this.rv = resourceVersion;
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
    const label = filter.label && !filter.label.empty ? filter.label : undefined;
    // A label-selected list starts the kind's label index, even before the kind has objects.
    const t = label ? this.table(resource) : this.tables.get(resourceKey(resource));
    if (!t) return [];
    const ns = resource.namespaced ? filter.namespace : undefined;
    const field = filter.field && !filter.field.empty ? filter.field : undefined;
    const keep = (o: KubeObject): boolean =>
      (!label || label.matches(o.metadata?.labels)) && (!field || fieldSelectorMatches(resource, field, o));

    // Start from the label index when it narrows things down; a selector that matches most
    // objects is cheaper as a plain scan, which is already in key order.
    const pinned = label ? pinnedLabel(label) : undefined;
    if (pinned && !t.labelsIndexed) this.indexLabels(t);
    if (pinned && this.indexedCount(t, ns, pinned) * 4 < (ns !== undefined ? (t.buckets.get(ns)?.objects.size ?? 0) : t.size)) {
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

  private indexLabels(t: Table): void {
    t.labelsIndexed = true;
    for (const b of t.buckets.values()) for (const [name, obj] of b.objects) b.indexLabels(name, obj.metadata?.labels);
  }

  /** The buckets a list looks at: one namespace, or all of them in key order. */
  private bucketsOf(t: Table, ns: string | undefined): Bucket[] {
    if (ns !== undefined) {
      const b = t.buckets.get(ns);
      return b ? [b] : [];
    }
    return t.namespaces().map((n) => t.buckets.get(n)!);
  }

  private indexedCount(t: Table, ns: string | undefined, pinned: { key: string; values: readonly string[] }): number {
    let n = 0;
    for (const b of this.bucketsOf(t, ns)) {
      const values = b.labels.get(pinned.key);
      if (values) for (const v of pinned.values) n += values.get(v)?.size ?? 0;
    }
    return n;
  }

  /** Starts from the objects carrying the pinned label value instead of scanning the namespace. */
  private listByLabelIndex(
    t: Table,
    ns: string | undefined,
    pinned: { key: string; values: readonly string[] },
    keep: (o: KubeObject) => boolean,
  ): KubeObject[] {
    const out: KubeObject[] = [];
    for (const b of this.bucketsOf(t, ns)) {
      const values = b.labels.get(pinned.key);
      if (!values) continue;
      const names: string[] = [];
      for (const v of pinned.values) for (const name of values.get(v) ?? []) names.push(name);
      names.sort(byName);
      for (const name of names) {
        const obj = b.objects.get(name)!;
        if (keep(obj)) out.push(obj);
      }
    }
    return out;
  }

  /** Stores a new object; throws StoreError if the name is taken. */
  create(resource: ResourceInfo, obj: KubeObject): KubeObject {
    const t = this.table(resource);
    const ns = nsOf(resource, obj);
    const name = obj.metadata?.name;
    if (!name) throw new StoreError('object has no name');
    if (t.get(ns, name)) throw new StoreError(`${ns}/${name} exists`);
    const stored = stamp(obj, ++this.rv, this.interner);
    const bucket = t.bucket(ns, true)!;
    bucket.set(name, stored);
    t.size++;
    if (t.labelsIndexed) bucket.indexLabels(stored.metadata!.name!, stored.metadata!.labels);
    this.indexOwners(resource, ns, name, undefined, stored);
    if (isEvent(resource)) this.expiry?.track(stored);
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
    const bucket = t.bucket(ns, false)!;
    bucket.set(name, stored);
    if (t.labelsIndexed && prev.metadata?.labels !== stored.metadata!.labels) {
      bucket.unindexLabels(name, prev.metadata?.labels);
      bucket.indexLabels(stored.metadata!.name!, stored.metadata!.labels);
    }
    this.indexOwners(resource, ns, name, prev, stored);
    if (isEvent(resource)) this.expiry?.track(stored);
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
    const bucket = t.bucket(ns, false)!;
    bucket.delete(name);
    if (t.labelsIndexed) bucket.unindexLabels(name, prev.metadata?.labels);
    t.dropBucketIfEmpty(ns);
    t.size--;
    this.indexOwners(resource, ns, name, prev, undefined);
    this.commit(t, { type: 'DELETED', rv: this.rv, resource, object: last, prev });
    return last;
  }

  /** An Event's time is up: gone, as when etcd's lease on the key runs out (a DELETED to watchers). */
  private expire(obj: KubeObject): void {
    const t = this.tables.get(EVENTS_KEY);
    const ns = obj.metadata?.namespace ?? '';
    const name = obj.metadata?.name ?? '';
    // Only the version the timer was set for: a later write set a later timer.
    if (t && t.get(ns, name) === obj) this.delete(t.resource, ns, name);
  }

  private commit(t: Table, e: StoredEvent): void {
    t.history.push(e);
    for (const l of this.listeners) l(e);
  }

  private indexOwners(resource: ResourceInfo, ns: string, name: string, prev: KubeObject | undefined, next: KubeObject | undefined): void {
    if (!this.owners) return;
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
    const refs = this.ownerIndex().get(uid);
    if (!refs) return [];
    return [...refs.values()].map((r) => this.get(r.resource, r.namespace, r.name)!).filter(Boolean);
  }

  private ownerIndex(): Map<string, Map<string, OwnedRef>> {
    if (!this.owners) {
      this.owners = new Map();
      for (const t of this.tables.values()) {
        for (const [ns, b] of t.buckets) for (const [name, obj] of b.objects) this.indexOwners(t.resource, ns, name, undefined, obj);
      }
    }
    return this.owners;
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
      if (!t.labelsIndexed) this.indexLabels(t);
      incremental.sizes[rk] = t.size;
      for (const [ns, b] of t.buckets) {
        for (const [k, values] of b.labels) {
          for (const [v, names] of values) (incremental.labels[`${rk}|${k}=${v}`] ??= []).push(...[...names].map((n) => `${ns}/${n}`));
        }
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
    for (const [uid, refs] of this.ownerIndex()) incremental.owners[uid] = [...refs.keys()].sort();
    for (const list of Object.values(incremental.labels)) list.sort();
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
