/**
 * Events, as the components' event recorders write them (client-go `record`). Before anything is
 * sent, client-go's EventCorrelator looks at every event, in three steps:
 *
 * 1. Aggregation. Events about one object that differ only in their message are "similar". Once
 *    10 distinct similar messages have been seen within 10 minutes, further ones are folded into a
 *    single Event whose message reads `(combined from similar events): <latest message>`. A
 *    ReplicaSet scaled to 100 records 9 `Created pod: …` Events, then one combined Event counting
 *    the other 91 — not 100 Events.
 * 2. Counting. Repeats of the same event — same object, reason, message and source — are folded
 *    into one Event whose `count` grows and `lastTimestamp` moves, which is what
 *    `kubectl describe` shows as `12s (x4 over 39s)`.
 * 3. Spam filtering. Each source may send 25 events about one object in a burst, then one every
 *    5 minutes (a token bucket); the rest are dropped, so an object that is always unhealthy does
 *    not flood etcd.
 *
 * Each step remembers at most 4096 keys, least recently used first out, as client-go's LRU
 * caches do; the simulated clock stands in for the wall clock.
 *
 * Aggregation is opt-in (`{ aggregate: true }`) for now: the scenario tests still expect a
 * Deployment's tenth distinct `ScalingReplicaSet` message within 10 minutes to be stored as is.
 */
import type { Event, ObjectReference } from 'kubernetes-types/core/v1';
import type { Clock } from '../../sim/clock';
import { stringHash } from '../../api/intern';
import { resourceFor } from '../../api/resources';
import type { KubeObject } from '../../api/types';
import type { Client } from '../../client/types';

export type EventType = 'Normal' | 'Warning';

export interface EventSource {
  /** `default-scheduler`, `replicaset-controller`, `kubelet`, ... */
  component: string;
  /** Node name for kubelet events. */
  host?: string;
}

const EVENTS = resourceFor('', 'events')!;

/** client-go `maxLruCacheEntries`. */
const LRU_ENTRIES = 4096;
/** Similar events (differing only in message) before they are combined: `defaultAggregateMaxEvents`. */
const AGGREGATE_MAX_EVENTS = 10;
/** How long similar events keep counting towards combination: `defaultAggregateIntervalInSeconds`. */
const AGGREGATE_INTERVAL_MS = 600_000;
/** Events one source may send about one object at once: `defaultSpamBurst`. */
const SPAM_BURST = 25;
/** One more allowed every 5 minutes after that: `defaultSpamQPS` = 1/300. */
const SPAM_REFILL_MS = 300_000;
const COMBINED = '(combined from similar events): ';

/** A Map that forgets its least recently used key beyond `max` entries (groupcache's lru). */
class Lru<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly max: number) {}

  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: K, v: V): void {
    this.map.delete(key);
    this.map.set(key, v);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }
}

/** Similar events seen lately: their distinct messages (one, mostly, so kept unboxed). */
interface SimilarEvents {
  messages: string | Set<string>;
  lastMs: number;
}

/**
 * The Event written for one event key, and how often it happened. Observations are filed by a
 * hash of their key and carry the key's parts to check a hit, instead of a long joined key
 * string each (the scheduler alone keeps 4096 of them).
 */
interface Observation {
  objectKey: string;
  type: string;
  reason: string;
  /** undefined for a combined (aggregate) event, whose key leaves field path and message out */
  fieldPath: string | undefined;
  message: string | undefined;
  namespace: string;
  name: string;
  count: number;
}

const combine = (h: number, part: string): number => Math.imul(((h << 5) | (h >>> 27)) ^ stringHash(part), 0x9e3779b1) | 0;

const sameEvent = (o: Observation, objectKey: string, type: string, reason: string, fieldPath: string | undefined, message: string | undefined): boolean =>
  o.objectKey === objectKey && o.type === type && o.reason === reason && o.fieldPath === fieldPath && o.message === message;

export interface EventRecorderOptions {
  /** Combine similar events (step 1). Default false. */
  aggregate?: boolean;
}

export class EventRecorder {
  private readonly similar = new Lru<string, SimilarEvents>(LRU_ENTRIES);
  private readonly observed = new Lru<number, Observation>(LRU_ENTRIES);
  /**
   * Per object, when its token bucket will be full again (simulated ms): one number instead of a
   * tokens/time pair. Tokens now = SPAM_BURST - (fullAt - now) / SPAM_REFILL_MS.
   */
  private readonly spam = new Lru<string, number>(LRU_ENTRIES);
  private lastNanos = 0n;

  constructor(
    private readonly client: Client,
    private readonly clock: Clock,
    private readonly source: EventSource,
    private readonly options: EventRecorderOptions = {},
  ) {}

