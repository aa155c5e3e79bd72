import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { Clock } from '../../sim/clock';
import { sinceWall, wallNow } from './duration';
import { POD_COLUMNS, podPrinter, podStatusReason, summarizePod } from './pod';

const clock = new Clock();
const NOW = 600_000; // ten simulated minutes after the cluster started
const ts = (simMs: number) => clock.timestamp(simMs);
const ago = (ms: number) => ts(NOW - ms);
const nowWall = wallNow(clock, NOW);
const ctx = { nowWall, age: (t: string | undefined | null) => sinceWall(t, nowWall) };

const running = (name = 'app', extra: Partial<ContainerStatus> = {}): ContainerStatus => ({
  name,
  image: 'nginx',
  imageID: '',
  ready: true,
  started: true,
  restartCount: 0,
  state: { running: { startedAt: ago(60_000) } },
  ...extra,
});
const waiting = (reason: string, name = 'app', extra: Partial<ContainerStatus> = {}): ContainerStatus => ({
  name,
  image: 'nginx',
  imageID: '',
  ready: false,
  restartCount: 0,
  state: { waiting: { reason } },
  ...extra,
});
const terminated = (exitCode: number, reason?: string, name = 'app', signal?: number): ContainerStatus => ({
  name,
  image: 'busybox',
  imageID: '',
  ready: false,
  restartCount: 0,
  state: { terminated: { exitCode, ...(reason ? { reason } : {}), ...(signal ? { signal } : {}) } },
});
const crashed = (finishedAgo: number) => ({ terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(finishedAgo) } });

function pod(p: {
  containers?: string[];
  init?: { name: string; sidecar?: boolean }[];
  phase?: string;
  reason?: string;
  statuses?: ContainerStatus[];
  initStatuses?: ContainerStatus[];
  conditions?: [string, string, string?][];
  deleting?: boolean;
  ip?: string;
  node?: string;
  gates?: string[];
}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'p',
      namespace: 'default',
      creationTimestamp: ago(42_000),
      ...(p.deleting ? { deletionTimestamp: ts(NOW) } : {}),
    },
    spec: {
      containers: (p.containers ?? ['app']).map((name) => ({ name, image: 'nginx' })),
      ...(p.init ? { initContainers: p.init.map((c) => ({ name: c.name, image: 'busybox', ...(c.sidecar ? { restartPolicy: 'Always' } : {}) })) } : {}),
      ...(p.node ? { nodeName: p.node } : {}),
      ...(p.gates ? { readinessGates: p.gates.map((conditionType) => ({ conditionType })) } : {}),
    },
    status: {
      phase: p.phase ?? 'Running',
      ...(p.reason ? { reason: p.reason } : {}),
      ...(p.ip ? { podIP: p.ip, podIPs: [{ ip: p.ip }] } : {}),
      ...(p.conditions ? { conditions: p.conditions.map(([type, status, reason]) => ({ type, status, ...(reason ? { reason } : {}) })) } : {}),
      ...(p.statuses ? { containerStatuses: p.statuses } : {}),
      ...(p.initStatuses ? { initContainerStatuses: p.initStatuses } : {}),
    },
  };
}

/** READY, STATUS, RESTARTS of one pod. */
const row = (p: Pod) => podPrinter.cells(p, ctx).slice(1, 4);

