import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resourceFor } from '../resources';
import type { KubeObject } from '../types';
import { applyPatch, createStrategicMergePatch, createThreeWayMergePatch, PatchError } from './index';

const pods = resourceFor('', 'pods')!;
const services = resourceFor('', 'services')!;
const nodes = resourceFor('', 'nodes')!;
const deployments = resourceFor('apps', 'deployments')!;
const k = (o: unknown): KubeObject => o as KubeObject;
const smp = (original: unknown, patch: unknown, r = pods): unknown => applyPatch('strategic', k(original), patch, r);

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', labels: { app: 'web' }, finalizers: ['a/b'] },
  spec: {
    containers: [
      { name: 'nginx', image: 'nginx:1.24', env: [{ name: 'A', value: '1' }], ports: [{ containerPort: 80, protocol: 'TCP' }] },
      { name: 'sidecar', image: 'busybox' },
    ],
    tolerations: [{ key: 'x', operator: 'Exists' }],
  },
};

describe('strategic merge patch', () => {
  it('merges containers by name (kubectl set image)', () => {
    const out = smp(pod, { spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } }) as typeof pod;
    expect(out.spec.containers.map((c) => c.image)).toEqual(['nginx:1.25', 'busybox']);
    expect(out.spec.containers[0]!.env).toEqual([{ name: 'A', value: '1' }]);
  });

  it('adds a new container and merges env by name, in the order upstream\'s mergeSlice leaves them', () => {
    const out = smp(pod, {
      spec: { containers: [{ name: 'nginx', env: [{ name: 'B', value: '2' }, { name: 'A', value: '9' }] }, { name: 'new', image: 'x' }] },
    }) as typeof pod;
    // The patch's elements keep the patch's order; one the server did not have comes before the
    // server-only elements still to come.
    expect(out.spec.containers.map((c) => c.name)).toEqual(['nginx', 'new', 'sidecar']);
    expect(out.spec.containers[0]!.env).toEqual([{ name: 'B', value: '2' }, { name: 'A', value: '9' }]);
  });

  it('a condition added by a patch of its own goes first (a network plugin\'s NetworkUnavailable)', () => {
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, status: { conditions: ['MemoryPressure', 'Ready'].map((type) => ({ type, status: 'False' })) } };
    const out = smp(node, { status: { conditions: [{ type: 'NetworkUnavailable', status: 'False' }] } }, nodes) as typeof node;
    expect(out.status.conditions.map((c) => c.type)).toEqual(['NetworkUnavailable', 'MemoryPressure', 'Ready']);
  });

  it('replaces lists without a patch strategy (tolerations)', () => {
    const out = smp(pod, { spec: { tolerations: [{ key: 'y', operator: 'Exists' }] } }) as typeof pod;
    expect(out.spec.tolerations).toEqual([{ key: 'y', operator: 'Exists' }]);
  });

  it.each([
    ['$patch: delete of a list element', { spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] } }, ['nginx']],
    ['$patch: replace of a list', { spec: { containers: [{ name: 'only', image: 'x' }, { $patch: 'replace' }] } }, ['only']],
  ])('%s', (_, patch, names) => {
    const out = smp(pod, patch) as typeof pod;
    expect(out.spec.containers.map((c) => c.name)).toEqual(names);
  });

  it('$patch: replace of a map and $patch: delete of a map', () => {
    expect((smp(pod, { metadata: { labels: { tier: 'fe', $patch: 'replace' } } }) as typeof pod).metadata.labels).toEqual({ tier: 'fe' });
    expect((smp(pod, { metadata: { labels: { $patch: 'delete' } } }) as typeof pod).metadata.labels).toBeUndefined();
  });

  it('null deletes a key', () => {
    expect((smp(pod, { metadata: { labels: { app: null } } }) as typeof pod).metadata.labels).toEqual({});
  });

  it('treats finalizers as a set, with $deleteFromPrimitiveList', () => {
    expect((smp(pod, { metadata: { finalizers: ['c/d', 'a/b'] } }) as typeof pod).metadata.finalizers).toEqual(['c/d', 'a/b']);
    expect((smp(pod, { metadata: { '$deleteFromPrimitiveList/finalizers': ['a/b'] } }) as typeof pod).metadata.finalizers).toEqual([]);
  });

  it('orders by $setElementOrder', () => {
    const out = smp(pod, { spec: { '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'nginx' }] } }) as typeof pod;
    expect(out.spec.containers.map((c) => c.name)).toEqual(['sidecar', 'nginx']);
  });

  it('clears other union members with $retainKeys (Deployment strategy)', () => {
    const d = { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } } };
    const out = smp(d, { spec: { strategy: { type: 'Recreate', $retainKeys: ['type'] } } }, deployments);
    expect(out).toEqual({ spec: { strategy: { type: 'Recreate' } } });
  });

  it('merges Service ports by port', () => {
    const svc = { spec: { ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }, { port: 443, protocol: 'TCP' }] } };
    const out = smp(svc, { spec: { ports: [{ port: 80, targetPort: 8080 }] } }, services) as typeof svc;
    expect(out.spec.ports).toEqual([{ port: 80, targetPort: 8080, protocol: 'TCP' }, { port: 443, protocol: 'TCP' }]);
  });

  it('rejects an element without its merge key', () => {
    expect(() => smp(pod, { spec: { containers: [{ image: 'x' }] } })).toThrow(new PatchError('map: map[image:x] does not contain declared merge key: name'));
  });

  it('does not pollute prototypes', () => {
    const patch = JSON.parse('{"metadata":{"__proto__":{"polluted":true},"labels":{"__proto__":"x"}},"constructor":{"prototype":{"polluted":true}}}');
    const out = smp(pod, patch) as Record<string, Record<string, unknown>>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(out.metadata)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(out.metadata!.labels, '__proto__')).toBe(true);
  });
});

