import { describe, expect, it } from 'vitest';
import type { Pod, PodStatus } from 'kubernetes-types/core/v1';
import { ApiServer } from '../../api/server';
import { resourceFor } from '../../api/resources';
import { ApiClient } from '../../client/client';
import { Clock } from '../../sim/clock';
import { Rng } from '../../sim/rng';
import { writePodStatus } from './manager';

const PODS = resourceFor('', 'pods')!;

function world() {
  const clock = new Clock();
  const api = new ApiServer({ clock, rng: new Rng(1) });
  const admin = new ApiClient(api, 'kubectl');
  admin.create(resourceFor('', 'namespaces')!, { metadata: { name: 'default' } });
  const created = admin.create<Pod>(PODS, { metadata: { name: 'p', namespace: 'default' }, spec: { nodeName: 'n', containers: [{ name: 'c', image: 'busybox' }] } });
  if (!created.ok) throw new Error(created.status.message);
  const writes: string[] = [];
  api.onRequest((r) => {
    if (r.request.method !== 'GET') writes.push(`${r.request.method} ${r.request.path} ${r.response.status}`);
  });
  return { admin, kubelet: new ApiClient(api, 'kubelet/n'), pod: created.value, writes };
}

const withPhase = (phase: string) => (previous: PodStatus | undefined): PodStatus => ({ ...previous, phase });

describe('status manager', () => {
  it('writes through the status subresource, and nothing when nothing changed', () => {
    const w = world();
    let latest = w.pod;
    writePodStatus(w.kubelet, latest, withPhase('Running'), (p) => (latest = p));
    expect(latest.status!.phase).toBe('Running');
    writePodStatus(w.kubelet, latest, withPhase('Running'), (p) => (latest = p));
    expect(w.writes).toEqual(['PUT /api/v1/namespaces/default/pods/p/status 200']);
  });

  it('a conflict: reads the pod again and builds on what others wrote', () => {
    const w = world();
    // Someone else changes the pod after the kubelet last saw it.
    w.admin.patch(PODS, 'default', 'p', 'merge', { metadata: { labels: { x: 'y' } } });
    const seen: Pod[] = [];
    writePodStatus(w.kubelet, w.pod, withPhase('Running'), (p) => seen.push(p));
    expect(w.writes.slice(1)).toEqual(['PUT /api/v1/namespaces/default/pods/p/status 409', 'PUT /api/v1/namespaces/default/pods/p/status 200']);
    const final = seen.at(-1)!;
    expect(final.status!.phase).toBe('Running');
    expect(final.metadata!.labels).toEqual({ x: 'y' });
  });
});
