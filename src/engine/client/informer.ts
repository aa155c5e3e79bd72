/**
 * Informers: a local, always-current cache of one kind, kept by list + watch — how every
 * controller in Kubernetes reads the cluster without asking the apiserver each time.
 *
 * 1. List everything (one request), remember the list's resourceVersion.
 * 2. Watch from that version; apply each event to the cache and tell the handlers.
 * 3. If the watch fails (410 Gone: we fell too far behind), list again and tell the handlers
 *    what changed meanwhile as synthetic add / update / delete notifications.
 *
 * Cached objects are the apiserver's frozen objects: never mutate them, clone first.
 * `SharedInformers` hands out one informer per resource (and selector), so ten controllers
 * watching pods cost one watch, as in client-go's SharedInformerFactory.
 */
import { groupVersion, type ResourceInfo } from '../api/resources';
import type { KubeObject, WatchEvent, WatchHandle } from '../api/types';
import type { Client, Informer, InformerHandlers, ListOptions } from './types';

const ALL = Symbol('all namespaces');

const keyOf = (obj: KubeObject): string => `${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`;

/**
 * An index holds the cached objects themselves in a Set per index key (cached objects are
 * immutable: a change replaces the object, and the index swaps it out and in). What an object was
 * filed under is not remembered either: `keysOf` of the cached object gives it again.
 */
interface Index<T> {
  keysOf: (obj: T) => readonly string[];
  /** index key → the cached objects filed under it, in the order they were last filed */
  entries: Map<string, Set<T>>;
}

export class SharedInformer<T extends KubeObject> implements Informer<T> {
  private readonly byNamespace = new Map<string, Map<string, T>>();
  private readonly indexes = new Map<string, Index<T>>();
  /**
   * What `list` returned, per namespace (and for all of them, under ALL), until that bucket changes:
   * controllers list a namespace on every sync, and copying it each time was the cost. The arrays
   * are frozen, never edited: a change drops them, so a caller iterating one keeps a stable snapshot.
   */
  private readonly listCache = new Map<string | typeof ALL, readonly T[]>();
  private readonly handlers: InformerHandlers<T>[] = [];
  private watchHandle: WatchHandle | undefined;
  private lastResourceVersion = '';
  private running = false;
  private _synced = false;
  /** How many times the cache was rebuilt from a fresh list (1 = the initial list). */
  lists = 0;

  constructor(
    private readonly client: Client,
    readonly resource: ResourceInfo,
    private readonly options: ListOptions = {},
  ) {}

  get synced(): boolean {
    return this._synced;
  }

  get(namespace: string | undefined, name: string): T | undefined {
    return this.byNamespace.get(this.resource.namespaced ? (namespace ?? '') : '')?.get(name);
  }

  /** A frozen snapshot, shared with other callers: copy it before sorting or splicing. */
  list(namespace?: string): readonly T[] {
    const key = namespace !== undefined && this.resource.namespaced ? namespace : ALL;
    let out = this.listCache.get(key);
    if (out) return out;
    if (key === ALL) {
      const all: T[] = [];
      for (const bucket of this.byNamespace.values()) for (const obj of bucket.values()) all.push(obj);
      out = all;
    } else {
      out = [...(this.byNamespace.get(key)?.values() ?? [])];
    }
    this.listCache.set(key, Object.freeze(out));
    return out;
  }

  /** The namespace's bucket changed: its cached list and the all-namespaces one are stale. */
  private invalidateList(namespace: string): void {
    this.listCache.delete(namespace);
    this.listCache.delete(ALL);
  }

  get size(): number {
    let n = 0;
    for (const bucket of this.byNamespace.values()) n += bucket.size;
    return n;
  }

  byIndex(index: string, key: string): readonly T[] {
    const idx = this.indexes.get(index);
    if (!idx) throw new Error(`informer for ${this.resource.plural}: no index named ${JSON.stringify(index)}`);
    return [...(idx.entries.get(key)?.values() ?? [])];
  }

  addIndex(index: string, keysOf: (obj: T) => readonly string[]): void {
    if (this.indexes.has(index)) throw new Error(`informer for ${this.resource.plural}: index ${JSON.stringify(index)} already exists`);
    const idx: Index<T> = { keysOf, entries: new Map() };
    this.indexes.set(index, idx);
    for (const obj of this.list()) this.file(idx, obj);
  }

  /**
   * Registers handlers. Added after the cache has synced, they first receive every cached object
   * as an `add` (synchronously, within this call), like a late client-go event handler.
   */
  addHandlers(handlers: InformerHandlers<T>): void {
    this.handlers.push(handlers);
    if (this._synced && handlers.add) for (const obj of this.list()) handlers.add(obj);
  }

