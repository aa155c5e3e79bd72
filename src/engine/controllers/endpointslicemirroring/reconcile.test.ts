import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Endpoints, EndpointSubset } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { desiredMirror } from './desired';
import { planMirror, shouldMirror } from './reconcile';

function endpoints(subsets: EndpointSubset[], meta: Partial<NonNullable<Endpoints['metadata']>> = {}): Endpoints {
  return { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'db', namespace: 'default', uid: 'uid-ep-db', ...meta }, subsets };
}

/** Applies a plan as the apiserver would (generated names for creates), returning the resulting slices. */
function apply(existing: EndpointSlice[], plan: ReturnType<typeof planMirror>, next = { n: 0 }): EndpointSlice[] {
  const gone = new Set([...plan.delete, ...plan.update].map((s) => s.metadata!.name));
  const out = existing.filter((s) => !gone.has(s.metadata!.name));
  out.push(...plan.update);
  for (const s of plan.create) out.push({ ...s, metadata: { ...s.metadata, name: `${s.metadata!.generateName}${next.n++}` } });
  return out;
}

const mirror = (ep: Endpoints, existing: EndpointSlice[] = []) => planMirror(ep, desiredMirror(ep).groups, existing);
const summary = (s: EndpointSlice) => ({
  type: s.addressType,
  ports: (s.ports ?? []).map((p) => `${p.name}:${p.port}/${p.protocol}`),
  endpoints: s.endpoints.map((e) => `${e.addresses[0]}${e.conditions?.ready ? '' : ' (not ready)'}`).sort(),
});

