/**
 * `kubectl logs`: a pod's container log through the apiserver's `pods/log` (which the kubelet
 * answers). `TYPE/NAME` picks one pod of a deployment, replica set or service (`Found 3 pods,
 * using pod/…`); a pod with several containers defaults to the first (`Defaulted container …`).
 * `-f` keeps printing what the container writes until it stops or Ctrl-C: the simulated
 * apiserver answers a log request whole, so kubectl asks again each second for what is new.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import { sys } from '../../../../engine/runtime/process';
import { ApiStatusError, KubectlError, objectPath, UsageError, type Kubectl, type KubectlCommand } from '../framework';
import { podForObject } from './pod-for-object';

const USAGE = "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command";
/** How often `-f` asks for more. */
const FOLLOW_POLL_MS = 1000;
export const logs: KubectlCommand = {
  name: 'logs',
  short: 'Print the logs for a container in a pod',
  long: 'Print the logs for a container in a pod or specified resource. If the pod has only one container, the container name is optional.',
  examples: `  # Return snapshot logs from pod nginx with only one container
  kubectl logs nginx

  # Return snapshot logs from pod nginx with multi containers
  kubectl logs nginx --all-containers=true

  # Return snapshot of previous terminated ruby container logs from pod web-1
  kubectl logs -p -c ruby web-1

  # Begin streaming the logs of the ruby container in pod web-1
  kubectl logs -f -c ruby web-1

  # Display only the most recent 20 lines of output in pod nginx
  kubectl logs --tail=20 nginx

  # Show all logs from pod nginx written in the last hour
  kubectl logs --since=1h nginx

  # Return snapshot logs from first container of a job named hello
  kubectl logs job/hello`,
  use: 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]',
  flags: [
    { name: 'container', short: 'c', type: 'string', usage: 'Print the logs of this container' },
    { name: 'all-containers', type: 'bool', usage: 'Get all containers\' logs in the pod(s).' },
    { name: 'follow', short: 'f', type: 'bool', usage: 'Specify if the logs should be streamed.' },
    { name: 'previous', short: 'p', type: 'bool', usage: 'If true, print the logs for the previous instance of the container in a pod if it exists.' },
    { name: 'tail', type: 'int', default: '-1', usage: 'Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided.' },
    { name: 'timestamps', type: 'bool', usage: 'Include timestamps on each line in the log output' },
    { name: 'since', type: 'duration', default: '0s', usage: 'Only return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all logs. Only one of since-time / since may be used.' },
    { name: 'limit-bytes', type: 'int', default: '0', usage: 'Maximum bytes of logs to return. Defaults to no limit.' },
    { name: 'pod-running-timeout', type: 'duration', default: '20s', usage: 'How long to wait for a matching pod to appear.' },
    { name: 'prefix', type: 'bool', usage: 'Prefix each log line with the log source (pod name and container name)' },
  ],
  *run(k, args) {
    if (args.length === 0 || args.length > 2) throw new UsageError(USAGE);
    const allContainers = k.flags.bool('all-containers');
    const container = k.flags.string('container') || args[1] || '';
    if (allContainers && container) throw new KubectlError(`--all-containers=true should not be specified with container name ${container}`);
    const pod = yield* podFor(k, args[0]!);
    const name = pod.metadata?.name ?? '';
    let containers: string[];
    if (allContainers) {
      containers = allOf(pod).map((c) => c.name);
    } else if (container) {
      if (!allOf(pod).some((c) => c.name === container)) throw new KubectlError(`container ${container} is not valid for pod ${name}`);
      containers = [container];
    } else {
      containers = [yield* defaultContainer(k, pod)];
    }
    for (const c of containers) yield* printLogs(k, pod, c);
    return 0;
  },
};

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

/** One container's log; under `-f`, what it writes afterwards too, until it stops. */
function* printLogs(k: Kubectl, pod: Pod, container: string) {
  const client = yield* k.client();
  const name = pod.metadata?.name ?? '';
  const path = `${objectPath(yield* k.resolve('pods'), pod.metadata?.namespace, name)}/log`;
  const f = k.flags;
  const query: Record<string, string> = { container };
  if (f.bool('follow')) query.follow = 'true';
  if (f.bool('previous')) query.previous = 'true';
  if (f.int('tail') >= 0) query.tailLines = String(f.int('tail'));
  if (f.bool('timestamps')) query.timestamps = 'true';
  if (f.changed('since')) query.sinceSeconds = String(Math.ceil(f.durationMs('since') / 1000));
  if (f.int('limit-bytes') > 0) query.limitBytes = String(f.int('limit-bytes'));
  const prefix = f.bool('prefix') ? `[pod/${name}/${container}] ` : '';
  const print = (text: string) => k.out(prefix ? text.replace(/^(?=.)/gm, prefix) : text);

  const following = f.bool('follow') && !f.bool('previous');
  // Following needs the whole log to know where new output begins; --tail is then applied here.
  const whole = { ...query };
  delete whole.tailLines;
  const first = yield* client.call<string>({ method: 'GET', path, query: following ? whole : query });
  yield* print(following && query.tailLines !== undefined ? lastLines(first, Number(query.tailLines)) : first);
  if (!following) return;
  let seen = first.length;
  const instance = containerID(pod, container);
  for (;;) {
    yield* sys.sleep(FOLLOW_POLL_MS);
    const now = yield* client.request({ method: 'GET', path: objectPath(yield* k.resolve('pods'), pod.metadata?.namespace, name) });
    const running = now.status === 200 && containerID(now.body as Pod, container) === instance && isRunning(now.body as Pod, container);
    const answer = yield* client.request({ method: 'GET', path, query: whole });
    if (answer.status === 200 && typeof answer.body === 'string' && answer.body.length > seen) {
      yield* print(answer.body.slice(seen));
      seen = answer.body.length;
    }
    // The kubelet ends the stream when the container stops.
    if (!running) return;
  }
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
