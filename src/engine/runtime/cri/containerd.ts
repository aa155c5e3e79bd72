/**
 * kubeplay's containerd: one per node, behind the CRI the kubelet talks to. The cluster shares one
 * process kernel and one network between all nodes; each node brings its own IP, pod CIDR and host
 * network namespace.
 */
import type { Clock } from '../../sim/clock';
import type { Rng } from '../../sim/rng';
import type { TimingProfile } from '../../kubelet/rules/timing';
import { imageCatalog, type ImageCatalog } from '../images/catalog';
import type { Kernel, Netns, Network } from '../process';
import { ImageStore } from './image-store';
import { CriObservers, type CriListener } from './observe';
import { CriRuntimeService } from './runtime-service';
import type { ContainerRuntime } from './types';

export interface ContainerdOptions {
  readonly clock: Clock;
  readonly rng: Rng;
  readonly kernel: Kernel;
  readonly network: Network;
  readonly nodeName: string;
  readonly nodeIP: string;
  /** The node's spec.podCIDR, e.g. `10.244.1.0/24`. */
  readonly podCIDR: string;
  /** The node's network namespace (node IP attached), shared by host-network pods. */
  readonly hostNetns: Netns;
  readonly timing: TimingProfile;
  /** The registry's contents. */
  readonly catalog?: ImageCatalog;
}

export class Containerd implements ContainerRuntime {
  readonly nodeName: string;
  readonly images: ImageStore;
  readonly runtime: CriRuntimeService;
  private readonly observers: CriObservers;

  constructor(options: ContainerdOptions) {
    const { clock, rng, timing, catalog = imageCatalog } = options;
    this.nodeName = options.nodeName;
    this.observers = new CriObservers(() => clock.now());
    this.images = new ImageStore({ clock, rng: rng.fork('images'), timing, catalog, observers: this.observers });
    this.runtime = new CriRuntimeService({ ...options, rng: rng.fork('runtime'), observers: this.observers });
  }

  /** Every CRI request made of this containerd from now on, as it is made. Returns the canceller. */
  observe(listener: CriListener): () => void {
    return this.observers.observe(listener);
  }
}
