/**
 * Scenario-test helpers for the workload controllers (scheduler, ReplicaSet, Deployment): a
 * TestCluster with the real scheduler instead of the test binder, plus short builders and a
 * test-only kubelet whose readiness a test can decide per pod.
 */
import type { Deployment, DeploymentStrategy, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { clone } from '../../api/clone';
import type { Mutable } from '../../api/types';
import type { Informer } from '../../client/types';
import { Scheduler } from '../../scheduler/scheduler';
import { DeploymentController } from '../deployment/controller';
import type { Controller, ControllerContext } from '../framework/context';
import { GarbageCollector } from '../garbagecollector/controller';
import { ReplicaSetController } from '../replicaset/controller';
import { controllerRef } from '../replicaset/pods';
import { R, TestCluster, testNodes, type TestNode } from './harness';

export interface WorkloadClusterOptions {
  seed?: number;
  workers?: number;
  nodes?: TestNode[];
  /** `real` (default): the kubelets with their containerd; `fake`: FakeKubelet with the given readiness. */
  kubelet?: 'real' | 'fake';
  ready?: (pod: Pod) => boolean;
  garbageCollector?: boolean;
}

export interface WorkloadCluster {
  cluster: TestCluster;
  scheduler: Scheduler;
  fakeKubelet?: FakeKubelet;
}

export function workloadCluster(options: WorkloadClusterOptions = {}): WorkloadCluster {
  const fake = options.kubelet === 'fake';
  const cluster = new TestCluster({ seed: options.seed, nodes: options.nodes ?? testNodes(options.workers ?? 2), kubelets: !fake, binder: false });
  const scheduler = cluster.add(new Scheduler(cluster.context('default-scheduler')));
  cluster.add(new ReplicaSetController(cluster.context('replicaset-controller')));
  cluster.add(new DeploymentController(cluster.context('deployment-controller')));
  if (options.garbageCollector ?? true) cluster.add(new GarbageCollector(cluster.context('generic-garbage-collector')));
  const fakeKubelet = fake ? cluster.add(new FakeKubelet(cluster.context('kubelet'), options.ready ?? (() => true))) : undefined;
  cluster.start();
  return { cluster, scheduler, fakeKubelet };
}

export function deploymentObject(
  name: string,
  replicas: number,
  image = 'nginx:1.25',
  extra: { strategy?: DeploymentStrategy; minReadySeconds?: number; progressDeadlineSeconds?: number; revisionHistoryLimit?: number; nodeSelector?: Record<string, string> } = {},
): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      strategy: extra.strategy,
      minReadySeconds: extra.minReadySeconds,
      progressDeadlineSeconds: extra.progressDeadlineSeconds,
      revisionHistoryLimit: extra.revisionHistoryLimit,
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'web', image }], nodeSelector: extra.nodeSelector },
      },
    },
  };
}

/** Read-modify-write of a Deployment, as `kubectl edit` / `set image` do. */
export function editDeployment(cluster: TestCluster, name: string, edit: (d: Mutable<Deployment>) => void): Deployment {
  const current = cluster.get<Deployment>(R.deployments, 'default', name);
  if (!current) throw new Error(`no deployment ${name}`);
  const copy = clone(current);
  edit(copy);
  const r = cluster.admin.update<Deployment>(R.deployments, copy as Deployment);
  if (!r.ok) throw new Error(`update deployment ${name}: ${r.status.message}`);
  return r.value;
}

export function setImage(cluster: TestCluster, name: string, image: string): Deployment {
  return editDeployment(cluster, name, (d) => {
    d.spec!.template.spec!.containers[0]!.image = image;
  });
}

/** `kubectl scale deployment <name> --replicas=N`: a patch of the scale subresource. */
export function scaleDeployment(cluster: TestCluster, name: string, replicas: number, resource = R.deployments): void {
  const r = cluster.admin.patch(resource, 'default', name, 'merge', { spec: { replicas } }, { subresource: 'scale' });
  if (!r.ok) throw new Error(`scale ${name}: ${r.status.message}`);
}

/** The ReplicaSets a Deployment controls, oldest revision first. */
export function replicaSetsOf(cluster: TestCluster, d: string): ReplicaSet[] {
  const dep = cluster.get<Deployment>(R.deployments, 'default', d);
  return cluster
    .list<ReplicaSet>(R.replicasets, 'default')
    .filter((rs) => controllerRef(rs)?.uid === dep?.metadata?.uid)
    .sort((a, b) => Number(a.metadata?.annotations?.['deployment.kubernetes.io/revision']) - Number(b.metadata?.annotations?.['deployment.kubernetes.io/revision']));
}

export function podsWithLabel(cluster: TestCluster, key: string, value: string): Pod[] {
  return cluster.list<Pod>(R.pods, 'default').filter((p) => p.metadata?.labels?.[key] === value);
}

/**
 * A test-only kubelet for all nodes: reports bound pods Running a second after they land —
 * Ready only if `ready(pod)` says so — and confirms deletions half a second after they are asked
 * for. Everything through the apiserver.
 */
export class FakeKubelet implements Controller {
  readonly name = 'fake-kubelet';
  private pods!: Informer<Pod>;
  private readonly pending = new Set<string>();

