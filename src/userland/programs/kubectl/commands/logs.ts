/**
 * `kubectl logs`: a pod's container log through the apiserver's `pods/log` (which the kubelet
 * answers). `TYPE/NAME` picks one pod of a deployment, replica set or service (`Found 3 pods,
 * using pod/…`); `-l` takes every pod the selector matches (the last 10 lines of each unless
 * `--tail` says otherwise); a pod with several containers defaults to the first (`Defaulted
 * container …`). `-f` keeps printing what the containers write until they stop or Ctrl-C: the
 * simulated apiserver answers a log request whole, so kubectl asks again each second for what is new.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import { sys, type Sys } from '../../../../engine/runtime/process';
import { ApiStatusError, collectionPath, KubectlError, objectPath, UsageError, type Kubectl, type KubectlCommand } from '../framework';
import { podForObject } from './pod-for-object';

const USAGE = "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command";
/** The lines `-l` prints of each log unless `--tail` is given. */
const SELECTOR_TAIL = 10;
/** How often `-f` asks for more. */
const FOLLOW_POLL_MS = 1000;
export const logs: KubectlCommand = {
  name: 'logs',
  short: 'Print what a container wrote to its output',
  long: 'Print the log of a container: what it wrote to standard output and standard error. Name a pod, or an object with pods such as deploy/myapp (kubectl picks one of its pods). A pod with one container needs no -c.',
  examples: `# The log of the busybox container of pod-demo
kubectl logs pod-demo -c busybox

# Follow it as it grows, until Ctrl-C
kubectl logs -f pod-demo -c busybox

# The last 20 lines of the myapp container
kubectl logs pod-demo -c myapp --tail=20

# What a crashed container wrote before it restarted
kubectl logs liveness-exec-container --previous

# One pod of the myapp deployment, every container
kubectl logs deploy/myapp --all-containers`,
  use: 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]',
  flags: [
    { name: 'container', short: 'c', type: 'string', usage: 'The container whose log to print; needed when the pod has several and none is the default.' },
    { name: 'all-containers', type: 'bool', usage: 'Print the logs of every container of the pod, init containers first.' },
    { name: 'follow', short: 'f', type: 'bool', usage: 'Keep printing new lines as the container writes them, until it stops or Ctrl-C.' },
    { name: 'previous', short: 'p', type: 'bool', usage: 'Print the log of the container\'s previous run (the one before its last restart).' },
    { name: 'tail', type: 'int', default: '-1', usage: 'Print only the last N lines (-1: all).' },
    { name: 'timestamps', type: 'bool', usage: 'Start each line with the time it was written.' },
    { name: 'since', type: 'duration', default: '0s', usage: 'Print only lines written in this recent period, e.g. 10s, 5m or 1h (0s: all).' },
    { name: 'limit-bytes', type: 'int', default: '0', usage: 'Stop after this many bytes (0: no limit).' },
    { name: 'pod-running-timeout', type: 'duration', default: '20s', usage: 'How long to wait for a pod of the named object to appear (e.g. 30s, 2m).' },
    { name: 'prefix', type: 'bool', usage: 'Start each line with where it comes from: [pod/NAME/CONTAINER].' },
    { name: 'selector', short: 'l', type: 'string', usage: 'Print the logs of every pod with these labels, e.g. -l app=myapp (the last 10 lines of each unless --tail says otherwise).' },
    { name: 'max-log-requests', type: 'int', default: '5', usage: 'With -l and -f: how many logs may be followed at once.' },
  ],
  *run(k, args) {
    const selector = k.flags.string('selector');
    if (args.length > 2 || (args.length === 0 && !selector)) throw new UsageError(USAGE);
    if (selector && args.length > 0) throw new UsageError('only a selector (-l) or a POD name is allowed');
    const allContainers = k.flags.bool('all-containers');
    const container = k.flags.string('container') || args[1] || '';
    if (allContainers && container) throw new KubectlError(`--all-containers=true should not be specified with container name ${container}`);
    const pods = selector ? yield* podsOf(k, selector) : [yield* podFor(k, args[0]!)];
    if (pods.length === 0) {
      yield* k.err(`No resources found in ${yield* k.namespace()} namespace.\n`);
      return 0;
    }
    const streams: LogStream[] = [];
    for (const pod of pods) {
      const name = pod.metadata?.name ?? '';
      if (allContainers) streams.push(...allOf(pod).map((c) => ({ pod, container: c.name })));
      else if (container) {
        if (!allOf(pod).some((c) => c.name === container)) throw new KubectlError(`container ${container} is not valid for pod ${name}`);
        streams.push({ pod, container });
      } else streams.push({ pod, container: yield* defaultContainer(k, pod) });
    }
    const following = k.flags.bool('follow') && !k.flags.bool('previous');
    const limit = k.flags.int('max-log-requests');
    if (following && streams.length > 1 && streams.length > limit) {
      throw new KubectlError(`you are attempting to follow ${streams.length} log streams, but maximum allowed concurrency is ${limit}, use --max-log-requests to increase the limit`);
    }
    const tail = selector && k.flags.int('tail') === -1 ? SELECTOR_TAIL : k.flags.int('tail');
    const followers: Follower[] = [];
    for (const stream of streams) {
      const follower = yield* printLog(k, stream, tail, following);
      if (follower) followers.push(follower);
    }
    // Several followed logs are read side by side, as kubectl's goroutines do.
    while (followers.length > 0) {
      yield* sys.sleep(FOLLOW_POLL_MS);
      for (let i = followers.length - 1; i >= 0; i--) if (!(yield* followers[i]!.next())) followers.splice(i, 1);
    }
    return 0;
  },
};

