/**
 * A whole simulated cluster: one apiserver, the scheduler, the controller-manager's control loops
 * and a machine per node — containerd and a kubelet, on one process kernel and one network — all
 * on one simulated clock and one seed. `Cluster.create()` plays what `kubeadm init` + `kubeadm
 * join` do: master01's kubelet starts the control plane from its static pod manifests, and the
 * controllers bring the kube-system addons up.
 */
import { Clock } from '../sim/clock';
import { Rng } from '../sim/rng';
import { ApiServer } from '../api/server';
import { resourceFor, type ResourceInfo } from '../api/resources';
import type { KubeObject } from '../api/types';
import { ApiClient } from '../client/client';
import { SharedInformers } from '../client/informer';
import type { Client } from '../client/types';
import { EventRecorder } from '../controllers/framework/recorder';
import type { Controller, ControllerContext } from '../controllers/framework/context';
import { defaultLayout, KUBERNETES_VERSION, NETWORK, type NodeSpec } from './layout';
import { CONTROLLER_MANAGER, type ControllerFactory } from './components';
import { bootSchedule, KUBEADM_TIMING } from './kubeadm-timing';
import { Scheduler } from '../scheduler/scheduler';
import type { Kubelet } from '../kubelet/kubelet';
import { bootMachine, type Machine } from '../kubelet/machine';
import { DEFAULT_TIMING, type TimingProfile } from '../kubelet/rules/timing';
import { podStreamHandlers } from '../kubelet/streams/handlers';
import { Kernel, Network } from '../runtime/process';
import { lanGateway, routeToPeers } from '../runtime/cni/flannel';
import { NODE_LOGIN, nodeLogin } from './node-login';
import { startLabGateway, type LabGateway } from './lab-gateway';
import { CNI_CONF_DIR, flannelManifests } from './flannel-manifests';
import type { LabHost } from '../kubelet/node-os';
import { Netfilter, NETFILTER } from '../network/netfilter/netfilter';
import { KubeProxy } from '../network/kube-proxy/proxier';
import { ClusterZone, CLUSTER_DNS } from '../network/dns/zone';
import { programRegistry } from '../../userland/registry';
import { MasterEndpointsReconciler } from '../controllers/endpoints/master';
import { apiGateway, KUBE_API } from '../api/gateway';
import { installAdminKubeconfig } from '../kubelet/node-os';
import * as manifests from './manifests';
import type { ClusterSnapshot } from './snapshot';
import { restoreDisk } from './snapshot-files';

export interface ClusterOptions {
  /** One seed, one cluster: names, IPs and timings all follow from it. Default 1. */
  seed?: number;
  /** Number of worker nodes beside master01 (default 2, as in the tutorial). */
  workers?: number;
  /** Full control over the machines instead of `workers`. */
  layout?: NodeSpec[];
  /** Wall-clock instant (Unix ms) that simulated time 0 stands for, used in timestamps. */
  epochMs?: number;
  /** Simulated time to let the fresh cluster settle before it is handed over (default: until quiet). */
  settleMs?: number;
  /** How long node work takes: pulls, container starts (default DEFAULT_TIMING). */
  timing?: TimingProfile;
  /**
   * Come back from a snapshot (`snapshot.ts`, validated) instead of playing kubeadm: the stored
   * objects and the nodes' disks as they were, every node booting at once as after a power cut.
   */
  restore?: ClusterSnapshot;
}

export const KUBECTL_USER_AGENT = `kubectl/${KUBERNETES_VERSION} (linux/amd64) kubernetes/kubeplay`;

export class Cluster {
  readonly seed: number;
  readonly clock: Clock;
  readonly rng: Rng;
  readonly api: ApiServer;
  readonly nodes: readonly NodeSpec[];
  readonly controllers: Controller[] = [];
  readonly kubelets = new Map<string, Kubelet>();
  /** Each node's machine: its containerd and host network namespace. */
  readonly machines = new Map<string, Machine>();
  /** Every process of every container and node runs on this kernel. */
  readonly kernel: Kernel;
  readonly network: Network;
  /** Each node's iptables tables, as its kube-proxy writes them. */
  readonly netfilters = new Map<string, Netfilter>();
  /** The lab's router: the nodes' gateway and nameserver, outside Kubernetes. */
  labGateway!: LabGateway;
  private readonly timing: TimingProfile;

  private constructor(options: ClusterOptions) {
    this.seed = options.seed ?? 1;
    this.clock = new Clock(options.epochMs);
    // A restored cluster draws fresh names and ids, not the ones its first life already used.
    this.rng = options.restore ? new Rng(this.seed).fork(`restore@${options.restore.resourceVersion}`) : new Rng(this.seed);
    this.api = new ApiServer({ clock: this.clock, rng: this.rng.fork('apiserver') });
    this.nodes = options.layout ?? defaultLayout(options.workers ?? 2);
    this.timing = options.timing ?? DEFAULT_TIMING;
    this.network = new Network(() => this.clock.now());
    this.kernel = new Kernel(this.clock, programRegistry, this.network);
    this.api.setPodStreamHandlers(podStreamHandlers(() => this.kubelets.values()));
  }

