/**
 * The kubelet: the node agent that turns pods bound to its node into containers. It talks to the
 * apiserver only through its client — it registers and heartbeats its Node (`node/agent.ts`),
 * watches the pods with `spec.nodeName=<node>`, writes their status through the status
 * subresource and records events as `kubelet` on its host — and to the container runtime only
 * through the CRI (`runtime/cri/types.ts`).
 *
 * Each pod gets a pod worker (`worker/pod-worker.ts`). Static pods come from the node's manifest
 * directory and are published as mirror pods (`static-pods.ts`). `stop()` / `start()` play the
 * kubelet (or its machine's network) going away: no heartbeats, no pod work; the containers keep
 * running, and the kubelet catches up when it is back.
 */
import type { Node, Pod, PodStatus } from 'kubernetes-types/core/v1';
import { resourceFor } from '../api/resources';
import type { ApiResponse, WatchEvent, WatchHandle } from '../api/types';
import type { Client } from '../client/types';
import type { Controller, ControllerContext } from '../controllers/framework/context';
import type { ContainerRuntime, StreamSession } from '../runtime/cri/types';
import { ImageManager } from './images';
import { NodeAgent } from './node/agent';
import { hostPathTree } from './node/host-paths';
import { cniNetworkError } from './node/network-ready';
import { apiConfigSource } from './pod/config-source';
import type { NodeHost } from './probes/network';
import { parseResolvConf, type ClusterDns } from './rules/dns';
import { DEFAULT_TIMING, draw, type TimingProfile } from './rules/timing';
import { isMirrorPod, mirrorPodOf, mirrors, staticPodFromManifest } from './static-pods';
import { writePodStatus } from './status/manager';
import { podLogs } from './streams/logs';
import type { WorkerContext } from './worker/context';
import { PodWorker } from './worker/pod-worker';

const PODS = resourceFor('', 'pods')!;

export interface KubeletOptions {
  /**
   * The Node to register if none exists yet (`--register-node`). Its status (addresses, capacity,
   * node info) is also what this kubelet knows about its machine.
   */
  register?: Node;
  runtime: ContainerRuntime;
  /** The node's host namespace, where the kubelet's own probe connections start. */
  host: NodeHost;
  timing?: TimingProfile;
  /** The manifest directory (`staticPodPath`): pods this kubelet runs without the scheduler. */
  staticPods?: readonly Pod[];
  /** `--cluster-dns` and `--cluster-domain`. */
  clusterDns?: ClusterDns;
  /** The node's /etc/resolv.conf and /etc/hosts. */
  nodeResolvConf?: string;
  nodeHosts?: string;
  /**
   * containerd's CNI config directory on the node (`/etc/cni/net.d`): until a network config is
   * there the pod network is not ready — the node is NotReady and only host-network pods start.
   * Without it the node needs no network plugin (machines in unit tests).
   */
  cniConfDir?: string;
}

const DEFAULT_CLUSTER_DNS: ClusterDns = { serverIP: '10.96.0.10', domain: 'cluster.local' };
const DEFAULT_RESOLV_CONF = 'nameserver 192.168.1.1\n';
const DEFAULT_HOSTS = '127.0.0.1   localhost localhost.localdomain localhost4 localhost4.localdomain4\n::1         localhost localhost.localdomain localhost6 localhost6.localdomain6\n';

const keyOf = (pod: Pod): string => `${pod.metadata?.namespace}/${pod.metadata?.name}`;

export class Kubelet implements Controller {
  readonly name: string;
  private readonly client: Client;
  private readonly agent: NodeAgent;
  private readonly ctx: WorkerContext;
  private readonly timing: TimingProfile;
  /** Pod workers by pod uid, and by namespace/name (static pods by their mirror's name). */
  private readonly workers = new Map<string, PodWorker>();
  private readonly byName = new Map<string, PodWorker>();
  /** Static pods by name, and their mirror pods as the apiserver has them. */
  private readonly staticPods = new Map<string, Pod>();
  private readonly mirrorPods = new Map<string, Pod>();
  private watch: WatchHandle | undefined;
  private active = false;

