/**
 * Restart and image-pull back-off, modelled on client-go `flowcontrol.Backoff` as the kubelet
 * uses it (no jitter): an entry per key holds the current window and when it was last bumped.
 *
 * Container restarts (kubelet `doBackOff`): the first exit restarts immediately and creates a
 * 10 s entry; each later exit waits out the current window (CrashLoopBackOff) measured from the
 * container's finishedAt, and the restart then doubles the window, capped at 300 s. Waits between
 * restarts are therefore 0, 10, 20, 40, 80, 160, 300, 300 … s. If the container ran more than
 * 2 × cap = 10 min since the last bump, the entry is stale and everything starts over.
 *
 * Image pulls use the same entries but measure from the last bump instead of an exit time.
 *
 * Entries are plain immutable values: the caller keeps a map from key to entry.
 */
import type { SimMillis } from '../../sim/clock';
import { formatGoDuration } from './duration';

export { formatGoDuration } from './duration';

export interface BackoffPolicy {
  /** `backOffPeriod` in the kubelet: the first window. */
  readonly initialMs: number;
  /** `MaxContainerBackOff`: windows double up to here. */
  readonly maxMs: number;
}

export const CONTAINER_RESTART_BACKOFF: BackoffPolicy = { initialMs: 10_000, maxMs: 300_000 };
export const IMAGE_PULL_BACKOFF: BackoffPolicy = { initialMs: 10_000, maxMs: 300_000 };

export interface BackoffEntry {
  /** Current window length. */
  readonly backoffMs: number;
  /** When the window was last created or doubled. */
  readonly lastUpdate: SimMillis;
}

/** client-go `hasExpired`: an entry untouched for more than twice the cap is forgotten. */
export function isExpired(policy: BackoffPolicy, entry: BackoffEntry, eventTime: SimMillis): boolean {
  return eventTime - entry.lastUpdate > 2 * policy.maxMs;
}

/** client-go `Next`: create (or reset) the entry at the initial window, else double it up to the cap. */
export function bumpBackoff(
  policy: BackoffPolicy,
  entry: BackoffEntry | undefined,
  eventTime: SimMillis,
  now: SimMillis,
): BackoffEntry {
  if (entry === undefined || isExpired(policy, entry, eventTime)) return { backoffMs: policy.initialMs, lastUpdate: now };
  return { backoffMs: Math.min(entry.backoffMs * 2, policy.maxMs), lastUpdate: now };
}

/** client-go `IsInBackOffSince`: is `now` still inside the window that opened at `eventTime`? */
export function isInBackOffSince(
  policy: BackoffPolicy,
  entry: BackoffEntry | undefined,
  eventTime: SimMillis,
  now: SimMillis,
): boolean {
  if (entry === undefined || isExpired(policy, entry, eventTime)) return false;
  return now - eventTime < entry.backoffMs;
}

/** client-go `IsInBackOffSinceUpdate`: the image puller's check, measured from the last bump. */
export function isInBackOffSinceUpdate(policy: BackoffPolicy, entry: BackoffEntry | undefined, now: SimMillis): boolean {
  if (entry === undefined || isExpired(policy, entry, now)) return false;
  return now - entry.lastUpdate < entry.backoffMs;
}

export type RestartDecision =
  | { readonly kind: 'restart'; readonly entry: BackoffEntry }
  | { readonly kind: 'wait'; readonly until: SimMillis; readonly backoffMs: number };

/**
 * The kubelet's `doBackOff` for one exited container. `finishedAt` is the exit time of the
 * previous run. A `wait` means: report Waiting/CrashLoopBackOff and look again at `until`.
 */
export function decideRestart(
  entry: BackoffEntry | undefined,
  finishedAt: SimMillis,
  now: SimMillis,
  policy: BackoffPolicy = CONTAINER_RESTART_BACKOFF,
): RestartDecision {
  if (entry !== undefined && isInBackOffSince(policy, entry, finishedAt, now)) {
    return { kind: 'wait', until: (finishedAt + entry.backoffMs) as SimMillis, backoffMs: entry.backoffMs };
  }
  return { kind: 'restart', entry: bumpBackoff(policy, entry, finishedAt, now) };
}

/** `format.Pod`: how the kubelet names a pod in messages. */
export function formatPod(pod: { name: string; namespace: string; uid: string }): string {
  return `${pod.name}_${pod.namespace}(${pod.uid})`;
}

/** Waiting message of a container in CrashLoopBackOff, e.g. `back-off 20s restarting failed container=c pod=p_ns(uid)`. */
export function crashLoopBackOffMessage(
  backoffMs: number,
  container: string,
  pod: { name: string; namespace: string; uid: string },
): string {
  return `back-off ${formatGoDuration(backoffMs)} restarting failed container=${container} pod=${formatPod(pod)}`;
}

/** Warning event `BackOff` the kubelet emits alongside (1.26+ wording). */
export function crashLoopBackOffEventMessage(container: string, pod: { name: string; namespace: string; uid: string }): string {
  return `Back-off restarting failed container ${container} in pod ${formatPod(pod)}`;
}

/** Waiting message for ImagePullBackOff, and the text of the `BackOff` event. */
export function imagePullBackOffMessage(image: string): string {
  return `Back-off pulling image "${image}"`;
}
