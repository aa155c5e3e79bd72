/**
 * A pod card's colour, read from kubectl's STATUS cell the way a learner reads it: waiting to run,
 * running and ready, running but not ready, failing, going away, or done.
 */
import type { PodView } from '../../../worker/views';

export type PodTone = 'pending' | 'ready' | 'not-ready' | 'failed' | 'terminating' | 'succeeded';

/** STATUS cells of a pod on its way to running: scheduling, pulling, creating, init containers working. */
const STARTING = /^(Pending|ContainerCreating|PodInitializing|SchedulingGated|Init:\d+\/\d+)$/;

export function podTone(pod: Pick<PodView, 'status' | 'phase' | 'ready' | 'total' | 'terminating'>): PodTone {
  if (pod.terminating || pod.status === 'Terminating') return 'terminating';
  if (pod.status === 'Completed' || pod.phase === 'Succeeded') return 'succeeded';
  if (pod.status === 'Running') return pod.ready === pod.total ? 'ready' : 'not-ready';
  if (pod.status === 'NotReady') return 'not-ready';
  if (STARTING.test(pod.status)) return 'pending';
  // CrashLoopBackOff, Error, ImagePullBackOff, OOMKilled, Init:Error, Unknown…
  return 'failed';
}
