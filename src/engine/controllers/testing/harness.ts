/**
 * A small cluster for controller scenario tests: clock, seeded rng, a real ApiServer, shared
 * informers, Node objects, real kubelets (each with its containerd, on one shared kernel and
 * network) and whichever controllers a test starts. Everything talks through the apiserver, as in
 * the real cluster; tests then run the clock until the cluster is quiet and look at the final state
 * and the events.
 *
 * Pods run for real: `nginx` is nginx, a busybox without a command crash-loops. The kubelets use
 * FAST_TIMING unless told otherwise (order matters to these tests, not how long a pull takes);
 * the ServiceAccount and root CA controllers run too, since every pod mounts both.
 */
import type { Event, Namespace, Node, Pod } from 'kubernetes-types/core/v1';
import { ApiServer } from '../../api/server';
import { summarizePod } from '../../api/tables/pod';
import { resourceFor, type ResourceInfo } from '../../api/resources';
import type { KubeObject } from '../../api/types';
import { ApiClient } from '../../client/client';
import { SharedInformers } from '../../client/informer';
import type { Client } from '../../client/types';
import type { Kubelet } from '../../kubelet/kubelet';
import { bootMachine, type Machine } from '../../kubelet/machine';
import { FAST_TIMING, type TimingProfile } from '../../kubelet/rules/timing';
import { podStreamHandlers } from '../../kubelet/streams/handlers';
import { Kernel, Network } from '../../runtime/process';
import { programRegistry } from '../../../userland/registry';
import { RootCACertPublisher } from '../rootcacertpublisher/controller';
import { ServiceAccountsController } from '../serviceaccounts/controller';
import { Clock } from '../../sim/clock';
import { Rng } from '../../sim/rng';
import type { Controller, ControllerContext } from '../framework/context';
import { EventRecorder } from '../framework/recorder';
import { TestBinder } from './binder';

export const R = {
  pods: resourceFor('', 'pods')!,
  nodes: resourceFor('', 'nodes')!,
  namespaces: resourceFor('', 'namespaces')!,
  services: resourceFor('', 'services')!,
  endpoints: resourceFor('', 'endpoints')!,
  events: resourceFor('', 'events')!,
  configmaps: resourceFor('', 'configmaps')!,
  serviceaccounts: resourceFor('', 'serviceaccounts')!,
  leases: resourceFor('coordination.k8s.io', 'leases')!,
  endpointslices: resourceFor('discovery.k8s.io', 'endpointslices')!,
  replicasets: resourceFor('apps', 'replicasets')!,
  deployments: resourceFor('apps', 'deployments')!,
  daemonsets: resourceFor('apps', 'daemonsets')!,
  controllerrevisions: resourceFor('apps', 'controllerrevisions')!,
} satisfies Record<string, ResourceInfo>;

export interface TestNode {
  name: string;
  ip: string;
  podCIDR: string;
  controlPlane?: boolean;
  labels?: Record<string, string>;
}

/** master01 (tainted control plane) + worker01..N, as in the default layout. */
export function testNodes(workers = 2): TestNode[] {
  const nodes: TestNode[] = [{ name: 'master01', ip: '192.168.1.130', podCIDR: '10.244.0.0/24', controlPlane: true }];
  for (let i = 1; i <= workers; i++) {
    nodes.push({ name: `worker${String(i).padStart(2, '0')}`, ip: `192.168.${1 + Math.floor((130 + i) / 255)}.${(130 + i) % 255}`, podCIDR: `10.${244 + (i >> 8)}.${i & 255}.0/24` });
  }
  return nodes;
}

export function nodeObject(n: TestNode): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: n.name,
      labels: {
        'kubernetes.io/hostname': n.name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        ...(n.controlPlane ? { 'node-role.kubernetes.io/control-plane': '' } : {}),
        ...n.labels,
      },
    },
    spec: {
      podCIDR: n.podCIDR,
      podCIDRs: [n.podCIDR],
      ...(n.controlPlane ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {}),
    },
    status: {
      addresses: [
        { type: 'InternalIP', address: n.ip },
        { type: 'Hostname', address: n.name },
      ],
      capacity: { cpu: '8', memory: '16248904Ki', pods: '110' },
      allocatable: { cpu: '8', memory: '16248904Ki', pods: '110' },
    },
  };
}

