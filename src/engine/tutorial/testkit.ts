/**
 * A learner's view of a simulated cluster for the tutorial scenarios: create from YAML, look at a
 * pod the way `kubectl get pods` and `kubectl describe pod` show it, and let simulated time pass.
 */
import { load } from 'js-yaml';
import type { Event, Pod } from 'kubernetes-types/core/v1';
import { resourceFor, resourceForKind } from '../api/resources';
import type { KubeObject } from '../api/types';
import { summarizePod, type PodSummary } from '../api/tables/pod';
import { Cluster } from '../cluster/cluster';
import { DEFAULT_PATH, SinkFile, SourceFile } from '../runtime/process';

const PODS = resourceFor('', 'pods')!;
const EVENTS = resourceFor('', 'events')!;

/** A Pod manifest in the default namespace, as a learner writes it; `containers` is the YAML list. */
export const podYaml = (name: string, containers: string): string => `
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: default
spec:
  containers:
${containers}`;

export interface PodView {
  pod: Pod;
  /** READY / STATUS / RESTARTS exactly as the pods table prints them. */
  row: PodSummary;
}

export interface EventView {
  type: string;
  reason: string;
  message: string;
  count: number;
  /** Simulated ms of the first and last occurrence. */
  first: number;
  last: number;
}

/** A busybox pod to run clients in (`kubectl run client --image=busybox -- sleep 3600`). */
export const CLIENT = `
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: default}
spec:
  containers:
  - {name: client, image: busybox, command: [sleep, '3600']}
`;

export class Learner {
  readonly cluster: Cluster;

  /** A fresh cluster from `seed`, or one made elsewhere (e.g. one `kubeplay serve` also serves). */
  constructor(seedOrCluster: number | Cluster = 7) {
    this.cluster = typeof seedOrCluster === 'number' ? Cluster.create({ seed: seedOrCluster }) : seedOrCluster;
  }

  get now(): number {
    return this.cluster.clock.now();
  }

  /** `kubectl create -f file.yaml` */
  create(yaml: string): void {
    const obj = load(yaml) as KubeObject;
    const resource = resourceForKind(obj.apiVersion ?? '', obj.kind ?? '');
    if (!resource) throw new Error(`no resource for ${obj.apiVersion} ${obj.kind}`);
    const created = this.cluster.client().create(resource, obj);
    if (!created.ok) throw new Error(created.status.message);
  }

  /** `kubectl delete pod <name>` (without waiting). */
  deletePod(name: string): void {
    const deleted = this.cluster.client().delete(PODS, 'default', name);
    if (!deleted.ok) throw new Error(deleted.status.message);
  }

  pod(name: string): PodView | undefined {
    const got = this.cluster.client().get<Pod>(PODS, 'default', name);
    return got.ok ? { pod: got.value, row: summarizePod(got.value) } : undefined;
  }

  must(name: string): PodView {
    const view = this.pod(name);
    if (!view) throw new Error(`pod ${name} not found`);
    return view;
  }

  /** The pod's events, oldest first, as `kubectl describe pod` lists them. */
  events(name: string): EventView[] {
    const list = this.cluster.client().list<Event>(EVENTS, { namespace: 'default', fieldSelector: `involvedObject.name=${name}` });
    if (!list.ok) throw new Error(list.status.message);
    const clock = this.cluster.clock;
    return list.value.items
      .map((e) => ({
        type: e.type ?? '',
        reason: e.reason ?? '',
        message: e.message ?? '',
        count: e.count ?? 1,
        first: clock.toSim(e.firstTimestamp ?? e.eventTime ?? ''),
        last: clock.toSim(e.lastTimestamp ?? e.eventTime ?? ''),
      }))
      .sort((a, b) => a.first - b.first);
  }

  /** Lets simulated time pass. */
  wait(ms: number): void {
    this.cluster.clock.advance(ms);
  }

  /** Runs simulated time until `predicate` holds; returns how long that took. Throws after `maxMs`. */
  waitFor(what: string, predicate: () => boolean, maxMs = 600_000): number {
    const start = this.now;
    if (!this.cluster.clock.runUntil(predicate, maxMs)) throw new Error(`timed out after ${maxMs} ms waiting for ${what}`);
    return this.now - start;
  }

