/**
 * Watching the CRI from outside: each request the kubelet makes of containerd, named as the CRI
 * names its methods (what `crictl` and containerd's log call them), for the creation sequence
 * diagram. Nothing is built while nobody listens.
 */
export type CriMethod =
  | 'RunPodSandbox'
  | 'StopPodSandbox'
  | 'RemovePodSandbox'
  | 'PullImage'
  | 'CreateContainer'
  | 'StartContainer'
  | 'StopContainer'
  | 'RemoveContainer';

/** One CRI request, observed when it is made (its answer comes later, on the clock). */
export interface CriRequest {
  readonly method: CriMethod;
  /** Simulated ms. */
  readonly at: number;
  /** The pod of the sandbox the request concerns; a PullImage names none (the kubelet pulls per image). */
  readonly pod?: { readonly namespace: string; readonly name: string };
  /** The container's name, for container requests. */
  readonly container?: string;
  /** PullImage: the image as the kubelet asked for it. */
  readonly image?: string;
}

export type CriListener = (request: CriRequest) => void;

/** The listeners of one containerd; its image and runtime services publish through it. */
export class CriObservers {
  private readonly listeners = new Set<CriListener>();

  constructor(private readonly now: () => number) {}

  observe(listener: CriListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** `describe` runs only when someone listens. */
  publish(method: CriMethod, describe?: () => Omit<CriRequest, 'method' | 'at'> | undefined): void {
    if (this.listeners.size === 0) return;
    const request: CriRequest = { method, at: this.now(), ...describe?.() };
    for (const listener of this.listeners) listener(request);
  }
}