export interface TestClusterOptions {
  seed?: number;
  nodes?: TestNode[];
  /** Start a kubelet per node (default true). */
  kubelets?: boolean;
  /** Bind pending pods with the test binder (default true). */
  binder?: boolean;
  /** How long node work takes (default FAST_TIMING; scenario tests may want DEFAULT_TIMING). */
  timing?: TimingProfile;
}

export class TestCluster {
  readonly clock = new Clock();
  readonly rng: Rng;
  readonly api: ApiServer;
  readonly admin: Client;
  readonly informers: SharedInformers;
  readonly kubelets = new Map<string, Kubelet>();
  readonly machines = new Map<string, Machine>();
  readonly kernel: Kernel;
  private started = false;

  constructor(options: TestClusterOptions = {}) {
    this.rng = new Rng(options.seed ?? 1);
    this.api = new ApiServer({ clock: this.clock, rng: this.rng.fork('apiserver') });
    this.admin = new ApiClient(this.api, 'kubectl/v1.30.2');
    this.informers = new SharedInformers(new ApiClient(this.api, 'kube-controller-manager'));
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
      this.must(R.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } } satisfies Namespace);
    }
    const network = new Network();
    this.kernel = new Kernel(this.clock, programRegistry, network);
    for (const n of options.nodes ?? testNodes()) {
      this.must(R.nodes, nodeObject(n));
      if (options.kubelets ?? true) {
        const machine = bootMachine({ name: n.name, ip: n.ip, podCIDR: n.podCIDR }, this.context(`kubelet/${n.name}`), {
          kernel: this.kernel,
          network,
          timing: options.timing ?? FAST_TIMING,
          register: nodeObject(n),
        });
        this.machines.set(n.name, machine);
        this.kubelets.set(n.name, machine.kubelet);
      }
    }
    if (options.kubelets ?? true) {
      // Every pod mounts its ServiceAccount's token and the cluster CA: their controllers must run.
      this.add(new ServiceAccountsController(this.context('serviceaccount-controller')));
      this.add(new RootCACertPublisher(this.context('root-ca-cert-publisher')));
      this.api.setPodStreamHandlers(podStreamHandlers(() => this.kubelets.values()));
    }
    if (options.binder ?? true) this.add(new TestBinder(this.context('test-binder')));
  }

  context(component: string): ControllerContext {
    const client = new ApiClient(this.api, component);
    return {
      clock: this.clock,
      rng: this.rng.fork(component),
      client,
      informers: this.informers,
      recorder: (source) => new EventRecorder(client, this.clock, source),
    };
  }

  /** Starts a controller (registering its handlers); informers start with `start()`. */
  add<C extends Controller>(controller: C): C {
    controller.start();
    return controller;
  }

  /** Starts the informers and the kubelets. */
  start(): this {
    if (this.started) return this;
    this.started = true;
    this.informers.start();
    for (const k of this.kubelets.values()) k.start();
    return this;
  }

  settle(maxMs = 600_000): boolean {
    return this.clock.runUntilQuiet(maxMs);
  }

  /** Runs the clock until `predicate` holds (checked after every event); false if `maxMs` passed first. */
  runUntil(predicate: () => boolean, maxMs = 600_000): boolean {
    return this.clock.runUntil(predicate, maxMs);
  }

  /** A pod as `kubectl get pods` shows it, without AGE: `web 1/1 Running 0` (`web <none>` once gone). */
  row(name: string, namespace = 'default'): string {
    const pod = this.get<Pod>(R.pods, namespace, name);
    if (!pod) return `${name} <none>`;
    const s = summarizePod(pod);
    return `${name} ${s.ready}/${s.total} ${s.status} ${s.restarts}`;
  }

  /** `kubectl logs` through the apiserver: the text, or the error message. */
  logs(name: string, query: Record<string, string> = {}, namespace = 'default'): string {
    const r = this.admin.request({ method: 'GET', path: `/api/v1/namespaces/${namespace}/pods/${name}/log`, query });
    return typeof r.body === 'string' ? r.body : ((r.body as { message?: string }).message ?? '');
  }

  must<T extends KubeObject>(resource: ResourceInfo, obj: T): T {
    const result = this.admin.create<T>(resource, obj);
    if (!result.ok) throw new Error(`create ${resource.plural}: ${result.status.message}`);
    return result.value;
  }

  get<T extends KubeObject>(resource: ResourceInfo, namespace: string | undefined, name: string): T | undefined {
    const result = this.admin.get<T>(resource, namespace, name);
    return result.ok ? result.value : undefined;
  }

  list<T extends KubeObject>(resource: ResourceInfo, namespace?: string): T[] {
    const result = this.admin.list<T>(resource, { namespace });
    if (!result.ok) throw new Error(`list ${resource.plural}: ${result.status.message}`);
    return result.value.items;
  }

  names(resource: ResourceInfo, namespace?: string): string[] {
    return this.list(resource, namespace)
      .map((o) => o.metadata!.name!)
      .sort();
  }

  /** Events, oldest first, as `reason: message` lines (optionally only for one object name). */
  events(involved?: string): string[] {
    return this.list<Event>(R.events)
      .filter((e) => !involved || e.involvedObject.name === involved)
      .sort((a, b) => (a.firstTimestamp ?? '').localeCompare(b.firstTimestamp ?? '') || (a.metadata!.name! < b.metadata!.name! ? -1 : 1))
      .map((e) => `${e.reason}: ${e.message}`);
  }

  /**
   * Makes the pod's readiness probe (see `TestCluster.pod(…, { readinessFile: true })`) answer
   * `ready`, by creating or removing /tmp/unready in its container, and runs the clock until the
   * kubelet has reported it. A pod that is going away is left alone.
   */
  setPodReady(namespace: string, name: string, ready: boolean): void {
    const pod = this.get<Pod>(R.pods, namespace, name);
    const kubelet = [...this.kubelets.values()].find((k) => k.hasPod(namespace, name));
    if (!pod || pod.metadata?.deletionTimestamp || !kubelet) return;
    const container = pod.spec!.containers[0]!.name;
    const session = kubelet.exec(namespace, name, container, ['sh', '-c', ready ? 'rm -f /tmp/unready' : 'touch /tmp/unready'], { tty: false, stdin: false });
    if ('error' in session) return;
    const reported = (): boolean => {
      const now = this.get<Pod>(R.pods, namespace, name);
      if (!now || now.metadata?.deletionTimestamp) return true;
      return (now.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True') === ready;
    };
    this.clock.runUntil(reported, 30_000);
  }

  /**
   * A plain nginx pod in `default` (the apiserver fills in defaults and the 300 s tolerations).
   * `readinessFile`: a readiness probe that passes unless /tmp/unready exists (see `setPodReady`).
   */
  static pod(
    name: string,
    extra: { labels?: Record<string, string>; nodeName?: string; ports?: Array<{ name?: string; containerPort: number }>; namespace?: string; readinessFile?: boolean } = {},
  ): Pod {
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: extra.namespace ?? 'default', labels: extra.labels ?? { app: 'web' } },
      spec: {
        ...(extra.nodeName ? { nodeName: extra.nodeName } : {}),
        containers: [
          {
            name: 'web',
            image: 'nginx',
            ports: extra.ports,
            ...(extra.readinessFile ? { readinessProbe: { exec: { command: ['sh', '-c', 'test ! -e /tmp/unready'] }, periodSeconds: 1 } } : {}),
          },
        ],
      },
    };
  }
}
