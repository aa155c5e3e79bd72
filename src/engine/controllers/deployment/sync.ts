/**
 * The parts of a Deployment sync every strategy shares (upstream `sync.go`):
 *
 * - finding the new ReplicaSet — the one whose template is the Deployment's — or creating it,
 *   named `<deployment>-<pod-template-hash>`; an old ReplicaSet whose template matches again (an
 *   undo, an image set back) *is* the new one and gets the next revision number;
 * - scaling a ReplicaSet, with the `ScalingReplicaSet` event;
 * - proportional scaling when `replicas` changes in the middle of a rollout (or while paused);
 * - trimming old ReplicaSets down to `revisionHistoryLimit`;
 * - computing and writing the Deployment's status.
 *
 * A sync works on its own copy of the Deployment (`DeploymentSync.d`) and on the ReplicaSets the
 * Deployment owns. Writes that fail throw `WriteFailed`; the controller retries the whole sync.
 */
import type { Deployment, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { Status } from 'kubernetes-types/meta/v1';
import { clone } from '../../api/clone';
import { resourceFor } from '../../api/resources';
import type { Mutable } from '../../api/types';
import type { Client } from '../../client/types';
import type { Clock } from '../../sim/clock';
import { canonicalJson, podTemplateHash } from '../../sim/names';
import type { EventRecorder } from '../framework/recorder';
import { controllerRef } from '../replicaset/pods';
import { controllerRefTo } from '../replicaset/template';
import { hasProgressDeadline } from './progress';
import { isRollingUpdate, maxSurge, maxUnavailable, newRSNewReplicas } from './rolling';
import {
  DESIRED_REPLICAS,
  MAX_REPLICAS,
  maxRevision,
  REVISION,
  replicasAnnotationsNeedUpdate,
  revisionOf,
  setDeploymentRevision,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
} from './revision';
import {
  activeReplicaSets,
  actualReplicas,
  availableReplicas,
  byCreation,
  desiredReplicas,
  equalIgnoreHash,
  findActiveOrLatest,
  findNewReplicaSet,
  findOldReplicaSets,
  getCondition,
  newCondition,
  POD_TEMPLATE_HASH_LABEL,
  readyReplicas,
  REASONS,
  replicasOf,
  setCondition,
  specReplicas,
} from './util';

export const DEPLOYMENTS = resourceFor('apps', 'deployments')!;
export const REPLICASETS = resourceFor('apps', 'replicasets')!;

/** What a sync needs from the outside world. */
export interface DeploymentEnv {
  client: Client;
  recorder: EventRecorder;
  clock: Clock;
  /** Every pod a ReplicaSet controls (Recreate waits for the old ones to be gone). */
  podsOf(rs: ReplicaSet): readonly Pod[];
  /** Look at this Deployment again after `ms` (progress deadline checks). */
  requeueAfter(ms: number): void;
}

export class WriteFailed extends Error {
  constructor(readonly status: Status) {
    super(status.message ?? 'write failed');
  }
}

export class DeploymentSync {
  /** Our working copy of the Deployment, kept at the resourceVersion of our last write. */
  readonly d: Mutable<Deployment>;
  /** The ReplicaSets this Deployment controls, replaced by the apiserver's answer after each write. */
  rsList: ReplicaSet[];

  constructor(
    readonly env: DeploymentEnv,
    d: Deployment,
    rsList: readonly ReplicaSet[],
  ) {
    this.d = clone(d);
    this.rsList = [...rsList];
  }

  /** RFC 3339 now, for conditions. */
  get now(): string {
    return this.env.clock.timestamp();
  }

  /** Epoch milliseconds now, to compare with timestamps. */
  get nowMs(): number {
    return this.env.clock.epochMs + this.env.clock.now();
  }

  get name(): string {
    return this.d.metadata?.name ?? '';
  }

  get namespace(): string {
    return this.d.metadata?.namespace ?? 'default';
  }

  remember(rs: ReplicaSet): ReplicaSet {
    const i = this.rsList.findIndex((x) => x.metadata?.uid === rs.metadata?.uid);
    if (i >= 0) this.rsList[i] = rs;
    else this.rsList.push(rs);
    return rs;
  }

  forget(rs: ReplicaSet): void {
    this.rsList = this.rsList.filter((x) => x.metadata?.uid !== rs.metadata?.uid);
  }
}

// --- writes ----------------------------------------------------------------------------------------

/** After writing the Deployment, later writes in this sync must carry the new resourceVersion. */
function keepVersion(s: DeploymentSync, written: Deployment): void {
  (s.d.metadata as { resourceVersion?: string }).resourceVersion = written.metadata?.resourceVersion;
}

function updateReplicaSet(s: DeploymentSync, rs: ReplicaSet): ReplicaSet {
  const r = s.env.client.update<ReplicaSet>(REPLICASETS, rs);
  if (!r.ok) throw new WriteFailed(r.status);
  return s.remember(r.value);
}

/** Writes `d.status` through the status subresource. */
export function writeStatus(s: DeploymentSync): void {
  const r = s.env.client.update<Deployment>(DEPLOYMENTS, s.d as Deployment, { subresource: 'status' });
  if (!r.ok) throw new WriteFailed(r.status);
  keepVersion(s, r.value);
}

/** Writes the Deployment's own revision annotation. */
function writeRevision(s: DeploymentSync): void {
  const revision = s.d.metadata?.annotations?.[REVISION];
  // Through /status, as upstream's UpdateStatus: a new revision number is not a spec change, so
  // it must not bump metadata.generation.
  const r = s.env.client.patch<Deployment>(
    DEPLOYMENTS,
    s.namespace,
    s.name,
    'merge',
    { metadata: { annotations: { [REVISION]: revision } } },
    { subresource: 'status' },
  );
  if (!r.ok) throw new WriteFailed(r.status);
  keepVersion(s, r.value);
}

// --- the new ReplicaSet --------------------------------------------------------------------------------

export interface ReplicaSets {
  newRS: ReplicaSet | undefined;
  oldRSs: ReplicaSet[];
}

/**
 * The new ReplicaSet (created if `create` and missing) and the old ones, with the new one's
 * revision brought up to date.
 */
export function getAllReplicaSetsAndSyncRevision(s: DeploymentSync, create: boolean): ReplicaSets {
  const oldRSs = findOldReplicaSets(s.d, s.rsList);
  const newRS = getNewReplicaSet(s, oldRSs, create);
  return { newRS, oldRSs };
}

function getNewReplicaSet(s: DeploymentSync, oldRSs: readonly ReplicaSet[], create: boolean): ReplicaSet | undefined {
  const d = s.d;
  const existing = findNewReplicaSet(d, s.rsList);
  const newRevision = maxRevision(oldRSs) + 1;
  const replicasInfo = { desired: desiredReplicas(d), max: desiredReplicas(d) + maxSurge(d) };

  if (existing) {
    // An existing template match: bring its annotations (revision, copied annotations) and
    // minReadySeconds up to date. A reused old ReplicaSet is renumbered here.
    const annotations = { ...(existing.metadata?.annotations ?? {}) };
    const annotationsChanged = setNewReplicaSetAnnotations(d, annotations, newRevision, true, replicasInfo);
    const minReadyChanged = (existing.spec?.minReadySeconds ?? 0) !== (d.spec?.minReadySeconds ?? 0);
    if (annotationsChanged || minReadyChanged) {
      const copy = clone(existing);
      copy.metadata!.annotations = annotations;
      copy.spec!.minReadySeconds = d.spec?.minReadySeconds;
      return updateReplicaSet(s, copy as ReplicaSet);
    }
    const revisionChanged = setDeploymentRevision((d.metadata!.annotations ??= {}), existing.metadata?.annotations?.[REVISION] ?? '');
    let statusChanged = false;
    if (hasProgressDeadline(d) && !getCondition(d.status, 'Progressing')) {
      setCondition((d.status ??= {}), newCondition('Progressing', 'True', REASONS.foundNewRS, `Found new replica set "${existing.metadata?.name ?? ''}"`, s.now));
      statusChanged = true;
    }
    if (revisionChanged) writeRevision(s);
    if (statusChanged) writeStatus(s);
    return existing;
  }

  if (!create) return undefined;

  // A new ReplicaSet: the template plus a `pod-template-hash` label (in the labels, the selector
  // and the name), so its pods can never be confused with another revision's.
  const collisionCount = d.status?.collisionCount;
  const hash = podTemplateHash(d.spec?.template, collisionCount);
  const template = clone(d.spec!.template);
  (template.metadata ??= {}).labels = { ...template.metadata.labels, [POD_TEMPLATE_HASH_LABEL]: hash };
  const selector = clone(d.spec!.selector);
  selector.matchLabels = { ...selector.matchLabels, [POD_TEMPLATE_HASH_LABEL]: hash };
  const name = `${s.name}-${hash}`;
  const draft: Mutable<ReplicaSet> = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: s.namespace,
      labels: { ...template.metadata.labels },
      ownerReferences: [controllerRefTo(d, 'apps/v1', 'Deployment')],
    },
    spec: { replicas: 0, minReadySeconds: d.spec?.minReadySeconds, selector, template },
  };
  const replicas = newRSNewReplicas(d, [...oldRSs, draft as ReplicaSet], draft as ReplicaSet);
  draft.spec!.replicas = replicas;
  const annotations: Record<string, string> = {};
  setNewReplicaSetAnnotations(d, annotations, newRevision, false, replicasInfo);
  draft.metadata!.annotations = annotations;

  let created: ReplicaSet;
  let alreadyExisted = false;
  const r = s.env.client.create<ReplicaSet>(REPLICASETS, draft as ReplicaSet);
  if (r.ok) created = r.value;
  else if (r.status.reason === 'AlreadyExists') {
    // Our own ReplicaSet that the cache has not shown us yet — or a hash collision with a
    // ReplicaSet of a different template. A collision bumps `collisionCount`, which changes the
    // hash (and so the name) on the next try.
    const found = s.env.client.get<ReplicaSet>(REPLICASETS, s.namespace, name);
    if (found.ok && controllerRef(found.value)?.uid === d.metadata?.uid && equalIgnoreHash(d.spec?.template, found.value.spec?.template)) {
      created = found.value;
      alreadyExisted = true;
    } else {
      (d.status ??= {}).collisionCount = (collisionCount ?? 0) + 1;
      writeStatus(s);
      throw new WriteFailed(r.status);
    }
  } else {
    const msg = `Failed to create new replica set "${name}": ${r.status.message ?? ''}`;
    if (hasProgressDeadline(d)) {
      setCondition((d.status ??= {}), newCondition('Progressing', 'False', REASONS.failedRSCreate, msg, s.now));
      try {
        writeStatus(s);
      } catch {
        // The failure to create is the bigger news.
      }
    }
    s.env.recorder.event(d, 'Warning', REASONS.failedRSCreate, msg);
    throw new WriteFailed(r.status);
  }
  s.remember(created);

  if (!alreadyExisted && replicas > 0) {
    s.env.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${name} to ${replicas}`);
  }
  const revisionChanged = setDeploymentRevision((d.metadata!.annotations ??= {}), String(newRevision));
  let statusChanged = false;
  if (!alreadyExisted && hasProgressDeadline(d)) {
    setCondition((d.status ??= {}), newCondition('Progressing', 'True', REASONS.newRSCreated, `Created new replica set "${name}"`, s.now));
    statusChanged = true;
  }
  if (revisionChanged) writeRevision(s);
  if (statusChanged) writeStatus(s);
  return created;
}

// --- scaling -------------------------------------------------------------------------------------------

export interface ScaleResult {
  scaled: boolean;
  rs: ReplicaSet;
}

export function scaleReplicaSetAndRecordEvent(s: DeploymentSync, rs: ReplicaSet, newScale: number): ScaleResult {
  if (replicasOf(rs) === newScale) return { scaled: false, rs };
  return scaleReplicaSet(s, rs, newScale, replicasOf(rs) < newScale ? 'up' : 'down');
}

/**
 * Sets `spec.replicas` (and the desired/max-replicas annotations) and records, in the v1.30
 * wording, `Scaled up replica set nginx-7854ff8877 to 3 from 1`.
 */
export function scaleReplicaSet(s: DeploymentSync, rs: ReplicaSet, newScale: number, direction: 'up' | 'down' | ''): ScaleResult {
  const d = s.d;
  const desired = desiredReplicas(d);
  const max = desired + maxSurge(d);
  const sizeChanged = replicasOf(rs) !== newScale;
  if (!sizeChanged && !replicasAnnotationsNeedUpdate(rs, desired, max)) return { scaled: false, rs };
  const oldScale = replicasOf(rs);
  const copy = clone(rs);
  copy.spec!.replicas = newScale;
  setReplicasAnnotations((copy.metadata!.annotations ??= {}), desired, max);
  const updated = updateReplicaSet(s, copy as ReplicaSet);
  if (sizeChanged) {
    s.env.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${direction} replica set ${rs.metadata?.name ?? ''} to ${newScale} from ${oldScale}`);
  }
  return { scaled: sizeChanged, rs: updated };
}

