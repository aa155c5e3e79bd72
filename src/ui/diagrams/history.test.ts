// The recorder: batches of the store's views in, per-object histories out.
import { describe, expect, test } from 'vitest';
import { applyChanges, changeTimes, emptyViewMaps, type ContainerView, type ObjectChange, type EventView, type ObjectView, type PodView, type ReplicaSetView, type ViewMaps } from '../../worker/views';
import { emptyHistory, LIMITS, recordBatch, type History } from './history';

const rs = (name: string, revision: string, counts: Partial<ReplicaSetView> = {}): ReplicaSetView => ({
  kind: 'ReplicaSet',
  namespace: 'default',
  name,
  uid: `uid-${name}`,
  createdAt: 0,
  owner: { kind: 'Deployment', name: 'web', uid: 'uid-web' },
  desired: 0,
  current: 0,
  ready: 0,
  available: 0,
  revision,
  images: ['nginx'],
  ...counts,
});

const container = (state: Partial<ContainerView> = {}): ContainerView => ({
  name: 'app',
  image: 'busybox',
  init: false,
  state: 'waiting',
  reason: 'ContainerCreating',
  ready: false,
  restartCount: 0,
  startedAt: NaN,
  ...state,
});

const pod = (name: string, ...containers: ContainerView[]): PodView => ({
  kind: 'Pod',
  namespace: 'default',
  name,
  uid: `uid-${name}`,
  createdAt: 0,
  node: 'worker01',
  phase: 'Running',
  status: '',
  ready: 0,
  total: containers.length,
  restarts: 0,
  ip: '',
  labels: {},
  terminating: false,
  containers,
});

const event = (name: string, podName: string, reason: string, count: number, extra: Partial<EventView> = {}): EventView => ({
  kind: 'Event',
  namespace: 'default',
  name,
  uid: `uid-${name}`,
  createdAt: 0,
  involved: { kind: 'Pod', namespace: 'default', name: podName, uid: `uid-${podName}` },
  container: 'app',
  type: 'Warning',
  reason,
  message: `${reason} message`,
  count,
  firstAt: 0,
  lastAt: 0,
  source: 'kubelet',
  ...extra,
});

/** A batch: views put, and keys (`Kind|namespace/name`) deleted. */
type Batch = { at: number; put?: ObjectView[]; drop?: string[] };

/** Plays batches through the store's own apply and the recorder, as the page does. */
function play(batches: readonly Batch[]): History {
  let maps: ViewMaps = emptyViewMaps();
  let history = emptyHistory();
  for (const batch of batches) {
    const next = applyChanges(maps, [
      ...(batch.put ?? []).map((view) => ({ op: 'put' as const, view, at: batch.at })),
      ...(batch.drop ?? []).map((d) => ({ op: 'delete' as const, kind: d.split('|')[0] as ObjectView['kind'], key: d.split('|')[1]!, at: batch.at })),
    ]);
    history = recordBatch(history, maps, next, batch.at);
    maps = next;
  }
  return history;
}

describe('ReplicaSet counts', () => {
  test.each([
    {
      name: 'a sample per change of counts, none when a batch repeats them',
      batches: [
        { at: 0, put: [rs('a', '1', { desired: 1 })] },
        { at: 100, put: [rs('a', '1', { desired: 1, current: 1 })] },
        { at: 200, put: [rs('a', '1', { desired: 1, current: 1 })] },
        { at: 300, put: [rs('a', '1', { desired: 1, current: 1, ready: 1, available: 1 })] },
      ],
      want: [
        [0, 1, 0, 0],
        [100, 1, 1, 0],
        [300, 1, 1, 1],
      ],
    },
    {
      name: 'a scale down to zero is a step too',
      batches: [
        { at: 0, put: [rs('a', '1', { desired: 2, current: 2, available: 2 })] },
        { at: 50, put: [rs('a', '1', { desired: 0, current: 2, available: 2 })] },
        { at: 90, put: [rs('a', '1', { desired: 0, current: 0, available: 0 })] },
      ],
      want: [
        [0, 2, 2, 2],
        [50, 0, 2, 2],
        [90, 0, 0, 0],
      ],
    },
  ])('$name', ({ batches, want }) => {
    const history = play(batches);
    expect(history.replicaSets.get('uid-a')?.samples.map((s) => [s.at, s.desired, s.current, s.available])).toEqual(want);
    expect(history.replicaSets.get('uid-a')?.deployment).toBe('uid-web');
  });

  test('rollout undo renumbers an old ReplicaSet: the earlier revision is remembered', () => {
    const history = play([
      { at: 0, put: [rs('a', '1', { desired: 0 })] },
      { at: 10, put: [rs('a', '3', { desired: 0 })] },
    ]);
    expect(history.replicaSets.get('uid-a')).toMatchObject({ revision: '3', earlierRevisions: ['1'] });
    expect(history.replicaSets.get('uid-a')?.samples).toHaveLength(1);
  });

  test('a deleted ReplicaSet leaves the history', () => {
    const history = play([{ at: 0, put: [rs('a', '1')] }, { at: 10, drop: ['ReplicaSet|default/a'] }]);
    expect(history.replicaSets.size).toBe(0);
  });

  test('samples are capped, the newest kept', () => {
    const batches = Array.from({ length: LIMITS.samples + 5 }, (_, i) => ({ at: i, put: [rs('a', '1', { desired: i })] }));
    const samples = play(batches).replicaSets.get('uid-a')!.samples;
    expect(samples).toHaveLength(LIMITS.samples);
    expect(samples.at(-1)?.desired).toBe(LIMITS.samples + 4);
  });
});

