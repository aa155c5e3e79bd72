// Pod timeline lanes: recorded container states and event marks into spans, restarts and glyphs.
import { describe, expect, test } from 'vitest';
import type { ContainerSample, EventMark, PodHistory } from '../history';
import { lanes, phaseOf, scaleOf, windowFor } from './layout';

const sample = (at: number, state: ContainerSample['state'], reason = '', extra: Partial<ContainerSample> = {}): ContainerSample => ({
  at,
  state,
  reason,
  ready: false,
  restartCount: 0,
  ...extra,
});

const mark = (at: number, reason: string, container = 'app', type = 'Normal'): EventMark => ({ at, reason, type, message: `${reason}!`, container, times: 1 });

const podOf = (states: ContainerSample[], marks: EventMark[] = [], goneAt?: number): PodHistory => ({
  uid: 'u',
  namespace: 'default',
  name: 'p',
  containers: ['app'],
  states: { app: states },
  marks,
  changedAt: 0,
  goneAt,
});

test.each([
  { s: sample(0, 'waiting', 'ContainerCreating'), want: 'starting' },
  { s: sample(0, 'waiting', ''), want: 'starting' },
  { s: sample(0, 'waiting', 'PodInitializing'), want: 'starting' },
  { s: sample(0, 'waiting', 'CrashLoopBackOff'), want: 'backoff' },
  { s: sample(0, 'waiting', 'ImagePullBackOff'), want: 'backoff' },
  { s: sample(0, 'waiting', 'ErrImagePull'), want: 'error' },
  { s: sample(0, 'waiting', 'PostStartHookError'), want: 'error' },
  { s: sample(0, 'running'), want: 'running' },
  { s: sample(0, 'running', '', { ready: true }), want: 'ready' },
  { s: sample(0, 'terminated', 'Completed', { exitCode: 0 }), want: 'terminated' },
])('phaseOf $s.state $s.reason ready=$s.ready → $want', ({ s, want }) => {
  expect(phaseOf(s)).toBe(want);
});

describe('lanes', () => {
  const crashLoop = [
    sample(0, 'waiting', 'ContainerCreating'),
    sample(2_000, 'running'),
    sample(5_000, 'terminated', 'Error', { exitCode: 1 }),
    sample(5_100, 'waiting', 'CrashLoopBackOff', { restartCount: 1, lastExit: { reason: 'Error', exitCode: 1 } }),
    sample(15_100, 'running', '', { restartCount: 1, lastExit: { reason: 'Error', exitCode: 1 } }),
    sample(16_000, 'waiting', 'CrashLoopBackOff', { restartCount: 2, lastExit: { reason: 'Error', exitCode: 1 } }),
  ];

  test('spans run from sample to sample, the last one to now; back-off gaps are spans of their own', () => {
    const [, lane] = lanes(podOf(crashLoop), { from: 0, to: 40_000 });
    expect(lane!.spans.map((s) => [s.from, s.to, s.phase])).toEqual([
      [0, 2_000, 'starting'],
      [2_000, 5_000, 'running'],
      [5_000, 5_100, 'terminated'],
      [5_100, 15_100, 'backoff'],
      [15_100, 16_000, 'running'],
      [16_000, 40_000, 'backoff'],
    ]);
    expect(lane!.spans[2]).toMatchObject({ reason: 'Error', exitCode: 1 });
  });

  test('restarts where the count rose, with how the run before ended', () => {
    const [, lane] = lanes(podOf(crashLoop), { from: 0, to: 40_000 });
    expect(lane!.restarts).toEqual([
      { at: 5_100, count: 1, exit: { reason: 'Error', exitCode: 1 } },
      { at: 16_000, count: 2, exit: { reason: 'Error', exitCode: 1 } },
    ]);
  });

  test('a window clips the spans and drops what lies outside it', () => {
    const [, lane] = lanes(podOf(crashLoop, [mark(1_000, 'Pulled'), mark(14_000, 'BackOff', 'app', 'Warning')]), { from: 10_000, to: 20_000 });
    expect(lane!.spans.map((s) => [s.from, s.to, s.phase])).toEqual([
      [10_000, 15_100, 'backoff'],
      [15_100, 16_000, 'running'],
      [16_000, 20_000, 'backoff'],
    ]);
    expect(lane!.restarts.map((r) => r.at)).toEqual([16_000]);
    expect(lane!.marks.map((g) => g.at)).toEqual([14_000]);
  });

  test('a deleted pod ends where it went', () => {
    const [, lane] = lanes(podOf([sample(0, 'running', '', { ready: true })], [], 8_000), { from: 0, to: 20_000 });
    expect(lane!.spans).toEqual([{ from: 0, to: 8_000, phase: 'ready', reason: '' }]);
  });

  test('marks arriving together are one group (a warning if any is); pod events go to the pod lane', () => {
    const [podLane, lane] = lanes(
      podOf([sample(0, 'running')], [mark(0, 'Scheduled', ''), mark(100, 'Started'), mark(100, 'FailedPostStartHook', 'app', 'Warning'), mark(100, 'Killing'), mark(300, 'Pulled')]),
      { from: 0, to: 1_000 },
    );
    expect(podLane).toMatchObject({ container: '', spans: [], marks: [{ at: 0, warning: false, marks: [{ reason: 'Scheduled' }] }] });
    expect(lane!.marks.map((g) => [g.at, g.warning, g.marks.map((m) => m.reason).join()])).toEqual([
      [100, true, 'Started,FailedPostStartHook,Killing'],
      [300, false, 'Pulled'],
    ]);
  });
});

describe('scaleOf', () => {
  test.each([
    { minutes: 1, step: 10_000, count: 7 },
    { minutes: 5, step: 60_000, count: 6 },
    { minutes: 15, step: 300_000, count: 4 },
  ])('the last $minutes minute(s): a tick every $step ms, counted back from now', ({ minutes, step, count }) => {
    const window = { from: 600_000 - minutes * 60_000, to: 600_000 };
    const scale = scaleOf(window, 100, 700);
    expect(scale.ticks).toHaveLength(count);
    expect(scale.ticks.at(-1)).toEqual({ at: 600_000, ago: 0 });
    expect(scale.ticks.at(-2)).toEqual({ at: 600_000 - step, ago: step });
    expect(scale.xOf(window.from)).toBe(100);
    expect(scale.xOf(window.to)).toBe(700);
  });
});

test.each([
  { name: 'a young pod fills the width', born: 500_000, want: 500_000 },
  { name: 'but a window is at least a minute', born: 590_000, want: 540_000 },
  { name: 'an old pod shows the last N minutes', born: 0, want: 300_000 },
])('windowFor: $name', ({ born, want }) => {
  const pod = podOf([sample(born, 'waiting', 'ContainerCreating'), sample(born + 1_000, 'running')], [mark(born + 2_000, 'Started')]);
  expect(windowFor(pod, 600_000, 5)).toEqual({ from: want, to: 600_000 });
});
