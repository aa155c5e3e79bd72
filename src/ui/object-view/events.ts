/**
 * The object view's Events table, as `kubectl describe` prints it: the events about one object,
 * oldest first, each with its age — the first occurrence, or `<last> (x<count> over <first>)`
 * for an event seen several times.
 */
import { humanDuration } from '../../engine/api/tables/duration';
import type { EventView } from '../../worker/views';
import type { ObjectRef } from '../../worker/object-watch';

export interface EventRow {
  key: string;
  type: string;
  reason: string;
  age: string;
  from: string;
  message: string;
}

/** `now`: the cluster's clock as Unix ms. */
export function eventRows(events: Iterable<EventView>, about: ObjectRef, now: number): EventRow[] {
  const since = (at: number) => (Number.isNaN(at) ? '<unknown>' : humanDuration(now - at));
  return [...events]
    .filter((e) => e.involved.kind === about.kind && e.involved.name === about.name && e.involved.namespace === about.namespace)
    .sort((a, b) => a.lastAt - b.lastAt)
    .map((e) => ({
      key: `${e.namespace}/${e.name}`,
      type: e.type,
      reason: e.reason,
      age: e.count > 1 ? `${since(e.lastAt)} (x${e.count} over ${since(e.firstAt)})` : since(e.firstAt),
      from: e.source,
      message: e.message.trim(),
    }));
}