describe('desiredMirror', () => {
  const port8080 = [{ port: 8080, protocol: 'TCP' }];
  it.each([
    {
      name: 'one ready address on one port',
      subsets: [{ addresses: [{ ip: '192.168.1.200' }], ports: port8080 }],
      slices: [{ type: 'IPv4', ports: [':8080/TCP'], endpoints: ['192.168.1.200'] }],
    },
    {
      name: 'not-ready addresses are mirrored with ready: false',
      subsets: [{ addresses: [{ ip: '10.0.0.1' }], notReadyAddresses: [{ ip: '10.0.0.2' }], ports: port8080 }],
      slices: [{ type: 'IPv4', ports: [':8080/TCP'], endpoints: ['10.0.0.1', '10.0.0.2 (not ready)'] }],
    },
    {
      name: 'two subsets with the same ports share one slice',
      subsets: [
        { addresses: [{ ip: '10.0.0.1' }], ports: port8080 },
        { addresses: [{ ip: '10.0.0.2' }], ports: port8080 },
      ],
      slices: [{ type: 'IPv4', ports: [':8080/TCP'], endpoints: ['10.0.0.1', '10.0.0.2'] }],
    },
    {
      name: 'one address on two ports, written as two subsets, is repacked into one slice',
      subsets: [
        { addresses: [{ ip: '10.40.0.2' }], ports: [{ name: 'a', port: 8080 }] },
        { addresses: [{ ip: '10.40.0.2' }], ports: [{ name: 'b', port: 8082 }] },
      ],
      slices: [{ type: 'IPv4', ports: ['a:8080/TCP', 'b:8082/TCP'], endpoints: ['10.40.0.2'] }],
    },
    {
      name: 'different port sets get a slice each',
      subsets: [
        { addresses: [{ ip: '10.0.0.1' }], ports: [{ name: 'http', port: 80, protocol: 'TCP' }] },
        { addresses: [{ ip: '10.0.0.2' }], ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] },
      ],
      slices: [
        { type: 'IPv4', ports: ['http:80/TCP'], endpoints: ['10.0.0.1'] },
        { type: 'IPv4', ports: ['dns:53/UDP'], endpoints: ['10.0.0.2'] },
      ],
    },
    {
      name: 'IPv6 addresses go to an IPv6 slice',
      subsets: [{ addresses: [{ ip: '10.0.0.1' }, { ip: 'FD00::1' }], ports: port8080 }],
      slices: [
        { type: 'IPv4', ports: [':8080/TCP'], endpoints: ['10.0.0.1'] },
        { type: 'IPv6', ports: [':8080/TCP'], endpoints: ['fd00::1'] },
      ],
    },
    {
      name: 'an address listed as ready and as not ready for the same port is not ready',
      subsets: [
        { addresses: [{ ip: '10.0.0.1' }], ports: port8080 },
        { notReadyAddresses: [{ ip: '10.0.0.1' }], ports: port8080 },
      ],
      slices: [{ type: 'IPv4', ports: [':8080/TCP'], endpoints: ['10.0.0.1 (not ready)'] }],
    },
    { name: 'a subset without addresses mirrors to nothing', subsets: [{ ports: port8080 }], slices: [] },
  ])('$name', ({ subsets, slices }) => {
    const plan = mirror(endpoints(subsets));
    expect(plan.update).toEqual([]);
    expect(plan.delete).toEqual([]);
    // Slices are listed IPv4 first; within a family in port order.
    expect(plan.create.map(summary).sort((a, b) => a.type.localeCompare(b.type))).toEqual(slices);
  });

  it('copies hostname, nodeName and targetRef', () => {
    const targetRef = { kind: 'Pod', namespace: 'default', name: 'db-0', uid: 'u1' };
    const [group] = desiredMirror(endpoints([{ addresses: [{ ip: '10.0.0.1', hostname: 'db-0', nodeName: 'worker01', targetRef }], ports: [{ port: 5432 }] }])).groups.values();
    expect(group!.endpoints).toEqual([{ addresses: ['10.0.0.1'], conditions: { ready: true }, hostname: 'db-0', nodeName: 'worker01', targetRef }]);
    expect(group!.ports).toEqual([{ name: '', port: 5432, protocol: 'TCP' }]);
  });

  it('skips addresses that are not IPs, and those beyond the per-subset maximum, counting both', () => {
    const ep = endpoints([{ addresses: [{ ip: 'db.example.com' }, { ip: '10.0.0.1' }, { ip: '10.0.0.2' }], notReadyAddresses: [{ ip: '10.0.0.3' }], ports: [{ port: 1 }] }]);
    const desired = desiredMirror(ep, 2);
    expect([...desired.groups.values()].flatMap((g) => g.endpoints.map((e) => e.addresses[0]))).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(desired.invalid).toBe(1);
    expect(desired.skipped).toBe(2);
  });
});

describe('shouldMirror', () => {
  it.each([
    [{}, true],
    [{ labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } }, false],
    [{ labels: { 'endpointslice.kubernetes.io/skip-mirror': 'false' } }, true],
    [{ annotations: { 'control-plane.alpha.kubernetes.io/leader': '{}' } }, false],
  ])('%j → %s', (meta, expected) => {
    expect(shouldMirror(endpoints([], meta))).toBe(expected);
  });
});

