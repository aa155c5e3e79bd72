import { describe, expect, it } from 'vitest';
import type { Container } from 'kubernetes-types/core/v1';
import { fileVolume } from '../../runtime/fs';
import type { ContainerStatus, LogEntry } from '../../runtime/cri/types';
import type { RestartPolicy } from '../rules/phase';
import { ContainerRecord } from './container-record';

const exited = (exitCode: number): ContainerStatus =>
  ({ id: 'c1', containerID: 'containerd://c1', name: 'c', attempt: 0, state: 'exited', createdAt: 0, startedAt: 0, finishedAt: 5, exitCode, reason: exitCode ? 'Error' : 'Completed', image: {} }) as unknown as ContainerStatus;

function record(spec: Partial<Container>, init: boolean, exitCode: number, log = ''): ContainerRecord {
  const rec = new ContainerRecord({ name: 'c', ...spec }, init);
  rec.current = { id: 'c1', status: { ...exited(exitCode), state: 'running' }, terminationLog: fileVolume(log) };
  return rec;
}

describe('container record', () => {
  it.each<[string, Partial<Container>, boolean, RestartPolicy, number, boolean]>([
    ['app, Always, exit 0', {}, false, 'Always', 0, true],
    ['app, OnFailure, exit 0', {}, false, 'OnFailure', 0, false],
    ['app, OnFailure, exit 1', {}, false, 'OnFailure', 1, true],
    ['app, Never, exit 1', {}, false, 'Never', 1, false],
    ['init, Always, exit 0 (done)', {}, true, 'Always', 0, false],
    ['init, Always, exit 1', {}, true, 'Always', 1, true],
    ['init, Never, exit 1', {}, true, 'Never', 1, false],
    ['sidecar, Never, exit 0', { restartPolicy: 'Always' }, true, 'Never', 0, true],
  ])('%s → restarts: %s', (_name, spec, init, policy, code, restarts) => {
    const rec = record(spec, init, code);
    rec.recordExit(exited(code), []);
    expect(rec.restartsAfterExit(policy)).toBe(restarts);
  });

  it('the termination message: the file, else (FallbackToLogsOnError, failed) the end of the log', () => {
    const logs: LogEntry[] = Array.from({ length: 100 }, (_, i) => ({ time: i, stream: 'stdout', line: `line ${i}`, partial: false }));
    const fromFile = record({}, false, 1, 'disk full\n');
    fromFile.recordExit(exited(1), logs);
    expect(fromFile.view({ timestamp: () => 'T', now: () => 0 } as never, false).current!.exited!.message).toBe('disk full\n');
    const fromLogs = record({ terminationMessagePolicy: 'FallbackToLogsOnError' }, false, 1);
    fromLogs.recordExit(exited(1), logs);
    const message = fromLogs.current!.message!;
    expect(message.split('\n').filter(Boolean)).toHaveLength(80);
    expect(message.endsWith('line 99\n')).toBe(true);
    const success = record({ terminationMessagePolicy: 'FallbackToLogsOnError' }, false, 0);
    success.recordExit(exited(0), logs);
    expect(success.current!.message).toBeUndefined();
  });

  it('counts attempts on from the last instance; after a purge, from what the purge was told', () => {
    const clock = { timestamp: () => 'T', now: () => 0 } as never;
    const fresh = new ContainerRecord({ name: 'c' }, true);
    expect(fresh.nextAttempt()).toBe(0);
    const ran = record({}, true, 0);
    ran.current!.status = { ...ran.current!.status, attempt: 2 };
    expect(ran.nextAttempt()).toBe(3);
    ran.purge(3);
    expect([ran.current, ran.previous, ran.nextAttempt(), ran.view(clock, false).restartCount]).toEqual([undefined, undefined, 3, 0]);
    ran.purge(0);
    expect(ran.nextAttempt()).toBe(0);
  });
});
