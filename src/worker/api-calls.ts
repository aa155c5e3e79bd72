/**
 * The creation sequence diagram's feed: what followed the learner's last kubectl command, in
 * simulated-time order — kubectl's POST, the watch events that woke the controllers, the scheduler
 * and the kubelet, their API writes (the controllers' creates, the binding, the status updates) and
 * the kubelet's CRI requests to containerd (RunPodSandbox, PullImage, CreateContainer, …).
 *
 * The recorder listens all the time, so the diagram can show a command run before its tab was
 * opened; that costs a comparison or two per request, watch delivery and CRI request (anything
 * outside a command's window is dropped first), and it keeps one bounded sequence. It is posted
 * only while the tab is shown.
 */
import type { RequestRecord, RequestListener } from '../engine/api/server';
import type { WatchDelivery } from '../engine/api/watch';
import { route, splitPath } from '../engine/api/routing';
import type { KubeObject } from '../engine/api/types';
import type { CriListener, CriMethod, CriRequest } from '../engine/runtime/cri';
import { objectKey, Wakes, type WatchNotice } from './api-calls-wakes';

export type { WatchNotice } from './api-calls-wakes';

/** A sequence keeps its first MAX_STEPS steps; later ones are only counted. */
export const MAX_STEPS = 40;
/** Calls this long (simulated ms) after the command that began the sequence belong to it. */
export const WINDOW_MS = 60_000;
/** A kubectl write after this long without one begins a new sequence (a new command). */
export const QUIET_MS = 1_000;

export interface ApiCall {
  kind: 'call';
  /** Simulated ms. */
  at: number;
  /** The order things were observed in. */
  seq: number;
  /** Who called: `kubectl`, `scheduler`, `kubelet/worker01`, `replicaset-controller`, … */
  caller: string;
  method: string;
  /** The resource's plural (`pods`, `deployments`). */
  resource: string;
  namespace?: string;
  /** The object's name (a POST's from the created object). */
  name?: string;
  /** `binding`, `status`, … */
  subresource?: string;
  /** The HTTP status the apiserver answered. */
  status: number;
}

/** A request of a kubelet to its node's containerd. */
export interface RuntimeCall {
  kind: 'cri';
  at: number;
  seq: number;
  /** `kubelet/worker01` */
  caller: string;
  node: string;
  method: CriMethod;
  /** The pod's name (not for PullImage). */
  pod?: string;
  container?: string;
  /** PullImage: the image as the pod's spec names it. */
  image?: string;
}

/** One arrow of the sequence (or two: a call that changed an object goes on to etcd). */
export type Step = ApiCall | WatchNotice | RuntimeCall;

export interface CallSequence {
  /** Increases with every new command. */
  id: number;
  startedAt: number;
  /** The last kubectl write: QUIET_MS after it, kubectl's next write begins a new sequence. */
  lastCommandAt: number;
  /** In the order observed (`seq`). */
  steps: Step[];
  /** Steps within the window beyond MAX_STEPS. */
  more: number;
}

const KUBECTL = /^kubectl\/v/;

/** The component behind a user agent, as the diagram's lanes name them. */
export function callerOf(userAgent: string | undefined): string {
  if (!userAgent) return 'unknown';
  if (KUBECTL.test(userAgent)) return 'kubectl';
  if (userAgent === 'default-scheduler' || userAgent === 'kube-scheduler') return 'scheduler';
  return userAgent;
}

/**
 * Writes that are the background hum of a running cluster, not a command's consequences: leases
 * and node status heartbeats, Events (the diagram shows the calls that change objects).
 */
const isHum = (resource: string, subresource: string | undefined): boolean =>
  resource === 'leases' || resource === 'events' || (resource === 'nodes' && subresource === 'status');

