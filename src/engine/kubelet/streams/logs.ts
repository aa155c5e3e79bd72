/**
 * `GET pods/<name>/log`: which container (the apiserver's `validateContainer`), which instance
 * (the kubelet's `validateContainerLogStatus`: the running one, the last terminated one, or the
 * previous one with `previous=true`), then the lines the runtime kept, shaped by `tailLines`,
 * `sinceSeconds`/`sinceTime`, `timestamps` and `limitBytes`. The errors are the real ones, as
 * `kubectl logs` shows them after `Error from server (BadRequest): `. With `follow=true` the
 * answer goes on as the container writes (see `podLogs`).
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
  /** The instance's entries as they are logged, until it exits (`ended`); returns a canceller. */
  follow(containerID: string, listener: (entry: LogEntry) => void, ended: () => void): () => void;
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

/**
 * Answers a log request for one pod. With `follow=true` and the instance running, the answer's
 * `stream` carries what the container writes next, until it exits (the stream of an instance
 * that is restarted ends with it) or `limitBytes` is reached, as the kubelet's ReadLogs does.
 */
export function podLogs(source: LogSource, query: Record<string, string>, clock: Clock): ApiResponse<string> {
  const pod = source.pod;
  const podName = pod.metadata?.name ?? '';
  const container = chooseContainer(pod, query.container);
  if (typeof container !== 'string') return fail(container.error);
  const status = source.status(container);
  const instance = chooseInstance(status, container, podName, query.previous === 'true');
  if (typeof instance !== 'string') return fail(instance.error);

  let entries = source.logs(instance);
  const since = nonNegativeInt(query.sinceSeconds);
  const sinceMs = since !== undefined ? clock.now() - since * 1000 : query.sinceTime ? clock.toSim(query.sinceTime) : undefined;
  if (sinceMs !== undefined) entries = entries.filter((e) => e.time >= sinceMs);
  const tail = nonNegativeInt(query.tailLines);
  if (tail !== undefined) entries = tail === 0 ? [] : entries.slice(-tail);
  const writer = new LogWriter(clock, query.timestamps === 'true', nonNegativeInt(query.limitBytes));
  const body = writer.write(entries);
  const running = status?.state?.running !== undefined && status.containerID === instance;
  if (query.follow !== 'true' || !running || writer.full) return { status: 200, body };
  return { status: 200, body, stream: { open: (data, end) => followInstance(source, instance, writer, data, end) } };
}

/** Passes on what the instance logs next, until it exits or the byte limit is reached. */
function followInstance(source: LogSource, instance: string, writer: LogWriter, data: (chunk: string) => void, end: () => void): () => void {
  let open = true;
  // The runtime may say at once that the instance has exited, before `follow` has returned.
  const subscription = { stop: () => {} };
  const hangUp = (): void => {
    open = false;
    subscription.stop();
  };
  const finish = (): void => {
    if (!open) return;
    hangUp();
    end();
  };
  subscription.stop = source.follow(
    instance,
    (entry) => {
      const text = writer.write([entry]);
      if (text !== '') data(text);
      if (writer.full) finish();
    },
    finish,
  );
  if (!open) subscription.stop();
  return hangUp;
}

/**
 * Log entries as the text of a log answer: each line with its newline (a partial entry without),
 * a timestamp before each line when asked, and `limitBytes` counted over everything written, the
 * part already sent and what follows.
 */
class LogWriter {
  private atLineStart = true;
  private remaining: number;
  /** The byte limit was reached: nothing more is written. */
  full: boolean;

  constructor(
    private readonly clock: Clock,
    private readonly timestamps: boolean,
    limit: number | undefined,
  ) {
    this.remaining = limit ?? Infinity;
    this.full = this.remaining <= 0;
  }

  write(entries: readonly LogEntry[]): string {
    let text = '';
    for (const e of entries) {
      if (this.timestamps && this.atLineStart) text += `${nanoTimestamp(this.clock, e.time)} `;
      text += e.partial ? e.line : `${e.line}\n`;
      this.atLineStart = !e.partial;
    }
    if (this.remaining === Infinity || this.full) return this.full ? '' : text;
    const kept = truncateBytes(text, this.remaining);
    this.remaining -= kept.bytes;
    this.full = this.remaining <= 0 || kept.text.length < text.length;
    return kept.text;
  }
}

/** containerd stamps log lines with RFC 3339 nanoseconds; simulated time has millisecond grain. */
function nanoTimestamp(clock: Clock, ms: number): string {
  return `${clock.microTimestamp(ms).slice(0, -1)}000Z`;
}

/** The first `limit` bytes of UTF-8 text (never splitting a character), and their count. */
function truncateBytes(text: string, limit: number): { text: string; bytes: number } {
  let bytes = 0;
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    const size = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    if (bytes + size > limit) break;
    bytes += size;
    out += ch;
  }
  return { text: out, bytes };
}