/** One container of one pod whose log is printed. */
interface LogStream {
  pod: Pod;
  container: string;
}

/** A followed log: `next()` prints what is new, and says whether the container still runs. */
interface Follower {
  next(): Sys<boolean>;
}

/** The pods of `-l SELECTOR`, in the order the server lists them. */
function* podsOf(k: Kubectl, selector: string) {
  const client = yield* k.client();
  const list = yield* client.call<{ items: Pod[] }>({ method: 'GET', path: collectionPath(yield* k.resolve('pods'), yield* k.namespace()), query: { labelSelector: selector } });
  return list.items;
}

/** The pod a POD or TYPE/NAME argument stands for; logs adds the namespace to a NotFound. */
function* podFor(k: Kubectl, arg: string) {
  try {
    return yield* podForObject(k, [arg], 'logs');
  } catch (e) {
    if (e instanceof ApiStatusError && e.code === 404) throw new KubectlError(`error from server (NotFound): ${e.message} in namespace ${JSON.stringify(yield* k.namespace())}`);
    throw e;
  }
}

/** Init containers, then the app containers, then ephemeral ones, as `--all-containers` visits them. */
const allOf = (pod: Pod): Container[] => [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? []), ...((pod.spec?.ephemeralContainers ?? []) as Container[])];

/** The annotated default container, else the first; says which when there was a choice. */
function* defaultContainer(k: Kubectl, pod: Pod) {
  const spec = pod.spec ?? { containers: [] };
  const annotated = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
  const chosen = spec.containers.find((c) => c.name === annotated) ?? spec.containers[0];
  if (!chosen) throw new KubectlError(`pod ${pod.metadata?.name} does not have any containers`);
  const names = [
    ...spec.containers.map((c) => c.name),
    ...(spec.initContainers ?? []).map((c) => `${c.name} (init)`),
    ...(spec.ephemeralContainers ?? []).map((c) => `${c.name} (ephem)`),
  ];
  if (names.length > 1 && chosen.name !== annotated) yield* k.err(`Defaulted container ${JSON.stringify(chosen.name)} out of: ${names.join(', ')}\n`);
  return chosen.name;
}

/** One container's log; under `-f`, the follower that prints what it writes afterwards. */
function* printLog(k: Kubectl, { pod, container }: LogStream, tail: number, following: boolean) {
  const client = yield* k.client();
  const name = pod.metadata?.name ?? '';
  const podPath = objectPath(yield* k.resolve('pods'), pod.metadata?.namespace, name);
  const path = `${podPath}/log`;
  const f = k.flags;
  const query: Record<string, string> = { container };
  if (f.bool('follow')) query.follow = 'true';
  if (f.bool('previous')) query.previous = 'true';
  if (tail >= 0) query.tailLines = String(tail);
  if (f.bool('timestamps')) query.timestamps = 'true';
  if (f.changed('since')) query.sinceSeconds = String(Math.ceil(f.durationMs('since') / 1000));
  if (f.int('limit-bytes') > 0) query.limitBytes = String(f.int('limit-bytes'));
  const prefix = f.bool('prefix') ? `[pod/${name}/${container}] ` : '';
  const print = (text: string) => k.out(prefix ? text.replace(/^(?=.)/gm, prefix) : text);

  // Following needs the whole log to know where new output begins; --tail is then applied here.
  const whole = { ...query };
  delete whole.tailLines;
  const first = yield* client.call<string>({ method: 'GET', path, query: following ? whole : query });
  yield* print(following && query.tailLines !== undefined ? lastLines(first, Number(query.tailLines)) : first);
  if (!following) return undefined;
  let seen = first.length;
  const instance = containerID(pod, container);
  const follower: Follower = {
    *next() {
      const now = yield* client.request({ method: 'GET', path: podPath });
      const running = now.status === 200 && containerID(now.body as Pod, container) === instance && isRunning(now.body as Pod, container);
      const answer = yield* client.request({ method: 'GET', path, query: whole });
      if (answer.status === 200 && typeof answer.body === 'string' && answer.body.length > seen) {
        yield* print(answer.body.slice(seen));
        seen = answer.body.length;
      }
      // The kubelet ends the stream when the container stops.
      return running;
    },
  };
  return follower;
}

function lastLines(text: string, n: number): string {
  if (n === 0) return '';
  const lines = text.split(/(?<=\n)/);
  return lines.slice(-n).join('');
}

const statusOf = (pod: Pod, container: string) =>
  [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? []), ...(pod.status?.ephemeralContainerStatuses ?? [])].find((s) => s.name === container);
const containerID = (pod: Pod, container: string): string | undefined => statusOf(pod, container)?.containerID;
const isRunning = (pod: Pod, container: string): boolean => statusOf(pod, container)?.state?.running !== undefined;