/** The new ReplicaSet runs all the replicas, all available: old ones can go entirely. */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const desired = Number(rs.metadata?.annotations?.[DESIRED_REPLICAS]);
  if (!Number.isInteger(desired)) return false;
  const replicas = desiredReplicas(d);
  return replicasOf(rs) === replicas && desired === replicas && (rs.status?.availableReplicas ?? 0) === replicas;
}

/**
 * A change of `replicas` that is not a rollout step (upstream `scale`).
 *
 * With one active ReplicaSet it simply gets the new size. In the middle of a rollout the extra (or
 * missing) replicas are shared out *in proportion* to each ReplicaSet's size, so scaling neither
 * speeds up nor slows down the rollout. Example: replicas 10, maxSurge 3, old RS 8 + new RS 5 = 13
 * pods (the old RS's max-replicas annotation says 13). Scaling to 20 allows 20 + 5 = 25, i.e. 12
 * more: the old RS gets round(8 × 25/13) − 8 = 7, the new RS round(5 × 25/13) − 5 = 5 (leftovers
 * go to the largest ReplicaSet).
 */
export function scale(s: DeploymentSync, newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): void {
  const d = s.d;
  const replicas = desiredReplicas(d);
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest) {
    if (replicasOf(activeOrLatest) !== replicas) scaleReplicaSetAndRecordEvent(s, activeOrLatest, replicas);
    return;
  }
  if (isSaturated(d, newRS)) {
    for (const old of activeReplicaSets(oldRSs)) scaleReplicaSetAndRecordEvent(s, old, 0);
    return;
  }
  if (!isRollingUpdate(d)) return;

  const all = activeReplicaSets([...oldRSs, newRS]);
  const allowedSize = replicas > 0 ? replicas + maxSurge(d) : 0;
  const toAdd = allowedSize - specReplicas(all);
  let direction: 'up' | 'down' | '' = '';
  if (toAdd > 0) {
    // Larger first; between equals, newer first.
    all.sort((a, b) => replicasOf(b) - replicasOf(a) || byCreation(b, a));
    direction = 'up';
  } else if (toAdd < 0) {
    // Larger first; between equals, older first.
    all.sort((a, b) => replicasOf(b) - replicasOf(a) || byCreation(a, b));
    direction = 'down';
  }
  let added = 0;
  const sizes = new Map<ReplicaSet, number>();
  for (const rs of all) {
    if (toAdd === 0) {
      sizes.set(rs, replicasOf(rs));
      continue;
    }
    const p = proportion(rs, d, toAdd, added);
    sizes.set(rs, replicasOf(rs) + p);
    added += p;
  }
  all.forEach((rs, i) => {
    let size = sizes.get(rs)!;
    if (i === 0 && toAdd !== 0) size = Math.max(0, size + toAdd - added);
    scaleReplicaSet(s, rs, size, direction);
  });
}

