// The rollout staircase: recorded counts into columns and shapes, with the controller's bounds.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { DeploymentHistory, ReplicaSetHistory, SpecSample } from '../history';
import { boundsOf, chart, keptReplicaSets, progressOf, rolloutColumns, type Column } from './layout';

const spec = (replicas: number, maxSurge = '25%', maxUnavailable = '25%', strategy = 'RollingUpdate'): SpecSample => ({ at: 0, replicas, strategy, maxSurge, maxUnavailable });

describe('boundsOf: resolved as the deployment controller resolves them', () => {
  test.each([
    { spec: spec(3), want: { surge: 1, unavailable: 0, maxPods: 4, minAvailable: 3 } },
    { spec: spec(4), want: { surge: 1, unavailable: 1, maxPods: 5, minAvailable: 3 } },
    { spec: spec(10), want: { surge: 3, unavailable: 2, maxPods: 13, minAvailable: 8 } },
    { spec: spec(10, '1', '0'), want: { surge: 1, unavailable: 0, maxPods: 11, minAvailable: 10 } },
    // Both zero would never move: the controller lets one pod be unavailable.
    { spec: spec(3, '0', '0'), want: { surge: 0, unavailable: 1, maxPods: 3, minAvailable: 2 } },
    { spec: spec(2, '0', '100%'), want: { surge: 0, unavailable: 2, maxPods: 2, minAvailable: 0 } },
  ])('$spec.replicas replicas, surge $spec.maxSurge, unavailable $spec.maxUnavailable', ({ spec, want }) => {
    expect(boundsOf(spec)).toMatchObject(want);
  });

  test('Recreate has no bounds', () => {
    expect(boundsOf(spec(3, '', '', 'Recreate'))).toBeUndefined();
  });
});

const rsHistory = (name: string, revision: string, samples: [at: number, current: number, available: number][]): ReplicaSetHistory => ({
  uid: name,
  namespace: 'default',
  name,
  deployment: 'd',
  revision,
  earlierRevisions: [],
  images: [`nginx:${revision}`],
  samples: samples.map(([at, current, available]) => ({ at, desired: current, current, ready: available, available })),
});

const deployment = (...specs: SpecSample[]): DeploymentHistory => ({ uid: 'd', namespace: 'default', name: 'web', specs, changedAt: 0 });

describe('rolloutColumns', () => {
  const old = rsHistory('old', '1', [
    [0, 3, 3],
    [30, 2, 2],
    [50, 1, 1],
    [70, 0, 0],
  ]);
  const fresh = rsHistory('new', '2', [
    [10, 1, 0],
    [20, 1, 1],
    [40, 2, 1],
    [45, 2, 2],
    [60, 3, 2],
    [65, 3, 3],
  ]);

  test('a column per moment anything changed, each ReplicaSet at its count then', () => {
    const columns = rolloutColumns(deployment(spec(3)), [old, fresh], 100);
    expect(columns.map((c) => [c.at, ...c.segments.map((s) => `${s.revision}:${s.current}/${s.available}`)])).toEqual([
      [0, '1:3/3'],
      [10, '1:3/3', '2:1/0'],
      [20, '1:3/3', '2:1/1'],
      [30, '1:2/2', '2:1/1'],
      [40, '1:2/2', '2:2/1'],
      [45, '1:2/2', '2:2/2'],
      [50, '1:1/1', '2:2/2'],
      [60, '1:1/1', '2:3/2'],
      [65, '1:1/1', '2:3/3'],
      [70, '1:0/0', '2:3/3'],
    ]);
    // The bounds hold at every step of this (real-shaped) rollout.
    for (const c of columns) {
      expect(c.total).toBeLessThanOrEqual(c.bounds!.maxPods);
      expect(c.available).toBeGreaterThanOrEqual(c.bounds!.minAvailable);
    }
  });

  test('only the last columns are kept; a repeated state adds no column; a spec change does', () => {
    const columns = rolloutColumns(deployment(spec(3), { ...spec(5), at: 80 }), [old, fresh, rsHistory('x', '3', [])], 3);
    expect(columns.map((c) => [c.at, c.total, c.bounds?.maxPods])).toEqual([
      [65, 4, 4],
      [70, 3, 4],
      [80, 3, 7],
    ]);
  });

  test('keptReplicaSets: the newest few revisions, and older ones only while they hold pods', () => {
    const list = [rsHistory('r1', '1', [[0, 1, 1]]), rsHistory('r2', '2', [[0, 0, 0]]), rsHistory('r3', '3', [[0, 0, 0]]), rsHistory('r4', '4', [[0, 0, 0]]), rsHistory('r10', '10', [[0, 2, 2]])];
    expect(keptReplicaSets('d', list).map((rs) => rs.revision)).toEqual(['1', '3', '4', '10']);
    expect(keptReplicaSets('other', list)).toEqual([]);
  });
});

