/**
 * STAND-IN KUBELET — a deliberately minimal placeholder. The "nodes" work replaces this whole
 * folder with the real kubelet (pod workers, image pulls, probes, restarts with back-off, hooks,
 * cgroups…). Until then it does just enough for the control plane around it to be exercised
 * honestly, and it does it the way a kubelet does — only through the apiserver:
 *
 * - keeps its Node Ready: posts the four kubelet conditions (written when they change, and every
 *   5 minutes regardless) and renews its Lease in `kube-node-lease` every 10 s;
 * - watches the pods bound to its node (`fieldSelector=spec.nodeName=<node>`) and, after a short
 *   delay from the timing profile, reports each one Running with an IP from the node's pod CIDR
 *   (host-network pods use the node's IP), conditions and container statuses;
 * - confirms deletions: a pod with a deletionTimestamp is removed (`gracePeriodSeconds: 0`) after
 *   a short delay — not the full grace period, since nothing really runs;
 * - `stop()` / `start()` simulate the kubelet (or the whole machine) going away and coming back:
 *   no heartbeats, no pod work while stopped.
 */
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Node, NodeCondition, Pod } from 'kubernetes-types/core/v1';
import { resourceFor } from '../../api/resources';
import type { KubeObject, WatchEvent, WatchHandle } from '../../api/types';
import type { Client } from '../../client/types';
import type { Controller, ControllerContext } from '../../controllers/framework/context';
import type { EventRecorder } from '../../controllers/framework/recorder';
import type { Timer } from '../../sim/clock';
import { PodCidrAllocator } from '../../runtime/cri/ipam';
import { DEFAULT_STANDIN_PROFILE, type StandInProfile } from './profile';
import { healthyConditionsChanged, healthyNodeConditions, runningPodStatus } from './status';

const PODS = resourceFor('', 'pods')!;
const NODES = resourceFor('', 'nodes')!;
const LEASES = resourceFor('coordination.k8s.io', 'leases')!;
const NODE_LEASE_NAMESPACE = 'kube-node-lease';
/** The parts of Node status that describe the machine (the kubelet fills in what is missing). */
const MACHINE_FACTS = ['addresses', 'capacity', 'allocatable', 'daemonEndpoints', 'nodeInfo'] as const;

export interface StandInKubeletOptions {
  /**
   * The Node to register if none exists yet (`kubelet --register-node`). Its status (addresses,
   * capacity, node info) is also what this kubelet knows about its machine, and it fills those in
   * whenever the stored Node lacks them — node status belongs to the kubelet.
   */
  register?: Node;
  profile?: Partial<StandInProfile>;
}

/** What the kubelet tracks per pod it runs. */
interface PodRecord {
  pod: Pod;
  started: boolean;
  startTimer?: Timer;
  terminateTimer?: Timer;
  /**
   * Container IDs by container name, chosen when the containers start. A null-prototype plain object,
   * not a Map: one per pod, and a Map costs ~200 B even for one entry.
   */
  containerIDs: Record<string, string>;
  /** Readiness as the (absent) probes would report it; tests and fault injection flip it. */
  ready: boolean;
}

export class StandInKubelet implements Controller {
  readonly name: string;
  private readonly profile: StandInProfile;
  private readonly client: Client;
  private readonly recorder: EventRecorder;
  private readonly pods = new Map<string, PodRecord>();
  private readonly readiness = new Map<string, boolean>();
  private ipam: PodCidrAllocator | undefined;
  private nodeIP = '';
  private node: Node | undefined;
  private lease: Lease | undefined;
  private watch: WatchHandle | undefined;
  private heartbeat: Timer | undefined;
  private leaseTimer: Timer | undefined;
  private lastReportMs = -Infinity;
  private active = false;

  constructor(
    private readonly ctx: ControllerContext,
    readonly nodeName: string,
    private readonly options: StandInKubeletOptions = {},
  ) {
    this.name = `kubelet/${nodeName}`;
    this.profile = { ...DEFAULT_STANDIN_PROFILE, ...options.profile };
    this.client = ctx.client;
    this.recorder = ctx.recorder({ component: 'kubelet', host: nodeName });
  }

  get running(): boolean {
    return this.active;
  }