/** This ReplicaSet's share of `toAdd`, never overshooting what is left (upstream `GetProportion`). */
export function proportion(rs: ReplicaSet, d: Deployment, toAdd: number, added: number): number {
  if (replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/** How much this ReplicaSet should grow (or shrink) when the Deployment goes to its new size. */
function replicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  const replicas = desiredReplicas(d);
  if (replicas === 0) return -replicasOf(rs);
  const deploymentSize = replicas + maxSurge(d);
  const annotated = Number(rs.metadata?.annotations?.[MAX_REPLICAS]);
  // Without the annotation, fall back to the Deployment's current size.
  const previousSize = Number.isInteger(annotated) && annotated > 0 ? annotated : (d.status?.replicas ?? 0);
  if (previousSize === 0) return 0;
  return Math.round((replicasOf(rs) * deploymentSize) / previousSize) - replicasOf(rs);
}

/** True when some active ReplicaSet was sized for a different `replicas` than the Deployment has now. */
export function isScalingEvent(s: DeploymentSync): boolean {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(s, false);
  for (const rs of activeReplicaSets([...oldRSs, newRS])) {
    const annotation = rs.metadata?.annotations?.[DESIRED_REPLICAS];
    if (annotation !== undefined && Number.isInteger(Number(annotation)) && Number(annotation) !== desiredReplicas(s.d)) return true;
  }
  return false;
}

/** Scaling only — for a scaling event or a paused Deployment. No rollout progress. */
export function sync(s: DeploymentSync, rollbackPending: boolean): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(s, false);
  scale(s, newRS, oldRSs);
  if (s.d.spec?.paused && !rollbackPending) cleanupDeployment(s, oldRSs);
  syncDeploymentStatus(s, [...oldRSs, ...(newRS ? [newRS] : [])], newRS);
}

