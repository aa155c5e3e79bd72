/**
 * Watch fan-out: every committed write becomes watch events for the watchers that care.
 *
 * Two rules from the real apiserver shape this file:
 *
 * 1. Delivery is asynchronous. Events are queued and flushed by a single event on the simulated
 *    clock at the current time, so a controller never sees a watch event re-entrantly in the middle
 *    of its own write call, and events always arrive in resourceVersion order.
 * 2. Selectors see transitions. A pod that stops matching `spec.nodeName=worker01` (or a label
 *    selector) is reported to that watcher as DELETED; one that starts matching, as ADDED.
 *
 * With 100 kubelets each watching `spec.nodeName=<self>`, filtering every pod event 100 times
 * would dominate a large rollout, so watchers are bucketed by the node name they pin, else by
 * namespace; an event only visits the buckets it can possibly match.
 */
import type { Clock } from '../sim/clock';
import { gone } from './errors';
import { exactFieldValue, fieldSelectorMatches, type FieldSelector } from './fieldselectors';
import type { ResourceInfo } from './resources';
import type { Selector } from './selectors';
import type { Store, StoredEvent } from './store';
import type { KubeObject, WatchEvent, WatchEventType, WatchHandle } from './types';

export interface WatchCriteria {
  resource: ResourceInfo;
  /** Omit for all namespaces. */
  namespace?: string;
  label?: Selector;
  field?: FieldSelector;
}

export type WatchListener = (event: WatchEvent) => void;

/** A watch event handed to a watcher, as an observer of the hub sees it (the sequence diagram). */
export interface WatchDelivery {
  /** Simulated ms. */
  readonly at: number;
  /** The user agent of the client that opened the watch (`kube-scheduler`, `kubelet/worker01`…). */
  readonly client: string | undefined;
  readonly resource: ResourceInfo;
  readonly event: WatchEvent;
}

class Watcher implements WatchHandle {
  stopped = false;
  readonly nodeName: string | undefined;

  constructor(
    readonly criteria: WatchCriteria,
    readonly listener: WatchListener,
    private readonly onStop: (w: Watcher) => void,
    readonly client: string | undefined,
  ) {
    const field = criteria.field;
    this.nodeName = criteria.resource.kind === 'Pod' && field ? exactFieldValue(field, 'spec.nodeName') : undefined;
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.onStop(this);
  }

  matches(obj: KubeObject): boolean {
    const c = this.criteria;
    if (c.namespace !== undefined && c.resource.namespaced && obj.metadata?.namespace !== c.namespace) return false;
    if (c.label && !c.label.empty && !c.label.matches(obj.metadata?.labels)) return false;
    if (c.field && !c.field.empty && !fieldSelectorMatches(c.resource, c.field, obj)) return false;
    return true;
  }

  /** The event this watcher should see for a write, taking selector transitions into account. */
  translate(e: StoredEvent): WatchEvent | undefined {
    const now = this.matches(e.object);
    const before = e.prev !== undefined && e.type !== 'DELETED' ? this.matches(e.prev) : false;
    let type: WatchEventType | undefined;
    switch (e.type) {
      case 'ADDED':
        type = now ? 'ADDED' : undefined;
        break;
      case 'MODIFIED':
        // Leaving the selection: a DELETED carrying the last matching content at the new version.
        if (!now && before) return { type: 'DELETED', object: withVersion(e.prev!, e.rv) };
        type = now ? (before ? 'MODIFIED' : 'ADDED') : undefined;
        break;
      case 'DELETED':
        type = now ? 'DELETED' : undefined;
        break;
    }
    return type ? { type, object: e.object } : undefined;
  }
}

/** The watchers of one resource, bucketed so an event only visits those that could match. */
class Buckets {
  readonly anywhere = new Set<Watcher>();
  readonly byNamespace = new Map<string, Set<Watcher>>();
  readonly byNode = new Map<string, Set<Watcher>>();

  private bucketOf(w: Watcher): Set<Watcher> {
    const map = w.nodeName !== undefined ? this.byNode : w.criteria.namespace !== undefined ? this.byNamespace : undefined;
    if (!map) return this.anywhere;
    const key = w.nodeName ?? w.criteria.namespace!;
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    return set;
  }

  add(w: Watcher): void {
    this.bucketOf(w).add(w);
  }

  remove(w: Watcher): void {
    const set = this.bucketOf(w);
    set.delete(w);
    if (set.size === 0 && set !== this.anywhere) {
      if (w.nodeName !== undefined) this.byNode.delete(w.nodeName);
      else this.byNamespace.delete(w.criteria.namespace!);
    }
  }

  get size(): number {
    let n = this.anywhere.size;
    for (const s of this.byNamespace.values()) n += s.size;
    for (const s of this.byNode.values()) n += s.size;
    return n;
  }

  /** Collects the watchers this event may concern into `out`, in a deterministic order. */
  candidates(e: StoredEvent, out: Watcher[]): void {
    for (const w of this.anywhere) out.push(w);
    const ns = e.object.metadata?.namespace;
    if (ns !== undefined) {
      const set = this.byNamespace.get(ns);
      if (set) for (const w of set) out.push(w);
    }
    if (this.byNode.size === 0) return;
    const node = nodeNameOf(e.object);
    const prevNode = e.prev ? nodeNameOf(e.prev) : node;
    const onNode = this.byNode.get(node);
    if (onNode) for (const w of onNode) out.push(w);
    if (prevNode !== node) {
      const before = this.byNode.get(prevNode);
      if (before) for (const w of before) out.push(w);
    }
  }
}