  constructor(
    private readonly ctx: ControllerContext,
    private readonly ready: (pod: Pod) => boolean,
  ) {}

  start(): void {
    this.pods = this.ctx.informers.for<Pod>(R.pods);
    const look = (pod: Pod): void => this.look(pod);
    this.pods.addHandlers({ add: look, update: (_o, p) => look(p) });
  }

  private look(pod: Pod): void {
    const key = `${pod.metadata?.namespace}/${pod.metadata?.name}`;
    if (!pod.spec?.nodeName || this.pending.has(key)) return;
    if (pod.metadata?.deletionTimestamp) {
      this.pending.add(key);
      this.ctx.clock.schedule(500, () => {
        this.pending.delete(key);
        this.ctx.client.delete(R.pods, pod.metadata?.namespace, pod.metadata?.name ?? '', { gracePeriodSeconds: 0 });
      });
      return;
    }
    if (pod.status?.phase === 'Running') return;
    this.pending.add(key);
    this.ctx.clock.schedule(1000, () => {
      this.pending.delete(key);
      const current = this.pods.get(pod.metadata?.namespace, pod.metadata?.name ?? '');
      if (!current || current.metadata?.deletionTimestamp) return;
      const now = this.ctx.clock.timestamp();
      const ready = this.ready(current) ? 'True' : 'False';
      const copy = clone(current);
      copy.status = {
        ...copy.status,
        phase: 'Running',
        conditions: [
          { type: 'Initialized', status: 'True', lastTransitionTime: now },
          { type: 'Ready', status: ready, lastTransitionTime: now },
          { type: 'ContainersReady', status: ready, lastTransitionTime: now },
          { type: 'PodScheduled', status: 'True', lastTransitionTime: now },
        ],
        containerStatuses: (current.spec?.containers ?? []).map((c) => ({
          name: c.name,
          image: c.image ?? '',
          imageID: '',
          ready: ready === 'True',
          restartCount: 0,
          started: true,
          state: { running: { startedAt: now } },
        })),
      };
      this.ctx.client.update(R.pods, copy as Pod, { subresource: 'status' });
    });
  }
}

export interface RolloutBounds {
  /** Pods (not terminating) may never exceed this. */
  maxTotal: number;
  /** Available pods (Ready, not terminating) may never drop below this. */
  minAvailable: number;
}

/**
 * Watches the pods and ReplicaSets of one app (by its `app` label) the way `kubectl get -w` would,
 * and checks the rollout bounds after every single watch event.
 */
export class RolloutMonitor {
  readonly pods = new Map<string, Pod>();
  readonly violations: string[] = [];
  bounds: RolloutBounds | undefined;
  events = 0;
  peakTotal = 0;
  lowestAvailable = Infinity;
  private readonly stops: Array<() => void> = [];

  constructor(
    private readonly cluster: TestCluster,
    private readonly app: string,
  ) {
    // List first, then watch from that version: the bounds hold for the whole picture, never half of it.
    const listed = cluster.admin.list<Pod>(R.pods, { namespace: 'default', labelSelector: `app=${app}` });
    if (!listed.ok) throw new Error(listed.status.message);
    for (const p of listed.value.items) this.pods.set(p.metadata?.name ?? '', p);
    const rv = listed.value.resourceVersion;
    const pods = cluster.admin.watch<Pod>(R.pods, { namespace: 'default', labelSelector: `app=${app}`, resourceVersion: rv }, (e) => {
      const key = e.object.metadata?.name ?? '';
      if (e.type === 'DELETED') this.pods.delete(key);
      else if (e.type === 'ADDED' || e.type === 'MODIFIED') this.pods.set(key, e.object);
      this.check(`pod ${e.type} ${key}`);
    });
    const rss = cluster.admin.watch<ReplicaSet>(R.replicasets, { namespace: 'default', labelSelector: `app=${app}`, resourceVersion: rv }, (e) => this.check(`replicaset ${e.type} ${e.object.metadata?.name}`));
    for (const w of [pods, rss]) if (w.ok) this.stops.push(() => w.value.stop());
  }

  counts(): { total: number; available: number; byTemplateHash: Record<string, number> } {
    let total = 0;
    let available = 0;
    const byTemplateHash: Record<string, number> = {};
    for (const p of this.pods.values()) {
      if (p.metadata?.deletionTimestamp) continue;
      total++;
      const hash = p.metadata?.labels?.['pod-template-hash'] ?? '';
      byTemplateHash[hash] = (byTemplateHash[hash] ?? 0) + 1;
      if (p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) available++;
    }
    return { total, available, byTemplateHash };
  }

  private check(what: string): void {
    this.events++;
    if (!this.bounds) return;
    const { total, available } = this.counts();
    this.peakTotal = Math.max(this.peakTotal, total);
    this.lowestAvailable = Math.min(this.lowestAvailable, available);
    if (total > this.bounds.maxTotal) this.violations.push(`t=${this.cluster.clock.now()} after ${what}: ${total} pods > ${this.bounds.maxTotal}`);
    if (available < this.bounds.minAvailable) {
      this.violations.push(`t=${this.cluster.clock.now()} after ${what}: ${available} available < ${this.bounds.minAvailable}`);
    }
  }

  stop(): void {
    for (const s of this.stops) s();
  }
}
