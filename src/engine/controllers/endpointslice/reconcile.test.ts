import { describe, expect, it } from 'vitest';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { pod, service } from '../endpoints/testdata';
import { desiredEndpoints } from './desired';
import { planSlices, sliceLabels } from './reconcile';

const svc = service('web', [{ port: 80, targetPort: 80, protocol: 'TCP' }]);

/** Applies a plan the way the apiserver would (names for creates), returning the resulting slices. */
function apply(existing: EndpointSlice[], plan: ReturnType<typeof planSlices>, next: { n: number }): EndpointSlice[] {
  const gone = new Set([...plan.delete, ...plan.update].map((s) => s.metadata!.name));
  const out = existing.filter((s) => !gone.has(s.metadata!.name));
  out.push(...plan.update);
  for (const s of plan.create) out.push({ ...s, metadata: { ...s.metadata, name: `web-${next.n++}` } });
  return out;
}

const pods = (n: number, ready = true) =>
  Array.from({ length: n }, (_, i) => pod(`p${i}`, `10.244.${1 + (i >> 8)}.${i & 255}`, { ready }));

describe('planSlices', () => {
  it('a Service matching nothing gets one placeholder slice', () => {
    const plan = planSlices(svc, desiredEndpoints(svc, []), []);
    expect(plan.create).toHaveLength(1);
    expect(plan.create[0]!.endpoints).toEqual([]);
    expect(plan.create[0]!.ports).toBeUndefined();
    expect(plan.create[0]!.metadata!.generateName).toBe('web-');
    expect(plan.create[0]!.metadata!.labels).toEqual({
      'kubernetes.io/service-name': 'web',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    });
  });

  it('creates slices of at most 100 endpoints and replaces the placeholder', () => {
    const next = { n: 0 };
    let slices = apply([], planSlices(svc, desiredEndpoints(svc, []), []), next);
    const plan = planSlices(svc, desiredEndpoints(svc, pods(250)), slices);
    expect(plan.create.map((s) => s.endpoints.length)).toEqual([100, 100, 50]);
    expect(plan.delete.map((s) => s.metadata!.name)).toEqual(['web-0']);
    slices = apply(slices, plan, next);
    expect(slices).toHaveLength(3);
  });

  it('writes nothing when nothing changed', () => {
    const next = { n: 0 };
    const desired = desiredEndpoints(svc, pods(120));
    const slices = apply([], planSlices(svc, desired, []), next);
    expect(planSlices(svc, desiredEndpoints(svc, pods(120)), slices)).toEqual({ create: [], update: [], delete: [] });
  });

  it('a readiness flip rewrites only the slice holding that pod', () => {
    const next = { n: 0 };
    const all = pods(150);
    const slices = apply([], planSlices(svc, desiredEndpoints(svc, all), []), next);
    all[120] = pod('p120', all[120]!.status!.podIP, { ready: false });
    const plan = planSlices(svc, desiredEndpoints(svc, all), slices);
    expect(plan.create).toEqual([]);
    expect(plan.delete).toEqual([]);
    expect(plan.update).toHaveLength(1);
    const ep = plan.update[0]!.endpoints.find((e) => e.targetRef!.name === 'p120')!;
    expect(ep.conditions).toEqual({ ready: false, serving: false, terminating: false });
  });

  it('new endpoints fill the untouched slice they fit best before creating one', () => {
    const next = { n: 0 };
    const slices = apply([], planSlices(svc, desiredEndpoints(svc, pods(130)), []), next);
    const plan = planSlices(svc, desiredEndpoints(svc, pods(135)), slices);
    expect(plan.create).toEqual([]);
    expect(plan.update.map((s) => s.endpoints.length)).toEqual([35]);
  });

  it('terminating pods stay with terminating: true and ready: false', () => {
    const plan = planSlices(svc, desiredEndpoints(svc, [pod('t', '10.244.1.2', { terminating: true })]), []);
    expect(plan.create[0]!.endpoints[0]!.conditions).toEqual({ ready: false, serving: true, terminating: true });
  });

  it('a port change moves endpoints to a slice with the new port set', () => {
    const next = { n: 0 };
    const slices = apply([], planSlices(svc, desiredEndpoints(svc, pods(3)), []), next);
    const svc2 = service('web', [{ port: 80, targetPort: 8080, protocol: 'TCP' }]);
    const plan = planSlices(svc2, desiredEndpoints(svc2, pods(3)), slices);
    expect(plan.delete).toHaveLength(1);
    expect(plan.create).toHaveLength(1);
    expect(plan.create[0]!.ports).toEqual([{ name: '', port: 8080, protocol: 'TCP' }]);
  });

  it('labels follow the Service, with the headless marker when there is no cluster IP', () => {
    const headless = service('db', [], { clusterIP: 'None' });
    headless.metadata!.labels = { app: 'db', 'kubernetes.io/service-name': 'spoof' };
    expect(sliceLabels(headless)).toEqual({
      app: 'db',
      'service.kubernetes.io/headless': '',
      'kubernetes.io/service-name': 'db',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    });
  });
});
