import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { selectorFromSet } from '../../api/selectors';
import { adoptPatch, claim, releasePatch } from './claim';
import { Expectations, EXPECTATIONS_TIMEOUT_MS } from './expectations';
import { slowStartBatch, slowStartBatches } from './slowstart';
import { calculateStatus } from './status';
import { podFromTemplate } from './template';

const rs: ReplicaSet = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'web-7854ff8877', namespace: 'default', uid: 'rs-uid', generation: 3 },
  spec: {
    replicas: 3,
    minReadySeconds: 10,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web', tier: 'front' }, annotations: { note: 'x' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
  },
};

const pod = (name: string, labels: Record<string, string>, ready?: string): Pod => ({
  metadata: { name, labels, namespace: 'default' },
  spec: { containers: [] },
  status: ready === undefined ? {} : { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: ready }] },
});

describe('slow start', () => {
  it('creates in batches of 1, 2, 4, ... (500 is the per-sync burst)', () => {
    expect(slowStartBatches(10)).toEqual([1, 2, 4, 3]);
    expect(slowStartBatches(500)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 245]);
  });

  it('stops after the first batch that had a failure', () => {
    let calls = 0;
    const result = slowStartBatch(20, 1, () => (++calls === 5 ? 'quota exceeded' : undefined));
    // Batches 1, 2, then 4 (the 5th call fails inside it): 7 calls, 6 successes.
    expect(calls).toBe(7);
    expect(result).toEqual({ successes: 6, error: 'quota exceeded' });
  });
});

describe('expectations', () => {
  it('holds back a sync until its own creations and deletions are observed', () => {
    let now = 0;
    const e = new Expectations(() => now);
    expect(e.satisfied('default/web')).toBe(true);
    e.expectCreations('default/web', 2);
    expect(e.satisfied('default/web')).toBe(false);
    e.creationObserved('default/web');
    e.creationObserved('default/web');
    expect(e.satisfied('default/web')).toBe(true);

    e.expectDeletions('default/web', ['default/a', 'default/b']);
    e.deletionObserved('default/web', 'default/a');
    e.deletionObserved('default/web', 'default/zzz'); // not one of ours
    expect(e.satisfied('default/web')).toBe(false);
    now += EXPECTATIONS_TIMEOUT_MS + 1; // a lost event does not block forever
    expect(e.satisfied('default/web')).toBe(true);
  });
});

describe('ReplicaSet status', () => {
  it('counts replicas, fully labeled, ready and available (after minReadySeconds)', () => {
    const now = Date.parse('2026-01-05T09:00:30Z');
    const pods = [
      pod('a', { app: 'web', tier: 'front' }, '2026-01-05T09:00:00Z'), // ready 30 s: available
      pod('b', { app: 'web', tier: 'front' }, '2026-01-05T09:00:25Z'), // ready 5 s: not yet
      pod('c', { app: 'web' }), // adopted, lacks tier: not fully labeled
    ];
    const { status, nextAvailableAt } = calculateStatus(rs, pods, undefined, now, 'ts');
    expect(status).toEqual({ replicas: 3, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 1, observedGeneration: 3 });
    expect(nextAvailableAt).toBe(Date.parse('2026-01-05T09:00:35Z') + 1);
  });

  it('zero counts are omitted, except replicas; a failure becomes ReplicaFailure', () => {
    const { status } = calculateStatus(rs, [], { reason: 'FailedCreate', message: 'pods "web-" is forbidden: quota' }, 0, '2026-01-05T09:00:00Z');
    expect(status).toEqual({
      replicas: 0,
      observedGeneration: 3,
      conditions: [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'pods "web-" is forbidden: quota', lastTransitionTime: '2026-01-05T09:00:00Z' }],
    });
  });
});

describe('pods from the template', () => {
  it('carry the labels, a generateName and a controller reference', () => {
    const p = podFromTemplate(rs);
    expect(p.metadata).toEqual({
      generateName: 'web-7854ff8877-',
      namespace: 'default',
      labels: { app: 'web', tier: 'front' },
      annotations: { note: 'x' },
      finalizers: undefined,
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7854ff8877', uid: 'rs-uid', controller: true, blockOwnerDeletion: true }],
    });
    expect(p.spec?.containers[0]?.image).toBe('nginx');
  });
});

describe('claiming', () => {
  const ref = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'rs-uid', controller: true, blockOwnerDeletion: true };
  const owned = (name: string, labels: Record<string, string>): Pod => ({ ...pod(name, labels), metadata: { ...pod(name, labels).metadata, ownerReferences: [ref] } });

  it('keeps matching pods, releases relabelled ones, adopts matching orphans', () => {
    const released: string[] = [];
    const adopted: string[] = [];
    const result = claim<Pod>({
      owner: rs,
      selector: selectorFromSet({ app: 'web' }),
      owned: [owned('keep', { app: 'web' }), owned('relabelled', { app: 'debug' })],
      orphans: [pod('orphan', { app: 'web' }), pod('stranger', { app: 'db' })],
      ownerRef: ref,
      canAdopt: () => true,
      adopt: (p) => (adopted.push(p.metadata!.name!), p),
      release: (p) => void released.push(p.metadata!.name!),
    });
    expect(result.map((p) => p.metadata!.name)).toEqual(['keep', 'orphan']);
    expect(released).toEqual(['relabelled']);
    expect(adopted).toEqual(['orphan']);
  });

  it('a controller being deleted adopts nothing', () => {
    const result = claim<Pod>({
      owner: { ...rs, metadata: { ...rs.metadata, deletionTimestamp: 'x' } },
      selector: selectorFromSet({ app: 'web' }),
      owned: [],
      orphans: [pod('orphan', { app: 'web' })],
      ownerRef: ref,
      canAdopt: () => true,
      adopt: (p) => p,
      release: () => {},
    });
    expect(result).toEqual([]);
  });

  it('patches add or remove just this owner', () => {
    const other = { apiVersion: 'v1', kind: 'ConfigMap', name: 'cm', uid: 'cm-uid' };
    const p = { metadata: { ownerReferences: [other] } };
    expect(adoptPatch(p, ref)).toEqual({ metadata: { ownerReferences: [other, ref] } });
    expect(releasePatch({ metadata: { ownerReferences: [other, ref] } }, 'rs-uid')).toEqual({ metadata: { ownerReferences: [other] } });
    expect(releasePatch({ metadata: { ownerReferences: [ref] } }, 'rs-uid')).toEqual({ metadata: { ownerReferences: null } });
  });
});