  start(): void {
    if (this.active) return;
    this.active = true;
    if (!this.registerNode()) {
      // The node cannot be registered (yet): try again shortly, like a kubelet retrying its apiserver.
      this.active = false;
      this.ctx.clock.schedule(1000, () => this.start(), { background: true });
      return;
    }
    this.postNodeStatus(true);
    this.renewLease();
    this.heartbeat = this.every(this.profile.statusUpdateMs, () => this.postNodeStatus(false));
    this.leaseTimer = this.every(this.profile.leaseRenewMs, () => this.renewLease());
    this.syncPods();
  }

  /** The kubelet stops (or its machine disappears): no heartbeats, no lease renewals, no pod work. */
  stop(): void {
    if (!this.active) return;
    this.active = false;
    this.watch?.stop();
    this.watch = undefined;
    this.heartbeat?.cancel();
    this.leaseTimer?.cancel();
    // What it knew stays (like containers surviving a kubelet restart); the relist on start()
    // catches up with what changed meanwhile.
    for (const record of this.pods.values()) {
      record.startTimer?.cancel();
      record.terminateTimer?.cancel();
      record.startTimer = record.terminateTimer = undefined;
    }
  }

  /**
   * Test hook and fault injection: what the readiness probe of every container in the pod would
   * now report. Written through the status subresource, as the kubelet's status manager does.
   */
  setPodReady(namespace: string, name: string, ready: boolean): void {
    this.readiness.set(`${namespace}/${name}`, ready);
    const record = [...this.pods.values()].find((r) => r.pod.metadata?.namespace === namespace && r.pod.metadata?.name === name);
    if (!record) return;
    record.ready = ready;
    if (record.started && this.active) this.writeRunning(record);
  }

  // ---- node registration, status and lease ----

  private registerNode(): boolean {
    const got = this.client.get<Node>(NODES, undefined, this.nodeName);
    if (got.ok) {
      this.adoptNode(got.value);
      return true;
    }
    if (!this.options.register) return false;
    const created = this.client.create<Node>(NODES, this.options.register);
    if (!created.ok) return false;
    this.adoptNode(created.value);
    return true;
  }

  private adoptNode(node: Node): void {
    this.node = node;
    const addresses = node.status?.addresses ?? this.options.register?.status?.addresses;
    this.nodeIP = addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
    const cidr = node.spec?.podCIDR;
    if (cidr && !this.ipam) this.ipam = new PodCidrAllocator(cidr);
  }

  private postNodeStatus(starting: boolean): void {
    if (!this.active) return;
    const now = this.ctx.clock.now();
    const latest = this.client.get<Node>(NODES, undefined, this.nodeName);
    if (!latest.ok) return;
    this.adoptNode(latest.value);
    const previous = latest.value.status?.conditions;
    const machine = this.missingMachineFacts(latest.value);
    const changed = healthyConditionsChanged(previous) || machine !== undefined;
    // Unchanged status is only re-reported every statusReportMs; the Lease is the frequent heartbeat.
    if (!starting && !changed && now - this.lastReportMs < this.profile.statusReportMs) return;
    const conditions = healthyNodeConditions(previous, this.ctx.clock.timestamp());
    // A new top level around the stored (frozen) parts: the apiserver copies what it is sent.
    const node: Node = { ...latest.value, status: { ...machine, ...latest.value.status, conditions } };
    const written = this.client.update<Node>(NODES, node, { subresource: 'status' });
    if (!written.ok) return;
    this.lastReportMs = now;
    this.node = written.value;
    if (starting) this.recordStartup(previous);
    else if (changed) this.recordTransitions(previous);
  }

  /** Machine facts (addresses, capacity, node info…) the stored status lacks, if any. */
  private missingMachineFacts(node: Node): Partial<NonNullable<Node['status']>> | undefined {
    const known = this.options.register?.status;
    if (!known) return undefined;
    const status = node.status ?? {};
    let missing: Record<string, unknown> | undefined;
    for (const key of MACHINE_FACTS) {
      if (known[key] !== undefined && status[key] === undefined) (missing ??= {})[key] = known[key];
    }
    return missing as Partial<NonNullable<Node['status']>> | undefined;
  }

