/** `kubectl get events`: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE (+ wide SUBOBJECT, SOURCE, ...). */
import type { Event } from 'kubernetes-types/core/v1';
import { NAME_COLUMN, column, columns, type Printer, type RowContext } from './columns';

export const EVENT_COLUMNS = columns(
  column('Last Seen', 'string', 'The time at which the most recent occurrence of this event was recorded.'),
  column('Type', 'string', 'Type of this event (Normal, Warning), new types could be added in the future'),
  column('Reason', 'string', "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
  column('Object', 'string', 'The object that this event is about.'),
  column('Subobject', 'string', 'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]. For example, if the object reference is to a container within a pod, this would take on a value like: "spec.containers{name}" (where "name" refers to the name of the container that triggered the event) or if no container name is specified "spec.containers[2]" (container with index 2 in this pod). This syntax is chosen only to have some well-defined way of referencing a part of an object.', 1),
  column('Source', 'string', 'The component reporting this event. Should be a short machine understandable string.', 1),
  column('Message', 'string', 'A human-readable description of the status of this operation.'),
  column('First Seen', 'string', 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)', 1),
  column('Count', 'string', 'The number of times this event has occurred.', 1),
  { ...NAME_COLUMN, priority: 1 },
);

/** `<lower-case kind>/<name>`, or just the kind when the event names no object. */
export function eventObject(event: Event): string {
  const kind = (event.involvedObject?.kind ?? '').toLowerCase();
  const name = event.involvedObject?.name;
  return name ? `${kind}/${name}` : kind;
}

/** SOURCE: `component, host`, falling back to reportingController / reportingInstance. */
export function eventSource(event: Event): string {
  const component = event.source?.component || event.reportingComponent || '';
  const host = event.source?.host || event.reportingInstance || '';
  return host ? `${component}, ${host}` : component;
}

export const eventPrinter: Printer<Event> = {
  columns: EVENT_COLUMNS,
  cells(event: Event, ctx: RowContext): unknown[] {
    const firstSeen = event.firstTimestamp ? ctx.age(event.firstTimestamp) : ctx.age(event.eventTime);
    let lastSeen = event.lastTimestamp ? ctx.age(event.lastTimestamp) : firstSeen;
    let count = event.count ?? 0;
    if (event.series) {
      lastSeen = ctx.age(event.series.lastObservedTime);
      count = event.series.count ?? 0;
    } else if (count === 0) {
      // Singleton events of the events.k8s.io API carry no count.
      count = 1;
    }
    return [
      lastSeen,
      event.type ?? '',
      event.reason ?? '',
      eventObject(event),
      event.involvedObject?.fieldPath ?? '',
      eventSource(event),
      (event.message ?? '').trim(),
      firstSeen,
      count,
      event.metadata?.name ?? '',
    ];
  },
};