describe('chart', () => {
  const frame = { width: 240, height: 115, top: 5, left: 40, bottom: 10 };
  const column = (segments: [string, number, number][], at = 0): Column => ({
    at,
    segments: segments.map(([revision, current, available]) => ({ uid: revision, revision, current, available })),
    total: segments.reduce((n, [, c]) => n + c, 0),
    available: segments.reduce((n, [, , a]) => n + a, 0),
    bounds: boundsOf(spec(3)),
  });

  test('available pods of every ReplicaSet stacked first, the unavailable ones on top', () => {
    const c = chart([column([['1', 2, 2], ['2', 2, 1]])], frame);
    // top = max(total 4, maxPods 4) + 1 = 5 counts over 100 px (from y 5 to 105): 20 px a pod.
    expect(c.top).toBe(5);
    expect(c.columns[0]!.blocks.map((b) => [b.revision, b.available, b.count, b.y, b.height])).toEqual([
      ['1', true, 2, 65, 40],
      ['2', true, 1, 45, 20],
      ['2', false, 1, 25, 20],
    ]);
  });

  test('bound lines step across the columns: most pods, fewest available', () => {
    const c = chart([column([['1', 3, 3]]), column([['1', 3, 3]])], frame);
    // 2 columns over 200 px; maxPods 4 at y 25, minAvailable 3 at y 45.
    expect(c.maxPods).toBe('M40,25 H140 L140,25 H240');
    expect(c.minAvailable).toBe('M40,45 H140 L140,45 H240');
  });

  test('no bound line where the strategy has none', () => {
    const recreate = { ...column([['1', 3, 3]]), bounds: undefined };
    expect(chart([recreate], frame).maxPods).toBe('');
  });

  test('property: a column stack is as tall as its pods, its solid part as tall as its available pods', () => {
    const segment = fc.tuple(fc.constantFrom('1', '2', '3'), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 12 })).map(([r, a, b]): [string, number, number] => [r, Math.max(a, b), Math.min(a, b)]);
    fc.assert(
      fc.property(fc.array(fc.array(segment, { maxLength: 3 }), { minLength: 1, maxLength: 8 }), (stacks) => {
        const columns = stacks.map((s) => column(s));
        const c = chart(columns, frame);
        c.columns.forEach((placed, i) => {
          const height = (blocks: typeof placed.blocks) => blocks.reduce((h, b) => h + b.height, 0);
          expect(height(placed.blocks)).toBeCloseTo(c.yOf(0) - c.yOf(columns[i]!.total));
          expect(height(placed.blocks.filter((b) => b.available))).toBeCloseTo(c.yOf(0) - c.yOf(columns[i]!.available));
          for (const b of placed.blocks) expect(b.y).toBeGreaterThanOrEqual(0);
        });
      }),
    );
  });
});

test.each([
  { d: { replicas: 3, current: 4, updated: 1, available: 3 }, want: { state: 'updating', updated: 1, replicas: 3 } },
  { d: { replicas: 3, current: 4, updated: 3, available: 3 }, want: { state: 'terminating', old: 1 } },
  { d: { replicas: 3, current: 3, updated: 3, available: 2 }, want: { state: 'waiting', available: 2, updated: 3 } },
  { d: { replicas: 3, current: 3, updated: 3, available: 3 }, want: { state: 'complete', replicas: 3 } },
])('progressOf $want.state', ({ d, want }) => {
  expect(progressOf(d)).toEqual(want);
});
