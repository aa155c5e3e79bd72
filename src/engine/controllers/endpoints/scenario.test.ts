/** Scenario: Endpoints and EndpointSlices follow pods as they start, turn (not) ready and go. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Endpoints, Pod, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { R, TestCluster } from '../testing/harness';
import { GarbageCollector } from '../garbagecollector/controller';
import { EndpointSliceController } from '../endpointslice/controller';
import { EndpointsController } from './controller';
import { computeSubsets } from './subsets';
import { MasterEndpointsReconciler } from './master';

function cluster(seed = 1): TestCluster {
  const c = new TestCluster({ seed });
  c.add(new EndpointsController(c.context('endpoint-controller')));
  c.add(new EndpointSliceController(c.context('endpointslice-controller')));
  c.add(new GarbageCollector(c.context('garbage-collector')));
  return c.start();
}

function service(c: TestCluster, name: string, spec: Service['spec']): Service {
  return c.must<Service>(R.services, { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default', labels: { tier: 'front' } }, spec });
}

const ep = (c: TestCluster, name = 'web') => c.get<Endpoints>(R.endpoints, 'default', name);
const addresses = (e: Endpoints | undefined, which: 'addresses' | 'notReadyAddresses') =>
  (e?.subsets ?? []).flatMap((s) => (s[which] ?? []).map((a) => a.targetRef!.name!)).sort();
const slicesOf = (c: TestCluster, svc = 'web') =>
  c.list<EndpointSlice>(R.endpointslices, 'default').filter((s) => s.metadata!.labels?.['kubernetes.io/service-name'] === svc);
const sliceConditions = (c: TestCluster, svc = 'web') =>
  Object.fromEntries(
    slicesOf(c, svc)
      .flatMap((s) => s.endpoints ?? [])
      .map((e) => [e.targetRef!.name!, `${e.conditions!.ready}/${e.conditions!.serving}/${e.conditions!.terminating}`])
      .sort(),
  );

function threePods(c: TestCluster): void {
  c.must(R.pods, TestCluster.pod('web-a', { nodeName: 'worker01', ports: [{ name: 'http', containerPort: 8080 }], readinessFile: true }));
  c.must(R.pods, TestCluster.pod('web-b', { nodeName: 'worker02', ports: [{ name: 'http', containerPort: 8080 }], readinessFile: true }));
  c.must(R.pods, TestCluster.pod('web-c', { nodeName: 'worker02', ports: [{ name: 'http', containerPort: 8080 }], readinessFile: true }));
}

describe('Endpoints and EndpointSlice controllers', () => {
  it('ready pods are addresses, a not-ready pod is a notReadyAddress, and a readiness flip moves it', () => {
    const c = cluster();
    threePods(c);
    service(c, 'web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] });
    c.settle();
    c.setPodReady('default', 'web-c', false);
    c.settle();
    let e = ep(c)!;
    expect(addresses(e, 'addresses')).toEqual(['web-a', 'web-b']);
    expect(addresses(e, 'notReadyAddresses')).toEqual(['web-c']);
    expect(e.subsets).toHaveLength(1);
    expect(e.subsets![0]!.ports).toEqual([{ port: 8080, protocol: 'TCP' }]);
    expect(e.subsets![0]!.addresses![0]).toMatchObject({ nodeName: 'worker01', targetRef: { kind: 'Pod', name: 'web-a', namespace: 'default' } });
    expect(e.metadata!.labels).toEqual({ tier: 'front' });
    expect(e.metadata!.annotations!['endpoints.kubernetes.io/last-change-trigger-time']).toBeDefined();
    expect(sliceConditions(c)).toEqual({ 'web-a': 'true/true/false', 'web-b': 'true/true/false', 'web-c': 'false/false/false' });

    c.setPodReady('default', 'web-a', false);
    c.setPodReady('default', 'web-c', true);
    c.settle();
    e = ep(c)!;
    expect(addresses(e, 'addresses')).toEqual(['web-b', 'web-c']);
    expect(addresses(e, 'notReadyAddresses')).toEqual(['web-a']);
    expect(sliceConditions(c)['web-a']).toBe('false/false/false');
  });

  it('one EndpointSlice named <svc>-xxxxx with the managed-by labels, owned by the Service', () => {
    const c = cluster();
    threePods(c);
    const svc = service(c, 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] });
    c.settle();
    const slices = slicesOf(c);
    expect(slices).toHaveLength(1);
    const slice = slices[0]!;
    expect(slice.metadata!.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(slice.metadata!.labels).toEqual({
      tier: 'front',
      'kubernetes.io/service-name': 'web',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    });
    expect(slice.metadata!.ownerReferences).toEqual([
      { apiVersion: 'v1', kind: 'Service', name: 'web', uid: svc.metadata!.uid, controller: true, blockOwnerDeletion: true },
    ]);
    expect(slice.addressType).toBe('IPv4');
    expect(slice.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(slice.endpoints.map((x) => x.nodeName).sort()).toEqual(['worker01', 'worker02', 'worker02']);
  });

  it('named targetPort: pods that do not declare the name get no endpoint for that port', () => {
    const c = cluster();
    threePods(c);
    c.must(R.pods, TestCluster.pod('web-d', { nodeName: 'worker01', ports: [{ name: 'web', containerPort: 80 }] }));
    service(c, 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] });
    c.settle();
    const e = ep(c)!;
    expect(addresses(e, 'addresses')).toEqual(['web-a', 'web-b', 'web-c']);
    expect(e.subsets![0]!.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    // The slice controller keeps such a pod in a slice without ports (nothing routes to it).
    const noPorts = slicesOf(c).find((s) => (s.ports ?? []).length === 0)!;
    expect(noPorts.endpoints.map((x) => x.targetRef!.name)).toEqual(['web-d']);
  });

  it('a terminating pod leaves Endpoints at once but stays in its slice as terminating until gone', () => {
    const c = cluster();
    threePods(c);
    service(c, 'web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] });
    c.settle();
    c.kubelets.get('worker01')!.stop(); // nobody confirms the deletion for now
    c.admin.delete(R.pods, 'default', 'web-a');
    c.clock.advance(1_000);
    expect(addresses(ep(c), 'addresses')).toEqual(['web-b', 'web-c']);
    expect(addresses(ep(c), 'notReadyAddresses')).toEqual([]);
    expect(sliceConditions(c)['web-a']).toBe('false/true/true');
    c.kubelets.get('worker01')!.start();
    c.settle();
    expect(sliceConditions(c)['web-a']).toBeUndefined();
  });

  it('a Service matching no pods has empty Endpoints and a placeholder slice', () => {
    const c = cluster();
    service(c, 'lonely', { selector: { app: 'nothing' }, ports: [{ port: 80, protocol: 'TCP' }] });
    c.settle();
    expect(ep(c, 'lonely')!.subsets).toBeUndefined();
    const slices = slicesOf(c, 'lonely');
    expect(slices).toHaveLength(1);
    expect(slices[0]!.endpoints ?? []).toEqual([]);
  });

  it('a Service without a selector keeps the Endpoints its user wrote', () => {
    const c = cluster();
    service(c, 'external-db', { ports: [{ port: 5432, protocol: 'TCP' }] });
    c.must<Endpoints>(R.endpoints, {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'external-db', namespace: 'default' },
      subsets: [{ addresses: [{ ip: '192.168.1.50' }], ports: [{ port: 5432, protocol: 'TCP' }] }],
    });
    c.settle();
    expect(ep(c, 'external-db')!.subsets![0]!.addresses).toEqual([{ ip: '192.168.1.50' }]);
    expect(slicesOf(c, 'external-db')).toEqual([]);
  });

  it('deleting the Service removes its Endpoints and (through the garbage collector) its slices', () => {
    const c = cluster();
    threePods(c);
    service(c, 'web', { selector: { app: 'web' }, ports: [{ port: 80, protocol: 'TCP' }] });
    c.settle();
    c.admin.delete(R.services, 'default', 'web');
    c.settle();
    expect(ep(c)).toBeUndefined();
    expect(slicesOf(c)).toEqual([]);
  });

  it('writes nothing when nothing changed: heartbeats, resyncs and irrelevant pod updates', () => {
    const c = cluster();
    threePods(c);
    service(c, 'web', { selector: { app: 'web' }, ports: [{ port: 80, protocol: 'TCP' }] });
    c.settle();
    const writes: string[] = [];
    c.api.onRequest((rec) => {
      if (rec.request.method !== 'GET' && /endpoint/.test(rec.request.path)) writes.push(`${rec.request.method} ${rec.request.path}`);
    });
    c.admin.patch(R.pods, 'default', 'web-a', 'merge', { metadata: { annotations: { note: 'hello' } } });
    c.setPodReady('default', 'web-a', true); // already ready
    c.clock.advance(600_000);
    expect(writes).toEqual([]);
  });

  it('the kubernetes Service endpoints are kept by the master endpoints reconciler', () => {
    const c = cluster();
    c.add(new MasterEndpointsReconciler(c.context('kube-apiserver'), { apiserverIP: '192.168.1.130' }));
    c.settle();
    expect(ep(c, 'kubernetes')!.subsets).toEqual([{ addresses: [{ ip: '192.168.1.130' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }]);
    c.admin.delete(R.endpoints, 'default', 'kubernetes');
    c.clock.advance(10_000);
    expect(ep(c, 'kubernetes')).toBeDefined();
    expect(c.get(R.endpointslices, 'default', 'kubernetes')).toBeDefined();
  });

  it('property: after random readiness flips and deletions, Endpoints and slices equal the from-scratch result', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.constantFrom('ready', 'unready', 'delete', 'add')), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 1000 }),
        (ops, seed) => {
          const c = cluster(seed);
          for (let i = 0; i < 6; i++) c.must(R.pods, TestCluster.pod(`p${i}`, { nodeName: i % 2 ? 'worker02' : 'worker01', readinessFile: true }));
          service(c, 'web', { selector: { app: 'web' }, ports: [{ port: 80, protocol: 'TCP' }] });
          c.settle();
          let added = 6;
          for (const [i, op] of ops) {
            const name = `p${i}`;
            const exists = !!c.get(R.pods, 'default', name);
            if (op === 'add') c.must(R.pods, TestCluster.pod(`p${added++}`, { nodeName: added % 2 ? 'worker02' : 'worker01', readinessFile: true }));
            else if (!exists) continue;
            else if (op === 'delete') c.admin.delete(R.pods, 'default', name);
            else c.setPodReady('default', name, op === 'ready');
            c.clock.advance(c.rng.fork(String(i)).between(0, 1500));
          }
          c.settle();
          const svc = c.get<Service>(R.services, 'default', 'web')!;
          const pods = c.list<Pod>(R.pods, 'default');
          expect(ep(c)!.subsets ?? []).toEqual(computeSubsets(svc, pods));
          const inSlices = slicesOf(c)
            .flatMap((s) => s.endpoints ?? [])
            .map((e) => `${e.targetRef!.name}:${e.conditions!.ready}`)
            .sort();
          const expected = pods
            .filter((p) => p.status?.podIP)
            .map((p) => `${p.metadata!.name}:${p.status!.conditions!.find((x) => x.type === 'Ready')!.status === 'True' && !p.metadata!.deletionTimestamp}`)
            .sort();
          expect(inSlices).toEqual(expected);
        },
      ),
      { seed: 20260105, numRuns: 25 },
    );
  }, 60_000);
});
