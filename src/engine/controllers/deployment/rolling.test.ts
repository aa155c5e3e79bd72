import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import { describe, expect, it } from 'vitest';
import { maxScaledDown, maxSurge, maxUnavailable, newRSNewReplicas, resolveFenceposts, scaledValue } from './rolling';

const deployment = (replicas: number, maxSurgeV?: number | string, maxUnavailableV?: number | string, type = 'RollingUpdate'): Deployment => ({
  metadata: { name: 'web' },
  spec: {
    replicas,
    selector: {},
    template: {},
    strategy: { type, rollingUpdate: type === 'RollingUpdate' ? { maxSurge: maxSurgeV, maxUnavailable: maxUnavailableV } : undefined },
  },
});
const rs = (replicas: number, available = replicas): ReplicaSet => ({ spec: { replicas, selector: {} }, status: { replicas, availableReplicas: available } });

describe('maxSurge / maxUnavailable resolution', () => {
  // replicas, maxSurge, maxUnavailable → surge, unavailable
  const cases: [number, number | string | undefined, number | string | undefined, number, number][] = [
    [1, undefined, undefined, 1, 0],
    [2, undefined, undefined, 1, 0],
    [3, undefined, undefined, 1, 0],
    [4, undefined, undefined, 1, 1],
    [10, undefined, undefined, 3, 2],
    [10, '25%', '25%', 3, 2],
    [10, '50%', '10%', 5, 1],
    [10, '0%', '0%', 0, 1], // both zero: unavailable becomes 1 so the rollout can move
    [10, 0, 0, 0, 1],
    [3, 2, 1, 2, 1],
    [4, 0, 1, 0, 1],
    [5, '100%', 0, 5, 0],
    [1, '1%', '99%', 1, 0], // 0.01 rounds up to 1, 0.99 rounds down to 0
    [0, '25%', '25%', 0, 1],
  ];
  it.each(cases)('replicas %d, maxSurge %s, maxUnavailable %s → surge %d, unavailable %d', (replicas, s, u, surge, unavailable) => {
    expect(resolveFenceposts(s ?? '25%', u ?? '25%', replicas)).toEqual({ surge, unavailable });
  });

  it('percentages round surge up and unavailable down', () => {
    expect(scaledValue('25%', 10, true)).toBe(3);
    expect(scaledValue('25%', 10, false)).toBe(2);
    expect(scaledValue(7, 10, true)).toBe(7);
  });

  it('maxUnavailable never exceeds replicas, and Recreate has neither', () => {
    expect(maxUnavailable(deployment(2, 0, 5))).toBe(2);
    expect(maxUnavailable(deployment(0))).toBe(0);
    expect(maxSurge(deployment(10, 3, 2, 'Recreate'))).toBe(0);
    expect(maxUnavailable(deployment(10, 3, 2, 'Recreate'))).toBe(0);
  });
});

describe('rolling arithmetic, step by step', () => {
  it('walks replicas 10 / surge 3 / unavailable 2 as the rolling.ts comment says', () => {
    const d = deployment(10);
    // 1. new RS 0 → 3: 13 pods in all.
    const newRS = rs(0);
    expect(newRSNewReplicas(d, [rs(10), newRS], newRS)).toBe(3);
    // 2. none of the 3 new pods available: 13 − 8 − 3 = 2 old pods may go.
    expect(maxScaledDown(d, [rs(10), rs(3, 0)], rs(3, 0))).toBe(2);
    // 3. old RS at 8: 11 pods, so new RS may grow 3 → 5.
    expect(newRSNewReplicas(d, [rs(8), rs(3, 0)], rs(3, 0))).toBe(5);
    // 4. at the surge limit (8 + 5 = 13) nothing more is added...
    expect(newRSNewReplicas(d, [rs(8), rs(5, 0)], rs(5, 0))).toBe(5);
    // ...and nothing may go until new pods become available (13 − 8 − 5 = 0).
    expect(maxScaledDown(d, [rs(8), rs(5, 0)], rs(5, 0))).toBe(0);
    // 5. three new pods available: 13 − 8 − 2 = 3 old pods may go.
    expect(maxScaledDown(d, [rs(8), rs(5, 3)], rs(5, 3))).toBe(3);
    // 6. the new RS never grows past replicas.
    expect(newRSNewReplicas(d, [rs(1), rs(9)], rs(9))).toBe(10);
  });

  const steps: [string, number, number | string, number | string, number[], number, number][] = [
    // name, replicas, surge, unavailable, [old..., new] spec sizes, new RS may become, old pods that may go (all available)
    ['2 replicas, first step', 2, '25%', '25%', [2, 0], 1, 0],
    ['2 replicas, after surge', 2, '25%', '25%', [2, 1], 1, 1],
    ['no surge: wait for room', 4, 0, 1, [4, 0], 0, 1],
    ['no surge: room after a delete', 4, 0, 1, [3, 0], 1, 0],
    ['several old ReplicaSets count together', 10, 3, 2, [6, 4, 0], 3, 2],
  ];
  it.each(steps)('%s', (_, replicas, s, u, sizes, grow, shrink) => {
    const d = deployment(replicas, s, u);
    const all = sizes.map((n) => rs(n));
    const newRS = all[all.length - 1]!;
    expect(newRSNewReplicas(d, all, newRS)).toBe(grow);
    expect(maxScaledDown(d, all, newRS)).toBe(shrink);
  });

  it('Recreate jumps straight to replicas', () => {
    expect(newRSNewReplicas(deployment(5, 0, 0, 'Recreate'), [rs(0)], rs(0))).toBe(5);
  });
});