  /** Events a kubelet emits on (re)start, on its Node (whose reference uses the node name as uid). */
  private recordStartup(previous: readonly NodeCondition[] | undefined): void {
    const nodeRef = this.nodeRef();
    const status = (reason: string): void => this.recorder.event(nodeRef, 'Normal', reason, `Node ${this.nodeName} status is now: ${reason}`);
    this.recorder.event(nodeRef, 'Normal', 'Starting', 'Starting kubelet.');
    status('NodeHasSufficientMemory');
    status('NodeHasNoDiskPressure');
    status('NodeHasSufficientPID');
    this.recorder.event(nodeRef, 'Normal', 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
    this.recordTransitions(previous);
  }

  private recordTransitions(previous: readonly NodeCondition[] | undefined): void {
    const wasReady = previous?.find((c) => c.type === 'Ready')?.status === 'True';
    if (wasReady) return;
    this.recorder.event(this.nodeRef(), 'Normal', 'NodeReady', `Node ${this.nodeName} status is now: NodeReady`);
  }

  /** Kubelet events name the node with its name as uid, exactly as the real kubelet's nodeRef does. */
  private nodeRef(): KubeObject {
    return { apiVersion: 'v1', kind: 'Node', metadata: { name: this.nodeName, uid: this.nodeName } };
  }

  private renewLease(): void {
    if (!this.active) return;
    const renewTime = this.ctx.clock.microTimestamp();
    if (this.lease) {
      const next: Lease = { ...this.lease, spec: { ...this.lease.spec, renewTime } };
      const updated = this.client.update<Lease>(LEASES, next);
      if (updated.ok) {
        this.lease = updated.value;
        return;
      }
    }
    const got = this.client.get<Lease>(LEASES, NODE_LEASE_NAMESPACE, this.nodeName);
    if (got.ok) {
      const next: Lease = {
        ...got.value,
        spec: { ...got.value.spec, holderIdentity: this.nodeName, leaseDurationSeconds: this.profile.leaseDurationSeconds, renewTime },
      };
      const updated = this.client.update<Lease>(LEASES, next);
      this.lease = updated.ok ? updated.value : undefined;
      return;
    }
    const lease: Lease = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: {
        name: this.nodeName,
        namespace: NODE_LEASE_NAMESPACE,
        ownerReferences: this.node?.metadata?.uid
          ? [{ apiVersion: 'v1', kind: 'Node', name: this.nodeName, uid: this.node.metadata.uid }]
          : undefined,
      },
      spec: { holderIdentity: this.nodeName, leaseDurationSeconds: this.profile.leaseDurationSeconds, renewTime },
    };
    const created = this.client.create<Lease>(LEASES, lease);
    this.lease = created.ok ? created.value : undefined;
  }

  private every(ms: number, run: () => void): Timer {
    const holder: { timer: Timer } = {} as { timer: Timer };
    const tick = (): void => {
      if (!this.active) return;
      run();
      holder.timer = this.ctx.clock.schedule(ms, tick, { background: true });
    };
    holder.timer = this.ctx.clock.schedule(ms, tick, { background: true });
    return { cancel: () => holder.timer.cancel(), get due() { return holder.timer.due; } };
  }

  // ---- pods ----

  /** List the pods bound here, then watch for changes from that version on. */
  private syncPods(): void {
    if (!this.active) return;
    const fieldSelector = `spec.nodeName=${this.nodeName}`;
    const listed = this.client.list<Pod>(PODS, { fieldSelector });
    if (!listed.ok) {
      this.ctx.clock.schedule(1000, () => this.syncPods(), { background: true });
      return;
    }
    const seen = new Set<string>();
    for (const pod of listed.value.items) {
      seen.add(pod.metadata!.uid!);
      this.observe(pod);
    }
    for (const uid of [...this.pods.keys()]) if (!seen.has(uid)) this.forget(uid);
    const watched = this.client.watch<Pod>(PODS, { fieldSelector, resourceVersion: listed.value.resourceVersion }, (e) => this.onWatch(e));
    if (watched.ok) this.watch = watched.value;
    else this.ctx.clock.schedule(1000, () => this.syncPods(), { background: true });
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
    if (event.type === 'DELETED') this.forget(event.object.metadata!.uid!);
    else this.observe(event.object);
  }

