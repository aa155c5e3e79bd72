/**
 * The CRI runtime service of one node's containerd: pod sandboxes (a network namespace with the
 * pod's IP, shared by its containers) and the containers in them.
 *
 * Every answer to the kubelet arrives through its callback from an event on the simulated clock,
 * after the time the step takes on a real node (timing profile), never from inside the call.
 */
import type { Clock } from '../../sim/clock';
import type { Rng } from '../../sim/rng';
import { draw, type Stage, type TimingProfile } from '../../kubelet/rules/timing';
import { resolveArgv } from '../argv';
import { Netns, parseSignal, type Kernel, type Network, type PidNamespace, type SignalName } from '../process';
import { Container, type ContainerContext } from './container';
import { attachPod, detachPod, setUpBridge } from '../cni/bridge';
import { PodCidrAllocator } from './ipam';
import type { CriObservers, CriRequest } from './observe';
import { noAddressesMessage, noCommandMessage, notFoundMessage, wrongStateMessage } from './messages';
import type {
  Callback,
  ContainerConfig,
  ContainerStatus,
  ExecSyncResult,
  LogEntry,
  PodSandbox,
  PodSandboxConfig,
  RuntimeService,
  SandboxResult,
  StartResult,
  StreamSession,
} from './types';

export interface RuntimeServiceOptions {
  readonly clock: Clock;
  readonly rng: Rng;
  readonly kernel: Kernel;
  /** The cluster's network: pod IPs are attached to it, so other pods can connect. */
  readonly network: Network;
  readonly nodeIP: string;
  /** The node's spec.podCIDR, e.g. `10.244.1.0/24`. */
  readonly podCIDR: string;
  /** The node's own network namespace, which host-network pods share. */
  readonly hostNetns: Netns;
  readonly timing: TimingProfile;
  /** Who watches the node's CRI requests (the sequence diagram). */
  readonly observers?: CriObservers;
}

interface SandboxRecord {
  readonly sandbox: PodSandbox;
  readonly containers: Set<Container>;
}

export class CriRuntimeService implements RuntimeService {
  private readonly sandboxes = new Map<string, SandboxRecord>();
  private readonly containers = new Map<string, Container>();
  private readonly exitListeners: ((status: ContainerStatus) => void)[] = [];
  private readonly ipam: PodCidrAllocator;
  /** Ids and delays draw from separate streams, so a change in one keeps the other's history. */
  private readonly ids: Rng;
  private readonly delays: Rng;
  private readonly containerContext: ContainerContext;

  constructor(private readonly options: RuntimeServiceOptions) {
    this.ipam = new PodCidrAllocator(options.podCIDR);
    // The bridge plugin's cni0: the node's address on its pods' network (the range's gateway).
    setUpBridge(options.hostNetns, options.network, options.podCIDR, this.ipam.gateway);
    this.ids = options.rng.fork('ids');
    this.delays = options.rng.fork('delays');
    this.containerContext = {
      clock: options.clock,
      kernel: options.kernel,
      exited: (status) => {
        for (const listener of this.exitListeners) listener(status);
      },
    };
  }

  // ---- sandboxes ------------------------------------------------------------------------------

  runPodSandbox(config: PodSandboxConfig, done: Callback<SandboxResult>): void {
    this.options.observers?.publish('RunPodSandbox', () => ({ pod: podOf(config) }));
    const id = this.newId();
    this.after(this.options.timing.sandboxCreate, () => done(this.setUpSandbox(id, config)));
  }

  /** The pause container's work: a network namespace with an IP from host-local IPAM (`.1` is the bridge). */
  private setUpSandbox(id: string, config: PodSandboxConfig): SandboxResult {
    const { network, nodeIP, hostNetns, clock } = this.options;
    let ip = nodeIP;
    let netns = hostNetns;
    if (!config.hostNetwork) {
      const allocated = this.ipam.allocate(id);
      if (allocated === undefined) return { ok: false, error: noAddressesMessage(id, this.ipam.range) };
      ip = allocated;
      netns = new Netns(`${config.namespace}/${config.name}`, [], hostNetns.node);
      attachPod(hostNetns, netns, { ip, podCIDR: this.options.podCIDR, gateway: this.ipam.gateway, sandboxId: id });
      network.attach(ip, netns);
    }
    const sandbox: PodSandbox = { id, config, ip, netns, createdAt: clock.now(), state: 'ready' };
    this.sandboxes.set(id, { sandbox, containers: new Set() });
    return { ok: true, sandbox };
  }

  /** Kills what still runs and tears the network down; the IP goes back to IPAM (CNI DEL). */
  stopPodSandbox(id: string): void {
    this.options.observers?.publish('StopPodSandbox', () => this.describeSandbox(id));
    this.stopSandbox(id);
  }

  private stopSandbox(id: string): void {
    const record = this.sandboxes.get(id);
    if (record === undefined || record.sandbox.state === 'notready') return;
    for (const container of record.containers) container.kill();
    const { sandbox } = record;
    sandbox.state = 'notready';
    if (!sandbox.config.hostNetwork) {
      this.options.network.detach(sandbox.ip, sandbox.netns);
      detachPod(this.options.hostNetns, id);
      this.ipam.release(id);
    }
  }

  removePodSandbox(id: string): void {
    this.options.observers?.publish('RemovePodSandbox', () => this.describeSandbox(id));
    const record = this.sandboxes.get(id);
    if (record === undefined) return;
    this.stopSandbox(id);
    for (const container of record.containers) this.containers.delete(container.id);
    this.sandboxes.delete(id);
  }

