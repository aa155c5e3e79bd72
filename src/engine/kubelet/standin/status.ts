/**
 * The status a kubelet writes: node conditions (its heartbeat) and the status of a running pod.
 * Pure functions — the kubelet decides *when* to write, these decide *what*.
 */
import type { ContainerStatus, NodeCondition, Pod, PodCondition, PodStatus } from 'kubernetes-types/core/v1';
import type { Mutable } from '../../api/types';
import { imageCatalog } from '../../runtime/images/catalog';
import { normalizeImage } from '../../runtime/images/reference';

/** The kubelet-owned node conditions when all is well, in the order a real node lists them. */
const HEALTHY: ReadonlyArray<Pick<NodeCondition, 'type' | 'status' | 'reason' | 'message'>> = [
  { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
  { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
  { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
  { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
];

/**
 * Fresh node conditions with `lastHeartbeatTime = now`. `lastTransitionTime` only moves when the
 * status changes (e.g. Unknown → True after the kubelet comes back). Conditions the kubelet does
 * not own (NetworkUnavailable, set by the network plugin) are kept as they are.
 */
export function healthyNodeConditions(previous: readonly NodeCondition[] | undefined, now: string): NodeCondition[] {
  // Plain loops: every kubelet runs this every 10 s, so a thousand nodes run it a hundred times a second.
  const out: NodeCondition[] = [];
  for (const c of previous ?? []) if (!isKubeletOwned(c.type)) out.push({ ...c });
  for (const h of HEALTHY) {
    const old = firstOfType(previous, h.type);
    out.push({ ...h, lastHeartbeatTime: now, lastTransitionTime: old && old.status === h.status ? old.lastTransitionTime : now });
  }
  return out;
}

function isKubeletOwned(type: string): boolean {
  for (const h of HEALTHY) if (h.type === type) return true;
  return false;
}

function firstOfType(conditions: readonly NodeCondition[] | undefined, type: string): NodeCondition | undefined {
  for (const c of conditions ?? []) if (c.type === type) return c;
  return undefined;
}

/**
 * `conditionsChanged(previous, healthyNodeConditions(previous, now))` without building the new
 * conditions: the kubelet asks every 10 s and nearly always the answer is no.
 */
export function healthyConditionsChanged(previous: readonly NodeCondition[] | undefined): boolean {
  let owned = 0;
  for (const c of previous ?? []) {
    if (isKubeletOwned(c.type)) owned++;
    else if (differs(firstOfType(previous, c.type), c)) return true;
  }
  if (owned !== HEALTHY.length) return true;
  for (const h of HEALTHY) if (differs(firstOfType(previous, h.type), h)) return true;
  return false;
}

function differs(o: Pick<NodeCondition, 'status' | 'reason' | 'message'> | undefined, c: Pick<NodeCondition, 'status' | 'reason' | 'message'>): boolean {
  return !o || o.status !== c.status || o.reason !== c.reason || o.message !== c.message;
}

/** Do the conditions differ in anything but heartbeat times? (Then status must be written now.) */
export function conditionsChanged(a: readonly NodeCondition[] | undefined, b: readonly NodeCondition[]): boolean {
  if ((a?.length ?? 0) !== b.length) return true;
  for (const c of b) {
    const o = firstOfType(a, c.type);
    if (!o || o.status !== c.status || o.reason !== c.reason || o.message !== c.message) return true;
  }
  return false;
}

export interface RunningFacts {
  podIP: string;
  hostIP: string;
  now: string;
  ready: boolean;
  /** `containerd://<64 hex>` per container name, chosen once when the containers start (only own keys count). */
  containerIDs: Readonly<Record<string, string>>;
}

/** Updates `type`'s condition, moving lastTransitionTime only when the status changes. */
function setCondition(conditions: PodCondition[], type: string, status: string, now: string, reason?: string, message?: string): void {
  let i = 0;
  while (i < conditions.length && conditions[i]!.type !== type) i++;
  const old = conditions[i];
  const lastTransitionTime = old && old.status === status ? old.lastTransitionTime : now;
  // Key order as the kubelet writes them (and as YAML shows them).
  const merged: PodCondition =
    reason === undefined
      ? { type, status, lastTransitionTime, lastProbeTime: null as unknown as string }
      : { type, status, reason, message, lastTransitionTime, lastProbeTime: null as unknown as string };
  conditions[i] = merged;
}

/** The order kubelet keeps pod conditions in (as `kubectl describe pod` shows them). */
const CONDITION_ORDER = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'];
const conditionRank = (type: string): number => {
  const i = CONDITION_ORDER.indexOf(type);
  return i < 0 ? CONDITION_ORDER.length : i;
};
const byConditionRank = (a: PodCondition, b: PodCondition): number => conditionRank(a.type) - conditionRank(b.type);

/** The status of a pod whose containers all run: phase Running, IPs, conditions, container states. */
export function runningPodStatus(pod: Pod, facts: RunningFacts): PodStatus {
  const previous = pod.status ?? {};
  const startedAt = previous.startTime ?? facts.now;
  const names = (pod.spec?.containers ?? []).map((c) => c.name);
  // The stored conditions are frozen and shared: only the list is new, entries are replaced whole.
  const conditions: PodCondition[] = [...(previous.conditions ?? [])];
  const now = facts.now;
  setCondition(conditions, 'PodReadyToStartContainers', 'True', now);
  setCondition(conditions, 'Initialized', 'True', now);
  const notReadyMessage = facts.ready ? undefined : `containers with unready status: [${names.join(' ')}]`;
  for (const type of ['Ready', 'ContainersReady']) {
    if (notReadyMessage === undefined || names.length === 0) setCondition(conditions, type, 'True', now);
    else setCondition(conditions, type, 'False', now, 'ContainersNotReady', notReadyMessage);
  }
  setCondition(conditions, 'PodScheduled', 'True', now);
  conditions.sort(byConditionRank);

  const previousStatuses = new Map((previous.containerStatuses ?? []).map((s) => [s.name, s]));
  const containerStatuses: ContainerStatus[] = (pod.spec?.containers ?? [])
    .map((c): ContainerStatus => {
      const old = previousStatuses.get(c.name);
      return {
        name: c.name,
        state: { running: { startedAt: old?.state?.running?.startedAt ?? facts.now } },
        lastState: {},
        ready: facts.ready,
        restartCount: old?.restartCount ?? 0,
        image: normalizeImage(c.image ?? ''),
        imageID: imageCatalog.imageID(c.image ?? ''),
        containerID: (Object.hasOwn(facts.containerIDs, c.name) ? facts.containerIDs[c.name] : undefined) ?? old?.containerID ?? '',
        started: true,
      };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const status: Mutable<PodStatus> = {
    ...previous,
    phase: 'Running',
    conditions,
    hostIP: facts.hostIP,
    hostIPs: [{ ip: facts.hostIP }],
    podIP: facts.podIP,
    podIPs: [{ ip: facts.podIP }],
    startTime: startedAt,
    containerStatuses,
  };
  return status;
}
