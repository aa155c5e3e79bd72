import { describe, expect, it } from 'vitest';
import {
  type ContainerStateView,
  type PodPhase,
  type RestartPolicy,
  podPhase,
  shouldRestart,
} from './phase';

const running: ContainerStateView = { state: 'running' };
const creating: ContainerStateView = { state: 'waiting' };
const exited0: ContainerStateView = { state: 'terminated', exitCode: 0 };
const exited1: ContainerStateView = { state: 'terminated', exitCode: 1 };
const crashLooping: ContainerStateView = { state: 'waiting', lastExitCode: 1 };

function phaseOf(
  policy: RestartPolicy,
  main: (ContainerStateView | undefined)[],
  init: { s: ContainerStateView | undefined; sidecar?: boolean }[] = [],
): PodPhase {
  const statuses = new Map<string, ContainerStateView>();
  main.forEach((s, i) => s && statuses.set(`c${i}`, s));
  init.forEach((c, i) => c.s && statuses.set(`i${i}`, c.s));
  return podPhase({
    restartPolicy: policy,
    containers: main.map((_, i) => ({ name: `c${i}` })),
    initContainers: init.map((c, i) => ({ name: `i${i}`, ...(c.sidecar ? { sidecar: true } : {}) })),
    statuses,
  });
}

describe('podPhase (kubelet getPhase)', () => {
  it.each<[string, RestartPolicy, (ContainerStateView | undefined)[], PodPhase]>([
    ['no status yet', 'Always', [undefined], 'Pending'],
    ['ContainerCreating', 'Always', [creating], 'Pending'],
    ['one running, one still creating', 'Always', [running, creating], 'Pending'],
    ['running', 'Always', [running], 'Running'],
    ['running + crash-looping', 'Always', [running, crashLooping], 'Running'],
    ['CrashLoopBackOff under Always stays Running', 'Always', [crashLooping], 'Running'],
    ['exited 0 under Always is restarting', 'Always', [exited0], 'Running'],
    ['busybox without command under Never → Succeeded', 'Never', [exited0], 'Succeeded'],
    ['non-zero exit under Never → Failed', 'Never', [exited1], 'Failed'],
    ['mixed exits under Never → Failed', 'Never', [exited0, exited1], 'Failed'],
    ['all exit 0 under OnFailure → Succeeded', 'OnFailure', [exited0, exited0], 'Succeeded'],
    ['a failure under OnFailure is restarting', 'OnFailure', [exited0, exited1], 'Running'],
    ['crash-looping under OnFailure', 'OnFailure', [crashLooping], 'Running'],
    ['running but another unknown', 'Always', [running, undefined], 'Pending'],
  ])('%s', (_, policy, main, phase) => {
    expect(phaseOf(policy, main)).toBe(phase);
  });

  it.each<[string, RestartPolicy, { s: ContainerStateView | undefined; sidecar?: boolean }[], (ContainerStateView | undefined)[], PodPhase]>([
    ['init not started', 'Always', [{ s: undefined }], [undefined], 'Pending'],
    ['init running', 'Always', [{ s: running }], [creating], 'Pending'],
    ['init done, main running', 'Always', [{ s: exited0 }], [running], 'Running'],
    ['init failed under Never → Failed', 'Never', [{ s: exited1 }], [creating], 'Failed'],
    ['init crash-looping under Never → Failed', 'Never', [{ s: crashLooping }], [creating], 'Failed'],
    ['init crash-looping under Always → Pending (Init:CrashLoopBackOff)', 'Always', [{ s: crashLooping }], [creating], 'Pending'],
    ['sidecar not started', 'Always', [{ s: creating, sidecar: true }], [undefined], 'Pending'],
    ['sidecar running, main running', 'Always', [{ s: running, sidecar: true }], [running], 'Running'],
    ['sidecar restarting after main started', 'Always', [{ s: crashLooping, sidecar: true }], [running], 'Running'],
    ['sidecar fresh waiting after main started stays Pending (waiting > 0)', 'Always', [{ s: creating, sidecar: true }], [running], 'Pending'],
  ])('%s', (_, policy, init, main, phase) => {
    expect(phaseOf(policy, main, init)).toBe(phase);
  });

  it('a terminal pod ignores the restart policy', () => {
    const statuses = new Map([['c0', exited1]]);
    expect(podPhase({ restartPolicy: 'Always', containers: [{ name: 'c0' }], initContainers: [], statuses, podIsTerminal: true })).toBe('Failed');
  });
});

describe('container exit', () => {
  it.each<[RestartPolicy, number, boolean]>([
    ['Always', 0, true],
    ['Always', 1, true],
    ['OnFailure', 0, false],
    ['OnFailure', 137, true],
    ['Never', 1, false],
  ])('restartPolicy %s, exit %d → restart %s', (policy, code, restart) => {
    expect(shouldRestart(policy, code)).toBe(restart);
  });
});