describe('pod READY / STATUS / RESTARTS', () => {
  it.each<[string, Pod, [string, string, string]]>([
    ['running', pod({ statuses: [running()] }), ['1/1', 'Running', '0']],
    ['unscheduled', pod({ phase: 'Pending' }), ['0/1', 'Pending', '0']],
    [
      'scheduled, image not present yet',
      pod({ phase: 'Pending', statuses: [waiting('ContainerCreating')] }),
      ['0/1', 'ContainerCreating', '0'],
    ],
    ['bad image', pod({ phase: 'Pending', statuses: [waiting('ErrImagePull')] }), ['0/1', 'ErrImagePull', '0']],
    ['image back-off', pod({ phase: 'Pending', statuses: [waiting('ImagePullBackOff')] }), ['0/1', 'ImagePullBackOff', '0']],
    [
      'restarted once, 5s ago',
      pod({ statuses: [running('app', { restartCount: 1, lastState: crashed(5_000) })] }),
      ['1/1', 'Running', '1 (5s ago)'],
    ],
    [
      'crash loop',
      pod({ statuses: [waiting('CrashLoopBackOff', 'app', { restartCount: 4, lastState: crashed(63_000) })] }),
      ['0/1', 'CrashLoopBackOff', '4 (63s ago)'],
    ],
    [
      'crash loop, minutes',
      pod({ statuses: [waiting('CrashLoopBackOff', 'app', { restartCount: 12, lastState: crashed(182_000) })] }),
      ['0/1', 'CrashLoopBackOff', '12 (3m2s ago)'],
    ],
    [
      'restarts without a finish time print the bare number',
      pod({ statuses: [running('app', { restartCount: 2, lastState: { terminated: { exitCode: 1 } } })] }),
      ['1/1', 'Running', '2'],
    ],
    ['busybox exited', pod({ phase: 'Running', statuses: [terminated(0, 'Completed')] }), ['0/1', 'Completed', '0']],
    ['succeeded', pod({ phase: 'Succeeded', statuses: [terminated(0, 'Completed')] }), ['0/1', 'Completed', '0']],
    ['failed', pod({ phase: 'Failed', statuses: [terminated(1, 'Error')] }), ['0/1', 'Error', '0']],
    ['OOM', pod({ statuses: [terminated(137, 'OOMKilled')] }), ['0/1', 'OOMKilled', '0']],
    ['signal without reason', pod({ statuses: [terminated(137, undefined, 'app', 9)] }), ['0/1', 'Signal:9', '0']],
    ['exit code without reason', pod({ statuses: [terminated(2)] }), ['0/1', 'ExitCode:2', '0']],
    ['evicted', pod({ phase: 'Failed', reason: 'Evicted' }), ['0/1', 'Evicted', '0']],
    [
      'scheduling gated',
      pod({ phase: 'Pending', conditions: [['PodScheduled', 'False', 'SchedulingGated']] }),
      ['0/1', 'SchedulingGated', '0'],
    ],
    [
      'first not-running container wins',
      pod({ containers: ['a', 'b'], statuses: [waiting('ErrImagePull', 'a'), waiting('CrashLoopBackOff', 'b')] }),
      ['0/2', 'ErrImagePull', '0'],
    ],
    [
      'one of two ready',
      pod({ containers: ['a', 'b'], statuses: [running('a'), running('b', { ready: false })] }),
      ['1/2', 'Running', '0'],
    ],
    [
      'Completed next to a running container, pod Ready',
      pod({ containers: ['a', 'b'], statuses: [terminated(0, 'Completed', 'a'), running('b')], conditions: [['Ready', 'True']] }),
      ['1/2', 'Running', '0'],
    ],
    [
      'Completed next to a running container, pod not Ready',
      pod({ containers: ['a', 'b'], statuses: [terminated(0, 'Completed', 'a'), running('b')], conditions: [['Ready', 'False']] }),
      ['1/2', 'NotReady', '0'],
    ],
    ['terminating', pod({ deleting: true, statuses: [running()] }), ['1/1', 'Terminating', '0']],
    ['terminating, not ready', pod({ deleting: true, statuses: [running('app', { ready: false })] }), ['0/1', 'Terminating', '0']],
    [
      'deleted after completion keeps its terminal status',
      pod({ deleting: true, phase: 'Succeeded', statuses: [terminated(0, 'Completed')] }),
      ['0/1', 'Completed', '0'],
    ],
    ['node lost while deleting', pod({ deleting: true, reason: 'NodeLost', statuses: [running()] }), ['1/1', 'Unknown', '0']],
    ['node lost, not deleting', pod({ reason: 'NodeLost', phase: 'Unknown' }), ['0/1', 'NodeLost', '0']],
  ])('%s', (_, p, want) => {
    expect(row(p)).toEqual(want);
  });
});

describe('pod init containers', () => {
  const init1 = [{ name: 'init' }];
  const init2 = [{ name: 'init-a' }, { name: 'init-b' }];
  it.each<[string, Pod, [string, string, string]]>([
    ['no status yet', pod({ phase: 'Pending', init: init1 }), ['0/1', 'Pending', '0']],
    [
      'first init running',
      pod({ phase: 'Pending', init: init1, initStatuses: [running('init', { ready: false })], statuses: [waiting('PodInitializing')] }),
      ['0/1', 'Init:0/1', '0'],
    ],
    [
      'init waiting to start (PodInitializing is not a reason to show)',
      pod({ phase: 'Pending', init: init1, initStatuses: [waiting('PodInitializing', 'init')] }),
      ['0/1', 'Init:0/1', '0'],
    ],
    [
      'second of two running',
      pod({ phase: 'Pending', init: init2, initStatuses: [terminated(0, 'Completed', 'init-a'), running('init-b', { ready: false })] }),
      ['0/1', 'Init:1/2', '0'],
    ],
    [
      'init crash loop counts init restarts',
      pod({
        phase: 'Pending',
        init: init1,
        initStatuses: [waiting('CrashLoopBackOff', 'init', { restartCount: 3, lastState: crashed(10_000) })],
        statuses: [waiting('PodInitializing')],
      }),
      ['0/1', 'Init:CrashLoopBackOff', '3 (10s ago)'],
    ],
    ['init failed', pod({ phase: 'Pending', init: init1, initStatuses: [terminated(1, 'Error', 'init')] }), ['0/1', 'Init:Error', '0']],
    [
      'init killed by a signal',
      pod({ phase: 'Pending', init: init1, initStatuses: [terminated(137, undefined, 'init', 9)] }),
      ['0/1', 'Init:Signal:9', '0'],
    ],
    ['init exit code', pod({ phase: 'Pending', init: init1, initStatuses: [terminated(3, undefined, 'init')] }), ['0/1', 'Init:ExitCode:3', '0']],
    ['init image pull', pod({ phase: 'Pending', init: init1, initStatuses: [waiting('ErrImagePull', 'init')] }), ['0/1', 'Init:ErrImagePull', '0']],
    [
      'initialized: init restarts no longer count',
      pod({
        init: init1,
        initStatuses: [{ ...terminated(0, 'Completed', 'init'), restartCount: 2, lastState: crashed(300_000) }],
        statuses: [running()],
      }),
      ['1/1', 'Running', '0'],
    ],
  ])('%s', (_, p, want) => {
    expect(row(p)).toEqual(want);
  });
});

