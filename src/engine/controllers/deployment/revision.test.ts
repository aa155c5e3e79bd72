import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import { describe, expect, it } from 'vitest';
import { lastRevision, templateForRollback } from './rollback';
import { appendHistory, setNewReplicaSetAnnotations } from './revision';
import { equalIgnoreHash, findActiveOrLatest, findNewReplicaSet } from './util';

const dep = (annotations: Record<string, string> = {}): Deployment => ({
  metadata: { name: 'web', annotations },
  spec: { replicas: 3, selector: {}, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } } },
});
const rsWith = (revision: string | undefined, image = 'nginx:1.25', created = '2026-01-05T09:00:00Z', replicas = 0): ReplicaSet => ({
  metadata: {
    name: `web-${image.replace(/\W/g, '')}`,
    creationTimestamp: created,
    annotations: revision ? { 'deployment.kubernetes.io/revision': revision } : {},
    labels: { app: 'web', 'pod-template-hash': 'abc' },
  },
  spec: {
    replicas,
    selector: {},
    template: { metadata: { labels: { app: 'web', 'pod-template-hash': 'abc' } }, spec: { containers: [{ name: 'web', image }] } },
  },
});

describe('revision annotations', () => {
  it('a new ReplicaSet gets the revision, the replicas annotations and the copied annotations', () => {
    const a: Record<string, string> = {};
    const d = dep({ 'kubernetes.io/change-cause': 'set image', 'kubectl.kubernetes.io/last-applied-configuration': '{}', 'deployment.kubernetes.io/revision': '4' });
    expect(setNewReplicaSetAnnotations(d, a, 5, false, { desired: 3, max: 4 })).toBe(true);
    expect(a).toEqual({
      'kubernetes.io/change-cause': 'set image',
      'deployment.kubernetes.io/revision': '5',
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
    });
  });

  it('a reused old ReplicaSet is renumbered and remembers its old numbers', () => {
    const a: Record<string, string> = { 'deployment.kubernetes.io/revision': '1' };
    setNewReplicaSetAnnotations(dep(), a, 3, true, { desired: 3, max: 4 });
    expect(a['deployment.kubernetes.io/revision']).toBe('3');
    expect(a['deployment.kubernetes.io/revision-history']).toBe('1');
    setNewReplicaSetAnnotations(dep(), a, 5, true, { desired: 3, max: 4 });
    expect(a['deployment.kubernetes.io/revision-history']).toBe('1,3');
    // Nothing changes when the revision is already current.
    expect(setNewReplicaSetAnnotations(dep(), a, 5, true, { desired: 3, max: 4 })).toBe(false);
  });

  it('the history is capped at 2000 characters, dropping the oldest', () => {
    let h = '';
    for (let i = 1; i <= 600; i++) h = appendHistory(h, String(i));
    expect(h.length).toBeLessThanOrEqual(2000);
    expect(h.endsWith(',600')).toBe(true);
    expect(h.startsWith('1,')).toBe(false);
  });

  it('lastRevision is the second highest (what `rollout undo` goes back to)', () => {
    expect(lastRevision([rsWith('1'), rsWith('3'), rsWith('2')])).toBe(2);
    expect(lastRevision([rsWith('1')])).toBe(0);
  });
});

describe('finding the new ReplicaSet', () => {
  it('matches templates ignoring the pod-template-hash label', () => {
    const d = dep();
    expect(findNewReplicaSet(d, [rsWith('1', 'nginx:1.24'), rsWith('2', 'nginx:1.25')])?.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(findNewReplicaSet(d, [rsWith('1', 'nginx:1.24')])).toBeUndefined();
  });

  it('compares semantically: a missing map equals an empty one', () => {
    expect(equalIgnoreHash({ metadata: { labels: { 'pod-template-hash': 'x' } }, spec: { containers: [] } }, { metadata: {}, spec: { containers: [] } })).toBe(true);
    expect(equalIgnoreHash({ metadata: { annotations: {} }, spec: { containers: [{ name: 'a' }] } }, { spec: { containers: [{ name: 'a' }] } })).toBe(true);
    expect(equalIgnoreHash({ spec: { containers: [{ name: 'a' }] } }, { spec: { containers: [{ name: 'b' }] } })).toBe(false);
  });

  it('the rollback template drops the hash label', () => {
    const t = templateForRollback(rsWith('1', 'nginx:1.24'));
    expect(t.metadata?.labels).toEqual({ app: 'web' });
    expect(t.spec?.containers[0]?.image).toBe('nginx:1.24');
  });

  it('active-or-latest: the only active one, else the newest', () => {
    const a = rsWith('1', 'a', '2026-01-05T09:00:00Z', 0);
    const b = rsWith('2', 'b', '2026-01-05T09:01:00Z', 0);
    const c = rsWith('3', 'c', '2026-01-05T09:02:00Z', 2);
    expect(findActiveOrLatest(undefined, [a, b])).toBe(b);
    expect(findActiveOrLatest(c, [a, b])).toBe(c);
    expect(findActiveOrLatest(c, [{ ...a, spec: { ...a.spec!, replicas: 1 } }, b])).toBeUndefined();
  });
});
