/**
 * The node conditions a kubelet owns (its heartbeat in Node status). Pure functions: the node
 * agent decides *when* to write, these decide *what*.
 */
import type { NodeCondition } from 'kubernetes-types/core/v1';

type Owned = Pick<NodeCondition, 'type' | 'status' | 'reason' | 'message'>;

/** The kubelet-owned node conditions when all is well, in the order a real node lists them. */
const HEALTHY: readonly Owned[] = [
  { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
  { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
  { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
  { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
];

/** The same, with Ready False for the runtime's error (e.g. its pod network not ready), by error text. */
const notReadyByError = new Map<string, readonly Owned[]>();

function owned(runtimeError: string | undefined): readonly Owned[] {
  if (runtimeError === undefined) return HEALTHY;
  let conditions = notReadyByError.get(runtimeError);
  if (!conditions) {
    const ready: Owned = { type: 'Ready', status: 'False', reason: 'KubeletNotReady', message: runtimeError };
    notReadyByError.set(runtimeError, (conditions = HEALTHY.map((h) => (h.type === 'Ready' ? ready : h))));
  }
  return conditions;
}

/**
 * Fresh node conditions with `lastHeartbeatTime = now`: Ready unless the runtime reports an error
 * (`runtimeError`, e.g. its network not ready). `lastTransitionTime` only moves when the status
 * changes (e.g. Unknown → True after the kubelet comes back). Conditions the kubelet does not own
 * (NetworkUnavailable, set by the network plugin) are kept as they are.
 */
export function kubeletNodeConditions(previous: readonly NodeCondition[] | undefined, now: string, runtimeError?: string): NodeCondition[] {
  // Plain loops: every kubelet runs this every 10 s, so a thousand nodes run it a hundred times a second.
  const out: NodeCondition[] = [];
  for (const c of previous ?? []) if (!isKubeletOwned(c.type)) out.push({ ...c });
  for (const h of owned(runtimeError)) {
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
 * `conditionsChanged(previous, kubeletNodeConditions(previous, now, runtimeError))` without
 * building the new conditions: the kubelet asks every 10 s and nearly always the answer is no.
 */
export function kubeletConditionsChanged(previous: readonly NodeCondition[] | undefined, runtimeError?: string): boolean {
  let count = 0;
  for (const c of previous ?? []) {
    if (isKubeletOwned(c.type)) count++;
    else if (differs(firstOfType(previous, c.type), c)) return true;
  }
  if (count !== HEALTHY.length) return true;
  for (const h of owned(runtimeError)) if (differs(firstOfType(previous, h.type), h)) return true;
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