  static create(options: ClusterOptions = {}): Cluster {
    const cluster = new Cluster(options);
    if (options.restore) cluster.reboot(options.restore);
    else cluster.bootstrap();
    if (options.settleMs !== undefined) cluster.clock.advance(options.settleMs);
    else cluster.clock.runUntilQuiet(600_000);
    return cluster;
  }

  /** A client for a program or person, e.g. kubectl in the terminal. */
  client(userAgent = KUBECTL_USER_AGENT): Client {
    return new ApiClient(this.api, userAgent);
  }

  /** Every component gets its own client (so its calls are labelled) and a forked rng. */
  private context(component: string, informers: SharedInformers): ControllerContext {
    const client = this.client(component);
    return {
      clock: this.clock,
      rng: this.rng.fork(component),
      client,
      informers,
      recorder: (source) => new EventRecorder(client, this.clock, source),
    };
  }

  private get master(): NodeSpec {
    return this.nodes.find((n) => n.controlPlane) ?? this.nodes[0]!;
  }

  private bootstrap(): void {
    const admin = this.client('kubeadm');
    const must = <T extends KubeObject>(resource: ResourceInfo, obj: T): void => {
      const result = admin.create(resource, obj);
      if (!result.ok) throw new Error(`bootstrap: ${result.status.message}`);
    };
    const r = (group: string, plural: string): ResourceInfo => resourceFor(group, plural)!;

    // The apiserver's own bootstrap: system namespaces and the `kubernetes` Service.
    for (const ns of manifests.SYSTEM_NAMESPACES) must(r('', 'namespaces'), manifests.namespace(ns));
    const master = this.master;
    must(r('', 'services'), manifests.kubernetesService());
    this.startControlPlane();
    this.bootMachines();

    // `kubeadm init` on master01: pull the control plane's images, start the kubelet (which runs
    // the static pods), wait for the control plane, deploy the addons; then the administrator
    // applies kube-flannel.yml (the nodes are NotReady until flannel has installed its CNI
    // config on them) and runs `kubeadm join` on each worker, one after another.
    const masterMachine = this.machines.get(master.name)!;
    const workers = this.nodes.filter((n) => n !== master);
    const schedule = bootSchedule(KUBEADM_TIMING, this.rng.fork('kubeadm'), workers.length);
    prePull(masterMachine, manifests.kubeadmImages(master), () => {
      masterMachine.kubelet.start();
      this.clock.schedule(schedule.addonsMs, () => {
        must(r('', 'serviceaccounts'), manifests.serviceAccount('kube-system', 'coredns'));
        must(r('', 'serviceaccounts'), manifests.serviceAccount('kube-system', 'kube-proxy'));
        must(r('', 'configmaps'), manifests.corednsConfigMap());
        must(r('', 'configmaps'), manifests.kubeProxyConfigMap(master));
        must(r('', 'services'), manifests.kubeDnsService());
        must(r('apps', 'deployments'), manifests.corednsDeployment());
        must(r('apps', 'daemonsets'), manifests.kubeProxyDaemonSet());
      });
      this.clock.schedule(schedule.cniMs, () => {
        for (const { resource: [group, plural], object } of flannelManifests()) must(r(group, plural), object);
      });
      workers.forEach((spec, i) => this.clock.schedule(schedule.joinMs[i]!, () => this.machines.get(spec.name)!.kubelet.start()));
    });
    this.startNetworking();
    this.startKubectlAccess(master);
  }

  /**
   * The cluster after a power cut: etcd's objects and the nodes' disks are as they were, time goes
   * on from the snapshot's, and every machine boots at once — no kubeadm, nothing created again.
   * Each kubelet starts once its machine has loaded its image cache, finds the pods bound to it and
   * starts their containers in new sandboxes; controllers see the objects they left.
   */
  private reboot(snapshot: ClusterSnapshot): void {
    this.clock.advance(snapshot.simTimeMs);
    this.api.store.load(
      snapshot.objects.map(({ group, plural, object }) => ({ resource: resourceFor(group, plural)!, object })),
      snapshot.resourceVersion,
    );
    this.startControlPlane();
    this.bootMachines();
    this.startNetworking();
    this.startKubectlAccess(this.master);
    for (const { name, images, disk } of snapshot.nodes) {
      const machine = this.machines.get(name)!;
      restoreDisk(machine.host.fs, disk);
      prePull(machine, images, () => machine.kubelet.start());
    }
  }

  /** The apiserver's own loops, the controller-manager's and the scheduler. */
  private startControlPlane(): void {
    const master = this.master;
    const apiserverInformers = new SharedInformers(this.client('kube-apiserver'));
    this.startAll(
      [{ component: 'kube-apiserver', create: (ctx) => new MasterEndpointsReconciler(ctx, { apiserverIP: master.internalIP }) }],
      (name) => this.context(name, apiserverInformers),
    );
    apiserverInformers.start();

    // The control plane's own loops. (On a real master they run in the static pods below; here the
    // engine is the control plane, so they answer from the start — kubectl has nowhere to run yet.)
    const managerInformers = new SharedInformers(this.client('kube-controller-manager'));
    this.startAll(CONTROLLER_MANAGER, (name) => this.context(name, managerInformers));
    managerInformers.start();

    const schedulerInformers = new SharedInformers(this.client('kube-scheduler'));
    this.startAll([{ component: 'default-scheduler', create: (ctx) => new Scheduler(ctx) }], (name) => this.context(name, schedulerInformers));
    schedulerInformers.start();
  }