describe('pod sidecars (restartable init containers)', () => {
  const sidecar = [{ name: 'proxy', sidecar: true }];
  it.each<[string, Pod, [string, string, string]]>([
    [
      'sidecar not started yet',
      pod({ phase: 'Pending', init: sidecar, initStatuses: [running('proxy', { ready: false, started: false })] }),
      ['0/2', 'Init:0/1', '0'],
    ],
    [
      'sidecar started, app creating',
      pod({
        phase: 'Pending',
        init: sidecar,
        initStatuses: [running('proxy', { ready: false, started: true })],
        statuses: [waiting('ContainerCreating')],
      }),
      ['0/2', 'ContainerCreating', '0'],
    ],
    [
      'both running and ready',
      pod({ init: sidecar, initStatuses: [running('proxy')], statuses: [running()] }),
      ['2/2', 'Running', '0'],
    ],
    [
      'sidecar restarts count next to app restarts, latest finish wins',
      pod({
        init: sidecar,
        initStatuses: [running('proxy', { restartCount: 2, lastState: crashed(30_000) })],
        statuses: [running('app', { restartCount: 1, lastState: crashed(90_000) })],
      }),
      ['2/2', 'Running', '3 (30s ago)'],
    ],
    [
      'a plain init container rerunning after initialization: Initialized=True keeps container status',
      pod({
        init: [{ name: 'init' }],
        initStatuses: [waiting('CrashLoopBackOff', 'init', { restartCount: 1 })],
        statuses: [running()],
        conditions: [['Initialized', 'True']],
      }),
      ['1/1', 'Init:CrashLoopBackOff', '0'],
    ],
  ])('%s', (_, p, want) => {
    expect(row(p)).toEqual(want);
  });
});

describe('pod row', () => {
  it('has one cell per column, wide cells included', () => {
    const cells = podPrinter.cells(pod({ statuses: [running()], ip: '10.244.1.5', node: 'worker01' }), ctx);
    expect(cells).toEqual(['p', '1/1', 'Running', '0', '42s', '10.244.1.5', 'worker01', '<none>', '<none>']);
    expect(cells).toHaveLength(POD_COLUMNS.length);
    expect(POD_COLUMNS.map((c) => [c.name, c.priority])).toEqual([
      ['Name', 0],
      ['Ready', 0],
      ['Status', 0],
      ['Restarts', 0],
      ['Age', 0],
      ['IP', 1],
      ['Node', 1],
      ['Nominated Node', 1],
      ['Readiness Gates', 1],
    ]);
  });

  it('prints <none> for a pending pod without IP or node', () => {
    expect(podPrinter.cells(pod({ phase: 'Pending' }), ctx).slice(5)).toEqual(['<none>', '<none>', '<none>', '<none>']);
  });

  it('counts true readiness gates', () => {
    const p = pod({ statuses: [running()], gates: ['example.com/a', 'example.com/b'], conditions: [['example.com/a', 'True'], ['example.com/b', 'False']] });
    expect(podPrinter.cells(p, ctx)[8]).toBe('1/2');
  });

  it('marks finished pods with a Completed row condition', () => {
    expect(podPrinter.conditions!(pod({ phase: 'Succeeded' }))?.[0]).toMatchObject({ type: 'Completed', reason: 'Succeeded' });
    expect(podPrinter.conditions!(pod({ phase: 'Failed' }))?.[0]).toMatchObject({ type: 'Completed', reason: 'Failed' });
    expect(podPrinter.conditions!(pod({ phase: 'Running' }))).toBeUndefined();
  });

  it('exposes the status alone', () => {
    expect(podStatusReason(pod({ phase: 'Pending', statuses: [waiting('ContainerCreating')] }))).toBe('ContainerCreating');
    expect(summarizePod(pod({ statuses: [running()] }))).toMatchObject({ ready: 1, total: 1, restarts: 0 });
  });

  it('survives an empty object', () => {
    expect(podPrinter.cells({}, ctx)).toEqual(['', '0/0', '', '0', '<unknown>', '<none>', '<none>', '<none>', '<none>']);
  });
});