function withVersion(obj: KubeObject, rv: number): KubeObject {
  const metadata: { resourceVersion?: string } = Object.assign({}, obj.metadata);
  metadata.resourceVersion = String(rv);
  const copy = Object.assign({}, obj);
  copy.metadata = Object.freeze(metadata);
  return Object.freeze(copy);
}

const nodeNameOf = (obj: KubeObject): string => {
  const spec = (obj as { spec?: { nodeName?: unknown } }).spec;
  return typeof spec?.nodeName === 'string' ? spec.nodeName : '';
};

const resourceKey = (r: ResourceInfo): string => `${r.group}/${r.plural}`;

export type OpenResult = { ok: true; handle: WatchHandle } | { ok: false; tooOld: number };

export class WatchHub {
  private readonly watchers = new Map<string, Buckets>();
  private queue: [Watcher, WatchEvent][] = [];
  /** Reused between writes: the watchers one write may concern. */
  private readonly scratch: Watcher[] = [];
  private flushScheduled = false;
  /** Total events handed to listeners, for benchmarks. */
  delivered = 0;
  /** Watchers whose filters were evaluated for a write: what the bucketing keeps small. */
  visited = 0;
  private readonly observers = new Set<(delivery: WatchDelivery) => void>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {
    store.subscribe((e) => this.publish(e));
  }

  /** Number of open watches (all resources, or one). */
  count(resource?: ResourceInfo): number {
    if (resource) return this.watchers.get(resourceKey(resource))?.size ?? 0;
    let n = 0;
    for (const b of this.watchers.values()) n += b.size;
    return n;
  }

  /** Every event delivered to a watcher from now on, when it is delivered. Returns the canceller. */
  observe(listener: (delivery: WatchDelivery) => void): () => void {
    this.observers.add(listener);
    return () => this.observers.delete(listener);
  }

  /**
   * Starts a watch. `fromRv` undefined or 0: first an ADDED event for every matching object (the
   * current state), then changes. `fromRv` N: every change after N, replayed from history — or,
   * when N is older than the history window, a single ERROR event (410 Expired) and the end of the
   * watch, as the real apiserver does it. `client` is the user agent that asked, for observers.
   */
  open(criteria: WatchCriteria, fromRv: number | undefined, listener: WatchListener, client?: string): WatchHandle {
    const buckets = this.bucketsFor(criteria.resource);
    const watcher = new Watcher(criteria, listener, (w) => buckets.remove(w), client);
    if (fromRv === undefined || fromRv === 0) {
      const current = this.store.list(criteria.resource, criteria);
      for (const object of current) this.enqueue(watcher, { type: 'ADDED', object });
    } else {
      const history = this.store.historySince(criteria.resource, fromRv);
      if (!Array.isArray(history)) {
        const status = gone(`too old resource version: ${fromRv} (${history.tooOld})`);
        this.enqueue(watcher, { type: 'ERROR', object: status as KubeObject });
        // The watch ends after its error; stopped only once the ERROR event has gone out.
        this.enqueueStop(watcher);
        return watcher;
      }
      for (const e of history) {
        const ev = watcher.translate(e);
        if (ev) this.enqueue(watcher, ev);
      }
    }
    buckets.add(watcher);
    return watcher;
  }

  private bucketsFor(resource: ResourceInfo): Buckets {
    const key = resourceKey(resource);
    let b = this.watchers.get(key);
    if (!b) this.watchers.set(key, (b = new Buckets()));
    return b;
  }

  private publish(e: StoredEvent): void {
    const buckets = this.watchers.get(resourceKey(e.resource));
    if (!buckets) return;
    const candidates = this.scratch;
    candidates.length = 0;
    buckets.candidates(e, candidates);
    this.visited += candidates.length;
    for (const w of candidates) {
      const ev = w.translate(e);
      if (ev) this.enqueue(w, ev);
    }
    candidates.length = 0;
  }

  private enqueue(w: Watcher, event: WatchEvent): void {
    this.queue.push([w, event]);
    this.scheduleFlush();
  }

  private enqueueStop(w: Watcher): void {
    this.queue.push([w, STOP]);
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    this.clock.schedule(0, this.flush);
  }

  /**
   * Delivers what is queued now. Events caused by listeners' own writes during the flush go into a
   * fresh queue with a fresh clock event, so other work due at this instant can interleave.
   */
  private flush = (): void => {
    this.flushScheduled = false;
    const batch = this.queue;
    this.queue = [];
    for (let i = 0; i < batch.length; i++) {
      const [w, event] = batch[i]!;
      if (w.stopped) continue;
      if (event === STOP) {
        w.stop();
        continue;
      }
      this.delivered++;
      if (this.observers.size > 0) this.tell({ at: this.clock.now(), client: w.client, resource: w.criteria.resource, event });
      try {
        w.listener(event);
      } catch (err) {
        // A failing listener must not cost the other watchers their events: keep the rest queued.
        this.queue = batch.slice(i + 1).concat(this.queue);
        if (this.queue.length > 0) this.scheduleFlush();
        throw err;
      }
    }
  };

  private tell(delivery: WatchDelivery): void {
    for (const observer of this.observers) observer(delivery);
  }
}

/** Marker queued after an ERROR event: the watch closes once the error has been delivered. */
const STOP: WatchEvent = { type: 'ERROR', object: {} };