  /**
   * `kubectl exec <pod> [-c container] -- argv…` run to completion: what it printed (stdout and
   * stderr as they came) and its exit code.
   */
  exec(name: string, argv: readonly string[], container?: string): { output: string; code: number } {
    const run = this.start(name, argv, container);
    this.waitFor(`${argv.join(' ')} to finish`, () => run.code() !== undefined, 120_000);
    return { output: run.output(), code: run.code()! };
  }

  /** `kubectl exec` left running (a `while true` loop in a client pod): its output so far, and its exit code once it ends. */
  start(name: string, argv: readonly string[], container?: string): { output(): string; code(): number | undefined } {
    const node = this.must(name).pod.spec?.nodeName;
    const kubelet = node ? this.cluster.kubelets.get(node) : undefined;
    if (!kubelet) throw new Error(`pod ${name} is not on a node`);
    const session = kubelet.exec('default', name, container, argv, { tty: false, stdin: false });
    if ('error' in session) throw new Error(session.error);
    let output = '';
    let code: number | undefined;
    session.onOutput((_, data) => (output += data));
    session.onExit((exitCode) => (code = exitCode));
    return { output: () => output, code: () => code };
  }

  /**
   * A command line typed on a node's own shell (`[root@master01 ~]# curl 10.104.76.181`), run by
   * the node's bash to completion: what it printed and its exit status.
   */
  onNode(node: string, commandLine: string, maxMs = 120_000): { output: string; code: number } {
    const machine = this.cluster.machines.get(node);
    if (!machine) throw new Error(`no node ${node}`);
    let output = '';
    const stdin = new SourceFile();
    stdin.end();
    const sink = new SinkFile((d) => (output += d));
    const proc = this.cluster.kernel.spawn(machine.host, ['bash', '-c', commandLine], {
      env: { PATH: DEFAULT_PATH, HOME: '/root', HOSTNAME: node },
      cwd: '/root',
      files: [stdin, sink, sink],
    });
    this.waitFor(commandLine, () => proc.exited !== undefined, maxMs);
    return { output, code: proc.exited!.code };
  }

  /** `kubectl get <resource> <name> -o json` in the default namespace (services, endpoints, …). */
  get<T extends KubeObject>(plural: string, name: string, group = ''): T {
    const got = this.cluster.client().get<T>(resourceFor(group, plural)!, 'default', name);
    if (!got.ok) throw new Error(got.status.message);
    return got.value;
  }

  /** `kubectl patch <resource> <name> -p '<json>'` (a strategic merge patch, as `set image` sends). */
  patch(plural: string, name: string, patch: unknown, group = ''): void {
    const patched = this.cluster.client().patch(resourceFor(group, plural)!, 'default', name, 'strategic', patch);
    if (!patched.ok) throw new Error(patched.status.message);
  }

  /** `kubectl get <resource> -l <selector> -o json` in the default namespace. */
  list<T extends KubeObject>(plural: string, labelSelector: string, group = ''): T[] {
    const list = this.cluster.client().list<T>(resourceFor(group, plural)!, { namespace: 'default', labelSelector });
    if (!list.ok) throw new Error(list.status.message);
    return list.value.items;
  }

  /** `kubectl logs <pod> [-c container]`, through the apiserver's pods/log subresource. */
  logs(name: string, query: Record<string, string> = {}): { status: number; text: string } {
    const response = this.cluster.client().request({ method: 'GET', path: `/api/v1/namespaces/default/pods/${name}/log`, query });
    const text = typeof response.body === 'string' ? response.body : ((response.body as { message?: string }).message ?? '');
    return { status: response.status, text };
  }

  /** When the named container last (re)started, in simulated ms. */
  startedAt(name: string, container: string): number {
    const status = this.must(name).pod.status?.containerStatuses?.find((c) => c.name === container);
    const at = status?.state?.running?.startedAt;
    if (!at) throw new Error(`${container} is not running`);
    return this.cluster.clock.toSim(at);
  }
}
