/**
 * Rolling back.
 *
 * In apps/v1 there is no `spec.rollbackTo`: `kubectl rollout undo` does the work client-side. It
 * reads the ReplicaSet of the wanted revision, copies its pod template (minus the
 * `pod-template-hash` label) into the Deployment, and updates the Deployment. Nothing special
 * happens in the controller after that — the new template *equals* the old ReplicaSet's, so it has
 * the same hash, `findNewReplicaSet` picks that old ReplicaSet as the new one, sync.ts renumbers it
 * to the next revision (recording its former number in `revision-history`), and a normal rolling
 * update scales it back up. `templateForRollback` below is that copy, for whoever plays kubectl.
 *
 * The controller still honours the legacy request, an annotation
 * `deprecated.deployment.rollback.to: "<revision>"` (what `extensions/v1beta1` rollbackTo became):
 * it performs the same copy itself and removes the annotation, recording `DeploymentRollback`, or a
 * warning if the revision does not exist or already matches.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { clone } from '../../api/clone';
import type { Mutable } from '../../api/types';
import { REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS, ROLLBACK_TO, revisionOf } from './revision';
import { DEPLOYMENTS, getAllReplicaSetsAndSyncRevision, WriteFailed, type DeploymentSync } from './sync';
import { equalIgnoreHash, POD_TEMPLATE_HASH_LABEL } from './util';

/** The template to put back into the Deployment to return to `rs`'s revision. */
export function templateForRollback(rs: ReplicaSet): PodTemplateSpec {
  const template = clone(rs.spec?.template ?? {});
  if (template.metadata?.labels) {
    delete template.metadata.labels[POD_TEMPLATE_HASH_LABEL];
  }
  return template as PodTemplateSpec;
}

/** The revision before the current one (the second highest): what a plain `undo` goes back to. */
export function lastRevision(list: readonly ReplicaSet[]): number {
  let max = 0;
  let second = 0;
  for (const rs of list) {
    const v = revisionOf(rs);
    if (v >= max) {
      second = max;
      max = v;
    } else if (v > second) second = v;
  }
  return second;
}

/** The legacy rollback request on this Deployment, if any (revision 0 = the previous one). */
export function rollbackRequest(d: Deployment): number | undefined {
  const v = d.metadata?.annotations?.[ROLLBACK_TO];
  if (v === undefined) return undefined;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

const CONTROLLER_ANNOTATIONS = new Set([REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS, ROLLBACK_TO, 'kubectl.kubernetes.io/last-applied-configuration']);

export function rollback(s: DeploymentSync): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(s, true);
  const all = [...oldRSs, ...(newRS ? [newRS] : [])];
  let revision = rollbackRequest(s.d) ?? 0;
  if (revision === 0) {
    revision = lastRevision(all);
    if (revision === 0) {
      s.env.recorder.event(s.d, 'Warning', 'RollbackRevisionNotFound', 'Unable to find last revision.');
      return clearRollbackRequest(s);
    }
  }
  const target = all.find((rs) => revisionOf(rs) === revision);
  if (!target) {
    s.env.recorder.event(s.d, 'Warning', 'RollbackRevisionNotFound', 'Unable to find the revision to rollback to.');
    return clearRollbackRequest(s);
  }
  if (equalIgnoreHash(s.d.spec?.template, target.spec?.template)) {
    s.env.recorder.event(s.d, 'Warning', 'RollbackTemplateUnchanged', `The rollback revision contains the same template as current deployment "${s.name}"`);
    return clearRollbackRequest(s);
  }
  s.d.spec!.template = templateForRollback(target) as Mutable<PodTemplateSpec>;
  // The Deployment takes on the annotations (e.g. change-cause) that revision was made with.
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.d.metadata?.annotations ?? {})) if (CONTROLLER_ANNOTATIONS.has(k)) annotations[k] = v;
  for (const [k, v] of Object.entries(target.metadata?.annotations ?? {})) if (!CONTROLLER_ANNOTATIONS.has(k)) annotations[k] = v;
  s.d.metadata!.annotations = annotations;
  clearRollbackRequest(s);
  s.env.recorder.event(s.d, 'Normal', 'DeploymentRollback', `Rolled back deployment "${s.name}" to revision ${revision}`);
}

function clearRollbackRequest(s: DeploymentSync): void {
  if (s.d.metadata?.annotations) delete s.d.metadata.annotations[ROLLBACK_TO];
  const r = s.env.client.update<Deployment>(DEPLOYMENTS, s.d as Deployment);
  if (!r.ok) throw new WriteFailed(r.status);
}
