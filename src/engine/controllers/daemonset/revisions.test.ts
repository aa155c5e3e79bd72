import { describe, expect, it } from 'vitest';
import type { ControllerRevision, DaemonSet } from 'kubernetes-types/apps/v1';
import { newRevision, revisionsToPrune, sameData, templateHash } from './revisions';

const ds = (image: string): DaemonSet => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'kube-proxy', namespace: 'kube-system', uid: 'u1', generation: 1 },
  spec: { selector: { matchLabels: { k8s: 'proxy' } }, template: { metadata: { labels: { k8s: 'proxy' } }, spec: { containers: [{ name: 'p', image }] } } },
});

describe('revisions', () => {
  it('names the revision after the template hash, in the name alphabet', () => {
    const hash = templateHash(ds('a'));
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(templateHash(ds('a'))).toBe(hash);
    expect(templateHash(ds('b'))).not.toBe(hash);
    const rev = newRevision(ds('a'), hash, 1);
    expect(rev.metadata!.name).toBe(`kube-proxy-${hash}`);
    expect(rev.metadata!.labels).toEqual({ k8s: 'proxy', 'controller-revision-hash': hash });
    expect(rev.metadata!.ownerReferences![0]).toMatchObject({ kind: 'DaemonSet', controller: true, blockOwnerDeletion: true });
    expect((rev.data as { spec: { template: { $patch: string } } }).spec.template.$patch).toBe('replace');
    expect(sameData(rev, ds('a'))).toBe(true);
    expect(sameData(rev, ds('b'))).toBe(false);
  });

  it('prunes the oldest unused revisions beyond the limit', () => {
    const rev = (n: number): ControllerRevision => ({ metadata: { name: `r${n}`, labels: { 'controller-revision-hash': `h${n}` } }, revision: n });
    const all = [rev(1), rev(2), rev(3), rev(4), rev(5)];
    expect(revisionsToPrune(all, 'r5', 2, new Set()).map((r) => r.metadata!.name)).toEqual(['r1', 'r2']);
    expect(revisionsToPrune(all, 'r5', 2, new Set(['h1'])).map((r) => r.metadata!.name)).toEqual(['r2', 'r3']);
    expect(revisionsToPrune(all, 'r5', 10, new Set())).toEqual([]);
  });
});
