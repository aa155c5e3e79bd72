/** Scenario: a Service without a selector and hand-written Endpoints, mirrored into EndpointSlices. */
import { describe, expect, it } from 'vitest';
import type { Endpoints, EndpointSubset, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { clone } from '../../api/clone';
import { R, TestCluster } from '../testing/harness';
import { EndpointsController } from '../endpoints/controller';
import { EndpointSliceController } from '../endpointslice/controller';
import { GarbageCollector } from '../garbagecollector/controller';
import { EndpointSliceMirroringController, type EndpointSliceMirroringOptions } from './controller';

function cluster(options: EndpointSliceMirroringOptions = {}): TestCluster {
  const c = new TestCluster({ kubelets: false, binder: false });
  c.add(new EndpointsController(c.context('endpoint-controller')));
  c.add(new EndpointSliceController(c.context('endpoint-slice-controller')));
  c.add(new EndpointSliceMirroringController(c.context('endpointslice-mirroring-controller'), options));
  c.add(new GarbageCollector(c.context('garbage-collector')));
  return c.start();
}

const external = (ip = '192.168.1.200', port = 8080): EndpointSubset[] => [{ addresses: [{ ip }], ports: [{ port, protocol: 'TCP' }] }];

function selectorless(c: TestCluster, name = 'db'): Service {
  return c.must<Service>(R.services, { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] } });
}

function manualEndpoints(c: TestCluster, subsets = external(), labels?: Record<string, string>, name = 'db'): Endpoints {
  return c.must<Endpoints>(R.endpoints, { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace: 'default', labels }, subsets });
}

function edit<T extends Endpoints | Service | EndpointSlice>(c: TestCluster, resource: typeof R.services, name: string, change: (o: T) => void): void {
  const obj = clone(c.get<T>(resource, 'default', name)!) as T;
  change(obj);
  const written = c.admin.update(resource, obj);
  if (!written.ok) throw new Error(written.status.message);
}

const slicesOf = (c: TestCluster, svc = 'db') =>
  c.list<EndpointSlice>(R.endpointslices, 'default').filter((s) => s.metadata!.labels?.['kubernetes.io/service-name'] === svc);
const mirrored = (c: TestCluster, svc = 'db') =>
  slicesOf(c, svc).filter((s) => s.metadata!.labels!['endpointslice.kubernetes.io/managed-by'] === 'endpointslicemirroring-controller.k8s.io');
/** `ip:port ready|not-ready` for every endpoint of the mirrored slices. */
const mirroredEndpoints = (c: TestCluster, svc = 'db') =>
  mirrored(c, svc)
    .flatMap((s) => s.endpoints.map((e) => `${e.addresses[0]}:${s.ports!.map((p) => p.port).join(',')} ${e.conditions!.ready ? 'ready' : 'not-ready'}`))
    .sort();

