import { describe, expect, it } from 'vitest';
import type { Pod, PodCondition, PodStatus } from 'kubernetes-types/core/v1';
import { ApiServer } from '../../api/server';
import { resourceFor } from '../../api/resources';
import { ApiClient } from '../../client/client';
import { Clock } from '../../sim/clock';
import { Rng } from '../../sim/rng';
import { podStatusPatch, writePodStatus } from './manager';

const PODS = resourceFor('', 'pods')!;

function world() {
  const clock = new Clock();
  const api = new ApiServer({ clock, rng: new Rng(1) });
  const admin = new ApiClient(api, 'kubectl');
  admin.create(resourceFor('', 'namespaces')!, { metadata: { name: 'default' } });
  const created = admin.create<Pod>(PODS, { metadata: { name: 'p', namespace: 'default' }, spec: { nodeName: 'n', containers: [{ name: 'c', image: 'busybox' }] } });
  if (!created.ok) throw new Error(created.status.message);
  const writes: string[] = [];
  const bodies: unknown[] = [];
  api.onRequest((r) => {
    if (r.request.method === 'GET') return;
    writes.push(`${r.request.method} ${r.request.path} ${r.response.status}`);
    if (r.request.userAgent === 'kubelet/n') bodies.push(r.request.body);
  });
  return { admin, kubelet: new ApiClient(api, 'kubelet/n'), pod: created.value, writes, bodies };
}

const withPhase = (phase: string) => (previous: PodStatus | undefined): PodStatus => ({ ...previous, phase });

describe('status manager', () => {
  it('reads the pod and PATCHes its status subresource, and does nothing when nothing changed', () => {
    const w = world();
    let latest = w.pod;
    writePodStatus(w.kubelet, latest, withPhase('Running'), (p) => (latest = p));
    expect(latest.status!.phase).toBe('Running');
    writePodStatus(w.kubelet, latest, withPhase('Running'), (p) => (latest = p));
    expect(w.writes).toEqual(['PATCH /api/v1/namespaces/default/pods/p/status 200']);
    expect(w.bodies).toEqual([{ metadata: { uid: w.pod.metadata!.uid }, status: { phase: 'Running' } }]);
  });

  it('builds on what others wrote since the kubelet last saw the pod: no conflict, their change kept', () => {
    const w = world();
    // Someone else changes the pod after the kubelet last saw it.
    w.admin.patch(PODS, 'default', 'p', 'merge', { metadata: { labels: { x: 'y' } } });
    const seen: Pod[] = [];
    writePodStatus(w.kubelet, w.pod, withPhase('Running'), (p) => seen.push(p));
    expect(w.writes.slice(1)).toEqual(['PATCH /api/v1/namespaces/default/pods/p/status 200']);
    const final = seen.at(-1)!;
    expect(final.status!.phase).toBe('Running');
    expect(final.metadata!.labels).toEqual({ x: 'y' });
  });

  it('writes nothing for a pod deleted and created again under the same name', () => {
    const w = world();
    w.admin.delete(PODS, 'default', 'p', { gracePeriodSeconds: 0 });
    w.admin.create<Pod>(PODS, { metadata: { name: 'p', namespace: 'default' }, spec: { nodeName: 'n', containers: [{ name: 'c', image: 'busybox' }] } });
    const seen: Pod[] = [];
    writePodStatus(w.kubelet, w.pod, withPhase('Running'), (p) => seen.push(p));
    expect([w.writes.filter((line) => line.startsWith('PATCH')), seen]).toEqual([[], []]);
  });
});

describe('the status patch (PatchPodStatus)', () => {
  // lastProbeTime null, as the kubelet writes it (the TypeScript types allow only a string).
  const condition = (type: string, status: string, at: string) => ({ type, status, lastProbeTime: null, lastTransitionTime: at }) as unknown as PodCondition;
  const ready = (status: string, at: string) => condition('Ready', status, at);
  const scheduled = condition('PodScheduled', 'True', 'T0');

  it.each<[string, PodStatus | undefined, PodStatus, Record<string, unknown> | undefined]>([
    ['nothing changed', { phase: 'Running' }, { phase: 'Running' }, undefined],
    ['the first status', undefined, { phase: 'Pending' }, { metadata: { uid: 'u1' }, status: { phase: 'Pending' } }],
    [
      'a condition changed: merged by type, the order given',
      { phase: 'Running', conditions: [scheduled, ready('False', 'T0')] },
      { phase: 'Running', conditions: [scheduled, ready('True', 'T1')] },
      { metadata: { uid: 'u1' }, status: { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: 'T1' }], '$setElementOrder/conditions': [{ type: 'PodScheduled' }, { type: 'Ready' }] } },
    ],
    [
      'container statuses replaced as a whole (an atomic list)',
      { containerStatuses: [{ name: 'a', ready: false, restartCount: 0, image: 'x', imageID: '' }] },
      { containerStatuses: [{ name: 'a', ready: true, restartCount: 0, image: 'x', imageID: '' }] },
      { metadata: { uid: 'u1' }, status: { containerStatuses: [{ name: 'a', ready: true, restartCount: 0, image: 'x', imageID: '' }] } },
    ],
    ['a field dropped is deleted with null', { phase: 'Pending', message: 'waiting' }, { phase: 'Pending' }, { metadata: { uid: 'u1' }, status: { message: null } }],
  ])('%s', (_, old, status, patch) => {
    expect(podStatusPatch('u1', old, status)).toEqual(patch);
  });
});
