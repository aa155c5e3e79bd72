/**
 * The PodStatus the kubelet computes at each sync (kubelet `generateAPIPodStatus`): phase from
 * the container states (`rules/phase.ts`), the kubelet's conditions with upstream reasons and
 * messages, container statuses, addresses and start time. Pure: the status manager compares the
 * result with what the apiserver has and writes only when something changed.
 */
import type { ContainerStatus, Pod, PodCondition, PodStatus } from 'kubernetes-types/core/v1';
import type { Mutable } from '../../api/types';
import { podPhase, type ContainerStateView, type PodPhase, type RestartPolicy } from '../rules/phase';
import { apiContainerStatus, type ContainerView } from './container-status';

export interface PodStatusInput {
  readonly pod: Pod;
  readonly init: readonly ContainerView[];
  readonly containers: readonly ContainerView[];
  /** The sandbox exists and has its network: PodReadyToStartContainers. */
  readonly sandboxReady: boolean;
  readonly hostIP: string;
  /** Empty until the sandbox has an IP. */
  readonly podIP: string;
  /** RFC 3339 now, for startTime and condition transitions. */
  readonly now: string;
  /** Every container has stopped for good (pod deleted or finished): phase must be terminal. */
  readonly terminal: boolean;
}

/** Conditions the kubelet owns, in the order it lists them. */
const KUBELET_CONDITIONS = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'];

const isSidecar = (c: { restartPolicy?: string }): boolean => c.restartPolicy === 'Always';
/** Go prints a []string with %s as `[a b]`. */
const goList = (names: readonly string[]): string => `[${names.join(' ')}]`;

function stateView(s: ContainerStatus): ContainerStateView {
  const state = s.state?.running ? 'running' : s.state?.terminated ? 'terminated' : 'waiting';
  const last = s.lastState?.terminated?.exitCode;
  return { state, exitCode: s.state?.terminated?.exitCode, ...(last === undefined ? {} : { lastExitCode: last }) };
}

export function generatePodStatus(input: PodStatusInput): PodStatus {
  const { pod, now } = input;
  const spec = pod.spec!;
  const previous = pod.status ?? {};
  const hasInit = (spec.initContainers?.length ?? 0) > 0;
  const defaultWaiting = hasInit ? 'PodInitializing' : 'ContainerCreating';
  const initStatuses = input.init.map((v) => apiContainerStatus(v, defaultWaiting));
  const containerStatuses = input.containers.map((v) => apiContainerStatus(v, defaultWaiting));

  const statuses = new Map<string, ContainerStateView>();
  for (const s of [...initStatuses, ...containerStatuses]) statuses.set(s.name, stateView(s));
  let phase: PodPhase = podPhase({
    restartPolicy: (spec.restartPolicy ?? 'Always') as RestartPolicy,
    initContainers: (spec.initContainers ?? []).map((c) => ({ name: c.name, sidecar: isSidecar(c) })),
    containers: spec.containers.map((c) => ({ name: c.name })),
    statuses,
    podIsTerminal: input.terminal,
  });
  // A pod that finished never comes back to life.
  if (previous.phase === 'Succeeded' || previous.phase === 'Failed') phase = previous.phase;

  const generated: PodCondition[] = [
    { type: 'PodReadyToStartContainers', status: input.sandboxReady ? 'True' : 'False' },
    initializedCondition(spec, initStatuses, containerStatuses, phase),
  ];
  const containersReady = containersReadyCondition(spec, initStatuses, containerStatuses, phase);
  generated.push({ ...containersReady, type: 'Ready' }, containersReady, { type: 'PodScheduled', status: 'True' });

  const old = previous.conditions ?? [];
  const conditions: PodCondition[] = old.filter((c) => !KUBELET_CONDITIONS.includes(c.type));
  for (const c of generated) {
    const before = old.find((o) => o.type === c.type);
    const lastTransitionTime = before && before.status === c.status ? before.lastTransitionTime : now;
    conditions.push({ type: c.type, status: c.status, ...(c.reason ? { reason: c.reason } : {}), ...(c.message ? { message: c.message } : {}), lastProbeTime: null as unknown as string, lastTransitionTime });
  }

  const status: Mutable<PodStatus> = {
    ...previous,
    phase,
    conditions,
    hostIP: input.hostIP,
    hostIPs: [{ ip: input.hostIP }],
    startTime: previous.startTime ?? now,
    containerStatuses,
  };
  if (input.podIP) {
    status.podIP = input.podIP;
    status.podIPs = [{ ip: input.podIP }];
  }
  if (hasInit) status.initContainerStatuses = initStatuses;
  return status;
}

function initializedCondition(spec: NonNullable<Pod['spec']>, init: readonly ContainerStatus[], containers: readonly ContainerStatus[], phase: PodPhase): PodCondition {
  const inits = spec.initContainers ?? [];
  if (inits.length === 0) return { type: 'Initialized', status: 'True' };
  if (phase === 'Succeeded') return { type: 'Initialized', status: 'True', reason: 'PodCompleted' };
  // Once an app container has started the pod was initialized, whatever restarting sidecars do.
  if (containers.some((s) => s.state?.running || s.state?.terminated)) return { type: 'Initialized', status: 'True' };
  // Regular init containers must have exited 0; sidecars must have started.
  const incomplete = inits
    .filter((c) => {
      const s = init.find((x) => x.name === c.name);
      return isSidecar(c) ? !s?.started : s?.state?.terminated?.exitCode !== 0;
    })
    .map((c) => c.name);
  if (incomplete.length === 0) return { type: 'Initialized', status: 'True' };
  return { type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: `containers with incomplete status: ${goList(incomplete)}` };
}

function containersReadyCondition(spec: NonNullable<Pod['spec']>, init: readonly ContainerStatus[], containers: readonly ContainerStatus[], phase: PodPhase): PodCondition {
  if (phase === 'Succeeded') return { type: 'ContainersReady', status: 'False', reason: 'PodCompleted' };
  if (phase === 'Failed') return { type: 'ContainersReady', status: 'False', reason: 'PodFailed' };
  const unready = [
    ...(spec.initContainers ?? []).filter((c) => isSidecar(c) && !init.find((s) => s.name === c.name)?.ready).map((c) => c.name),
    ...containers.filter((s) => !s.ready).map((s) => s.name),
  ];
  if (unready.length === 0) return { type: 'ContainersReady', status: 'True' };
  return { type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', message: `containers with unready status: ${goList(unready)}` };
}
