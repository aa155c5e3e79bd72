/**
 * `kubectl events`: the events of a namespace (or all, `-A`) oldest first, in get's table layout —
 * LAST SEEN (`12s (x4 over 39s)` for a repeated event), TYPE, REASON, OBJECT as Kind/name,
 * MESSAGE. `--for TYPE/NAME` narrows to one object, `--types` to Normal or Warning.
 */
import type { Event } from 'kubernetes-types/core/v1';
import { KubectlError, type KubectlCommand } from '../framework';
import { eventAge, lastSeen } from '../describe/events';
import { TableWriter } from '../printers/table';

export const events: KubectlCommand = {
  name: 'events',
  short: 'List events',
  long: 'Display events.\n\n Prints a table of the most important information about events. You can request events for a namespace, for all namespace, or filtered to only those pertaining to a specified resource.',
  examples: `  # List recent events in the default namespace
  kubectl events

  # List recent events in all namespaces
  kubectl events --all-namespaces

  # List recent events for the specified pod
  kubectl events --for pod/web-pod-13je7

  # List recent only events of type 'Warning' or 'Normal'
  kubectl events --types=Warning,Normal`,
  use: 'events [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] [--types=Normal,Warning] [options]',
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool', usage: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.' },
    { name: 'for', type: 'string', usage: 'Filter events to only those pertaining to the specified resource.' },
    { name: 'types', type: 'stringSlice', default: '[]', usage: 'Output only events of given types.' },
    { name: 'no-headers', type: 'bool', usage: 'When using the default output format, don\'t print headers.' },
    { name: 'chunk-size', type: 'int', default: '500', usage: 'Return large lists in chunks rather than all at once. Pass 0 to disable.' },
  ],
  *run(k) {
    const allNamespaces = k.flags.bool('all-namespaces');
    const namespace = yield* k.namespace();
    const query: Record<string, string> = { limit: '500' };
    const target = k.flags.string('for');
    if (target) {
      const slash = target.indexOf('/');
      if (slash < 0) throw new KubectlError(`--for must be in resource/name form`);
      const resource = yield* k.resolve(target.slice(0, slash));
      query.fieldSelector = `involvedObject.kind=${resource.kind},involvedObject.name=${target.slice(slash + 1)}`;
    }
    const client = yield* k.client();
    const path = allNamespaces ? '/api/v1/events' : `/api/v1/namespaces/${namespace}/events`;
    const list = yield* client.call<{ items: Event[] }>({ method: 'GET', path, query });
    const types = k.flags.list('types').map((t) => t.toLowerCase());
    const items = list.items.filter((e) => types.length === 0 || types.includes((e.type ?? '').toLowerCase())).sort((a, b) => lastSeen(a) - lastSeen(b));
    if (items.length === 0) {
      yield* k.err(allNamespaces ? 'No events found.\n' : `No events found in ${namespace} namespace.\n`);
      return 0;
    }
    const now = k.proc.wallClock();
    const rows = items.map((e) => [
      ...(allNamespaces ? [e.metadata?.namespace ?? ''] : []),
      eventAge(e, now),
      e.type ?? '',
      e.reason ?? '',
      `${e.involvedObject.kind ?? ''}/${e.involvedObject.name ?? ''}`,
      (e.message ?? '').trim(),
    ]);
    const header = [...(allNamespaces ? ['NAMESPACE'] : []), 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];
    yield* k.out(new TableWriter().format(k.flags.bool('no-headers') ? rows : [header, ...rows]));
    return 0;
  },
};