  /**
   * Records that `reason` happened to `obj`. `fieldPath` names a part of the object, e.g.
   * `spec.containers{nginx}` for a kubelet event about one container.
   */
  event(obj: KubeObject, type: EventType, reason: string, message: string, fieldPath?: string): void {
    const ref = referenceTo(obj, fieldPath);
    const namespace = ref.namespace || 'default';
    const nowMs = this.clock.now();
    // The source is the same for every event of this recorder, so keys leave it out; an object
    // is named by its uid when it has one (kind, namespace and name add nothing to a uid).
    const objectKey = ref.uid ? ref.uid : [ref.kind, ref.namespace, ref.name, ref.apiVersion].join('\u0000');

    // 1. Aggregation: a combined event is keyed without its field path and message.
    const combined = this.options.aggregate === true && this.aggregate([objectKey, type, reason].join('\u0000'), message, nowMs);
    const text = combined ? COMBINED + message : message;
    const fieldPathKey = combined ? undefined : (ref.fieldPath ?? '');
    const messageKey = combined ? undefined : message;

    // 2. Counting: the observation is recorded even when the spam filter then drops the event.
    // (An observation whose Event was never written — dropped, or its create failed — starts over.)
    let hash = combine(combine(stringHash(objectKey), type), reason);
    if (!combined) hash = combine(combine(hash, fieldPathKey!), message);
    let previous = this.observed.get(hash);
    if (previous && !sameEvent(previous, objectKey, type, reason, fieldPathKey, messageKey)) previous = undefined;
    if (previous) previous.count = previous.name ? previous.count + 1 : 1;
    const observation: Observation = previous ?? {
      objectKey,
      type,
      reason,
      fieldPath: fieldPathKey,
      message: messageKey,
      namespace,
      name: '',
      count: 1,
    };
    if (!previous) this.observed.set(hash, observation);

    // 3. Spam filter.
    if (!this.allow(objectKey, nowMs)) return;

    const now = this.clock.timestamp();
    if (previous?.name) {
      const patch: Record<string, unknown> = { count: previous.count, lastTimestamp: now };
      if (text !== message) patch.message = text;
      const patched = this.client.patch(EVENTS, previous.namespace, previous.name, 'merge', patch);
      if (patched.ok) return;
      // The Event expired or was deleted: write a fresh one.
      observation.count = 1;
    }
    const event: Event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: '', namespace },
      involvedObject: ref,
      reason,
      message: text,
      source: this.source.host ? { component: this.source.component, host: this.source.host } : { component: this.source.component },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type,
      reportingComponent: this.source.component,
      reportingInstance: this.source.host ?? '',
    };
    // Names end in the creation time in nanoseconds (hex). Simulated time has millisecond grain,
    // so another component may have taken the name in the same instant: then take the next one.
    for (let attempt = 0; attempt < 8; attempt++) {
      const name = `${ref.name}.${this.nextNanos().toString(16)}`;
      event.metadata = { name, namespace };
      const created = this.client.create(EVENTS, event);
      if (created.ok) {
        observation.namespace = namespace;
        observation.name = name;
        return;
      }
      if (created.status.reason !== 'AlreadyExists') return;
    }
  }

  /**
   * Notes a message among the similar events of `similarKey`; true when there have now been
   * enough distinct ones lately that this one is to be combined.
   */
  private aggregate(similarKey: string, message: string, nowMs: number): boolean {
    const record = this.similar.get(similarKey);
    if (!record || nowMs - record.lastMs > AGGREGATE_INTERVAL_MS) {
      this.similar.set(similarKey, { messages: message, lastMs: nowMs });
      return false;
    }
    record.lastMs = nowMs;
    let messages = record.messages;
    if (typeof messages === 'string') {
      if (messages === message) return false;
      record.messages = messages = new Set([messages]);
    }
    messages.add(message);
    if (messages.size < AGGREGATE_MAX_EVENTS) return false;
    // Keep the set from growing past the threshold (client-go pops an arbitrary one; the oldest here).
    messages.delete(messages.values().next().value!);
    return true;
  }

  /** The token bucket of one object: SPAM_BURST to start with, one more every SPAM_REFILL_MS. */
  private allow(objectKey: string, nowMs: number): boolean {
    const fullAt = Math.max(this.spam.get(objectKey) ?? nowMs, nowMs);
    // At least one token left ⇔ the bucket is at most SPAM_BURST - 1 refills short of full.
    if (fullAt - nowMs > (SPAM_BURST - 1) * SPAM_REFILL_MS) return false;
    this.spam.set(objectKey, fullAt + SPAM_REFILL_MS);
    return true;
  }

  /** Nanoseconds exceed a double's exact range, hence BigInt. */
  private nextNanos(): bigint {
    const nanos = BigInt(this.clock.epochMs + Math.floor(this.clock.now())) * 1_000_000n;
    this.lastNanos = nanos > this.lastNanos ? nanos : this.lastNanos + 1n;
    return this.lastNanos;
  }
}

export function referenceTo(obj: KubeObject, fieldPath?: string): ObjectReference {
  const ref: ObjectReference = {
    kind: obj.kind,
    namespace: obj.metadata?.namespace,
    name: obj.metadata?.name,
    uid: obj.metadata?.uid,
    apiVersion: obj.apiVersion,
    resourceVersion: obj.metadata?.resourceVersion,
  };
  if (fieldPath) ref.fieldPath = fieldPath;
  return ref;
}