  sandbox(id: string): PodSandbox | undefined {
    return this.sandboxes.get(id)?.sandbox;
  }

  // ---- containers -----------------------------------------------------------------------------

  createContainer(sandboxId: string, config: ContainerConfig, done: Callback<{ ok: true; id: string } | { ok: false; error: string }>): void {
    this.options.observers?.publish('CreateContainer', () => ({ ...this.describeSandbox(sandboxId), container: config.name }));
    const id = this.newId();
    this.after(this.options.timing.containerCreate, () => {
      const record = this.sandboxes.get(sandboxId);
      if (record === undefined || record.sandbox.state !== 'ready') return done({ ok: false, error: notFoundMessage('sandbox', sandboxId) });
      const argv = resolveArgv(config.image.image.config, config);
      if (argv.length === 0) return done({ ok: false, error: noCommandMessage(id) });
      const container = new Container(this.containerContext, id, record.sandbox, config, argv);
      this.containers.set(id, container);
      record.containers.add(container);
      done({ ok: true, id });
    });
  }

  startContainer(id: string, done: Callback<StartResult>): void {
    this.options.observers?.publish('StartContainer', () => this.describeContainer(id));
    this.after(this.options.timing.containerStart, () => {
      const container = this.containers.get(id);
      if (container === undefined) return done({ ok: false, error: notFoundMessage('container', id) });
      if (container.status.state !== 'created') return done({ ok: false, error: wrongStateMessage(container.status.state) });
      done(container.start());
    });
  }

  /**
   * containerd's StopContainer: the stop signal, then SIGKILL once `timeoutSeconds` have passed
   * (at once for 0). The kubelet passes the grace period, already raised to its 2 s minimum.
   */
  stopContainer(id: string, timeoutSeconds: number, done: Callback<ContainerStatus>, signal?: SignalName): void {
    this.options.observers?.publish('StopContainer', () => this.describeContainer(id));
    this.options.clock.schedule(0, () => {
      const container = this.containers.get(id);
      if (container === undefined) return;
      if (container.status.state !== 'running') return done(container.status);
      container.whenExited(done);
      container.stop(signal ?? stopSignalOf(container), timeoutSeconds * 1000);
    });
  }

  removeContainer(id: string): void {
    this.options.observers?.publish('RemoveContainer', () => this.describeContainer(id));
    const container = this.containers.get(id);
    if (container === undefined) return;
    container.kill();
    this.containers.delete(id);
    this.sandboxes.get(container.sandbox.id)?.containers.delete(container);
  }

  containerStatus(id: string): ContainerStatus | undefined {
    return this.containers.get(id)?.status;
  }

  listContainers(sandboxId?: string): ContainerStatus[] {
    const containers = sandboxId === undefined ? this.containers.values() : (this.sandboxes.get(sandboxId)?.containers ?? []);
    return [...containers].map((c) => c.status);
  }

  onContainerExit(listener: (status: ContainerStatus) => void): void {
    this.exitListeners.push(listener);
  }

  // ---- exec, attach, logs ---------------------------------------------------------------------

  execSync(id: string, argv: readonly string[], timeoutMs: number, done: Callback<ExecSyncResult | { error: string }>): void {
    const container = this.containers.get(id);
    if (container === undefined) {
      this.options.clock.schedule(0, () => done({ error: notFoundMessage('container', id) }));
      return;
    }
    container.execSync(this.newId(), argv, timeoutMs, done);
  }

  exec(id: string, argv: readonly string[], options: { tty: boolean; stdin: boolean }): StreamSession | { error: string } {
    return this.containers.get(id)?.exec(this.newId(), argv, options) ?? { error: notFoundMessage('container', id) };
  }

  attach(id: string): StreamSession | { error: string } {
    return this.containers.get(id)?.attach() ?? { error: notFoundMessage('container', id) };
  }

  logs(id: string): readonly LogEntry[] {
    return this.containers.get(id)?.log.lines() ?? [];
  }

  followLogs(id: string, listener: (entry: LogEntry) => void, ended?: () => void): () => void {
    const container = this.containers.get(id);
    if (container?.status.state !== 'running') {
      ended?.();
      return () => {};
    }
    return container.log.follow(listener, ended);
  }

  namespaceOf(id: string): PidNamespace | undefined {
    return this.containers.get(id)?.ns;
  }

  // ---------------------------------------------------------------------------------------------

  /** What an observer is told about a request naming a sandbox or a container by id. */
  private describeSandbox(id: string): Pick<CriRequest, 'pod'> {
    const sandbox = this.sandboxes.get(id)?.sandbox;
    return sandbox ? { pod: podOf(sandbox.config) } : {};
  }

  private describeContainer(id: string): Pick<CriRequest, 'pod' | 'container'> {
    const container = this.containers.get(id);
    return container ? { pod: podOf(container.sandbox.config), container: container.config.name } : {};
  }

  /** containerd ids: 64 hex characters. */
  private newId(): string {
    return this.ids.hex(64);
  }

  private after(stage: Stage, step: () => void): void {
    this.options.clock.schedule(draw(stage, this.delays), step);
  }
}

const podOf = (config: PodSandboxConfig) => ({ namespace: config.namespace, name: config.name });

/** The image's STOPSIGNAL (nginx: SIGQUIT), SIGTERM when it names none. */
function stopSignalOf(container: Container): SignalName {
  return parseSignal(container.config.image.image.config.StopSignal) ?? 'SIGTERM';
}

