/**
 * Bookkeeping over a Deployment's ReplicaSets (upstream `deployment/util`): which one is new, which
 * are old, how many replicas they add up to, and the Deployment's conditions.
 */
import type { Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { Mutable } from '../../api/types';
import { canonicalJson } from '../../sim/names';

export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

export const replicasOf = (rs: ReplicaSet | undefined): number => rs?.spec?.replicas ?? 0;
export const desiredReplicas = (d: Deployment): number => d.spec?.replicas ?? 1;

/** Sum of `spec.replicas`: the pods the ReplicaSets are *asked* to run. */
export const specReplicas = (list: readonly (ReplicaSet | undefined)[]): number => list.reduce((n, rs) => n + replicasOf(rs), 0);
/** Sum of `status.replicas`: the pods that exist. */
export const actualReplicas = (list: readonly (ReplicaSet | undefined)[]): number => list.reduce((n, rs) => n + (rs?.status?.replicas ?? 0), 0);
export const readyReplicas = (list: readonly (ReplicaSet | undefined)[]): number => list.reduce((n, rs) => n + (rs?.status?.readyReplicas ?? 0), 0);
export const availableReplicas = (list: readonly (ReplicaSet | undefined)[]): number =>
  list.reduce((n, rs) => n + (rs?.status?.availableReplicas ?? 0), 0);

/** ReplicaSets that still have pods to run (`spec.replicas > 0`). */
export const activeReplicaSets = (list: readonly (ReplicaSet | undefined)[]): ReplicaSet[] =>
  list.filter((rs): rs is ReplicaSet => rs !== undefined && replicasOf(rs) > 0);

const created = (rs: ReplicaSet): number => Date.parse(rs.metadata?.creationTimestamp ?? '') || 0;
const byName = (a: ReplicaSet, b: ReplicaSet): number => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1);

/** Oldest first; equal timestamps by name, so the order is stable. */
export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  return created(a) - created(b) || byName(a, b);
}

/**
 * Templates equal apart from the `pod-template-hash` label — "semantically", as upstream compares
 * them: a missing map and an empty map are the same.
 */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return templateKey(a) === templateKey(b);
}

/** Canonical text of a template without its hash label, computed once per template object. */
const templateKeys = new WeakMap<object, string>();
function templateKey(t: PodTemplateSpec | undefined): string {
  if (!t) return canonicalJson(withoutHash(t));
  let key = templateKeys.get(t);
  if (key === undefined) templateKeys.set(t, (key = canonicalJson(withoutHash(t))));
  return key;
}

function withoutHash(t: PodTemplateSpec | undefined): unknown {
  const labels = { ...(t?.metadata?.labels ?? {}) };
  delete labels[POD_TEMPLATE_HASH_LABEL];
  return prune({ ...t, metadata: { ...t?.metadata, labels } });
}

/** Drops undefined, empty objects and empty arrays, recursively. */
function prune(v: unknown): unknown {
  if (Array.isArray(v)) return v.length === 0 ? undefined : v.map(prune);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    const p = prune(x);
    if (p !== undefined) out[k] = p;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/**
 * The *new* ReplicaSet is the one whose template is the Deployment's template. If several match
 * (possible after hash collisions), the oldest wins.
 */
export function findNewReplicaSet(d: Deployment, list: readonly ReplicaSet[]): ReplicaSet | undefined {
  return [...list].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

/** Every other ReplicaSet of the Deployment is old. */
export function findOldReplicaSets(d: Deployment, list: readonly ReplicaSet[]): ReplicaSet[] {
  const newRS = findNewReplicaSet(d, list);
  return list.filter((rs) => rs.metadata?.uid !== newRS?.metadata?.uid);
}

/**
 * The ReplicaSet a plain scale should resize: the only active one, or the newest if none is active.
 * Undefined when several are active (a rollout is under way).
 */
export function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const all = [...oldRSs, ...(newRS ? [newRS] : [])];
  const active = activeReplicaSets(all);
  if (active.length === 0) return newRS ?? [...oldRSs].sort(byCreation).reverse()[0];
  if (active.length === 1) return active[0];
  return undefined;
}

// --- conditions ----------------------------------------------------------------------------------

export type ConditionType = 'Available' | 'Progressing' | 'ReplicaFailure';

export function getCondition(status: DeploymentStatus | undefined, type: ConditionType): DeploymentCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

export function newCondition(type: ConditionType, status: 'True' | 'False' | 'Unknown', reason: string, message: string, now: string): DeploymentCondition {
  return { type, status, reason, message, lastUpdateTime: now, lastTransitionTime: now };
}

/**
 * Sets a condition the upstream way: nothing changes if status and reason are the same; the
 * transition time is kept if only the reason changed; the condition moves to the end of the list.
 */
export function setCondition(status: Mutable<DeploymentStatus>, c: DeploymentCondition): void {
  const current = getCondition(status, c.type as ConditionType);
  if (current && current.status === c.status && current.reason === c.reason) return;
  const next: Mutable<DeploymentCondition> = { ...c };
  if (current && current.status === c.status) next.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((x) => x.type !== c.type), next];
}

export function removeCondition(status: Mutable<DeploymentStatus>, type: ConditionType): void {
  if (!status.conditions) return;
  status.conditions = status.conditions.filter((c) => c.type !== type);
  if (status.conditions.length === 0) delete status.conditions;
}

/** Reasons, exactly as upstream names them. */
export const REASONS = {
  newRSCreated: 'NewReplicaSetCreated',
  foundNewRS: 'FoundNewReplicaSet',
  rsUpdated: 'ReplicaSetUpdated',
  newRSAvailable: 'NewReplicaSetAvailable',
  timedOut: 'ProgressDeadlineExceeded',
  paused: 'DeploymentPaused',
  resumed: 'DeploymentResumed',
  failedRSCreate: 'ReplicaSetCreateError',
  minimumAvailable: 'MinimumReplicasAvailable',
  minimumUnavailable: 'MinimumReplicasUnavailable',
} as const;
