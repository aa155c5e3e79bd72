import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import { describe, expect, it } from 'vitest';
import { calculateStatus, isSaturated, proportion } from './sync';
import { deploymentComplete, deploymentProgressing, deploymentTimedOut } from './progress';

const d = (replicas: number, status: Deployment['status'] = {}, extra: Partial<NonNullable<Deployment['spec']>> = {}): Deployment => ({
  metadata: { name: 'web', generation: 2 },
  spec: { replicas, selector: {}, template: {}, progressDeadlineSeconds: 600, ...extra },
  status,
});
const rs = (name: string, replicas: number, maxReplicas?: number, available = replicas): ReplicaSet => ({
  metadata: { name, annotations: maxReplicas === undefined ? {} : { 'deployment.kubernetes.io/max-replicas': String(maxReplicas), 'deployment.kubernetes.io/desired-replicas': String(replicas) } },
  spec: { replicas, selector: {} },
  status: { replicas, availableReplicas: available, readyReplicas: available },
});

describe('proportional scaling', () => {
  it('shares new replicas in proportion to size (the sync.ts example)', () => {
    // replicas 10 → 20 mid-rollout: old 8 + new 5 were sized for 13; now 25 are allowed, 12 more.
    const dep = d(20);
    expect(proportion(rs('old', 8, 13), dep, 12, 0)).toBe(7);
    expect(proportion(rs('new', 5, 13), dep, 12, 7)).toBe(5);
  });

  it('never hands out more than is left', () => {
    expect(proportion(rs('a', 8, 13), d(20), 3, 0)).toBe(3);
    expect(proportion(rs('a', 8, 13), d(20), 12, 12)).toBe(0);
  });

  it('scaling down takes proportionally too, and to zero takes all', () => {
    // 13 → 5 (replicas 4 + surge 1): old 8 loses round(8·5/13) − 8 = −5.
    expect(proportion(rs('old', 8, 13), d(4), -8, 0)).toBe(-5);
    expect(proportion(rs('old', 8, 13), d(0), -13, 0)).toBe(-8);
  });

  it('an empty ReplicaSet gets nothing', () => {
    expect(proportion(rs('empty', 0, 13), d(20), 12, 0)).toBe(0);
  });

  it('saturation: the new ReplicaSet runs every replica, all available', () => {
    expect(isSaturated(d(3), rs('new', 3, 4))).toBe(true);
    expect(isSaturated(d(3), rs('new', 3, 4, 2))).toBe(false);
    expect(isSaturated(d(3), rs('new', 3))).toBe(false); // no desired-replicas annotation
  });
});

describe('Deployment status', () => {
  it('sums the ReplicaSets and sets Available by maxUnavailable', () => {
    const dep = d(10);
    const status = calculateStatus([rs('old', 2, 13), rs('new', 8, 13, 7)], rs('new', 8, 13, 7), dep, '2026-01-05T09:00:00Z');
    expect(status).toMatchObject({ observedGeneration: 2, replicas: 10, updatedReplicas: 8, readyReplicas: 9, availableReplicas: 9, unavailableReplicas: 1 });
    expect(status.conditions).toEqual([
      {
        type: 'Available',
        status: 'True',
        reason: 'MinimumReplicasAvailable',
        message: 'Deployment has minimum availability.',
        lastUpdateTime: '2026-01-05T09:00:00Z',
        lastTransitionTime: '2026-01-05T09:00:00Z',
      },
    ]);
    const low = calculateStatus([rs('new', 10, 13, 7)], rs('new', 10, 13, 7), dep, 'now');
    expect(low.conditions?.[0]).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' });
  });

  it('complete = all updated, all available, latest generation observed', () => {
    expect(deploymentComplete(d(3), { replicas: 3, updatedReplicas: 3, availableReplicas: 3, observedGeneration: 2 })).toBe(true);
    expect(deploymentComplete(d(3), { replicas: 4, updatedReplicas: 3, availableReplicas: 3, observedGeneration: 2 })).toBe(false);
    expect(deploymentComplete(d(3), { replicas: 3, updatedReplicas: 3, availableReplicas: 3, observedGeneration: 1 })).toBe(false);
  });

  it('progress = more updated, fewer old, more ready or more available', () => {
    const before = d(3, { replicas: 4, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3 });
    expect(deploymentProgressing(before, { replicas: 4, updatedReplicas: 2, readyReplicas: 3, availableReplicas: 3 })).toBe(true);
    expect(deploymentProgressing(before, { replicas: 3, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3 })).toBe(true);
    expect(deploymentProgressing(before, { replicas: 4, updatedReplicas: 1, readyReplicas: 4, availableReplicas: 3 })).toBe(true);
    expect(deploymentProgressing(before, { replicas: 4, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3 })).toBe(false);
  });

  it('times out progressDeadlineSeconds after the last progress', () => {
    const progressing = { conditions: [{ type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', lastUpdateTime: '2026-01-05T09:00:00Z' }] };
    const dep = d(3, {}, { progressDeadlineSeconds: 60 });
    const at = (s: string): number => Date.parse(s);
    expect(deploymentTimedOut(dep, progressing, at('2026-01-05T09:01:00Z'))).toBe(false);
    expect(deploymentTimedOut(dep, progressing, at('2026-01-05T09:01:01Z'))).toBe(true);
    const done = { conditions: [{ type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', lastUpdateTime: '2026-01-05T09:00:00Z' }] };
    expect(deploymentTimedOut(dep, done, at('2026-01-05T10:00:00Z'))).toBe(false);
  });
});
