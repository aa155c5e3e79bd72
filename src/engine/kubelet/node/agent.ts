/**
 * The node half of the kubelet: it registers the Node (`kubelet --register-node`), keeps its
 * status (the four kubelet conditions, computed every 10 s and written when they change or every
 * 5 minutes regardless) and renews its Lease in `kube-node-lease` every 10 s — the heartbeat the
 * node lifecycle controller watches. Everything goes through the apiserver.
 */
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Node, NodeCondition } from 'kubernetes-types/core/v1';
import { createStrategicMergePatch } from '../../api/patch';
import { resourceFor } from '../../api/resources';
import type { KubeObject } from '../../api/types';
import type { Client } from '../../client/types';
import type { EventRecorder } from '../../controllers/framework/recorder';
import type { Clock, Timer } from '../../sim/clock';
import type { TimingProfile } from '../rules/timing';
import { kubeletConditionsChanged, kubeletNodeConditions } from './conditions';

const NODES = resourceFor('', 'nodes')!;
const LEASES = resourceFor('coordination.k8s.io', 'leases')!;
const NODE_LEASE_NAMESPACE = 'kube-node-lease';
/** The parts of Node status that describe the machine (the kubelet fills in what is missing). */
const MACHINE_FACTS = ['addresses', 'capacity', 'allocatable', 'daemonEndpoints', 'nodeInfo'] as const;
/**
 * A starting kubelet whose node is not Ready yet checks its runtime often (fastStatusUpdateOnce)
 * and reports Ready as soon as it is — for at most nodeReadyGracePeriod; then only every 10 s.
 */
const FAST_STATUS_MS = 1000;
const NODE_READY_GRACE_MS = 120_000;

export interface NodeAgentOptions {
  nodeName: string;
  client: Client;
  clock: Clock;
  recorder: EventRecorder;
  timing: TimingProfile;
  /**
   * The Node to register if none exists yet. Its status (addresses, capacity, node info) is also
   * what this kubelet knows about its machine, and it fills those in whenever the stored Node
   * lacks them — node status belongs to the kubelet.
   */
  register?: Node;
  /** The container runtime's error that keeps the node NotReady (its pod network not ready), if any. */
  runtimeError?: () => string | undefined;
}

export class NodeAgent {
  private node: Node | undefined;
  private lease: Lease | undefined;
  private timers: Timer[] = [];
  private fastTimer: Timer | undefined;
  private lastReportMs = -Infinity;
  private active = false;

  constructor(private readonly o: NodeAgentOptions) {}

  /** The registered Node as last read or written. */
  get current(): Node | undefined {
    return this.node;
  }

  /** The node's InternalIP. */
  get nodeIP(): string {
    const addresses = this.node?.status?.addresses ?? this.o.register?.status?.addresses;
    return addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
  }

  /** Registers (or finds) the Node and starts heartbeating; false when the apiserver said no. */
  start(): boolean {
    if (this.active) return true;
    if (!this.registerNode()) return false;
    this.active = true;
    this.postNodeStatus(true);
    this.renewLease();
    this.timers = [this.every(this.o.timing.nodeStatusUpdateMs, () => this.postNodeStatus(false)), this.every(this.o.timing.leaseRenewMs, () => this.renewLease())];
    this.watchUntilReady(this.o.clock.now() + NODE_READY_GRACE_MS);
    return true;
  }

  /** Not background: a booting cluster is not settled while a node is about to become Ready. */
  private watchUntilReady(deadline: number): void {
    const { clock } = this.o;
    const tick = (): void => {
      if (!this.active || this.isReady() || clock.now() >= deadline) return;
      if (this.o.runtimeError?.() === undefined) this.postNodeStatus(false);
      this.fastTimer = clock.schedule(FAST_STATUS_MS, tick);
    };
    tick();
  }

  private isReady(): boolean {
    return this.node?.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
  }

  /** No more heartbeats: to the control plane the node falls silent. */
  stop(): void {
    this.active = false;
    for (const t of this.timers) t.cancel();
    this.timers = [];
    this.fastTimer?.cancel();
  }

  /** Kubelet events name the node with its name as uid, exactly as the real kubelet's nodeRef does. */
  nodeRef(): KubeObject {
    return { apiVersion: 'v1', kind: 'Node', metadata: { name: this.o.nodeName, uid: this.o.nodeName } };
  }

  private registerNode(): boolean {
    const got = this.o.client.get<Node>(NODES, undefined, this.o.nodeName);
    if (got.ok) {
      this.node = got.value;
      return true;
    }
    if (!this.o.register) return false;
    const created = this.o.client.create<Node>(NODES, this.o.register);
    if (!created.ok) return false;
    this.node = created.value;
    return true;
  }

