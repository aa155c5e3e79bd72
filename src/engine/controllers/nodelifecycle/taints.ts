/**
 * Taints and tolerations — the vocabulary the node lifecycle controller, the taint eviction
 * controller and the DaemonSet controller share.
 *
 * A taint on a node repels pods; a toleration on a pod lets it ignore one kind of taint. Three
 * effects:
 * - `NoSchedule`: the scheduler will not place new pods that do not tolerate it;
 * - `PreferNoSchedule`: the scheduler tries to avoid the node;
 * - `NoExecute`: pods already running there are evicted unless they tolerate it, and a toleration
 *   may carry `tolerationSeconds` — "I tolerate this, but only for so long".
 */
import type { Node, NodeCondition, Taint, Toleration } from 'kubernetes-types/core/v1';

/** Well-known taint keys (k8s.io/api/core/v1 well_known_taints.go). */
export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
export const TAINT_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';
export const TAINT_DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';
export const TAINT_PID_PRESSURE = 'node.kubernetes.io/pid-pressure';
export const TAINT_NETWORK_UNAVAILABLE = 'node.kubernetes.io/network-unavailable';

export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';

/**
 * Does this toleration tolerate this taint? (ToleratesTaint in k8s.io/api/core/v1/toleration.go)
 * - an empty toleration effect matches every effect;
 * - an empty key with operator Exists matches every key (a "tolerate everything" toleration);
 * - operator Exists ignores the value, Equal (the default) compares it.
 */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  switch (toleration.operator ?? 'Equal') {
    case 'Exists':
      return true;
    case 'Equal':
      // An empty key is only valid with Exists; with Equal it matches nothing.
      if (!toleration.key) return false;
      return (toleration.value ?? '') === (taint.value ?? '');
    default:
      return false;
  }
}

export function isTolerated(taint: Taint, tolerations: readonly Toleration[] | undefined): boolean {
  return (tolerations ?? []).some((t) => toleratesTaint(t, taint));
}

/** The taints (of the given effects) that none of the tolerations tolerate. */
export function untoleratedTaints(
  taints: readonly Taint[] | undefined,
  tolerations: readonly Toleration[] | undefined,
  effects: readonly string[],
): Taint[] {
  return (taints ?? []).filter((t) => effects.includes(t.effect) && !isTolerated(t, tolerations));
}

/**
 * For NoExecute eviction: are all taints tolerated, and which tolerations did the tolerating?
 * (GetMatchingTolerations.) The pod's eviction deadline is the smallest tolerationSeconds among
 * the tolerations used.
 */
export function matchingTolerations(
  taints: readonly Taint[],
  tolerations: readonly Toleration[] | undefined,
): { allTolerated: boolean; used: Toleration[] } {
  const used: Toleration[] = [];
  for (const taint of taints) {
    const match = (tolerations ?? []).find((t) => toleratesTaint(t, taint));
    if (!match) return { allTolerated: false, used: [] };
    used.push(match);
  }
  return { allTolerated: true, used };
}

/**
 * How long the pod may stay, in milliseconds: `0` evict now, `Infinity` never. With no
 * tolerations used (no taints) the answer is 0, but callers only ask when there are taints.
 * Zero and negative tolerationSeconds both mean "evict immediately".
 */
export function minTolerationMs(used: readonly Toleration[]): number {
  if (used.length === 0) return 0;
  let min = Infinity;
  for (const t of used) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds * 1000);
  }
  return min;
}

/** Same key and effect: the identity of a taint on a node (value may differ). */
export const sameTaint = (a: Taint, b: Taint): boolean => a.key === b.key && a.effect === b.effect;

/** `key[=value]:Effect`, as kubectl describe prints taints. */
export const taintString = (t: Taint): string => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;

/**
 * The NoSchedule taints a node's conditions call for (nodeConditionToTaintKeyStatusMap): a node
 * that is not Ready, unreachable, under memory/disk/PID pressure, without a network, or cordoned
 * (`spec.unschedulable`) gets the matching `node.kubernetes.io/...:NoSchedule` taint, and loses it
 * when the condition clears. This is how `kubectl cordon` ends up as a taint.
 */
const CONDITION_TAINTS: ReadonlyArray<{ type: string; status: string; key: string }> = [
  { type: 'Ready', status: 'False', key: TAINT_NOT_READY },
  { type: 'Ready', status: 'Unknown', key: TAINT_UNREACHABLE },
  { type: 'MemoryPressure', status: 'True', key: TAINT_MEMORY_PRESSURE },
  { type: 'DiskPressure', status: 'True', key: TAINT_DISK_PRESSURE },
  { type: 'NetworkUnavailable', status: 'True', key: TAINT_NETWORK_UNAVAILABLE },
  { type: 'PIDPressure', status: 'True', key: TAINT_PID_PRESSURE },
];

/** Taint keys the controller owns when their effect is NoSchedule. */
const CONTROLLER_NO_SCHEDULE_KEYS = new Set([...CONDITION_TAINTS.map((c) => c.key), TAINT_UNSCHEDULABLE]);

export function desiredNoScheduleTaintKeys(node: Node): string[] {
  const keys: string[] = [];
  for (const condition of node.status?.conditions ?? []) {
    for (const rule of CONDITION_TAINTS) {
      if (rule.type === condition.type && rule.status === condition.status) keys.push(rule.key);
    }
  }
  if (node.spec?.unschedulable) keys.push(TAINT_UNSCHEDULABLE);
  return keys;
}

/**
 * The NoExecute taint the Ready condition calls for: not-ready when False, unreachable when
 * Unknown, none when True. The two are kept mutually exclusive, mirroring the condition.
 */
export function desiredNoExecuteTaintKey(ready: NodeCondition | undefined): string | undefined {
  if (!ready) return undefined;
  if (ready.status === 'False') return TAINT_NOT_READY;
  if (ready.status === 'Unknown') return TAINT_UNREACHABLE;
  return undefined;
}

/**
 * Computes the node's new taint list: controller-owned taints that should no longer be there are
 * removed, missing ones are added (stamped with `timeAdded`), everything else — the control-plane
 * taint, a user's `kubectl taint` — is left exactly as it was. Returns undefined when nothing
 * changes, so the caller writes nothing.
 */
export function reconcileControllerTaints(
  current: readonly Taint[] | undefined,
  noScheduleKeys: readonly string[],
  noExecuteKey: string | undefined,
  now: string,
): Taint[] | undefined {
  const existing = current ?? [];
  const wanted: Taint[] = [
    ...noScheduleKeys.map((key) => ({ key, effect: 'NoSchedule' })),
    ...(noExecuteKey ? [{ key: noExecuteKey, effect: 'NoExecute' }] : []),
  ];
  const owned = (t: Taint): boolean =>
    (t.effect === 'NoSchedule' && CONTROLLER_NO_SCHEDULE_KEYS.has(t.key)) ||
    (t.effect === 'NoExecute' && (t.key === TAINT_NOT_READY || t.key === TAINT_UNREACHABLE));
  const kept = existing.filter((t) => !owned(t) || wanted.some((w) => sameTaint(w, t)));
  const added = wanted.filter((w) => !existing.some((t) => sameTaint(w, t))).map((w) => ({ ...w, timeAdded: now }));
  if (added.length === 0 && kept.length === existing.length) return undefined;
  return [...kept, ...added];
}