  private bootMachines(): void {
    const master = this.master;
    // Every machine is on the network from the start; its kubelet registers the Node
    // (`kubelet --register-node`) when kubeadm starts it and heartbeats from then on.
    for (const spec of this.nodes) {
      const component = `kubelet/${spec.name}`;
      const machine = bootMachine({ name: spec.name, ip: spec.internalIP, podCIDR: spec.podCIDR }, this.context(component, new SharedInformers(this.client(component))), {
        kernel: this.kernel,
        network: this.network,
        timing: this.timing,
        register: manifests.node(spec, this.machineIds()),
        staticPods: spec === master ? manifests.staticPods(master) : undefined,
        clusterDns: { serverIP: NETWORK.dnsServiceIP, domain: NETWORK.clusterDomain },
        lab: this.labHosts(),
        cniConfDir: CNI_CONF_DIR,
      });
      this.machines.set(spec.name, machine);
      this.kubelets.set(spec.name, machine.kubelet);
    }
  }

  /** kubectl's way in: the apiserver for programs, and the kubeconfig `kubeadm init` leaves on the control plane. */
  private startKubectlAccess(master: NodeSpec): void {
    this.kernel.provide(KUBE_API, apiGateway(this.api));
    installAdminKubeconfig(this.machines.get(master.name)!.host.fs, { name: master.name, ip: master.internalIP }, this.clock.now());
  }

  /**
   * What makes Services and DNS work on every node: the VXLAN routes to the other nodes' pods, the
   * node's netfilter tables in the packet path (flanneld adds its masquerade rules when it starts),
   * a kube-proxy writing them, and CoreDNS's view of the cluster for the coredns pods to answer from.
   */
  private startNetworking(): void {
    for (const spec of this.nodes) {
      const machine = this.machines.get(spec.name)!;
      routeToPeers(machine.hostNetns, this.nodes.filter((n) => n !== spec).map((n) => ({ ip: n.internalIP, podCIDR: n.podCIDR })));
      const netfilter = new Netfilter({
        isLocal: (ip) => ip.startsWith('127.') || machine.hostNetns.addresses.includes(ip),
        now: () => this.clock.now(),
        rng: this.rng.fork(`netfilter/${spec.name}`),
      });
      this.netfilters.set(spec.name, netfilter);
      this.network.addNode(machine.hostNetns, netfilter);
      const component = `kube-proxy/${spec.name}`;
      const informers = new SharedInformers(this.client(component));
      const proxy = new KubeProxy(this.context(component, informers), { nodeName: spec.name, clusterCIDR: NETWORK.clusterCIDR }, netfilter);
      this.controllers.push(proxy);
      proxy.start();
      informers.start();
    }
    const master = this.nodes.find((n) => n.controlPlane) ?? this.nodes[0]!;
    this.labGateway = startLabGateway(this.kernel, this.network, this.labHosts(), lanGateway(master.internalIP));
    this.kernel.provide(NODE_LOGIN, nodeLogin(this.kernel, this.network, () => this.machines.values()));
    this.kernel.provide(NETFILTER, (netns) => (this.machines.get(netns.node)?.hostNetns === netns ? this.netfilters.get(netns.node) : undefined));

    const informers = new SharedInformers(this.client('coredns'));
    const zone = new ClusterZone(this.context('coredns', informers), {
      domain: NETWORK.clusterDomain,
      publish: (event) => this.network.publish(event),
    });
    zone.start();
    informers.start();
    this.kernel.provide(CLUSTER_DNS, zone);
  }

  /** The lab's machines by name and address (/etc/hosts on every node and on the router). */
  private labHosts(): LabHost[] {
    return this.nodes.map((n) => ({ name: n.name, ip: n.internalIP }));
  }

  private machineIds(): manifests.MachineIds {
    const uuid = (): string => [8, 4, 4, 4, 12].map((n) => this.rng.hex(n)).join('-');
    return { machineID: this.rng.hex(32), systemUUID: uuid(), bootID: uuid() };
  }

  private startAll(factories: readonly ControllerFactory[], context: (name: string) => ControllerContext): void {
    for (const factory of factories) {
      const controller = factory.create(context(factory.component));
      this.controllers.push(controller);
      controller.start();
    }
  }
}

/** kubeadm's preflight `kubeadm config images pull`: the images one after another, then `done`. */
function prePull(machine: Machine, images: readonly string[], done: () => void): void {
  const next = (i: number): void => {
    if (i === images.length) return done();
    machine.containerd.images.pullImage(images[i]!, () => next(i + 1));
  };
  next(0);
}