  constructor(
    private readonly context: ControllerContext,
    readonly nodeName: string,
    private readonly options: KubeletOptions,
  ) {
    this.name = `kubelet/${nodeName}`;
    this.client = context.client;
    this.timing = options.timing ?? DEFAULT_TIMING;
    const recorder = context.recorder({ component: 'kubelet', host: nodeName });
    const { cniConfDir } = options;
    const networkError = cniConfDir === undefined ? () => undefined : () => cniNetworkError(options.host.ns.fs, cniConfDir);
    this.agent = new NodeAgent({ nodeName, client: this.client, clock: context.clock, recorder, timing: this.timing, register: options.register, runtimeError: networkError });
    const { runtime } = options.runtime;
    this.ctx = {
      clock: context.clock,
      rng: context.rng.fork('pods'),
      timing: this.timing,
      runtime,
      images: new ImageManager(options.runtime.images, context.clock, context.rng.fork('images'), this.timing),
      host: options.host,
      source: apiConfigSource(this.client),
      recorder,
      nodeName,
      clusterDns: options.clusterDns ?? DEFAULT_CLUSTER_DNS,
      nodeDns: parseResolvConf(options.nodeResolvConf ?? DEFAULT_RESOLV_CONF),
      nodeHosts: options.nodeHosts ?? DEFAULT_HOSTS,
      nodeIP: () => this.agent.nodeIP,
      hostPath: (path, file) => hostPathTree(options.host.ns.fs, path, file, context.clock.now()),
      networkError,
      isActive: () => this.active,
      writeStatus: (pod, build) => this.writeStatus(pod, build),
      confirmDeletion: (pod) => {
        this.client.delete(PODS, pod.metadata?.namespace, pod.metadata!.name!, { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata?.uid } });
      },
      forget: (uid) => {
        const worker = this.workers.get(uid);
        this.workers.delete(uid);
        if (worker && this.byName.get(keyOf(worker.pod)) === worker) this.byName.delete(keyOf(worker.pod));
      },
    };
    runtime.onContainerExit((status) => {
      if (!this.active) return; // a stopped kubelet catches up in resume()
      for (const worker of this.workers.values()) worker.containerExited(status.id);
    });
  }

  get running(): boolean {
    return this.active;
  }

  start(): void {
    if (this.active) return;
    if (!this.agent.start()) {
      // The node cannot be registered (yet): try again shortly, like a kubelet retrying its apiserver.
      this.context.clock.schedule(1000, () => this.start(), { background: true });
      return;
    }
    this.active = true;
    this.runStaticPods();
    this.syncPods();
    for (const worker of this.workers.values()) worker.resume();
  }

  /** The kubelet stops (or its machine disappears from the network): no heartbeats, no pod work. */
  stop(): void {
    if (!this.active) return;
    this.active = false;
    this.agent.stop();
    this.watch?.stop();
    this.watch = undefined;
    for (const worker of this.workers.values()) worker.pause();
  }

  // ---- pods from the apiserver ----------------------------------------------------------------

  /** List the pods bound here, then watch for changes from that version on. */
  private syncPods(): void {
    if (!this.active) return;
    const fieldSelector = `spec.nodeName=${this.nodeName}`;
    const listed = this.client.list<Pod>(PODS, { fieldSelector });
    if (!listed.ok) {
      this.context.clock.schedule(1000, () => this.syncPods(), { background: true });
      return;
    }
    const seen = new Set<string>();
    for (const pod of listed.value.items) {
      seen.add(pod.metadata!.uid!);
      this.observe(pod);
    }
    for (const [uid, worker] of [...this.workers]) if (!seen.has(uid) && !this.staticPods.has(keyOf(worker.pod))) worker.remove();
    for (const [name, mirror] of [...this.mirrorPods]) if (!seen.has(mirror.metadata!.uid!)) this.mirrorGone(name);
    const watched = this.client.watch<Pod>(PODS, { fieldSelector, resourceVersion: listed.value.resourceVersion }, (e) => this.onWatch(e));
    if (watched.ok) this.watch = watched.value;
    else this.context.clock.schedule(1000, () => this.syncPods(), { background: true });
  }

  private onWatch(event: WatchEvent<Pod>): void {
    if (!this.active) return;
    if (event.type === 'ERROR') {
      // Typically 410 Gone: our version fell out of the watch window. Relist and watch again.
      this.watch?.stop();
      this.watch = undefined;
      this.syncPods();
      return;
    }
    if (event.type === 'BOOKMARK') return;
    const pod = event.object;
    if (event.type === 'DELETED') {
      if (isMirrorPod(pod)) this.mirrorGone(keyOf(pod));
      else this.workers.get(pod.metadata!.uid!)?.remove();
      return;
    }
    this.observe(pod);
  }

  private observe(pod: Pod): void {
    if (isMirrorPod(pod)) return this.observeMirror(pod);
    const uid = pod.metadata!.uid!;
    const worker = this.workers.get(uid);
    if (worker) return worker.update(pod);
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') {
      // Finished before this kubelet (re)started: nothing to run, only a deletion to confirm.
      if (pod.metadata?.deletionTimestamp) this.ctx.confirmDeletion(pod);
      return;
    }
    this.addWorker(pod);
  }

  private addWorker(pod: Pod, history = pod.status): PodWorker {
    const worker = new PodWorker(this.ctx, pod, history);
    this.workers.set(pod.metadata!.uid!, worker);
    this.byName.set(keyOf(pod), worker);
    worker.update(pod);
    // The pod worker picks the pod up a moment after the kubelet sees it.
    worker.requestSync(draw(this.timing.syncLatency, this.ctx.rng));
    return worker;
  }

  // ---- static pods and their mirrors ----------------------------------------------------------

  private runStaticPods(): void {
    for (const manifest of this.options.staticPods ?? []) {
      const seenAt = `${this.context.clock.microTimestamp().slice(0, -1)}000Z`;
      const pod = staticPodFromManifest(manifest, this.nodeName, seenAt);
      const key = keyOf(pod);
      if (this.staticPods.has(key)) continue;
      this.staticPods.set(key, pod);
      // After a reboot the mirror is still there; the static pod's uid (its manifest's hash) is
      // the same too, so containerd's records of its containers — the mirror's statuses — are its own.
      const mirror = this.existingMirror(pod);
      if (mirror) this.mirrorPods.set(key, mirror);
      else this.createMirror(pod);
      this.addWorker(pod, mirror?.status);
    }
  }

  private existingMirror(staticPod: Pod): Pod | undefined {
    const got = this.client.get<Pod>(PODS, staticPod.metadata?.namespace, staticPod.metadata!.name!);
    return got.ok && mirrors(got.value, staticPod) && !got.value.metadata?.deletionTimestamp ? got.value : undefined;
  }

  private createMirror(staticPod: Pod): void {
    const node = this.agent.current;
    if (!node) return;
    const created = this.client.create<Pod>(PODS, mirrorPodOf(staticPod, node));
    if (created.ok) this.mirrorPods.set(keyOf(staticPod), created.value);
  }

  private observeMirror(mirror: Pod): void {
    const key = keyOf(mirror);
    const staticPod = this.staticPods.get(key);
    if (!staticPod || !mirrors(mirror, staticPod) || mirror.metadata?.deletionTimestamp) {
      // Outdated, orphaned or being deleted: the kubelet removes it at once (and re-creates it if it still runs the pod).
      this.client.delete(PODS, mirror.metadata?.namespace, mirror.metadata!.name!, { gracePeriodSeconds: 0, preconditions: { uid: mirror.metadata?.uid } });
      return;
    }
    this.mirrorPods.set(key, mirror);
  }

  private mirrorGone(key: string): void {
    this.mirrorPods.delete(key);
    const staticPod = this.staticPods.get(key);
    if (!staticPod) return;
    this.context.clock.schedule(draw(this.timing.syncLatency, this.ctx.rng), () => {
      if (!this.active || this.mirrorPods.has(key)) return;
      this.createMirror(staticPod);
      this.workers.get(staticPod.metadata!.uid!)?.requestSync(0);
    });
  }

  // ---- status manager -------------------------------------------------------------------------

  /** The status manager: a static pod's status goes to its mirror pod. */
  private writeStatus(pod: Pod, build: (previous: PodStatus | undefined) => PodStatus): void {
    const key = keyOf(pod);
    const isStatic = this.staticPods.get(key)?.metadata?.uid === pod.metadata?.uid;
    const target = isStatic ? this.mirrorPods.get(key) : this.workers.get(pod.metadata!.uid!)?.pod;
    if (!target) return;
    writePodStatus(this.client, target, build, (stored) => {
      if (isStatic) this.mirrorPods.set(key, stored);
      else this.workers.get(stored.metadata!.uid!)?.update(stored);
    });
  }

  // ---- streams --------------------------------------------------------------------------------

  /** Does this kubelet run the pod `namespace/name`? */
  hasPod(namespace: string, name: string): boolean {
    return this.byName.has(`${namespace}/${name}`);
  }

  /** `GET pods/<name>/log` for a pod of this node. */
  logs(namespace: string, name: string, query: Record<string, string>): ApiResponse<string> {
    const worker = this.byName.get(`${namespace}/${name}`)!;
    if (!this.active) {
      // The apiserver cannot reach a kubelet that is down: it relays its dialer's error.
      const ip = this.agent.nodeIP;
      const container = query.container ?? worker.pod.spec?.containers[0]?.name ?? '';
      const message = `Get "https://${ip}:10250/containerLogs/${namespace}/${name}/${container}": dial tcp ${ip}:10250: connect: connection refused`;
      return { status: 500, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, code: 500 } };
    }
    const { clock, runtime } = this.ctx;
    return podLogs(
      {
        pod: worker.pod,
        status: (container) => worker.containerStatus(container),
        logs: (containerID) => runtime.logs(containerID.replace(/^containerd:\/\//, '')),
        follow: (containerID, listener, ended) => runtime.followLogs(containerID.replace(/^containerd:\/\//, ''), listener, ended),
      },
      query,
      clock,
    );
  }

  /**
   * `kubectl exec`: starts `argv` in a running container and returns the session, or the error
   * the apiserver would relay.
   */
  exec(namespace: string, pod: string, container: string | undefined, argv: readonly string[], options: { tty: boolean; stdin: boolean }): StreamSession | { error: string } {
    const found = this.runningContainer(namespace, pod, container);
    return 'error' in found ? found : this.ctx.runtime.exec(found.id, argv, options);
  }

  /** `kubectl attach`: the running container's PID 1 streams, with the same errors as exec. */
  attach(namespace: string, pod: string, container: string | undefined): StreamSession | { error: string } {
    const found = this.runningContainer(namespace, pod, container);
    return 'error' in found ? found : this.ctx.runtime.attach(found.id);
  }

  /** The runtime id of a pod's container (the first one by default) if it is running now. */
  private runningContainer(namespace: string, pod: string, container: string | undefined): { id: string } | { error: string } {
    const worker = this.byName.get(`${namespace}/${pod}`);
    if (!worker) return { error: `pods "${pod}" not found` };
    const name = container ?? worker.pod.spec?.containers[0]?.name ?? '';
    const rec = worker.container(name);
    if (!rec) return { error: `container ${name} is not valid for pod ${pod}` };
    if (!rec.running) return { error: `unable to upgrade connection: container not found ("${name}")` };
    return { id: rec.current!.id };
  }
}
