/**
 * `kubectl wait --for=condition=Ready|delete|jsonpath=… TYPE NAME | -l SELECTOR | --all`: for each
 * object, the current state is checked, then a watch on that one object is followed until the
 * condition holds (`pod/x condition met`) or `--timeout` (30s) of simulated time has passed.
 */
import type { KubeObject } from '../../../../engine/api/types';
import { SysError, type Sys } from '../../../../engine/runtime/process';
import { ApiStatusError, collectionPath, KubectlError, kindPrefix, objectPath, type ApiResource, type Kubectl, type KubectlCommand } from '../framework';
import { resultText } from '../generate/output';
import { parseTargets } from '../generate/targets';
import { conditionMet, durationMs, parseWaitFor, type WaitFor } from '../generate/wait-condition';
import { FILENAME_FLAG } from './create';
import { manifestTargets } from './replace';

const NO_RESOURCES =
  "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

interface Subject {
  resource: ApiResource;
  namespace: string;
  name: string;
}

/**
 * The object once it meets `wait` (as last seen, for `delete`); `absent` when a delete was waited
 * for on an object that did not exist (kubectl prints nothing then); undefined when time ran out.
 */
function* waitFor(k: Kubectl, subject: Subject, wait: WaitFor, timeoutMs: number): Sys<KubeObject | 'absent' | undefined> {
  const client = yield* k.client();
  const deadline = k.proc.now() + timeoutMs;
  const path = objectPath(subject.resource, subject.namespace, subject.name);
  const current = yield* client.request({ method: 'GET', path });
  if (current.status === 404 && wait.kind === 'delete') return 'absent';
  if (current.status >= 400) throw new ApiStatusError(current.body as ApiStatusError['status']);
  const object = current.body as KubeObject;
  const uid = object.metadata?.uid;
  if (wait.kind !== 'delete' && conditionMet(object, wait)) return object;
  const watch = yield* client.watch({
    method: 'GET',
    path: collectionPath(subject.resource, subject.namespace),
    query: { fieldSelector: `metadata.name=${subject.name}`, resourceVersion: object.metadata?.resourceVersion ?? '' },
  });
  try {
    for (;;) {
      const event = yield* watch.next(Math.max(0, deadline - k.proc.now()));
      if (event === null) return undefined;
      const gone = event.type === 'DELETED' || event.object.metadata?.uid !== uid;
      if (wait.kind === 'delete' ? gone : event.type !== 'DELETED' && conditionMet(event.object, wait)) return event.object;
    }
  } catch (e) {
    if (e instanceof SysError && e.errno === 'ETIMEDOUT') return undefined;
    throw e;
  } finally {
    watch.close();
  }
}

/** The objects to wait for: names as typed, or what `-l`/`--all` select now, or `-f` manifests. */
function* subjectsOf(k: Kubectl, args: readonly string[]): Sys<Subject[]> {
  const namespace = yield* k.namespace();
  const files = k.flags.list('filename');
  if (files.length > 0) {
    return (yield* manifestTargets(k, files)).map(({ resource, object }) => ({ resource, namespace: object.metadata?.namespace ?? namespace, name: object.metadata?.name ?? '' }));
  }
  if (args.length === 0) throw new KubectlError(NO_RESOURCES);
  const selector = k.flags.string('selector');
  const bySelector = !!selector || k.flags.bool('all');
  const subjects: Subject[] = [];
  for (const target of parseTargets(args, !bySelector)) {
    const resource = yield* k.resolve(target.type);
    if (target.name) {
      subjects.push({ resource, namespace, name: target.name });
      continue;
    }
    const list = yield* (yield* k.client()).call<{ items: KubeObject[] }>({ method: 'GET', path: collectionPath(resource, namespace), ...(selector ? { query: { labelSelector: selector } } : {}) });
    for (const item of list.items) subjects.push({ resource, namespace: item.metadata?.namespace ?? namespace, name: item.metadata?.name ?? '' });
  }
  if (bySelector && subjects.length === 0) throw new KubectlError('no matching resources found');
  return subjects;
}

export const wait: KubectlCommand = {
  name: 'wait',
  short: 'Wait until objects reach a condition',
  long: 'Wait until each object named reaches a condition, such as Ready, or is deleted. kubectl prints a line for each object that does, and fails if the time runs out first.',
  examples: `# Until pod-demo is ready, at most two minutes
kubectl wait --for=condition=Ready pod/pod-demo --timeout=2m

# Until every pod of myapp is ready
kubectl wait --for=condition=Ready pod -l app=myapp

# Until the client pod is gone
kubectl wait --for=delete pod/client`,
  use: 'wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=delete|--for condition=available|--for=jsonpath=\'{}\'[=value]] [options]',
  flags: [
    { name: 'for', type: 'string', default: "''", usage: 'What to wait for: delete, condition=NAME[=VALUE] (a status condition, true by default), or jsonpath=\'{PATH}\'=VALUE.' },
    { name: 'timeout', type: 'duration', default: '30s', usage: 'Give up after this long (e.g. 60s); 0 checks once, a negative time waits a week.' },
    { name: 'selector', short: 'l', type: 'string', default: "''", usage: 'Wait for the objects whose labels match this selector (=, == and != only).' },
    { name: 'all', type: 'bool', default: 'false', usage: 'Wait for every object of the given type in the namespace.' },
    FILENAME_FLAG,
    { name: 'output', short: 'o', type: 'string', usage: 'Print the objects once their condition holds: name, json, yaml or jsonpath=TEMPLATE.' },
  ],
  *run(k, args) {
    const condition = parseWaitFor(k.flags.string('for'));
    const given = k.flags.changed('timeout') ? durationMs(k.flags.string('timeout')) : 30_000;
    const timeoutMs = given < 0 ? 7 * 24 * 3_600_000 : given;
    for (const subject of yield* subjectsOf(k, args)) {
      const met = yield* waitFor(k, subject, condition, timeoutMs);
      if (!met) throw new KubectlError(`timed out waiting for the condition on ${subject.resource.name}/${subject.name}`);
      if (met !== 'absent') yield* k.out(resultText(k.flags.string('output'), met, kindPrefix(subject.resource), 'condition met', 'none'));
    }
    return 0;
  },
};
