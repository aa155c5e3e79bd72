/**
 * One simulated machine of the cluster: its network namespace on the node IP, a host PID
 * namespace for the kubelet's own processes, containerd, and the kubelet. Every machine shares
 * the cluster's kernel (the process scheduler on the simulated clock) and network.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { ControllerContext } from '../controllers/framework/context';
import { setUpNodeNetwork } from '../runtime/cni/flannel';
import { Containerd } from '../runtime/cri';
import type { ImageCatalog } from '../runtime/images/catalog';
import { Netns, PidNamespace, type Kernel, type ListenerFile, type Network } from '../runtime/process';
import { SSH_PORT } from '../cluster/node-login';
import { Kubelet } from './kubelet';
import { startNodeDaemons } from './node-daemons';
import { NODE_PROGRAMS, nodeRootFs, type LabHost } from './node-os';
import type { ClusterDns } from './rules/dns';
import type { TimingProfile } from './rules/timing';

export interface MachineSpec {
  readonly name: string;
  readonly ip: string;
  readonly podCIDR: string;
}

export interface MachineOptions {
  readonly kernel: Kernel;
  readonly network: Network;
  readonly timing: TimingProfile;
  /** The Node the kubelet registers. */
  readonly register?: Node;
  /** Manifests in the kubelet's static pod directory. */
  readonly staticPods?: readonly Pod[];
  readonly clusterDns?: ClusterDns;
  /** Every machine of the lab, for /etc/hosts (default: just this one). */
  readonly lab?: readonly LabHost[];
  /** The registry's contents (tests use their own). */
  readonly catalog?: ImageCatalog;
  /** containerd's CNI config directory: the pod network is ready once a config is there (default: no plugin needed). */
  readonly cniConfDir?: string;
}

export interface Machine {
  readonly kubelet: Kubelet;
  readonly containerd: Containerd;
  /** The node's own network namespace (host-network pods share it). */
  readonly hostNetns: Netns;
  /** The node's own processes (its shell, the kubelet's probes) and root filesystem. */
  readonly host: PidNamespace;
  /** sshd's listening socket on port 22 (logins themselves: `engine/cluster/node-login.ts`). */
  readonly sshd: ListenerFile;
}

/**
 * Builds the machine; the kubelet is started by the caller. `component` contexts: the kubelet's
 * client is `kubelet/<node>`, containerd draws from its own fork of the seed.
 */
export function bootMachine(spec: MachineSpec, ctx: ControllerContext, options: MachineOptions): Machine {
  const hostNetns = new Netns(spec.name, [spec.ip]);
  options.network.attach(spec.ip, hostNetns);
  setUpNodeNetwork(hostNetns, options.network, spec);
  const containerd = new Containerd({
    clock: ctx.clock,
    rng: ctx.rng.fork('containerd'),
    kernel: options.kernel,
    network: options.network,
    nodeName: spec.name,
    nodeIP: spec.ip,
    podCIDR: spec.podCIDR,
    hostNetns,
    timing: options.timing,
    ...(options.catalog ? { catalog: options.catalog } : {}),
  });
  const host = new PidNamespace(`host/${spec.name}`, spec.name, nodeRootFs({ name: spec.name, ip: spec.ip }, options.lab ?? [{ name: spec.name, ip: spec.ip }]), NODE_PROGRAMS, hostNetns);
  startNodeDaemons(options.kernel, host, (namespace, name) => kubelet.hasPod(namespace, name));
  // The kubelet's probes are its goroutines: no PIDs of the host's, nothing `ps` shows.
  const goroutines = new PidNamespace(`kubelet/${spec.name}`, spec.name, host.fs, NODE_PROGRAMS, hostNetns);
  goroutines.parent = null;
  const kubelet: Kubelet = new Kubelet(ctx, spec.name, {
    register: options.register,
    runtime: containerd,
    host: { kernel: options.kernel, ns: goroutines },
    timing: options.timing,
    staticPods: options.staticPods,
    clusterDns: options.clusterDns,
    // `--resolv-conf=/etc/resolv.conf`: what dnsPolicy Default pods (CoreDNS among them) get.
    nodeResolvConf: host.fs.readFile('/etc/resolv.conf'),
    cniConfDir: options.cniConfDir,
  });
  const sshd = hostNetns.listen(SSH_PORT).retain();
  return { kubelet, containerd, hostNetns, host, sshd };
}
