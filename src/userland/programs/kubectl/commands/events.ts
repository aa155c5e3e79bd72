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
  short: 'List what happened in the cluster, oldest first',
  long: 'List events: short notes that controllers, the scheduler and kubelets write when something happens (a pod scheduled, an image pulled, a probe failed). They are kept for about an hour.',
  examples: `# What happened in this namespace
kubectl events

# Only to pod-demo
kubectl events --for pod/pod-demo

# Only warnings, in every namespace
kubectl events -A --types=Warning`,
  use: 'events [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] [--types=Normal,Warning] [options]',
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool', usage: 'If true, look in every namespace; a NAMESPACE column shows where each object is.' },
    { name: 'for', type: 'string', usage: 'Only the events about this object, as TYPE/NAME (pod/pod-demo).' },
    { name: 'types', type: 'stringSlice', default: '[]', usage: 'Only events of these types: Normal, Warning (comma-separated).' },
    { name: 'no-headers', type: 'bool', usage: 'If true, leave out the header line.' },
    { name: 'chunk-size', type: 'int', default: '500', usage: 'Ask the server for long lists this many objects at a time (0: all at once).' },
  ],
  *run(k) {
    const allNamespaces = k.flags.bool('all-namespaces');
    const namespace = yield* k.namespace();
    const query: Record<string, string> = {};
    const target = k.flags.string('for');
    if (target) {
      const slash = target.indexOf('/');
      if (slash < 0) throw new KubectlError(`--for must be in resource/name form`);
      const resource = yield* k.resolve(target.slice(0, slash));
      query.fieldSelector = `involvedObject.kind=${resource.kind},involvedObject.name=${target.slice(slash + 1)}`;
    }
    const client = yield* k.client();
    const path = allNamespaces ? '/api/v1/events' : `/api/v1/namespaces/${namespace}/events`;
    const list = yield* client.list<{ items: Event[] }>({ method: 'GET', path, query }, k.flags.int('chunk-size'));
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