describe('planMirror', () => {
  const base = endpoints([{ addresses: [{ ip: '192.168.1.200' }], ports: [{ port: 8080, protocol: 'TCP' }] }], {
    labels: { app: 'db' },
    annotations: { note: 'external', 'endpoints.kubernetes.io/last-change-trigger-time': '2026-01-05T09:00:00Z', 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
  });

  it('a new slice is named <endpoints>-…, labelled, annotated and owned by the Endpoints', () => {
    const [slice] = mirror(base).create;
    expect(slice!.metadata).toEqual({
      generateName: 'db-',
      namespace: 'default',
      labels: { app: 'db', 'kubernetes.io/service-name': 'db', 'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io' },
      annotations: { note: 'external' },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Endpoints', name: 'db', uid: 'uid-ep-db', controller: true, blockOwnerDeletion: true }],
    });
  });

  it('writes nothing when the slices already mirror the Endpoints', () => {
    const slices = apply([], mirror(base));
    expect(mirror(base, slices)).toEqual({ create: [], update: [], delete: [] });
  });

  it.each([
    ['an address changes', { ...base, subsets: [{ addresses: [{ ip: '192.168.1.201' }], ports: [{ port: 8080, protocol: 'TCP' }] }] }],
    ['an address turns not ready', { ...base, subsets: [{ notReadyAddresses: [{ ip: '192.168.1.200' }], ports: [{ port: 8080, protocol: 'TCP' }] }] }],
    ['a label changes', { ...base, metadata: { ...base.metadata, labels: { app: 'db2' } } }],
    ['an annotation changes', { ...base, metadata: { ...base.metadata, annotations: { note: 'moved' } } }],
  ])('rewrites the same slice when %s', (_what, changed) => {
    const slices = apply([], mirror(base));
    const plan = mirror(changed as Endpoints, slices);
    expect(plan.create).toEqual([]);
    expect(plan.delete).toEqual([]);
    expect(plan.update.map((s) => s.metadata!.name)).toEqual(['db-0']);
    expect(apply(slices, plan).map(summary)).toEqual(desiredSummaries(changed as Endpoints));
  });

  it('a port change recycles the slice: same name (generateName stays, as stored), new port', () => {
    const slices = apply([], mirror(base));
    const moved = { ...base, subsets: [{ addresses: [{ ip: '192.168.1.200' }], ports: [{ port: 9090, protocol: 'TCP' }] }] };
    const plan = mirror(moved, slices);
    expect(plan.create).toEqual([]);
    expect(plan.delete).toEqual([]);
    expect(plan.update.map((s) => [s.metadata!.name, s.metadata!.generateName, s.ports])).toEqual([['db-0', 'db-', [{ name: '', port: 9090, protocol: 'TCP' }]]]);
  });

  it('duplicate slices for one port set are reduced to one; emptied Endpoints delete them all', () => {
    const first = apply([], mirror(base));
    const twice = [...first, { ...first[0]!, metadata: { ...first[0]!.metadata, name: 'db-zzzzz' } }];
    expect(mirror(base, twice)).toEqual({ create: [], update: [], delete: [twice[1]] });
    expect(mirror({ ...base, subsets: [] }, twice).delete.map((s) => s.metadata!.name)).toEqual(['db-0', 'db-zzzzz']);
  });
});

describe('planMirror, any Endpoints after any Endpoints', () => {
  const address = fc.constantFrom('10.0.0.1', '10.0.0.2', '10.0.0.3', 'fd00::1', 'not-an-ip').map((ip) => ({ ip }));
  const port = fc.record({ name: fc.constantFrom('a', 'b'), port: fc.constantFrom(53, 80), protocol: fc.constantFrom('TCP', 'UDP') });
  const subset = fc.record({
    addresses: fc.array(address, { maxLength: 3 }),
    notReadyAddresses: fc.array(address, { maxLength: 2 }),
    ports: fc.uniqueArray(port, { maxLength: 2, selector: (p) => `${p.name}` }),
  });
  const anyEndpoints = fc.array(subset, { maxLength: 3 }).map((subsets) => endpoints(subsets));

  it('leaves exactly one slice per (address type, port set), saying what the Endpoints say, and then rests', () => {
    fc.assert(
      fc.property(anyEndpoints, anyEndpoints, (before, after) => {
        const next = { n: 0 };
        const first = apply([], mirror(before), next);
        const slices = apply(first, mirror(after, first), next);
        const bySlice = (list: Array<ReturnType<typeof summary>>) => list.map((x) => JSON.stringify(x)).sort();
        expect(bySlice(slices.map(summary))).toEqual(bySlice(desiredSummaries(after)));
        expect(new Set(slices.map((s) => s.metadata!.name)).size).toBe(slices.length);
        expect(mirror(after, slices)).toEqual({ create: [], update: [], delete: [] });
      }),
    );
  });
});

function desiredSummaries(ep: Endpoints) {
  return [...desiredMirror(ep).groups.values()].map((g) => summary({ addressType: g.addressType, ports: g.ports, endpoints: g.endpoints }));
}
