import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { compareForDeletion, podsToDelete } from './ranking';

const NOW = Date.parse('2026-01-05T10:00:00Z');

interface Spec {
  name: string;
  node?: string;
  phase?: string;
  ready?: boolean;
  readySince?: string;
  restarts?: number;
  created?: string;
  cost?: number;
}
function pod(s: Spec): Pod {
  return {
    metadata: {
      name: s.name,
      uid: `uid-${s.name}`,
      creationTimestamp: s.created ?? '2026-01-05T09:00:00Z',
      annotations: s.cost === undefined ? undefined : { 'controller.kubernetes.io/pod-deletion-cost': String(s.cost) },
    },
    spec: { containers: [], nodeName: s.node ?? 'worker01' },
    status: {
      phase: s.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: s.ready === false ? 'False' : 'True', lastTransitionTime: s.readySince ?? '2026-01-05T09:00:05Z' }],
      containerStatuses: [{ name: 'c', restartCount: s.restarts ?? 0, image: '', imageID: '', ready: true }],
    },
  };
}

describe('which pod a ReplicaSet deletes first', () => {
  // [rule, the pod to delete first, the pod to keep]
  const cases: [string, Spec, Spec, number?, number?][] = [
    ['unscheduled before scheduled', { name: 'a', node: '' }, { name: 'b' }],
    ['Pending before Running', { name: 'a', phase: 'Pending', ready: false }, { name: 'b', phase: 'Running', ready: false }],
    ['Unknown before Running', { name: 'a', phase: 'Unknown' }, { name: 'b' }],
    ['Pending before Unknown', { name: 'a', phase: 'Pending' }, { name: 'b', phase: 'Unknown' }],
    ['not ready before ready', { name: 'a', ready: false }, { name: 'b' }],
    ['lower deletion cost first', { name: 'a', cost: -10 }, { name: 'b', cost: 5 }],
    ['crowded node before a node of its own', { name: 'a', node: 'worker01' }, { name: 'b', node: 'worker02' }, 3, 1],
    ['ready for less time before ready for longer', { name: 'a', readySince: '2026-01-05T09:59:00Z' }, { name: 'b', readySince: '2026-01-05T09:00:00Z' }],
    ['more restarts before fewer', { name: 'a', restarts: 5 }, { name: 'b', restarts: 1 }],
    ['newer before older', { name: 'a', created: '2026-01-05T09:58:00Z' }, { name: 'b', created: '2026-01-05T08:00:00Z' }],
  ];
  it.each(cases)('%s', (_, first, second, rankFirst = 0, rankSecond = 0) => {
    const a = { pod: pod(first), rank: rankFirst };
    const b = { pod: pod(second), rank: rankSecond };
    expect(compareForDeletion(a, b, NOW)).toBeLessThan(0);
    expect(compareForDeletion(b, a, NOW)).toBeGreaterThan(0);
  });

  it('earlier rules win over later ones', () => {
    // Not ready beats everything after it, even a pod that restarted a lot.
    const a = { pod: pod({ name: 'a', ready: false }), rank: 0 };
    const b = { pod: pod({ name: 'b', restarts: 100, created: '2026-01-05T09:59:59Z' }), rank: 5 };
    expect(compareForDeletion(a, b, NOW)).toBeLessThan(0);
  });

  it('times within the same power of two count as equal (then the uid decides)', () => {
    // 30 and 40 minutes ago: both floor(log2(ns)) = 41.
    const a = { pod: pod({ name: 'a', created: '2026-01-05T09:30:00Z', readySince: '2026-01-05T09:30:00Z' }), rank: 0 };
    const b = { pod: pod({ name: 'b', created: '2026-01-05T09:20:00Z', readySince: '2026-01-05T09:20:00Z' }), rank: 0 };
    expect(compareForDeletion(a, b, NOW)).toBeLessThan(0); // uid-a < uid-b
    expect(compareForDeletion(b, a, NOW)).toBeGreaterThan(0);
  });

  it('podsToDelete ranks against the related pods on each node', () => {
    const pods = [pod({ name: 'w1-a', node: 'worker01' }), pod({ name: 'w2-a', node: 'worker02' }), pod({ name: 'w2-b', node: 'worker02' })];
    const victims = podsToDelete(pods, pods, 1, NOW);
    expect(victims.map((p) => p.metadata!.name)).toEqual(['w2-a']);
    expect(podsToDelete(pods, pods, 5, NOW)).toHaveLength(3);
  });
});
