/**
 * `kubectl logs`: a pod's container log through the apiserver's `pods/log` (which the kubelet
 * answers). `TYPE/NAME` picks one pod of a deployment, replica set or service (`Found 3 pods,
 * using pod/…`); `-l` takes every pod the selector matches (the last 10 lines of each unless
 * `--tail` says otherwise); a pod with several containers defaults to the first (`Defaulted
 * container …`). `-f` keeps printing what the containers write until they stop or Ctrl-C: one
 * request per log, whose answer stays open and brings each new line (`client.follow`).
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import { OpenFile, sys, type Direction, type ReadResult } from '../../../../engine/runtime/process';
import { ApiStatusError, collectionPath, KubectlError, objectPath, UsageError, type Kubectl, type KubectlCommand } from '../framework';
import { defaultContainer } from './attach';
import { podForObject } from './pod-for-object';

const USAGE = "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command";
/** The lines `-l` prints of each log unless `--tail` is given. */
const SELECTOR_TAIL = 10;
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
      } else streams.push({ pod, container: (yield* defaultContainer(k, pod)).name });
    }
    const following = k.flags.bool('follow');
    const limit = k.flags.int('max-log-requests');
    if (following && streams.length > 1 && streams.length > limit) {
      throw new KubectlError(`you are attempting to follow ${streams.length} log streams, but maximum allowed concurrency is ${limit}, use --max-log-requests to increase the limit`);
    }
    const tail = selector && k.flags.int('tail') === -1 ? SELECTOR_TAIL : k.flags.int('tail');
    if (!following) {
      for (const stream of streams) {
        const { path, query, prefix } = yield* logRequest(k, stream, tail);
        const client = yield* k.client();
        yield* k.out(withPrefix(yield* client.call<string>({ method: 'GET', path, query }), prefix));
      }
      return 0;
    }
    // Followed logs are read side by side, as kubectl's goroutines copy them into one pipe: one
    // request each, answered with what the container wrote so far and then each new line.
    const followed: (FollowedLog & { fd: number })[] = [];
    for (const stream of streams) {
      const { path, query, prefix } = yield* logRequest(k, stream, tail);
      const client = yield* k.client();
      const fd = yield* client.follow({ method: 'GET', path, query });
      followed.push({ fd, file: k.proc.file(fd)!, prefix, pending: '', ended: false });
    }
    const fd = k.proc.install(new SideBySide(followed));
    for (const log of followed) k.proc.close(log.fd);
    for (let text = yield* sys.read(fd); text !== null; text = yield* sys.read(fd)) yield* k.out(text);
    return 0;
  },
};

/** One container of one pod whose log is printed. */
interface LogStream {
  pod: Pod;
  container: string;
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

/** The URL and query of one container's log, and the prefix of its lines under `--prefix`. */
function* logRequest(k: Kubectl, { pod, container }: LogStream, tail: number) {
  const name = pod.metadata?.name ?? '';
  const path = `${objectPath(yield* k.resolve('pods'), pod.metadata?.namespace, name)}/log`;
  const f = k.flags;
  const query: Record<string, string> = { container };
  if (f.bool('follow')) query.follow = 'true';
  if (f.bool('previous')) query.previous = 'true';
  if (tail >= 0) query.tailLines = String(tail);
  if (f.bool('timestamps')) query.timestamps = 'true';
  if (f.changed('since')) query.sinceSeconds = String(Math.ceil(f.durationMs('since') / 1000));
  if (f.int('limit-bytes') > 0) query.limitBytes = String(f.int('limit-bytes'));
  const prefix = f.bool('prefix') ? `[pod/${name}/${container}] ` : '';
  return { path, query, prefix };
}

const withPrefix = (text: string, prefix: string): string => (prefix ? text.replace(/^(?=.)/gm, prefix) : text);

/** A followed log's body, and the part of a line read from it so far. */
interface FollowedLog {
  readonly file: OpenFile;
  readonly prefix: string;
  pending: string;
  ended: boolean;
}

/**
 * Followed logs as one file, the way kubectl reads each stream a line at a time into one pipe: a
 * read gives the whole lines any of them has ready (each with its prefix; an unfinished last line
 * once its log has ended), end of file once every log has ended. Closing it hangs them all up.
 */
class SideBySide extends OpenFile {
  constructor(private readonly logs: readonly FollowedLog[]) {
    super();
    for (const log of logs) log.file.retain();
  }

  override read(): ReadResult {
    let text = '';
    for (const log of this.logs) {
      while (!log.ended) {
        const r = log.file.read();
        if (r.kind === 'block') break;
        if (r.kind === 'eof') log.ended = true;
        else log.pending += r.data;
      }
      const cut = log.ended ? log.pending.length : log.pending.lastIndexOf('\n') + 1;
      text += withPrefix(log.pending.slice(0, cut), log.prefix);
      log.pending = log.pending.slice(cut);
    }
    if (text !== '') return { kind: 'data', data: text };
    return this.logs.every((log) => log.ended) ? { kind: 'eof' } : { kind: 'block' };
  }

  /** Wakes the reader when any of the logs has something. */
  override whenReady(direction: Direction, wake: () => void): () => void {
    if (direction !== 'read') return super.whenReady(direction, wake);
    let woken = false;
    let cancels: (() => void)[] = [];
    const cancelAll = (): void => cancels.forEach((cancel) => cancel());
    const once = (): void => {
      if (woken) return;
      woken = true;
      cancelAll();
      wake();
    };
    cancels = this.logs.filter((log) => !log.ended).map((log) => log.file.whenReady('read', once));
    if (woken) cancelAll();
    return cancelAll;
  }

  protected override closed(): void {
    for (const log of this.logs) log.file.release();
  }
}
