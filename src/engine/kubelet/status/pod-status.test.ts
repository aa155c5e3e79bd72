import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { apiContainerStatus, type ContainerView, type RunView } from './container-status';
import { generatePodStatus } from './pod-status';

const run = (id: string, exited?: { exitCode: number; reason: string }): RunView => ({
  containerID: `containerd://${id}`,
  image: 'docker.io/library/busybox:latest',
  imageID: 'docker.io/library/busybox@sha256:abc',
  startedAt: 'T1',
  ...(exited ? { exited: { ...exited, finishedAt: 'T2' } } : {}),
});

const view = (extra: Partial<ContainerView> = {}): ContainerView => ({
  name: 'c',
  specImage: 'busybox',
  starting: false,
  willRestart: true,
  restartCount: 0,
  ready: true,
  started: true,
  ...extra,
});

describe('container status', () => {
  it.each<[string, Partial<ContainerView>, object]>([
    ['nothing yet', {}, { state: { waiting: { reason: 'ContainerCreating' } }, image: 'busybox', imageID: '', ready: false, started: false }],
    ['pulling failed', { failure: { reason: 'ErrImagePull', message: 'rpc error' } }, { state: { waiting: { reason: 'ErrImagePull', message: 'rpc error' } }, lastState: {} }],
    ['running', { current: run('a') }, { state: { running: { startedAt: 'T1' } }, ready: true, started: true, containerID: 'containerd://a', image: 'docker.io/library/busybox:latest' }],
    ['postStart still running', { current: run('a'), starting: true }, { state: { waiting: { reason: 'ContainerCreating' } }, ready: false, containerID: 'containerd://a' }],
    ['running, not ready', { current: run('a'), ready: false }, { ready: false, started: true }],
    [
      'exited, about to restart',
      { current: run('a', { exitCode: 0, reason: 'Completed' }) },
      { state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: 'T1', finishedAt: 'T2', containerID: 'containerd://a' } }, lastState: {}, ready: false },
    ],
    [
      'crash-looping',
      { current: run('b', { exitCode: 1, reason: 'Error' }), previous: run('a', { exitCode: 1, reason: 'Error' }), restartCount: 1, failure: { reason: 'CrashLoopBackOff', message: 'back-off 10s …' } },
      { state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 10s …' } }, lastState: { terminated: { exitCode: 1, containerID: 'containerd://b' } }, restartCount: 1 },
    ],
    [
      'restarted: the previous run is lastState',
      { current: run('b'), previous: run('a', { exitCode: 137, reason: 'Error' }), restartCount: 1 },
      { state: { running: { startedAt: 'T1' } }, lastState: { terminated: { exitCode: 137, containerID: 'containerd://a' } } },
    ],
    ['finished for good', { current: run('a', { exitCode: 0, reason: 'Completed' }), willRestart: false, failure: { reason: 'X' } }, { state: { terminated: { reason: 'Completed' } } }],
  ])('%s', (_name, v, expected) => {
    expect(apiContainerStatus(view(v), 'ContainerCreating')).toMatchObject(expected);
  });
});

const pod = (spec: Partial<NonNullable<Pod['spec']>> = {}): Pod => ({
  metadata: { name: 'p', namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'busybox' }], ...spec },
  status: { phase: 'Pending', qosClass: 'BestEffort', conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: 'T0' }] },
});

const summary = (p: Pod, init: Partial<ContainerView>[], main: Partial<ContainerView>[], extra: { sandboxReady?: boolean; terminal?: boolean } = {}) => {
  const s = generatePodStatus({
    pod: p,
    init: init.map((v, i) => view({ name: `i${i}`, ...v })),
    containers: main.map((v) => view(v)),
    sandboxReady: extra.sandboxReady ?? true,
    hostIP: '192.168.1.131',
    podIP: extra.sandboxReady === false ? '' : '10.244.1.2',
    now: 'T9',
    terminal: extra.terminal ?? false,
  });
  return { phase: s.phase, conditions: s.conditions!.map((c) => [c.type, c.status, c.reason ?? '', c.message ?? ''].join(' ').trim()), podIP: s.podIP };
};

describe('pod status', () => {
  it('a pod the kubelet just saw: Pending, sandbox not ready, no IP yet', () => {
    expect(summary(pod(), [], [{}], { sandboxReady: false })).toEqual({
      phase: 'Pending',
      podIP: undefined,
      conditions: [
        'PodReadyToStartContainers False',
        'Initialized True',
        'Ready False ContainersNotReady containers with unready status: [c]',
        'ContainersReady False ContainersNotReady containers with unready status: [c]',
        'PodScheduled True',
      ],
    });
  });

  it('running and ready', () => {
    expect(summary(pod(), [], [{ current: run('a') }])).toEqual({
      phase: 'Running',
      podIP: '10.244.1.2',
      conditions: ['PodReadyToStartContainers True', 'Initialized True', 'Ready True', 'ContainersReady True', 'PodScheduled True'],
    });
  });

  it('an init container still running: Init not done, app containers PodInitializing', () => {
    const p = pod({ initContainers: [{ name: 'i0', image: 'busybox' }] });
    const s = summary(p, [{ current: run('i') }], [{}]);
    expect(s.phase).toBe('Pending');
    expect(s.conditions[1]).toBe('Initialized False ContainersNotInitialized containers with incomplete status: [i0]');
    const full = generatePodStatus({ pod: p, init: [view({ name: 'i0', current: run('i') })], containers: [view()], sandboxReady: true, hostIP: 'h', podIP: 'ip', now: 'T', terminal: false });
    expect(full.containerStatuses![0]!.state).toEqual({ waiting: { reason: 'PodInitializing' } });
  });

  it('restartPolicy Never, exited 0: Succeeded with PodCompleted', () => {
    const s = summary(pod({ restartPolicy: 'Never' }), [], [{ current: run('a', { exitCode: 0, reason: 'Completed' }), willRestart: false }]);
    expect(s.phase).toBe('Succeeded');
    expect(s.conditions).toContain('ContainersReady False PodCompleted');
    expect(s.conditions).toContain('Ready False PodCompleted');
  });

  it('a deleted pod whose container was killed ends Failed', () => {
    const s = summary(pod(), [], [{ current: run('a', { exitCode: 137, reason: 'Error' }), willRestart: false }], { terminal: true });
    expect(s.phase).toBe('Failed');
  });

  it('conditions keep their transition time while unchanged; foreign conditions are kept first', () => {
    const p = pod();
    p.status!.conditions = [
      { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', lastTransitionTime: 'T0' },
      { type: 'Ready', status: 'True', lastTransitionTime: 'T5' },
      { type: 'PodScheduled', status: 'True', lastTransitionTime: 'T0' },
    ];
    const s = generatePodStatus({ pod: p, init: [], containers: [view({ current: run('a') })], sandboxReady: true, hostIP: 'h', podIP: 'ip', now: 'T9', terminal: false });
    expect(s.conditions!.map((c) => `${c.type}@${c.lastTransitionTime}`)).toEqual([
      'DisruptionTarget@T0',
      'PodReadyToStartContainers@T9',
      'Initialized@T9',
      'Ready@T5',
      'ContainersReady@T9',
      'PodScheduled@T0',
    ]);
  });

  it('a terminal phase sticks', () => {
    const p = pod();
    p.status!.phase = 'Succeeded';
    expect(summary(p, [], [{}]).phase).toBe('Succeeded');
  });
});
