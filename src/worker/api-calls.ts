/**
 * The creation sequence diagram's feed: the API writes that followed the learner's last kubectl
 * command — kubectl's POST, the controllers' creates, the scheduler's binding, the kubelet's status
 * patches — in simulated-time order, as the apiserver saw them (`ApiServer.onRequest`).
 *
 * The recorder listens all the time, so the diagram can show a command run before its tab was
 * opened; that costs a comparison or two per request (reads and calls outside a command's window
 * are dropped first), and it keeps one bounded sequence. It is posted only while the tab is shown.
 */
import type { RequestRecord, RequestListener } from '../engine/api/server';
import { route, splitPath } from '../engine/api/routing';

/** A sequence keeps its first MAX_CALLS calls; later ones are only counted. */
export const MAX_CALLS = 40;
/** Calls this long (simulated ms) after the command that began the sequence belong to it. */
export const WINDOW_MS = 60_000;
/** A kubectl write after this long without one begins a new sequence (a new command). */
export const QUIET_MS = 1_000;

export interface ApiCall {
  /** Simulated ms. */
  at: number;
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

export interface CallSequence {
  /** Increases with every new command. */
  id: number;
  startedAt: number;
  /** The last kubectl write: QUIET_MS after it, kubectl's next write begins a new sequence. */
  lastCommandAt: number;
  calls: ApiCall[];
  /** Calls within the window beyond MAX_CALLS. */
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
export function toCall(record: RequestRecord): ApiCall | undefined {
  const { request, response } = record;
  if (request.method === 'GET') return undefined;
  const split = splitPath(request.path);
  const target = split && route(split.segments);
  if (target?.type !== 'resource' || isHum(target.resource.plural, target.subresource)) return undefined;
  const name = target.name ?? nameIn(response.status < 300 ? response.body : request.body) ?? nameIn(request.body);
  return {
    at: record.at,
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
 * The sequence after `call`: kubectl writing after QUIET_MS begins a new one; any call within
 * WINDOW_MS of the beginning joins it (counted once MAX_CALLS are kept); other calls leave it as
 * it is (the same object).
 */
export function addCall(sequence: CallSequence | undefined, call: ApiCall): CallSequence | undefined {
  const fromKubectl = call.caller === 'kubectl';
  if (fromKubectl && (!sequence || call.at - sequence.lastCommandAt > QUIET_MS)) {
    return { id: (sequence?.id ?? 0) + 1, startedAt: call.at, lastCommandAt: call.at, calls: [call], more: 0 };
  }
  if (!sequence || call.at - sequence.startedAt > WINDOW_MS) return sequence;
  const lastCommandAt = fromKubectl ? call.at : sequence.lastCommandAt;
  if (sequence.calls.length >= MAX_CALLS) return { ...sequence, lastCommandAt, more: sequence.more + 1 };
  return { ...sequence, lastCommandAt, calls: [...sequence.calls, call] };
}

export interface RequestSource {
  onRequest(listener: RequestListener): () => void;
}

/** Keeps the last command's sequence; `take` hands it out when it changed and the diagram is shown. */
export class ApiCallRecorder {
  private sequence: CallSequence | undefined;
  private shown = false;
  private changed = false;
  readonly stop: () => void;

  constructor(api: RequestSource) {
    this.stop = api.onRequest((record) => this.record(record));
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

  private record(record: RequestRecord): void {
    // The cheap tests first: most requests are reads, and most writes come outside a command's window.
    if (record.request.method === 'GET') return;
    const open = this.sequence !== undefined && record.at - this.sequence.startedAt <= WINDOW_MS;
    if (!open && !KUBECTL.test(record.request.userAgent ?? '')) return;
    const call = toCall(record);
    if (!call) return;
    const next = addCall(this.sequence, call);
    if (next === this.sequence) return;
    this.sequence = next;
    this.changed = true;
  }
}