describe('EndpointSlice mirroring', () => {
  it('mirrors manual Endpoints of a selector-less Service into one slice, owned by the Endpoints, and follows its updates', () => {
    const c = cluster();
    selectorless(c);
    const ep = manualEndpoints(c);
    c.settle();

    const [slice, ...others] = mirrored(c);
    expect(others).toEqual([]);
    expect(slice!.metadata!.name).toMatch(/^db-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(slice!.metadata!.labels).toEqual({
      'kubernetes.io/service-name': 'db',
      'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io',
    });
    expect(slice!.metadata!.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Endpoints', name: 'db', uid: ep.metadata!.uid, controller: true, blockOwnerDeletion: true }]);
    expect(slice!.addressType).toBe('IPv4');
    expect(slice!.endpoints).toEqual([{ addresses: ['192.168.1.200'], conditions: { ready: true } }]);
    expect(slice!.ports).toEqual([{ name: '', port: 8080, protocol: 'TCP' }]);
    // The Endpoints controller leaves the hand-written Endpoints alone; the EndpointSlice controller makes no slice.
    expect(c.get<Endpoints>(R.endpoints, 'default', 'db')!.metadata!.resourceVersion).toBe(ep.metadata!.resourceVersion);
    expect(slicesOf(c)).toHaveLength(1);

    edit<Endpoints>(c, R.endpoints, 'db', (e) => {
      e.subsets = [{ addresses: [{ ip: '192.168.1.201' }], notReadyAddresses: [{ ip: '192.168.1.202' }], ports: [{ port: 8080, protocol: 'TCP' }] }];
      e.metadata!.labels = { env: 'prod' };
    });
    c.settle();
    expect(mirroredEndpoints(c)).toEqual(['192.168.1.201:8080 ready', '192.168.1.202:8080 not-ready']);
    expect(mirrored(c).map((s) => s.metadata!.name)).toEqual([slice!.metadata!.name]); // the same slice, rewritten
    expect(mirrored(c)[0]!.metadata!.labels!.env).toBe('prod');

    edit<Endpoints>(c, R.endpoints, 'db', (e) => {
      e.subsets = [...external('192.168.1.201'), ...external('192.168.1.210', 5432)];
    });
    c.settle();
    expect(mirroredEndpoints(c)).toEqual(['192.168.1.201:8080 ready', '192.168.1.210:5432 ready']);
    expect(mirrored(c)).toHaveLength(2); // one slice per port set
  });

  it('a selector takes over: the mirrored slice goes, the EndpointSlice controller\'s comes', () => {
    const c = cluster();
    selectorless(c);
    manualEndpoints(c);
    c.settle();
    expect(mirroredEndpoints(c)).toEqual(['192.168.1.200:8080 ready']);

    edit<Service>(c, R.services, 'db', (s) => {
      s.spec!.selector = { app: 'db' };
    });
    c.settle();
    expect(mirrored(c)).toEqual([]);
    const managers = slicesOf(c).map((s) => s.metadata!.labels!['endpointslice.kubernetes.io/managed-by']);
    expect(managers).toEqual(['endpointslice-controller.k8s.io']);
    expect(c.get<Endpoints>(R.endpoints, 'default', 'db')!.subsets).toBeUndefined(); // now computed from (no) pods
  });

  it('skip-mirror: "true" keeps the Endpoints out of slices; removing it mirrors them, adding it back removes them', () => {
    const c = cluster();
    selectorless(c);
    manualEndpoints(c, external(), { 'endpointslice.kubernetes.io/skip-mirror': 'true' });
    c.settle();
    expect(slicesOf(c)).toEqual([]);

    edit<Endpoints>(c, R.endpoints, 'db', (e) => {
      e.metadata!.labels = {};
    });
    c.settle();
    expect(mirroredEndpoints(c)).toEqual(['192.168.1.200:8080 ready']);

    edit<Endpoints>(c, R.endpoints, 'db', (e) => {
      e.metadata!.labels = { 'endpointslice.kubernetes.io/skip-mirror': 'true' };
    });
    c.settle();
    expect(slicesOf(c)).toEqual([]);
  });

  it('Endpoints without a Service wait for it; slices go with the Endpoints or the Service', () => {
    const c = cluster();
    manualEndpoints(c);
    manualEndpoints(c, external('192.168.1.99'), undefined, 'cache');
    c.settle();
    expect(slicesOf(c)).toEqual([]);

    selectorless(c);
    selectorless(c, 'cache');
    c.settle();
    expect(mirroredEndpoints(c)).toEqual(['192.168.1.200:8080 ready']);
    expect(mirroredEndpoints(c, 'cache')).toEqual(['192.168.1.99:8080 ready']);

    c.admin.delete(R.endpoints, 'default', 'db');
    c.admin.delete(R.services, 'default', 'cache');
    c.settle();
    expect(slicesOf(c)).toEqual([]);
    expect(slicesOf(c, 'cache')).toEqual([]);
  });

  it('repairs a mirrored slice someone deleted or edited', () => {
    const c = cluster();
    selectorless(c);
    manualEndpoints(c);
    c.settle();
    const name = mirrored(c)[0]!.metadata!.name!;

    edit<EndpointSlice>(c, R.endpointslices, name, (s) => {
      s.endpoints = [{ addresses: ['10.0.0.66'], conditions: { ready: true } }];
    });
    c.settle();
    expect(mirroredEndpoints(c)).toEqual(['192.168.1.200:8080 ready']);

    c.admin.delete(R.endpointslices, 'default', name);
    c.settle();
    expect(mirroredEndpoints(c)).toEqual(['192.168.1.200:8080 ready']);
    expect(mirrored(c)[0]!.metadata!.name).not.toBe(name);
  });

  it('an address that is not an IP is skipped with a Warning event on the Endpoints', () => {
    const c = cluster();
    selectorless(c);
    manualEndpoints(c, [{ addresses: [{ ip: 'db.example.com' }, { ip: '192.168.1.200' }], ports: [{ port: 8080, protocol: 'TCP' }] }]);
    c.settle();
    expect(mirroredEndpoints(c)).toEqual(['192.168.1.200:8080 ready']);
    expect(c.events('db')).toContain('InvalidIPAddress: Skipped 1 invalid IP addresses when mirroring to EndpointSlices');
  });

  it('a subset over the per-subset maximum is mirrored in part, with a Warning event', () => {
    const c = cluster({ maxEndpointsPerSubset: 2 });
    selectorless(c);
    manualEndpoints(c, [{ addresses: [{ ip: '192.168.1.200' }, { ip: '192.168.1.201' }], notReadyAddresses: [{ ip: '192.168.1.202' }], ports: [{ port: 8080, protocol: 'TCP' }] }]);
    c.settle();
    expect(mirroredEndpoints(c)).toEqual(['192.168.1.200:8080 ready', '192.168.1.201:8080 ready']);
    expect(c.events('db')).toContain(
      'TooManyAddressesToMirror: A max of 2 addresses can be mirrored to EndpointSlices per Endpoints subset. 1 addresses were skipped',
    );
  });
});
