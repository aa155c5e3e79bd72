/**
 * One entry of `containerStatuses` / `initContainerStatuses`, from what the kubelet knows about a
 * container (kubelet `convertToAPIContainerStatuses`):
 *
 * - the latest runtime instance gives `state` (running, or terminated with its exit) and the one
 *   before it `lastState`;
 * - a container that will be started again and whose last attempt failed — crash back-off, image
 *   pull errors, a failed postStart hook — shows `waiting` with that reason instead, and its last
 *   run moves to `lastState` (the kubelet's "reason cache");
 * - before any instance exists it waits as `ContainerCreating` (or `PodInitializing` in a pod
 *   with init containers).
 */
import type { ContainerStatus } from 'kubernetes-types/core/v1';

/** One runtime instance of a container, as the kubelet last saw it. */
export interface RunView {
  readonly containerID: string;
  /** Normalized image (`docker.io/library/nginx:latest`) and its `…@sha256:` id. */
  readonly image: string;
  readonly imageID: string;
  /** RFC 3339. */
  readonly startedAt: string;
  readonly exited?: {
    readonly exitCode: number;
    readonly reason: string;
    readonly finishedAt: string;
    /** The termination message, if the program left one. */
    readonly message?: string;
  };
}

/** A waiting reason with its message (`CrashLoopBackOff`, `ErrImagePull`, `CreateContainerConfigError`…). */
export interface Waiting {
  readonly reason: string;
  readonly message?: string;
}

export interface ContainerView {
  readonly name: string;
  /** The image as written in the spec: shown until an instance exists. */
  readonly specImage: string;
  readonly current?: RunView;
  readonly previous?: RunView;
  /** Why the last attempt to (re)start it failed; shown as `waiting` while it will be retried. */
  readonly failure?: Waiting;
  /** Running but not reported yet: its postStart hook is still running. */
  readonly starting: boolean;
  /** Whether it will be started again (restart policy, pod not terminating). */
  readonly willRestart: boolean;
  readonly restartCount: number;
  /** Readiness probe verdict (true without a probe). */
  readonly ready: boolean;
  /** Startup probe passed (true without a probe). */
  readonly started: boolean;
}

function terminated(run: RunView): NonNullable<ContainerStatus['state']>['terminated'] {
  const e = run.exited!;
  return {
    exitCode: e.exitCode,
    reason: e.reason,
    ...(e.message ? { message: e.message } : {}),
    startedAt: run.startedAt,
    finishedAt: e.finishedAt,
    containerID: run.containerID,
  };
}

export function apiContainerStatus(v: ContainerView, defaultWaiting: string): ContainerStatus {
  const current = v.current;
  let state: ContainerStatus['state'];
  let lastRun: RunView | undefined = v.previous;
  let running = false;
  if (current && !v.starting && !current.exited) {
    state = { running: { startedAt: current.startedAt } };
    running = true;
  } else if (current?.exited && !(v.willRestart && v.failure)) {
    state = { terminated: terminated(current) };
  } else {
    const w = v.failure ?? { reason: defaultWaiting };
    state = { waiting: w.message === undefined ? { reason: w.reason } : { reason: w.reason, message: w.message } };
    if (current?.exited) lastRun = current;
  }
  return {
    name: v.name,
    state,
    lastState: lastRun?.exited ? { terminated: terminated(lastRun) } : {},
    // Not ready before the startup probe has passed, whatever readiness says.
    ready: running && v.started && v.ready,
    restartCount: v.restartCount,
    image: current?.image ?? v.specImage,
    imageID: current?.imageID ?? '',
    ...(current ? { containerID: current.containerID } : {}),
    started: running && v.started,
  };
}
