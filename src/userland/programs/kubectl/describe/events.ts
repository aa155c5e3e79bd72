/**
 * The `Events:` section that ends most descriptions: the events about one object (found by field
 * selector on `involvedObject`), oldest first, each with its age as kubectl computes it — the
 * first occurrence, or `<last> (x<count> over <first>)` for an event seen several times.
 */
import type { Event } from 'kubernetes-types/core/v1';
import type { Sys } from '../../../../engine/runtime/process';
import { corePath, listItems, type DescribeContext } from './context';
import { since, type DescribeWriter } from './writer';

/** Which object the events are about; absent fields are left out of the selector. */
export interface EventTarget {
  kind?: string;
  name: string;
  /** '' for cluster-scoped objects: events are then searched in every namespace. */
  namespace: string;
  uid?: string;
}

/** The events about `target`, or undefined under `--show-events=false`. */
export function* searchEvents(ctx: DescribeContext, target: EventTarget): Sys<Event[] | undefined> {
  if (!ctx.showEvents) return undefined;
  // client-go's GetFieldSelector: a fields.Set, whose string form is sorted by key.
  const fields: [string, string | undefined][] = [
    ['involvedObject.kind', target.kind],
    ['involvedObject.name', target.name],
    ['involvedObject.namespace', target.namespace],
    ['involvedObject.uid', target.uid],
  ];
  const fieldSelector = fields.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${v}`).join(',');
  try {
    return yield* listItems<Event>(ctx, corePath('events', target.namespace || undefined), { fieldSelector });
  } catch {
    // kubectl describes the object even when its events cannot be listed.
    return undefined;
  }
}

/** When an event last happened, for ordering (kubectl's SortableEvents). */
export function lastSeen(e: Event): number {
  const t = e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime;
  return t ? Date.parse(t) : 0;
}

/** The Age cell: `25s`, or `12s (x4 over 39s)` for a repeated event. */
export function eventAge(e: Event, now: number): string {
  const first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp, now);
  if (e.series) return `${since(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`;
  if ((e.count ?? 0) > 1) return `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return first;
}

/** Writes the section: `Events:  <none>`, or a table aligned on its own. */
export function writeEvents(w: DescribeWriter, events: readonly Event[] | undefined, now: number): void {
  if (!events) return;
  if (events.length === 0) return w.write(0, 'Events:\t<none>\n');
  w.flush();
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  // A stable sort keeps the server's order between events of the same second.
  for (const e of [...events].sort((a, b) => lastSeen(a) - lastSeen(b))) {
    const from = e.source?.component || e.reportingComponent || '';
    w.write(1, `${e.type ?? ''}\t${e.reason ?? ''}\t${eventAge(e, now)}\t${from}\t${(e.message ?? '').trim()}\n`);
  }
}