  private observe(pod: Pod): void {
    const uid = pod.metadata!.uid!;
    let record = this.pods.get(uid);
    if (!record) {
      const key = `${pod.metadata?.namespace}/${pod.metadata?.name}`;
      record = { pod, started: false, containerIDs: Object.create(null) as Record<string, string>, ready: this.readiness.get(key) ?? true };
      this.pods.set(uid, record);
    }
    record.pod = pod;
    if (pod.metadata?.deletionTimestamp) {
      this.scheduleTermination(record);
      return;
    }
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return;
    if (!record.started) {
      if (phase === 'Running' && pod.status?.podIP) this.resume(record);
      else this.scheduleStart(record);
      return;
    }
    // Already running: put back what the apiserver lost (e.g. Ready flipped by the node controller).
    if (!this.statusMatches(record)) this.writeRunning(record);
  }

  /** The pod ran before this kubelet (re)started: keep its IP and containers. */
  private resume(record: PodRecord): void {
    const pod = record.pod;
    record.started = true;
    if (!pod.spec?.hostNetwork && pod.status?.podIP) this.ipam?.claim(pod.metadata!.uid!, pod.status.podIP);
    for (const cs of pod.status?.containerStatuses ?? []) if (cs.containerID) record.containerIDs[cs.name] = cs.containerID;
    if (!this.statusMatches(record)) this.writeRunning(record);
  }

  private scheduleStart(record: PodRecord): void {
    if (record.startTimer) return;
    const [min, max] = this.profile.startDelayMs;
    record.startTimer = this.ctx.clock.schedule(this.ctx.rng.between(min, max), () => {
      record.startTimer = undefined;
      if (!this.active || this.pods.get(record.pod.metadata!.uid!) !== record) return;
      if (record.pod.metadata?.deletionTimestamp) return;
      for (const c of record.pod.spec?.containers ?? []) record.containerIDs[c.name] = `containerd://${this.ctx.rng.hex(64)}`;
      record.started = true;
      this.writeRunning(record);
    });
  }

  private podIPFor(pod: Pod): string | undefined {
    if (pod.spec?.hostNetwork) return this.nodeIP;
    return this.ipam?.allocate(pod.metadata!.uid!);
  }

  private statusMatches(record: PodRecord): boolean {
    const status = record.pod.status;
    if (status?.phase !== 'Running' || !status.podIP) return false;
    const ready = status.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
    return ready === record.ready;
  }

  private writeRunning(record: PodRecord): void {
    const podIP = this.podIPFor(record.pod);
    if (!podIP) return; // no pod CIDR yet, or it is full: the pod stays Pending
    for (let attempt = 0; attempt < 3; attempt++) {
      const pod: Pod = {
        ...record.pod,
        status: runningPodStatus(record.pod, {
          podIP,
          hostIP: this.nodeIP,
          now: this.ctx.clock.timestamp(),
          ready: record.ready,
          containerIDs: record.containerIDs,
        }),
      };
      const written = this.client.update<Pod>(PODS, pod, { subresource: 'status' });
      if (written.ok) {
        record.pod = written.value;
        return;
      }
      if (written.status.code !== 409) return;
      const latest = this.client.get<Pod>(PODS, record.pod.metadata?.namespace, record.pod.metadata!.name!);
      if (!latest.ok || latest.value.metadata?.uid !== record.pod.metadata?.uid) return;
      record.pod = latest.value;
      if (record.pod.metadata?.deletionTimestamp) return;
    }
  }

  private scheduleTermination(record: PodRecord): void {
    record.startTimer?.cancel();
    record.startTimer = undefined;
    if (record.terminateTimer) return;
    const [min, max] = this.profile.terminateDelayMs;
    record.terminateTimer = this.ctx.clock.schedule(this.ctx.rng.between(min, max), () => {
      record.terminateTimer = undefined;
      if (!this.active) return;
      const pod = record.pod;
      this.client.delete(PODS, pod.metadata?.namespace, pod.metadata!.name!, {
        gracePeriodSeconds: 0,
        preconditions: { uid: pod.metadata?.uid },
      });
    });
  }

  private forget(uid: string): void {
    const record = this.pods.get(uid);
    if (!record) return;
    record.startTimer?.cancel();
    record.terminateTimer?.cancel();
    this.pods.delete(uid);
    this.ipam?.release(uid);
    // A later pod with the same name starts with a clean slate.
    this.readiness.delete(`${record.pod.metadata?.namespace}/${record.pod.metadata?.name}`);
  }
}
