/**
 * ControllerRevisions: the DaemonSet's rollout history (`kubectl rollout history ds/x`).
 *
 * Each distinct pod template is stored once, as a ControllerRevision named
 * `<daemonset>-<hash>` whose `data` is the patch that would restore it and whose `revision`
 * number grows with every change. Pods carry the hash in their `controller-revision-hash` label,
 * which is how the controller tells old pods from new ones. Rolling back to an earlier template
 * reuses its revision object and simply gives it the next revision number.
 */
import type { ControllerRevision, DaemonSet } from 'kubernetes-types/apps/v1';
import { podTemplateHash, sameCanonicalJson } from '../../sim/names';
import { REVISION_HASH_LABEL } from './rolling';

/** The stored form of a template: a strategic-merge patch that replaces `spec.template` wholesale. */
export function revisionData(ds: DaemonSet): Record<string, unknown> {
  return { spec: { template: { ...ds.spec?.template, $patch: 'replace' } } };
}

export const templateHash = (ds: DaemonSet): string => podTemplateHash(ds.spec?.template, ds.status?.collisionCount);

export function newRevision(ds: DaemonSet, hash: string, revision: number): ControllerRevision {
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: `${ds.metadata?.name}-${hash}`,
      namespace: ds.metadata?.namespace,
      labels: { ...(ds.spec?.template?.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: hash },
      annotations: ds.metadata?.annotations ? { ...ds.metadata.annotations } : undefined,
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'DaemonSet', name: ds.metadata?.name ?? '', uid: ds.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true },
      ],
    },
    data: revisionData(ds),
    revision,
  };
}

export const sameData = (revision: ControllerRevision, ds: DaemonSet): boolean =>
  sameCanonicalJson(revision.data, revisionData(ds));

export const maxRevision = (revisions: readonly ControllerRevision[]): number =>
  revisions.reduce((max, r) => Math.max(max, r.revision), 0);

/**
 * Old revisions beyond `revisionHistoryLimit` (default 10) that no live pod still uses, oldest
 * first — the ones to delete.
 */
export function revisionsToPrune(
  revisions: readonly ControllerRevision[],
  current: string,
  limit: number,
  hashesInUse: ReadonlySet<string>,
): ControllerRevision[] {
  const old = revisions
    .filter((r) => r.metadata?.name !== current && !hashesInUse.has(r.metadata?.labels?.[REVISION_HASH_LABEL] ?? ''))
    .sort((a, b) => a.revision - b.revision);
  const excess = revisions.length - 1 - limit;
  return excess > 0 ? old.slice(0, excess) : [];
}