  /** Lists and starts watching. Idempotent. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.relist();
  }

  stop(): void {
    this.running = false;
    this.watchHandle?.stop();
    this.watchHandle = undefined;
  }

  // -------------------------------------------------------------------------------------------

  /** Lists, reconciles the cache with the result (notifying handlers), then watches from there. */
  private relist(): void {
    this.watchHandle?.stop();
    this.watchHandle = undefined;
    const result = this.client.list<T>(this.resource, this.options);
    if (!result.ok) throw new Error(`informer for ${this.resource.plural}: list failed: ${result.status.message ?? ''}`);
    this.lists++;
    const seen = new Set<string>();
    for (const item of result.value.items) {
      // List items carry kind/apiVersion from the apiserver; make sure, for handlers that switch on kind.
      const obj = (item.kind ? item : { ...item, kind: this.resource.kind, apiVersion: groupVersion(this.resource) }) as T;
      seen.add(keyOf(obj));
      const old = this.cached(obj);
      if (!old) this.upsert(obj, undefined);
      else if (old.metadata?.resourceVersion !== obj.metadata?.resourceVersion) this.upsert(obj, old);
    }
    for (const obj of this.list()) {
      const key = keyOf(obj);
      if (!seen.has(key)) this.remove(obj, obj);
    }
    this._synced = true;
    this.lastResourceVersion = result.value.resourceVersion;
    this.watchFrom(this.lastResourceVersion);
  }

  private watchFrom(resourceVersion: string): void {
    const result = this.client.watch<T>(this.resource, { ...this.options, resourceVersion }, (event) => this.onEvent(event));
    if (!result.ok) throw new Error(`informer for ${this.resource.plural}: watch failed: ${result.status.message ?? ''}`);
    this.watchHandle = result.value;
  }

  private onEvent(event: WatchEvent<T>): void {
    if (!this.running) return;
    const obj = event.object;
    switch (event.type) {
      case 'ADDED':
      case 'MODIFIED':
        this.upsert(obj, this.cached(obj));
        break;
      case 'DELETED': {
        const old = this.cached(obj);
        if (old) this.remove(old, obj);
        break;
      }
      case 'BOOKMARK':
        break;
      case 'ERROR':
        // 410 Gone (we fell behind the history window) or any other failure: start over.
        this.relist();
        return;
    }
    const rv = obj.metadata?.resourceVersion;
    if (rv) this.lastResourceVersion = rv;
  }

  /** The cached version of an object (same namespace and name). */
  private cached(obj: T): T | undefined {
    return this.byNamespace.get(obj.metadata?.namespace ?? '')?.get(obj.metadata?.name ?? '');
  }

  private upsert(obj: T, old: T | undefined): void {
    const ns = obj.metadata?.namespace ?? '';
    let bucket = this.byNamespace.get(ns);
    if (!bucket) this.byNamespace.set(ns, (bucket = new Map()));
    bucket.set(obj.metadata?.name ?? '', obj);
    this.invalidateList(ns);
    for (const idx of this.indexes.values()) {
      if (old) this.unfile(idx, old);
      this.file(idx, obj);
    }
    if (old) for (const h of this.handlers) h.update?.(old, obj);
    else for (const h of this.handlers) h.add?.(obj);
  }

  /** `cached` is what the cache held (and the indexes filed); `last` is what handlers are told. */
  private remove(cached: T, last: T): void {
    const ns = last.metadata?.namespace ?? '';
    const bucket = this.byNamespace.get(ns);
    if (bucket?.delete(last.metadata?.name ?? '')) this.invalidateList(ns);
    if (bucket?.size === 0) this.byNamespace.delete(ns);
    for (const idx of this.indexes.values()) this.unfile(idx, cached);
    for (const h of this.handlers) h.delete?.(last);
  }

  private file(idx: Index<T>, obj: T): void {
    for (const k of idx.keysOf(obj)) {
      let entries = idx.entries.get(k);
      if (!entries) idx.entries.set(k, (entries = new Set()));
      entries.add(obj);
    }
  }

  /** Takes `cached` out of the entries it was filed under (keysOf of an immutable object is stable). */
  private unfile(idx: Index<T>, cached: T): void {
    for (const k of idx.keysOf(cached)) {
      const entries = idx.entries.get(k);
      if (!entries?.delete(cached)) continue;
      if (entries.size === 0) idx.entries.delete(k);
    }
  }
}

/**
 * One informer per resource (and per selector), shared by every controller of a component.
 * `for()` before `start()` registers; `start()` lists and watches them all; `for()` after start
 * starts the new informer at once.
 */
export class SharedInformers {
  private readonly informers = new Map<string, SharedInformer<KubeObject>>();
  private started = false;

  constructor(readonly client: Client) {}

  for<T extends KubeObject>(resource: ResourceInfo, options: ListOptions = {}): SharedInformer<T> {
    const key = `${resource.group}/${resource.plural}?ns=${options.namespace ?? ''}&l=${options.labelSelector ?? ''}&f=${options.fieldSelector ?? ''}`;
    let informer = this.informers.get(key);
    if (!informer) {
      informer = new SharedInformer<KubeObject>(this.client, resource, options);
      this.informers.set(key, informer);
      if (this.started) informer.start();
    }
    return informer as unknown as SharedInformer<T>;
  }

  start(): void {
    this.started = true;
    for (const informer of this.informers.values()) informer.start();
  }

  stop(): void {
    this.started = false;
    for (const informer of this.informers.values()) informer.stop();
  }

  /** True once every informer has its first list. */
  get synced(): boolean {
    for (const informer of this.informers.values()) if (!informer.synced) return false;
    return true;
  }
}