describe('a new element of a merged list', () => {
  it('goes in as the patch has it, its nulls too (a condition the kubelet adds keeps lastProbeTime: null)', () => {
    const scheduled = { type: 'PodScheduled', status: 'True', lastProbeTime: null };
    const out = smp({ status: { conditions: [scheduled] } }, { status: { conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null }] } });
    // (Without a $setElementOrder, a new element goes before the server's own: upstream's mergeSlice order.)
    expect(out).toEqual({ status: { conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null }, scheduled] } });
  });
});

describe('createStrategicMergePatch', () => {
  it('produces what kubectl sends for a changed image', () => {
    const modified = JSON.parse(JSON.stringify(pod));
    modified.spec.containers[0].image = 'nginx:1.25';
    expect(createStrategicMergePatch(k(pod), k(modified), pods)).toEqual({
      spec: {
        '$setElementOrder/containers': [{ name: 'nginx' }, { name: 'sidecar' }],
        containers: [{ name: 'nginx', image: 'nginx:1.25' }],
      },
    });
  });

  it('deletes removed list elements and keys', () => {
    const modified = JSON.parse(JSON.stringify(pod));
    modified.spec.containers.pop();
    delete modified.metadata.labels;
    expect(createStrategicMergePatch(k(pod), k(modified), pods)).toEqual({
      metadata: { labels: null },
      spec: { '$setElementOrder/containers': [{ name: 'nginx' }], containers: [{ $patch: 'delete', name: 'sidecar' }] },
    });
  });

  it('leaves out a null that stays null (a condition\'s lastProbeTime)', () => {
    const condition = (status: string) => ({ type: 'Ready', status, lastProbeTime: null });
    expect(createStrategicMergePatch(k({ status: { conditions: [condition('False')] } }), k({ status: { conditions: [condition('True')] } }), pods)).toEqual({
      status: { '$setElementOrder/conditions': [{ type: 'Ready' }], conditions: [{ type: 'Ready', status: 'True' }] },
    });
  });

  // Pod-shaped objects whose merge-keyed lists have unique keys.
  const names = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 3 });
  const container = (name: string): fc.Arbitrary<Record<string, unknown>> =>
    fc.record(
      {
        name: fc.constant(name),
        image: fc.constantFrom('nginx', 'nginx:1.25', 'busybox'),
        env: names.map((ns) => ns.map((n) => ({ name: n, value: n.toUpperCase() }))),
        ports: fc.uniqueArray(fc.constantFrom(80, 443, 8080), { maxLength: 2 }).map((ps) => ps.map((p) => ({ containerPort: p, protocol: 'TCP' }))),
        args: fc.array(fc.constantFrom('-v', '-x'), { maxLength: 2 }),
      },
      { requiredKeys: ['name'] },
    );
  const podArb = fc.record({
    metadata: fc.record(
      {
        name: fc.constant('p'),
        labels: fc.dictionary(fc.constantFrom('app', 'tier', '__proto__'), fc.constantFrom('x', 'y'), { maxKeys: 2 }),
        finalizers: fc.uniqueArray(fc.constantFrom('a/x', 'b/y', 'c/z'), { maxLength: 3 }),
      },
      { requiredKeys: ['name'] },
    ),
    spec: fc.record({
      containers: names.chain((ns) => fc.tuple(...ns.map(container))),
      tolerations: fc.array(fc.record({ key: fc.constantFrom('k1', 'k2'), operator: fc.constant('Exists') }), { maxLength: 2 }),
      nodeSelector: fc.dictionary(fc.constantFrom('disk', 'zone'), fc.constantFrom('ssd', 'a'), { maxKeys: 2 }),
    }),
  });

  it('applying createStrategicMergePatch(a, b) to a gives b', () => {
    fc.assert(
      fc.property(podArb, podArb, (a, b) => {
        const patch = createStrategicMergePatch(k(a), k(b), pods);
        expect(applyPatch('strategic', k(a), patch, pods)).toEqual(b);
      }),
      { seed: 1123, numRuns: 300 },
    );
  });
});

describe('createThreeWayMergePatch', () => {
  it('keeps fields others set, removes what the last apply had and the new config drops', () => {
    const lastApplied = { metadata: { name: 'p', labels: { app: 'web', old: 'x' } } };
    const modified = { metadata: { name: 'p', labels: { app: 'web2' } } };
    const live = { metadata: { name: 'p', labels: { app: 'web', old: 'x', team: 'ops' } }, spec: { nodeName: 'n1' } };
    const patch = createThreeWayMergePatch(k(lastApplied), k(modified), k(live), pods);
    expect(patch).toEqual({ metadata: { labels: { old: null, app: 'web2' } } });
    expect(applyPatch('strategic', k(live), patch, pods)).toEqual({ metadata: { name: 'p', labels: { app: 'web2', team: 'ops' } }, spec: { nodeName: 'n1' } });
  });
});
