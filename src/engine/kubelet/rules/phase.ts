/**
 * Pod phase from container states, as the kubelet's `getPhase` (pkg/kubelet/kubelet_pods.go,
 * 1.30) computes it, and whether a container that exited is started again.
 *
 * The surprising parts, which learners see in `kubectl get pods`:
 * - a crash-looping container (waiting, but with a last termination) counts as *stopped*, so a
 *   CrashLoopBackOff pod under restartPolicy Always stays phase Running;
 * - once every container has stopped, restartPolicy decides: Always → Running (restarting),
 *   all exit 0 → Succeeded, Never → Failed, OnFailure → Running (restarting).
 */

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
export type RestartPolicy = 'Always' | 'OnFailure' | 'Never';

/** Just the parts of a v1.ContainerStatus that decide the phase. */
export interface ContainerStateView {
  readonly state: 'waiting' | 'running' | 'terminated' | 'unknown';
  /** Exit code when `state` is terminated. */
  readonly exitCode?: number;
  /** Exit code of `lastState.terminated`, if the container ran before. */
  readonly lastExitCode?: number;
}

export interface PhaseInput {
  readonly restartPolicy: RestartPolicy;
  /** Init containers in spec order; `sidecar` = restartPolicy Always on the init container. */
  readonly initContainers: readonly { readonly name: string; readonly sidecar?: boolean }[];
  readonly containers: readonly { readonly name: string }[];
  /** Statuses by container name; a missing name means the kubelet has no status for it yet. */
  readonly statuses: ReadonlyMap<string, ContainerStateView>;
  /** The pod is terminal (e.g. being evicted): its containers will not restart whatever the policy. */
  readonly podIsTerminal?: boolean;
}

const hasLastTermination = (s: ContainerStateView): boolean => s.lastExitCode !== undefined;

export function podPhase(input: PhaseInput): PodPhase {
  const { statuses } = input;
  let pendingInitialization = 0;
  let failedInitialization = 0;

  // Regular init containers run one after another to completion.
  for (const c of input.initContainers) {
    if (c.sidecar === true) continue;
    const s = statuses.get(c.name);
    if (s === undefined || s.state === 'running' || s.state === 'unknown') pendingInitialization++;
    else if (s.state === 'terminated') {
      if (s.exitCode !== 0) failedInitialization++;
    } else if (hasLastTermination(s)) {
      if (s.lastExitCode !== 0) failedInitialization++;
    } else pendingInitialization++;
  }

  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;

  // Sidecars (restartable init containers): only a never-started one holds the pod back.
  for (const c of input.initContainers) {
    if (c.sidecar !== true) continue;
    const s = statuses.get(c.name);
    if (s?.state === 'running') running++;
    else if (s?.state === 'terminated') continue;
    else if (s?.state === 'waiting' && hasLastTermination(s)) continue;
    else {
      pendingInitialization++;
      waiting++;
    }
  }

  for (const c of input.containers) {
    const s = statuses.get(c.name);
    if (s === undefined || s.state === 'unknown') unknown++;
    else if (s.state === 'running') running++;
    else if (s.state === 'terminated') {
      stopped++;
      if (s.exitCode === 0) succeeded++;
    } else if (hasLastTermination(s)) stopped++; // crash-looping: between runs
    else waiting++;
  }

  if (failedInitialization > 0 && input.restartPolicy === 'Never') return 'Failed';

  // Restarting sidecars must not send an already-initialized pod back to Pending.
  const anyRegularStarted = input.containers.some((c) => {
    const s = statuses.get(c.name);
    return s?.state === 'running' || s?.state === 'terminated';
  });
  if ((pendingInitialization > 0 && !anyRegularStarted) || waiting > 0) return 'Pending';
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (input.podIsTerminal === true) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (input.restartPolicy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (input.restartPolicy === 'Never') return 'Failed';
    return 'Running'; // OnFailure, restarting the failed ones
  }
  return 'Pending';
}

/** Whether the kubelet restarts a container that exited with `exitCode` under this policy. */
export function shouldRestart(policy: RestartPolicy, exitCode: number): boolean {
  if (policy === 'Always') return true;
  if (policy === 'OnFailure') return exitCode !== 0;
  return false;
}
