/**
 * `kubectl get pods`: READY, STATUS and RESTARTS as the 1.30 apiserver computes them
 * (printers.go printPod). The STATUS algorithm is what learners stare at most, so every branch
 * below mirrors a branch of the real one, including restartable init containers ("sidecars").
 */
import type { Container, ContainerStatus, Pod, PodCondition } from 'kubernetes-types/core/v1';
import { AGE_COLUMN, NAME_COLUMN, column, columns, type Printer, type RowContext } from './columns';
import { humanDuration, parseTimestamp } from './duration';
import type { TableRowCondition } from './types';

export const POD_COLUMNS = columns(
  NAME_COLUMN,
  column('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
  column('Status', 'string', 'The aggregate status of the containers in this pod.'),
  column(
    'Restarts',
    'string',
    'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
  ),
  AGE_COLUMN,
  column('IP', 'string', 'podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.', 1),
  column(
    'Node',
    'string',
    'NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet for this node is responsible for the lifecycle of this pod. This field should not be used to express a desire for the pod to be scheduled on a specific node. https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename',
    1,
  ),
  column(
    'Nominated Node',
    'string',
    'nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods. This field does not guarantee that the pod will be scheduled on this node. Scheduler may decide to place the pod elsewhere if other nodes become available sooner. Scheduler may also decide to give the resources on this node to a higher priority pod that is created after preemption. As a result, this field may be different than PodSpec.nodeName when the pod is scheduled.',
    1,
  ),
  column(
    'Readiness Gates',
    'string',
    'If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to "True" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates',
    1,
  ),
);

/** The reason the node lifecycle controller sets on pods of an unreachable node. */
const NODE_LOST = 'NodeLost';

export interface PodSummary {
  /** Ready containers, counting started sidecars (restartable init containers). */
  ready: number;
  /** Regular containers plus restartable init containers. */
  total: number;
  /** The STATUS cell. */
  status: string;
  restarts: number;
  /** Unix ms of the latest `lastState.terminated.finishedAt` among counted containers; NaN if none. */
  lastRestart: number;
}

const isRestartable = (c: Container | undefined): boolean => c?.restartPolicy === 'Always';

function conditionTrue(conditions: readonly PodCondition[] | undefined, type: string): boolean {
  if (!conditions) return false;
  for (const c of conditions) if (c.type === type && c.status === 'True') return true;
  return false;
}

/** Latest finishedAt of a container's last termination, folded into `current` (NaN = none yet). */
function laterRestart(status: ContainerStatus, current: number): number {
  const finished = status.lastState?.terminated?.finishedAt;
  if (!finished) return current;
  const at = parseTimestamp(finished);
  if (Number.isNaN(at)) return current;
  return Number.isNaN(current) || at > current ? at : current;
}

function terminatedText(prefix: string, signal: number | undefined, exitCode: number): string {
  return signal ? `${prefix}Signal:${signal}` : `${prefix}ExitCode:${exitCode}`;
}

/**
 * READY / STATUS / RESTARTS in one pass, exactly as printPod:
 * 1. phase, or status.reason when set; `SchedulingGated` from the PodScheduled condition.
 * 2. init containers in order: finished ones (exit 0) and started sidecars are skipped; the first
 *    other one decides `Init:<reason>`, `Init:Signal:n`, `Init:ExitCode:n` or `Init:i/n`.
 * 3. unless initializing (or the Initialized condition is already True), regular containers from
 *    last to first overwrite the reason, so the first one that is not running wins.
 * 4. `Completed` with a container still running reads `Running` (pod Ready) or `NotReady`.
 * 5. a deletion timestamp reads `Terminating` (unless the phase is terminal), `Unknown` for NodeLost.
 */
export function summarizePod(pod: Pod): PodSummary {
  const spec = pod.spec;
  const status = pod.status;
  const phase = status?.phase ?? '';
  let reason = status?.reason || phase;
  let total = spec?.containers?.length ?? 0;
  let ready = 0;
  let restarts = 0;
  let lastRestart = NaN;

  const conditions = status?.conditions;
  if (conditions) {
    for (const c of conditions) {
      if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
    }
  }

  const initSpecs = spec?.initContainers;
  let initByName: Map<string, Container> | undefined;
  if (initSpecs && initSpecs.length > 0) {
    initByName = new Map();
    for (const c of initSpecs) {
      initByName.set(c.name, c);
      if (isRestartable(c)) total++;
    }
  }

  let initializing = false;
  let sidecarRestarts = 0;
  let sidecarLastRestart = NaN;
  const initStatuses = status?.initContainerStatuses;
  if (initStatuses) {
    for (let i = 0; i < initStatuses.length; i++) {
      const cs = initStatuses[i]!;
      const sidecar = isRestartable(initByName?.get(cs.name));
      restarts += cs.restartCount ?? 0;
      lastRestart = laterRestart(cs, lastRestart);
      if (sidecar) {
        sidecarRestarts += cs.restartCount ?? 0;
        sidecarLastRestart = laterRestart(cs, sidecarLastRestart);
      }
      const terminated = cs.state?.terminated;
      const waiting = cs.state?.waiting;
      if (terminated && (terminated.exitCode ?? 0) === 0) continue;
      if (sidecar && cs.started === true) {
        if (cs.ready) ready++;
        continue;
      }
      if (terminated) {
        reason = terminated.reason ? `Init:${terminated.reason}` : terminatedText('Init:', terminated.signal, terminated.exitCode ?? 0);
      } else if (waiting && waiting.reason && waiting.reason !== 'PodInitializing') {
        reason = `Init:${waiting.reason}`;
      } else {
        reason = `Init:${i}/${initSpecs?.length ?? 0}`;
      }
      initializing = true;
      break;
    }
  }

  if (!initializing || conditionTrue(conditions, 'Initialized')) {
    restarts = sidecarRestarts;
    lastRestart = sidecarLastRestart;
    let hasRunning = false;
    const statuses = status?.containerStatuses;
    if (statuses) {
      for (let i = statuses.length - 1; i >= 0; i--) {
        const cs = statuses[i]!;
        restarts += cs.restartCount ?? 0;
        lastRestart = laterRestart(cs, lastRestart);
        const waiting = cs.state?.waiting;
        const terminated = cs.state?.terminated;
        if (waiting && waiting.reason) {
          reason = waiting.reason;
        } else if (terminated && terminated.reason) {
          reason = terminated.reason;
        } else if (terminated) {
          reason = terminatedText('', terminated.signal, terminated.exitCode ?? 0);
        } else if (cs.ready && cs.state?.running) {
          hasRunning = true;
          ready++;
        }
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = conditionTrue(conditions, 'Ready') ? 'Running' : 'NotReady';
    }
  }

  if (pod.metadata?.deletionTimestamp) {
    if (status?.reason === NODE_LOST) reason = 'Unknown';
    else if (phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';
  }

  return { ready, total, status: reason, restarts, lastRestart };
}

/** The STATUS cell of `kubectl get pods` (`Running`, `Init:0/1`, `CrashLoopBackOff`, `Terminating`...). */
// The second parameter is accepted for callers that pass "now"; the status does not depend on time.
export function podStatusReason(pod: Pod, _now?: number): string {
  return summarizePod(pod).status;
}

/** The RESTARTS cell: `0`, `3`, or `3 (5s ago)` when a last termination time is known. */
export function formatRestarts(summary: Pick<PodSummary, 'restarts' | 'lastRestart'>, nowWall: number): string {
  if (summary.restarts !== 0 && !Number.isNaN(summary.lastRestart)) {
    return `${summary.restarts} (${humanDuration(nowWall - summary.lastRestart)} ago)`;
  }
  return String(summary.restarts);
}

function readinessGates(pod: Pod): string {
  const gates = pod.spec?.readinessGates;
  if (!gates || gates.length === 0) return '<none>';
  let trueCount = 0;
  const conditions = pod.status?.conditions ?? [];
  for (const gate of gates) {
    const c = conditions.find((x) => x.type === gate.conditionType);
    if (c?.status === 'True') trueCount++;
  }
  return `${trueCount}/${gates.length}`;
}

const SUCCEEDED: TableRowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
];
const FAILED: TableRowCondition[] = [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];

export const podPrinter: Printer<Pod> = {
  columns: POD_COLUMNS,
  cells(pod: Pod, ctx: RowContext): unknown[] {
    const s = summarizePod(pod);
    const ip = pod.status?.podIPs?.[0]?.ip || '<none>';
    return [
      pod.metadata?.name ?? '',
      `${s.ready}/${s.total}`,
      s.status,
      formatRestarts(s, ctx.nowWall),
      ctx.age(pod.metadata?.creationTimestamp),
      ip,
      pod.spec?.nodeName || '<none>',
      pod.status?.nominatedNodeName || '<none>',
      readinessGates(pod),
    ];
  },
  conditions(pod: Pod) {
    const phase = pod.status?.phase;
    return phase === 'Succeeded' ? SUCCEEDED : phase === 'Failed' ? FAILED : undefined;
  },
};
