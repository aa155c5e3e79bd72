/**
 * The logic of `kubectl rollout` for Deployments, as pure functions over the Deployment and its
 * ReplicaSets: the status line, the revision history, and what `undo` goes back to.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { jsonEqual, safeClone } from '../../../../engine/api/patch';
import { KubectlError } from '../framework/errors';

export const REVISION = 'deployment.kubernetes.io/revision';
const CHANGE_CAUSE = 'kubernetes.io/change-cause';

/** One line of `rollout status`, and whether the rollout is over. Throws when it cannot finish. */
export function rolloutStatus(d: Deployment): { message: string; done: boolean } {
  const name = d.metadata?.name ?? '';
  const status = d.status ?? {};
  if ((d.metadata?.generation ?? 0) > (status.observedGeneration ?? 0)) return { message: 'Waiting for deployment spec update to be observed...', done: false };
  const progressing = status.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') throw new KubectlError(`deployment "${name}" exceeded its progress deadline`);
  const wanted = d.spec?.replicas ?? 1;
  const updated = status.updatedReplicas ?? 0;
  const waiting = `Waiting for deployment "${name}" rollout to finish: `;
  if (updated < wanted) return { message: `${waiting}${updated} out of ${wanted} new replicas have been updated...`, done: false };
  if ((status.replicas ?? 0) > updated) return { message: `${waiting}${(status.replicas ?? 0) - updated} old replicas are pending termination...`, done: false };
  if ((status.availableReplicas ?? 0) < updated) return { message: `${waiting}${status.availableReplicas ?? 0} of ${updated} updated replicas are available...`, done: false };
  return { message: `deployment "${name}" successfully rolled out`, done: true };
}

/** The ReplicaSets the Deployment owns, by revision number. */
export function revisions(d: Deployment, replicaSets: readonly ReplicaSet[]): Map<number, ReplicaSet> {
  const owned = replicaSets.filter((rs) => rs.metadata?.ownerReferences?.some((o) => o.uid === d.metadata?.uid));
  const byRevision = new Map<number, ReplicaSet>();
  for (const rs of owned) {
    const revision = Number(rs.metadata?.annotations?.[REVISION] ?? 'NaN');
    if (Number.isInteger(revision)) byRevision.set(revision, rs);
  }
  return byRevision;
}

/**
 * `rollout history` (the table's layout is describe's tabwriter: columns padded by 2, and a blank
 * line at the end).
 */
export function historyText(prefix: string, byRevision: ReadonlyMap<number, ReplicaSet>): string {
  if (byRevision.size === 0) return 'No rollout history found.\n';
  const rows = [...byRevision.keys()].sort((a, b) => a - b).map((r) => [String(r), byRevision.get(r)!.metadata?.annotations?.[CHANGE_CAUSE] ?? '<none>']);
  const width = Math.max('REVISION'.length, ...rows.map(([r]) => r!.length)) + 2;
  const lines = [['REVISION', 'CHANGE-CAUSE'], ...rows].map(([r, cause]) => `${r!.padEnd(width)}${cause}`);
  return `${prefix} \n${lines.join('\n')}\n\n`;
}

/** The pod template without the ReplicaSet's `pod-template-hash` label, as the Deployment holds it. */
function deploymentTemplate(rs: ReplicaSet): PodTemplateSpec {
  const template = safeClone(rs.spec?.template ?? {});
  const labels = { ...(template.metadata?.labels ?? {}) };
  delete labels['pod-template-hash'];
  return { ...template, metadata: { ...template.metadata, labels } };
}

export type UndoPlan = { skip: number } | { revision: number; patch: unknown[] };

/** What `rollout undo [--to-revision=N]` does; `toRevision` 0 means the one before the current. */
export function undoPlan(d: Deployment, byRevision: ReadonlyMap<number, ReplicaSet>, toRevision: number): UndoPlan {
  if (d.spec?.paused) {
    throw new KubectlError("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
  }
  let revision = toRevision;
  if (revision === 0) {
    const sorted = [...byRevision.keys()].sort((a, b) => b - a);
    if (sorted.length < 2) throw new KubectlError(`no rollout history found for deployment "${d.metadata?.name ?? ''}"`);
    revision = sorted[1]!;
  }
  const rs = byRevision.get(revision);
  if (!rs) throw new KubectlError(`unable to find specified revision ${revision} in history`);
  const template = deploymentTemplate(rs);
  if (jsonEqual(template, d.spec?.template)) return { skip: revision };
  const annotations = { ...(d.metadata?.annotations ?? {}) };
  const cause = rs.metadata?.annotations?.[CHANGE_CAUSE];
  if (cause) annotations[CHANGE_CAUSE] = cause;
  else delete annotations[CHANGE_CAUSE];
  return {
    revision,
    patch: [
      { op: 'replace', path: '/spec/template', value: template },
      { op: 'replace', path: '/metadata/annotations', value: annotations },
    ],
  };
}