describe('pods: container states and event marks', () => {
  test.each([
    {
      name: 'creating, running, not ready then ready',
      states: [container(), container({ state: 'running', reason: '' }), container({ state: 'running', reason: '', ready: true })],
      want: ['waiting/ContainerCreating/false/0', 'running//false/0', 'running//true/0'],
    },
    {
      name: 'a crash loop: each restart and each back-off is a sample',
      states: [
        container({ state: 'running', reason: '' }),
        container({ state: 'terminated', reason: 'Error', exitCode: 1 }),
        container({ state: 'waiting', reason: 'CrashLoopBackOff', restartCount: 1, lastExit: { reason: 'Error', exitCode: 1 } }),
        container({ state: 'waiting', reason: 'CrashLoopBackOff', restartCount: 1, lastExit: { reason: 'Error', exitCode: 1 } }),
        container({ state: 'running', reason: '', restartCount: 1, lastExit: { reason: 'Error', exitCode: 1 } }),
      ],
      want: ['running//false/0', 'terminated/Error/false/0', 'waiting/CrashLoopBackOff/false/1', 'running//false/1'],
    },
  ])('$name', ({ states, want }) => {
    const history = play(states.map((c, i) => ({ at: i * 1000, put: [pod('p', c)] })));
    const samples = history.pods.get('uid-p')!.states.app!;
    expect(samples.map((s) => `${s.state}/${s.reason}/${s.ready}/${s.restartCount}`)).toEqual(want);
  });

  test.each([
    { name: 'a new event is one mark', counts: [1], want: [[1000, 1]] },
    { name: 'a count that rose is a mark for the new occurrences', counts: [1, 3], want: [[1000, 1], [2000, 2]] },
    { name: 'an unchanged count adds nothing', counts: [2, 2], want: [[1000, 2]] },
  ])('events: $name', ({ counts, want }) => {
    const history = play([{ at: 0, put: [pod('p', container())] }, ...counts.map((count, i) => ({ at: (i + 1) * 1000, put: [event('p.1', 'p', 'Unhealthy', count)] }))]);
    expect(history.pods.get('uid-p')!.marks.map((m) => [m.at, m.times])).toEqual(want);
    expect(history.pods.get('uid-p')!.marks[0]).toMatchObject({ reason: 'Unhealthy', container: 'app', type: 'Warning', message: 'Unhealthy message' });
  });

  test('events about pods the page never saw, and about other kinds, make no marks', () => {
    const history = play([
      { at: 0, put: [pod('p', container())] },
      { at: 1, put: [event('q.1', 'q', 'Pulling', 1), event('d.1', 'p', 'ScalingReplicaSet', 1, { involved: { kind: 'Deployment', namespace: 'default', name: 'p', uid: 'uid-p' } })] },
    ]);
    expect([...history.pods.keys()]).toEqual(['uid-p']);
    expect(history.pods.get('uid-p')!.marks).toEqual([]);
  });

  test('a deleted pod is kept with the time it went; the oldest gone pods are dropped past the limit', () => {
    const names = Array.from({ length: LIMITS.gonePods + 2 }, (_, i) => `p${i}`);
    const history = play([{ at: 0, put: names.map((n) => pod(n, container())) }, ...names.map((n, i) => ({ at: 10 + i, drop: [`Pod|default/${n}`] }))]);
    expect(history.pods.size).toBe(LIMITS.gonePods);
    expect(history.pods.has('uid-p0')).toBe(false);
    expect(history.pods.get(`uid-${names.at(-1)}`)?.goneAt).toBe(10 + names.length - 1);
  });

  test('in a batch that covers a long frame (a fast-forward), each change is recorded when the worker saw it', () => {
    const start: ObjectChange[] = [
      { op: 'put', view: pod('p', container()), at: 0 },
      { op: 'put', view: pod('q', container()), at: 0 },
    ];
    const maps = applyChanges(emptyViewMaps(), start);
    let history = recordBatch(emptyHistory(), emptyViewMaps(), maps, 0, changeTimes(start));
    const frame: ObjectChange[] = [
      { op: 'put', view: pod('p', container({ state: 'running', reason: '' })), at: 12_000 },
      { op: 'put', view: event('p.1', 'p', 'Started', 1), at: 12_500 },
      { op: 'delete', kind: 'Pod', key: 'default/q', at: 30_000 },
    ];
    history = recordBatch(history, maps, applyChanges(maps, frame), 60_000, changeTimes(frame));
    expect(history.pods.get('uid-p')!.states.app!.map((s) => s.at)).toEqual([0, 12_000]);
    expect(history.pods.get('uid-p')!.marks.map((m) => m.at)).toEqual([12_500]);
    expect(history.pods.get('uid-q')!.goneAt).toBe(30_000);
    expect(history.at).toBe(60_000);
  });

  test('a batch that touches none of the recorded kinds returns the same history', () => {
    const before = play([{ at: 0, put: [pod('p', container())] }]);
    const maps = applyChanges(emptyViewMaps(), [{ op: 'put', view: pod('p', container()), at: 0 }]);
    const node: ObjectView = { kind: 'Node', namespace: '', name: 'n', uid: 'n', createdAt: 0, ready: true, unschedulable: false, roles: [], internalIP: '', podCIDR: '' };
    expect(recordBatch(before, maps, applyChanges(maps, [{ op: 'put', view: node, at: 5 }]), 5)).toBe(before);
  });
});
