/**
 * A strategic merge patch through a status subresource, as a v1.30 kubelet sends one for a pod:
 * the change of status from the one it read, conditions merged by type with `$setElementOrder`,
 * and the pod's uid as a precondition.
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { ApiClient } from '../../client/client';
import { Clock } from '../../sim/clock';
import { Rng } from '../../sim/rng';
import { resourceFor } from '../resources';
import { ApiServer } from '../server';

const PODS = resourceFor('', 'pods')!;

function world() {
  const api = new ApiServer({ clock: new Clock(), rng: new Rng(1) });
  const admin = new ApiClient(api, 'kubectl');
  admin.create(resourceFor('', 'namespaces')!, { metadata: { name: 'default' } });
  const created = admin.create<Pod>(PODS, { metadata: { name: 'p', namespace: 'default', labels: { app: 'web' } }, spec: { nodeName: 'n', containers: [{ name: 'c', image: 'busybox' }] } });
  if (!created.ok) throw new Error(created.status.message);
  return { kubelet: new ApiClient(api, 'kubelet/n'), pod: created.value };
}

const condition = (type: string, status: string) => ({ type, status, lastProbeTime: null, lastTransitionTime: '2026-01-05T09:00:00Z' });

describe('PATCH pods/<name>/status (strategic merge)', () => {
  it('merges conditions by type in the order $setElementOrder gives, and moves only the status', () => {
    const w = world();
    const first = w.kubelet.patch<Pod>(PODS, 'default', 'p', 'strategic', { metadata: { uid: w.pod.metadata!.uid }, status: { phase: 'Pending', conditions: [condition('Initialized', 'True'), condition('Ready', 'False')] } }, { subresource: 'status' });
    expect(first.ok).toBe(true);
    const patch = {
      metadata: { uid: w.pod.metadata!.uid },
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'True' }, condition('ContainersReady', 'True')],
        '$setElementOrder/conditions': [{ type: 'Initialized' }, { type: 'Ready' }, { type: 'ContainersReady' }],
      },
      // Through /status the spec does not move.
      spec: { nodeName: 'elsewhere' },
    };
    const written = w.kubelet.patch<Pod>(PODS, 'default', 'p', 'strategic', patch, { subresource: 'status' });
    if (!written.ok) throw new Error(written.status.message);
    const status = written.value.status!;
    expect(status.phase).toBe('Running');
    expect(status.conditions!.map((c) => [c.type, c.status])).toEqual([
      ['Initialized', 'True'],
      ['Ready', 'True'],
      ['ContainersReady', 'True'],
    ]);
    expect(written.value.spec!.nodeName).toBe('n');
    expect(written.value.metadata!.resourceVersion).not.toBe(w.pod.metadata!.resourceVersion);
  });

  it('refuses a patch whose uid is not the pod’s (one deleted and created again under its name)', () => {
    const w = world();
    const written = w.kubelet.patch<Pod>(PODS, 'default', 'p', 'strategic', { metadata: { uid: 'another-pod' }, status: { phase: 'Running' } }, { subresource: 'status' });
    expect(written.ok).toBe(false);
    if (written.ok) return;
    expect([written.status.code, written.status.reason, written.status.message]).toEqual([422, 'Invalid', 'Pod "p" is invalid: metadata.uid: Invalid value: "another-pod": field is immutable']);
  });
});
