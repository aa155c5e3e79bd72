/**
 * Revisions and the annotations that carry them.
 *
 * - `deployment.kubernetes.io/revision` — on every ReplicaSet of a Deployment, and on the
 *   Deployment itself (the revision of its current ReplicaSet). A new ReplicaSet gets
 *   max(old revisions) + 1. `kubectl rollout history` lists these numbers.
 * - `deployment.kubernetes.io/revision-history` — when an *old* ReplicaSet becomes the new one again
 *   (a rollback, or setting the image back), it is renumbered to max + 1 and remembers the numbers it
 *   had before, comma-separated. That is why revision 1 disappears from the history and shows up as 3.
 * - `deployment.kubernetes.io/desired-replicas` and `.../max-replicas` — the Deployment's replicas
 *   and replicas + maxSurge when the ReplicaSet was last sized; proportional scaling reads them.
 * - Every other annotation of the Deployment (notably `kubernetes.io/change-cause`, the CHANGE-CAUSE
 *   column) is copied onto the new ReplicaSet.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';

export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
export const CHANGE_CAUSE = 'kubernetes.io/change-cause';
/** The legacy `rollbackTo` request, as an annotation (see rollback.ts). */
export const ROLLBACK_TO = 'deprecated.deployment.rollback.to';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Kept to ~100 revisions, as upstream limits the history to 2000 characters. */
export const MAX_REVISION_HISTORY_CHARS = 2000;

/** Annotations that belong to the Deployment (or the controller), never copied to a ReplicaSet. */
const NOT_COPIED = new Set([LAST_APPLIED, REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS, ROLLBACK_TO]);

export function revisionOf(obj: { metadata?: { annotations?: Record<string, string> } } | undefined): number {
  const v = obj?.metadata?.annotations?.[REVISION];
  const n = v === undefined ? 0 : Number(v);
  return Number.isInteger(n) ? n : 0;
}

export function maxRevision(list: readonly ReplicaSet[]): number {
  return list.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
}

/** Copies the Deployment's own annotations onto the ReplicaSet; true if anything changed. */
export function copyDeploymentAnnotations(d: Deployment, annotations: Record<string, string>): boolean {
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) {
    if (NOT_COPIED.has(k) || annotations[k] === v) continue;
    annotations[k] = v;
    changed = true;
  }
  return changed;
}

/** desired-replicas / max-replicas; true if they changed. */
export function setReplicasAnnotations(annotations: Record<string, string>, desired: number, max: number): boolean {
  const d = String(desired);
  const m = String(max);
  if (annotations[DESIRED_REPLICAS] === d && annotations[MAX_REPLICAS] === m) return false;
  annotations[DESIRED_REPLICAS] = d;
  annotations[MAX_REPLICAS] = m;
  return true;
}

export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = rs.metadata?.annotations ?? {};
  return a[DESIRED_REPLICAS] !== String(desired) || a[MAX_REPLICAS] !== String(max);
}

/**
 * The annotations of the (new or reused) new ReplicaSet: copied Deployment annotations, its
 * revision raised to `newRevision` — recording the old number in revision-history when an existing
 * ReplicaSet is renumbered — and, for a ReplicaSet about to be created, the replicas annotations.
 * Returns true if anything changed.
 */
export function setNewReplicaSetAnnotations(
  d: Deployment,
  annotations: Record<string, string>,
  newRevision: number,
  exists: boolean,
  replicas: { desired: number; max: number },
): boolean {
  let changed = copyDeploymentAnnotations(d, annotations);
  const old = annotations[REVISION];
  const oldRevision = old === undefined ? 0 : Number(old) || 0;
  if (oldRevision < newRevision) {
    annotations[REVISION] = String(newRevision);
    changed = true;
    if (old !== undefined && old !== '') annotations[REVISION_HISTORY] = appendHistory(annotations[REVISION_HISTORY], old);
  }
  if (!exists && setReplicasAnnotations(annotations, replicas.desired, replicas.max)) changed = true;
  return changed;
}

/** `1,3` + `5` → `1,3,5`, dropping the oldest entries beyond the length limit. */
export function appendHistory(history: string | undefined, revision: string): string {
  if (!history) return revision;
  const entries = history.split(',');
  let length = history.length + revision.length + 1;
  let start = 0;
  while (length > MAX_REVISION_HISTORY_CHARS && start < entries.length) length -= entries[start++]!.length + 1;
  return [...entries.slice(start), revision].join(',');
}

/** Writes the Deployment's own revision annotation; true if it changed. */
export function setDeploymentRevision(annotations: Record<string, string>, revision: string): boolean {
  if (annotations[REVISION] === revision) return false;
  annotations[REVISION] = revision;
  return true;
}