/** The drawn call a request was, or undefined for reads, discovery and the cluster's hum. */
export function toCall(record: RequestRecord, seq = 0): ApiCall | undefined {
  const { request, response } = record;
  if (request.method === 'GET') return undefined;
  const split = splitPath(request.path);
  const target = split && route(split.segments);
  if (target?.type !== 'resource' || isHum(target.resource.plural, target.subresource)) return undefined;
  const name = target.name ?? nameIn(response.status < 300 ? response.body : request.body) ?? nameIn(request.body);
  return {
    kind: 'call',
    at: record.at,
    seq,
    caller: callerOf(request.userAgent),
    method: request.method,
    resource: target.resource.plural,
    ...(target.namespace !== undefined ? { namespace: target.namespace } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(target.subresource !== undefined ? { subresource: target.subresource } : {}),
    status: response.status,
  };
}

function nameIn(body: unknown): string | undefined {
  const name = (body as { metadata?: { name?: unknown } } | undefined)?.metadata?.name;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/**
 * The sequence after `step`: kubectl writing after QUIET_MS begins a new one; any step within
 * WINDOW_MS of the beginning joins it, in `seq` order (counted once MAX_STEPS are kept); other
 * steps leave it as it is (the same object).
 */
export function addStep(sequence: CallSequence | undefined, step: Step): CallSequence | undefined {
  const fromKubectl = step.kind === 'call' && step.caller === 'kubectl';
  if (fromKubectl && (!sequence || step.at - sequence.lastCommandAt > QUIET_MS)) {
    return { id: (sequence?.id ?? 0) + 1, startedAt: step.at, lastCommandAt: step.at, steps: [step], more: 0 };
  }
  if (!sequence || step.at - sequence.startedAt > WINDOW_MS) return sequence;
  const lastCommandAt = fromKubectl ? step.at : sequence.lastCommandAt;
  if (sequence.steps.length >= MAX_STEPS) return { ...sequence, lastCommandAt, more: sequence.more + 1 };
  // Almost always the last; a watch notice goes before the steps observed after it.
  let at = sequence.steps.length;
  while (at > 0 && sequence.steps[at - 1]!.seq > step.seq) at--;
  return { ...sequence, lastCommandAt, steps: [...sequence.steps.slice(0, at), step, ...sequence.steps.slice(at)] };
}

/** Where the steps come from: the apiserver (requests and watch deliveries) and each node's containerd. */
export interface SequenceSources {
  readonly api: {
    onRequest(listener: RequestListener): () => void;
    readonly watches: { observe(listener: (delivery: WatchDelivery) => void): () => void };
  };
  readonly runtimes: Iterable<{ readonly nodeName: string; observe(listener: CriListener): () => void }>;
}

/** Keeps the last command's sequence; `take` hands it out when it changed and the diagram is shown. */
export class ApiCallRecorder {
  private sequence: CallSequence | undefined;
  private wakes = new Wakes();
  private seq = 0;
  private shown = false;
  private changed = false;
  private readonly cancels: (() => void)[];

  constructor(sources: SequenceSources) {
    this.cancels = [
      sources.api.onRequest((record) => this.request(record)),
      sources.api.watches.observe((delivery) => this.delivery(delivery)),
      ...[...sources.runtimes].map((runtime) => runtime.observe((request) => this.runtime(runtime.nodeName, request))),
    ];
  }

  stop(): void {
    for (const cancel of this.cancels) cancel();
  }

  /** Showing the diagram sends the current sequence at once. */
  show(on: boolean): void {
    this.changed = on && this.sequence !== undefined;
    this.shown = on;
  }

  take(): CallSequence | undefined {
    if (!this.shown || !this.changed) return undefined;
    this.changed = false;
    return this.sequence;
  }

  private open(at: number): boolean {
    return this.sequence !== undefined && at - this.sequence.startedAt <= WINDOW_MS;
  }

  private request(record: RequestRecord): void {
    // The cheap tests first: most requests are reads, and most writes come outside a command's window.
    if (record.request.method === 'GET') return;
    if (!this.open(record.at) && !KUBECTL.test(record.request.userAgent ?? '')) return;
    const call = toCall(record, this.seq++);
    if (!call || !this.add(call) || call.name === undefined) return;
    const key = objectKey(call.resource, call.namespace, call.name);
    this.wakes.wrote(key, call.caller, objectIn(record));
    this.wake(call.caller, key, call.method === 'POST' && call.subresource === undefined);
  }

  private delivery(delivery: WatchDelivery): void {
    if (this.open(delivery.at)) this.wakes.delivered(delivery, this.seq++);
  }

  private runtime(node: string, request: CriRequest): void {
    if (!this.open(request.at)) return;
    const caller = `kubelet/${node}`;
    const pod = request.pod && objectKey('pods', request.pod.namespace, request.pod.name);
    const key = pod ?? (request.image !== undefined ? this.wakes.podPulling(node, request.image) : undefined);
    if (key === undefined || !this.wakes.has(key)) return;
    if (request.method === 'RunPodSandbox') this.wakes.placed(key, node);
    const step: RuntimeCall = {
      kind: 'cri',
      at: request.at,
      seq: this.seq++,
      caller,
      node,
      method: request.method,
      ...(request.pod ? { pod: request.pod.name } : {}),
      ...(request.container !== undefined ? { container: request.container } : {}),
      ...(request.image !== undefined ? { image: request.image } : {}),
    };
    if (this.add(step)) this.wake(caller, key, false);
  }

  /** The watch event that woke `caller` to act on `key`, if one is held. */
  private wake(caller: string, key: string, creating: boolean): void {
    const notice = this.wakes.woke(caller, key, creating);
    if (notice) this.add(notice);
  }

  /** Whether the step belongs to the sequence (kept or counted). */
  private add(step: Step): boolean {
    const next = addStep(this.sequence, step);
    if (next === this.sequence) return false;
    if (next!.id !== this.sequence?.id) this.wakes = new Wakes();
    this.sequence = next;
    this.changed = true;
    return true;
  }
}

/** The object a write carried: the created one as stored, else what was sent. */
function objectIn(record: RequestRecord): KubeObject | undefined {
  const body = record.response.status < 300 && record.request.method !== 'DELETE' ? record.response.body : record.request.body;
  return (body as KubeObject | undefined)?.metadata ? (body as KubeObject) : undefined;
}