/** Just the status (a Deployment being deleted). */
export function syncStatusOnly(s: DeploymentSync): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(s, false);
  syncDeploymentStatus(s, [...oldRSs, ...(newRS ? [newRS] : [])], newRS);
}

// --- history -------------------------------------------------------------------------------------------

/**
 * Keeps at most `revisionHistoryLimit` old ReplicaSets (default 10), deleting the lowest revisions
 * first — only ones that are fully scaled down and settled. These empty ReplicaSets are the
 * history `kubectl rollout undo` goes back to.
 */
export function cleanupDeployment(s: DeploymentSync, oldRSs: readonly ReplicaSet[]): void {
  const limit = s.d.spec?.revisionHistoryLimit;
  if (limit === undefined || limit === null || limit === 2147483647) return;
  const cleanable = oldRSs.filter((rs) => !rs.metadata?.deletionTimestamp);
  const diff = cleanable.length - limit;
  if (diff <= 0) return;
  cleanable.sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
  for (let i = 0; i < diff; i++) {
    const rs = cleanable[i]!;
    if ((rs.status?.replicas ?? 0) !== 0 || replicasOf(rs) !== 0) continue;
    if ((rs.metadata?.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
    const r = s.env.client.delete(REPLICASETS, s.namespace, rs.metadata?.name ?? '');
    if (!r.ok && r.status.code !== 404) throw new WriteFailed(r.status);
    s.forget(rs);
  }
}

// --- status --------------------------------------------------------------------------------------------

/**
 * The Deployment's status from its ReplicaSets' statuses: pods that exist (`replicas`), run the
 * current template (`updatedReplicas`), are ready, are available, or are not (`unavailableReplicas`
 * = asked-for minus available) — plus the `Available` condition: True while at least
 * `replicas − maxUnavailable` pods are available.
 */
export function calculateStatus(allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined, d: Deployment, now: string): DeploymentStatus {
  const available = availableReplicas(allRSs);
  const unavailable = Math.max(0, specReplicas(allRSs) - available);
  const status: Mutable<DeploymentStatus> = {};
  if (d.metadata?.generation) status.observedGeneration = d.metadata.generation;
  const put = (key: 'replicas' | 'updatedReplicas' | 'readyReplicas' | 'availableReplicas' | 'unavailableReplicas', n: number): void => {
    if (n) status[key] = n;
  };
  put('replicas', actualReplicas(allRSs));
  put('updatedReplicas', actualReplicas(newRS ? [newRS] : []));
  put('readyReplicas', readyReplicas(allRSs));
  put('availableReplicas', available);
  put('unavailableReplicas', unavailable);
  if (d.status?.conditions) status.conditions = d.status.conditions.map((c) => ({ ...c }));
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;

  if (available >= desiredReplicas(d) - maxUnavailable(d)) {
    setCondition(status, newCondition('Available', 'True', REASONS.minimumAvailable, 'Deployment has minimum availability.', now));
  } else {
    setCondition(status, newCondition('Available', 'False', REASONS.minimumUnavailable, 'Deployment does not have minimum availability.', now));
  }
  return status;
}

export function statusEqual(a: DeploymentStatus | undefined, b: DeploymentStatus): boolean {
  return canonicalJson(a ?? {}) === canonicalJson(b);
}

export function syncDeploymentStatus(s: DeploymentSync, allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined): void {
  const status = calculateStatus(allRSs, newRS, s.d, s.now);
  if (statusEqual(s.d.status, status)) return;
  s.d.status = status;
  writeStatus(s);
}
