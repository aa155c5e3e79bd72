/**
 * `GET pods/<name>/log`: which container (the apiserver's `validateContainer`), which instance
 * (the kubelet's `validateContainerLogStatus`: the running one, the last terminated one, or the
 * previous one with `previous=true`), then the lines the runtime kept, shaped by `tailLines`,
 * `sinceSeconds`/`sinceTime`, `timestamps` and `limitBytes`. The errors are the real ones, as
 * `kubectl logs` shows them after `Error from server (BadRequest): `.
 */
import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1';
import { badRequest } from '../../api/errors';
import type { ApiResponse } from '../../api/types';
import type { Clock } from '../../sim/clock';
import type { LogEntry } from '../../runtime/cri/types';

/** What the log handler needs from the kubelet about one pod. */
export interface LogSource {
  readonly pod: Pod;
  /** The container's status as the kubelet reports it now. */
  status(container: string): ContainerStatus | undefined;
  /** The runtime's log of an instance, by `containerd://…` id. */
  logs(containerID: string): readonly LogEntry[];
}

const fail = (message: string): ApiResponse<string> => ({ status: 400, body: badRequest(message) });

/** Container names in the order the apiserver lists them: init containers first. */
function containerNames(pod: Pod): string[] {
  return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? []), ...(pod.spec?.ephemeralContainers ?? [])].map((c) => c.name);
}

/** The apiserver's choice of container, or its error. */
export function chooseContainer(pod: Pod, requested: string | undefined): string | { error: string } {
  const name = pod.metadata?.name ?? '';
  if (requested) {
    return containerNames(pod).includes(requested) ? requested : { error: `container ${requested} is not valid for pod ${name}` };
  }
  const containers = pod.spec?.containers ?? [];
  if (containers.length === 1) return containers[0]!.name;
  if (containers.length === 0) return { error: `a container name must be specified for pod ${name}` };
  return { error: `a container name must be specified for pod ${name}, choose one of: [${containerNames(pod).join(' ')}]` };
}

/** The kubelet's choice of instance from the container status, or its error. */
export function chooseInstance(status: ContainerStatus | undefined, container: string, podName: string, previous: boolean): string | { error: string } {
  const state = status?.state ?? {};
  const last = status?.lastState?.terminated;
  const q = (s: string): string => JSON.stringify(s);
  if (previous) {
    if (!last?.containerID) return { error: `previous terminated container ${q(container)} in pod ${q(podName)} not found` };
    return last.containerID;
  }
  if (state.running) return status!.containerID ?? '';
  if (state.terminated) {
    if (state.terminated.containerID) return state.terminated.containerID;
    if (last?.containerID) return last.containerID;
    return { error: `container ${q(container)} in pod ${q(podName)} is terminated` };
  }
  if (last) {
    if (last.containerID) return last.containerID;
    return { error: `container ${q(container)} in pod ${q(podName)} is terminated` };
  }
  if (state.waiting) {
    const reason = state.waiting.reason ?? '';
    const why = reason === 'ErrImagePull' ? 'image can\'t be pulled' : reason === 'ImagePullBackOff' ? 'trying and failing to pull image' : reason;
    return { error: `container ${q(container)} in pod ${q(podName)} is waiting to start: ${why}` };
  }
  return { error: `container ${q(container)} in pod ${q(podName)} is waiting to start - no logs yet` };
}

const nonNegativeInt = (text: string | undefined): number | undefined => (text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined);

/** Answers a log request for one pod. */
export function podLogs(source: LogSource, query: Record<string, string>, clock: Clock): ApiResponse<string> {
  const pod = source.pod;
  const podName = pod.metadata?.name ?? '';
  const container = chooseContainer(pod, query.container);
  if (typeof container !== 'string') return fail(container.error);
  const instance = chooseInstance(source.status(container), container, podName, query.previous === 'true');
  if (typeof instance !== 'string') return fail(instance.error);

  let entries = source.logs(instance);
  const since = nonNegativeInt(query.sinceSeconds);
  const sinceMs = since !== undefined ? clock.now() - since * 1000 : query.sinceTime ? clock.toSim(query.sinceTime) : undefined;
  if (sinceMs !== undefined) entries = entries.filter((e) => e.time >= sinceMs);
  const tail = nonNegativeInt(query.tailLines);
  if (tail !== undefined) entries = tail === 0 ? [] : entries.slice(-tail);
  const timestamps = query.timestamps === 'true';
  let text = '';
  let atLineStart = true;
  for (const e of entries) {
    if (timestamps && atLineStart) text += `${nanoTimestamp(clock, e.time)} `;
    text += e.partial ? e.line : `${e.line}\n`;
    atLineStart = !e.partial;
  }
  const limit = nonNegativeInt(query.limitBytes);
  if (limit !== undefined) text = truncateBytes(text, limit);
  return { status: 200, body: text };
}

/** containerd stamps log lines with RFC 3339 nanoseconds; simulated time has millisecond grain. */
function nanoTimestamp(clock: Clock, ms: number): string {
  return `${clock.microTimestamp(ms).slice(0, -1)}000Z`;
}

/** The first `limit` bytes of UTF-8 text (never splitting a character). */
function truncateBytes(text: string, limit: number): string {
  let bytes = 0;
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    if (bytes > limit) break;
    out += ch;
  }
  return out;
}
