import { describe, expect, it } from 'vitest';
import type { ContainerStatus } from 'kubernetes-types/core/v1';
import type { ImageRecord } from '../../runtime/cri/types';
import { Clock } from '../../sim/clock';
import { instanceBeforeReboot } from './after-reboot';

const clock = new Clock(Date.UTC(2026, 0, 5, 9));
clock.advance(600_000); // the node comes back at 09:10:00
const image = { ref: 'docker.io/library/nginx:latest', imageID: 'docker.io/library/nginx@sha256:ab' } as ImageRecord;
const ID = 'containerd://' + 'a'.repeat(64);
const base = { name: 'web', image: 'nginx', imageID: image.imageID, ready: false, containerID: ID };
const ran = { startedAt: '2026-01-05T09:01:00Z', containerID: ID };

describe('a container as containerd finds it after a reboot', () => {
  it.each<[string, ContainerStatus, ImageRecord | undefined, object | undefined]>([
    [
      'running: exited 255 Unknown as the node came back, same attempt',
      { ...base, restartCount: 2, state: { running: { startedAt: ran.startedAt } } },
      image,
      { attempt: 2, exitCode: 255, reason: 'Unknown', startedAt: 60_000, finishedAt: 600_000 },
    ],
    [
      'already ended: as it ended',
      { ...base, restartCount: 0, state: { terminated: { ...ran, exitCode: 0, reason: 'Completed', finishedAt: '2026-01-05T09:02:00Z' } } },
      image,
      { attempt: 0, exitCode: 0, reason: 'Completed', startedAt: 60_000, finishedAt: 120_000 },
    ],
    [
      'waiting in a crash loop: the run lastState shows',
      { ...base, restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { ...ran, exitCode: 1, reason: 'Error', finishedAt: '2026-01-05T09:01:05Z' } } },
      image,
      { attempt: 3, exitCode: 1, reason: 'Error', startedAt: 60_000, finishedAt: 65_000 },
    ],
    ['never ran (ContainerCreating)', { name: 'web', image: 'nginx', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }, image, undefined],
    ['its image is not on the node', { ...base, restartCount: 0, state: { running: { startedAt: ran.startedAt } } }, undefined, undefined],
  ])('%s', (_, status, present, expected) => {
    const instance = instanceBeforeReboot(status, present, clock);
    if (expected === undefined) return expect(instance).toBeUndefined();
    expect(instance?.id).toBe('a'.repeat(64));
    expect(instance?.status).toMatchObject({ state: 'exited', containerID: ID, image, ...expected });
  });
});
