/**
 * `endpoints.kubernetes.io/last-change-trigger-time`: when did the change that this write reflects
 * happen? For a pod, the moment it last became ready or not (its Ready condition's transition),
 * or its creation; for a new Service, its creation. The controllers stamp each write with the
 * earliest such change not yet written, so one can measure how long a change took to reach the
 * proxies. (TriggerTimeTracker, simplified.)
 */
import type { Pod, Service } from 'kubernetes-types/core/v1';

export const TRIGGER_TIME_ANNOTATION = 'endpoints.kubernetes.io/last-change-trigger-time';

const podTriggerTime = (pod: Pod): string | undefined =>
  pod.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime ?? pod.metadata?.creationTimestamp;
/** What identifies a change: the time alone is only second-precise, so the status goes with it. */
const podTriggerState = (pod: Pod): string =>
  `${pod.status?.conditions?.find((c) => c.type === 'Ready')?.status ?? ''}@${podTriggerTime(pod) ?? ''}`;

export class TriggerTimeTracker {
  private readonly seen = new Map<string, { service: string | undefined; pods: Map<string, string> }>();

  /** The earliest change since the last call for this Service, or undefined if none is known. */
  compute(key: string, service: Service, pods: readonly Pod[]): string | undefined {
    const previous = this.seen.get(key);
    const current = new Map(pods.map((p) => [p.metadata?.uid ?? '', podTriggerState(p)]));
    let earliest: string | undefined;
    const consider = (t: string | undefined): void => {
      if (t && (!earliest || t < earliest)) earliest = t;
    };
    if (!previous) consider(service.metadata?.creationTimestamp);
    for (const pod of pods) {
      if (previous?.pods.get(pod.metadata?.uid ?? '') !== current.get(pod.metadata?.uid ?? '')) consider(podTriggerTime(pod));
    }
    this.seen.set(key, { service: service.metadata?.creationTimestamp, pods: current });
    return earliest;
  }

  forget(key: string): void {
    this.seen.delete(key);
  }
}

/** The annotations of a write: the trigger time set, or cleared when no new change is known. */
export function withTriggerTime(annotations: Record<string, string> | undefined, time: string | undefined): Record<string, string> | undefined {
  const next = { ...annotations };
  if (time) next[TRIGGER_TIME_ANNOTATION] = time;
  else delete next[TRIGGER_TIME_ANNOTATION];
  return Object.keys(next).length > 0 ? next : undefined;
}
