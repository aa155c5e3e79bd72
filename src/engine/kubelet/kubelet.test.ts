import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { kubeletWorld } from './testing';

const pod = (name: string, container: Partial<NonNullable<Pod['spec']>['containers'][number]>, spec: Partial<NonNullable<Pod['spec']>> = {}): Pod => ({
  metadata: { name },
  spec: { containers: [{ name, image: 'busybox', ...container }], ...spec },
});

describe('kubelet: running a pod', () => {
  it('pulls, creates and starts a container: Pending → ContainerCreating → Running', () => {
    const w = kubeletWorld();
    w.createPod(pod('sleeper', { command: ['sleep', '3600'] }));
    const rows: string[] = [];
    w.runUntil(() => {
      const row = w.row('sleeper');
      if (rows.at(-1) !== row) rows.push(row);
      return row.includes('Running');
    });
    expect(rows).toEqual(['sleeper 0/1 Pending 0', 'sleeper 0/1 ContainerCreating 0', 'sleeper 1/1 Running 0']);
    const events = w.events('sleeper');
    expect(events[0]).toBe('Pulling: Pulling image "busybox"');
    expect(events[1]).toMatch(/^Pulled: Successfully pulled image "busybox" in \S+ \(\S+ including waiting\)\. Image size: \d+ bytes\.$/);
    expect(events.slice(2)).toEqual(['Created: Created container sleeper', 'Started: Started container sleeper']);
    const status = w.pod('sleeper')!.status!;
    expect(status.podIP).toBe('10.244.1.2');
    expect(status.containerStatuses![0]).toMatchObject({ image: 'docker.io/library/busybox:latest', ready: true, started: true, restartCount: 0 });
    expect(status.containerStatuses![0]!.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
  });
});