  private postNodeStatus(starting: boolean): void {
    const { client, clock, timing } = this.o;
    const now = clock.now();
    const latest = client.get<Node>(NODES, undefined, this.o.nodeName);
    if (!latest.ok) return;
    this.node = latest.value;
    const previous = latest.value.status?.conditions;
    const machine = this.missingMachineFacts(latest.value);
    const runtimeError = this.o.runtimeError?.();
    const changed = kubeletConditionsChanged(previous, runtimeError) || machine !== undefined;
    // Unchanged status is only re-reported every nodeStatusReportMs; the Lease is the frequent heartbeat.
    if (!starting && !changed && now - this.lastReportMs < timing.nodeStatusReportMs) return;
    const conditions = kubeletNodeConditions(previous, clock.timestamp(), runtimeError);
    const rebootedAs = starting ? this.newBootID(latest.value) : undefined;
    // A new top level around the stored (frozen) parts: the apiserver copies what it is sent.
    const status = { ...machine, ...latest.value.status, conditions };
    if (rebootedAs !== undefined) status.nodeInfo = { ...status.nodeInfo!, bootID: rebootedAs };
    // As v1.30's PatchNodeStatus: a two-way strategic merge patch from the Node read to the same
    // Node with the new status, sent to nodes/<name>/status (no resourceVersion, so no conflict).
    const patch = createStrategicMergePatch(latest.value as KubeObject, { ...latest.value, status } as KubeObject, NODES);
    const written = client.patch<Node>(NODES, undefined, this.o.nodeName, 'strategic', patch, { subresource: 'status' });
    if (!written.ok) return;
    this.lastReportMs = now;
    this.node = written.value;
    if (starting) this.recordStartup(previous, conditions, rebootedAs);
    else if (changed) this.recordTransitions(previous, conditions);
  }

  /** Machine facts (addresses, capacity, node info…) the stored status lacks, if any. */
  private missingMachineFacts(node: Node): Partial<NonNullable<Node['status']>> | undefined {
    const known = this.o.register?.status;
    if (!known) return undefined;
    const status = node.status ?? {};
    let missing: Record<string, unknown> | undefined;
    for (const key of MACHINE_FACTS) {
      if (known[key] !== undefined && status[key] === undefined) (missing ??= {})[key] = known[key];
    }
    return missing as Partial<NonNullable<Node['status']>> | undefined;
  }

  /** This boot's id when the Node holds another one: the machine has rebooted since it last reported. */
  private newBootID(node: Node): string | undefined {
    const booted = this.o.register?.status?.nodeInfo?.bootID;
    const stored = node.status?.nodeInfo?.bootID;
    return booted && stored && stored !== booted ? booted : undefined;
  }

  /** Events a kubelet emits on (re)start, on its Node — `Rebooted` when the boot id changed, as upstream's MachineInfo setter does. */
  private recordStartup(previous: readonly NodeCondition[] | undefined, conditions: readonly NodeCondition[], rebootedAs: string | undefined): void {
    const nodeRef = this.nodeRef();
    const { recorder, nodeName } = this.o;
    const status = (reason: string): void => recorder.event(nodeRef, 'Normal', reason, `Node ${nodeName} status is now: ${reason}`);
    recorder.event(nodeRef, 'Normal', 'Starting', 'Starting kubelet.');
    if (rebootedAs !== undefined) recorder.event(nodeRef, 'Warning', 'Rebooted', `Node ${nodeName} has been rebooted, boot id: ${rebootedAs}`);
    status('NodeHasSufficientMemory');
    status('NodeHasNoDiskPressure');
    status('NodeHasSufficientPID');
    recorder.event(nodeRef, 'Normal', 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
    this.recordTransitions(previous, conditions);
  }

  /** `NodeReady` when the node has become Ready, `NodeNotReady` when it was Ready and is no longer. */
  private recordTransitions(previous: readonly NodeCondition[] | undefined, conditions: readonly NodeCondition[]): void {
    const ready = (list: readonly NodeCondition[] | undefined): boolean => list?.find((c) => c.type === 'Ready')?.status === 'True';
    if (ready(previous) === ready(conditions)) return;
    const reason = ready(conditions) ? 'NodeReady' : 'NodeNotReady';
    this.o.recorder.event(this.nodeRef(), 'Normal', reason, `Node ${this.o.nodeName} status is now: ${reason}`);
  }

  private renewLease(): void {
    const { client, clock, nodeName, timing } = this.o;
    const renewTime = clock.microTimestamp();
    if (this.lease) {
      const next: Lease = { ...this.lease, spec: { ...this.lease.spec, renewTime } };
      const updated = client.update<Lease>(LEASES, next);
      if (updated.ok) {
        this.lease = updated.value;
        return;
      }
    }
    const got = client.get<Lease>(LEASES, NODE_LEASE_NAMESPACE, nodeName);
    if (got.ok) {
      const next: Lease = { ...got.value, spec: { ...got.value.spec, holderIdentity: nodeName, leaseDurationSeconds: timing.leaseDurationSeconds, renewTime } };
      const updated = client.update<Lease>(LEASES, next);
      this.lease = updated.ok ? updated.value : undefined;
      return;
    }
    const uid = this.node?.metadata?.uid;
    const lease: Lease = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: {
        name: nodeName,
        namespace: NODE_LEASE_NAMESPACE,
        ownerReferences: uid ? [{ apiVersion: 'v1', kind: 'Node', name: nodeName, uid }] : undefined,
      },
      spec: { holderIdentity: nodeName, leaseDurationSeconds: timing.leaseDurationSeconds, renewTime },
    };
    const created = client.create<Lease>(LEASES, lease);
    this.lease = created.ok ? created.value : undefined;
  }

  /** A background heartbeat: it repeats while the agent is active and never keeps the cluster busy. */
  private every(ms: number, run: () => void): Timer {
    const holder = {} as { timer: Timer };
    const tick = (): void => {
      if (!this.active) return;
      run();
      holder.timer = this.o.clock.schedule(ms, tick, { background: true });
    };
    holder.timer = this.o.clock.schedule(ms, tick, { background: true });
    return {
      cancel: () => holder.timer.cancel(),
      get due() {
        return holder.timer.due;
      },
    };
  }
}
