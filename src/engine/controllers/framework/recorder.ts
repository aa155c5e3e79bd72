/**
 * Events, as the components' event recorders write them (client-go `record`). Repeats of the same
 * event — same object, reason, message and source — are folded into one Event whose `count` grows
 * and `lastTimestamp` moves, which is what `kubectl describe` shows as `12s (x4 over 39s)`.
 */
import type { Event, ObjectReference } from 'kubernetes-types/core/v1';
import type { Clock } from '../../sim/clock';
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

export class EventRecorder {
  /** Aggregation key → name of the Event object already written for it. */
  private readonly seen = new Map<string, { namespace: string; name: string; count: number }>();
  private lastNanos = 0n;

  constructor(
    private readonly client: Client,
    private readonly clock: Clock,
    private readonly source: EventSource,
  ) {}

  /**
   * Records that `reason` happened to `obj`. `fieldPath` names a part of the object, e.g.
   * `spec.containers{nginx}` for a kubelet event about one container.
   */
  event(obj: KubeObject, type: EventType, reason: string, message: string, fieldPath?: string): void {
    const ref = referenceTo(obj, fieldPath);
    const namespace = ref.namespace || 'default';
    const key = [ref.uid, ref.kind, ref.namespace, ref.name, ref.fieldPath, type, reason, message].join('\u0000');
    const now = this.clock.timestamp();
    const previous = this.seen.get(key);
    if (previous) {
      previous.count++;
      const patched = this.client.patch(EVENTS, previous.namespace, previous.name, 'merge', {
        count: previous.count,
        lastTimestamp: now,
      });
      if (patched.ok) return;
      // The Event expired or was deleted: fall through and write a fresh one.
    }
    const event: Event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: '', namespace },
      involvedObject: ref,
      reason,
      message,
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
        this.seen.set(key, { namespace, name, count: 1 });
        return;
      }
      if (created.status.reason !== 'AlreadyExists') return;
    }
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
