/**
 * Invariants of the status the kubelet writes, whatever state its containers are in: Ready and
 * ContainersReady agree, they are True exactly when every container is running and ready, a
 * ready container is always a running one, and a pod never leaves a terminal phase.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Pod } from 'kubernetes-types/core/v1';
import type { ContainerView, RunView } from './container-status';
import { generatePodStatus } from './pod-status';

const run = (exited: boolean, exitCode: number): RunView => ({
  containerID: 'containerd://x',
  image: 'docker.io/library/busybox:latest',
  imageID: 'id',
  startedAt: 'T1',
  ...(exited ? { exited: { exitCode, reason: exitCode === 0 ? 'Completed' : 'Error', finishedAt: 'T2' } } : {}),
});

const view = (name: string): fc.Arbitrary<ContainerView> =>
  fc.record({
    current: fc.option(fc.record({ exited: fc.boolean(), exitCode: fc.constantFrom(0, 1, 137) }), { nil: undefined }),
    previous: fc.option(fc.constantFrom(0, 1, 137), { nil: undefined }),
    failure: fc.option(fc.constantFrom('CrashLoopBackOff', 'ErrImagePull', 'RunContainerError'), { nil: undefined }),
    starting: fc.boolean(),
    willRestart: fc.boolean(),
    restartCount: fc.nat(5),
    ready: fc.boolean(),
    started: fc.boolean(),
  }).map((v) => ({
    name,
    specImage: 'busybox',
    ...(v.current ? { current: run(v.current.exited, v.current.exitCode) } : {}),
    ...(v.previous !== undefined ? { previous: run(true, v.previous) } : {}),
    ...(v.failure ? { failure: { reason: v.failure, message: 'm' } } : {}),
    starting: v.starting,
    willRestart: v.willRestart,
    restartCount: v.restartCount,
    ready: v.ready,
    started: v.started,
  }));

describe('pod status invariants (property)', () => {
  it('Ready ⇔ ContainersReady ⇔ every container running and ready; ready implies running; terminal phases stick', () => {
    fc.assert(
      fc.property(
        fc.array(view('c'), { minLength: 1, maxLength: 3 }),
        fc.constantFrom('Always', 'OnFailure', 'Never'),
        fc.constantFrom('Pending', 'Running', 'Succeeded', 'Failed'),
        fc.boolean(),
        (views, restartPolicy, previousPhase, terminal) => {
          const containers = views.map((v, i) => ({ ...v, name: `c${i}` }));
          const pod: Pod = {
            metadata: { name: 'p' },
            spec: { restartPolicy, containers: containers.map((c) => ({ name: c.name, image: 'busybox' })) },
            status: { phase: previousPhase },
          };
          const s = generatePodStatus({ pod, init: [], containers, sandboxReady: true, hostIP: 'h', podIP: 'ip', now: 'T', terminal });
          const cond = (type: string) => s.conditions!.find((c) => c.type === type)!.status;
          expect(cond('Ready')).toBe(cond('ContainersReady'));
          const allReady = s.containerStatuses!.every((c) => c.ready);
          const terminalPhase = s.phase === 'Succeeded' || s.phase === 'Failed';
          expect(cond('Ready') === 'True').toBe(allReady && !terminalPhase);
          for (const c of s.containerStatuses!) if (c.ready) expect(c.state!.running).toBeDefined();
          if (previousPhase === 'Succeeded' || previousPhase === 'Failed') expect(s.phase).toBe(previousPhase);
          for (const c of s.containerStatuses!) expect(Object.keys(c.state!)).toHaveLength(1);
        },
      ),
    );
  });
});
