// The page's projection: what the worker sends, batch by batch, adds up to the cluster as the
// apiserver has it — checked on a running cluster against views of a fresh list.
import fc from 'fast-check';
import type { Deployment } from 'kubernetes-types/apps/v1';
import { describe, expect, test } from 'vitest';
import { Cluster } from '../engine/cluster/cluster';
import { resourceFor } from '../engine/api/resources';
import type { KubeObject } from '../engine/api/types';
import { Projection, RESOURCES } from './projection';
import { VIEWS } from './to-view';
import { applyChanges, emptyViewMaps, viewKey, type ViewKind, type ViewMaps } from './views';

const DEPLOYMENTS = resourceFor('apps', 'deployments')!;

function deployment(name: string, replicas: number): KubeObject {
  const labels = { app: name };
  const object: Deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
  };
  return object as KubeObject;
}

/** The views of everything the apiserver holds now, listed afresh. */
function listedViews(cluster: Cluster): ViewMaps {
  const client = cluster.client('test');
  const maps = emptyViewMaps() as Record<ViewKind, Map<string, unknown>>;
  for (const kind of Object.keys(RESOURCES) as ViewKind[]) {
    const list = client.list<KubeObject>(resourceFor(...RESOURCES[kind])!);
    if (!list.ok) throw new Error(list.status.message);
    for (const obj of list.value.items) {
      const view = (VIEWS[kind] as unknown as (o: KubeObject) => { namespace: string; name: string })(obj);
      maps[kind].set(viewKey(view), view);
    }
  }
  return maps as unknown as ViewMaps;
}

describe('Projection', () => {
  test('the first batch is the whole cluster; later ones carry only what changed', () => {
    const cluster = Cluster.create({ seed: 3 });
    const projection = new Projection(cluster.client('kubeplay-ui'), () => cluster.clock.now());
    cluster.clock.advance(1);
    let maps = applyChanges(emptyViewMaps(), projection.take() ?? []);
    expect([...maps.Node.keys()]).toEqual(['/master01', '/worker01', '/worker02']);
    expect(maps.Pod.get('kube-system/etcd-master01')).toMatchObject({ node: 'master01', status: 'Running', owner: { kind: 'Node', name: 'master01' } });
    expect(projection.take()).toBeUndefined();

    cluster.client().create(DEPLOYMENTS, deployment('web', 2));
    cluster.clock.runUntilQuiet(120_000);
    const changes = projection.take() ?? [];
    // Each pod changed several times (created, bound, container creating, running): one put each.
    const podKeys = changes.filter((c) => c.op === 'put' && c.view.kind === 'Pod').map((c) => (c.op === 'put' ? viewKey(c.view) : ''));
    expect(podKeys).toHaveLength(2);
    expect(new Set(podKeys).size).toBe(2);
    maps = applyChanges(maps, changes);
    const pods = [...maps.Pod.values()].filter((p) => p.namespace === 'default');
    expect(pods.map((p) => [p.status, p.ready, p.total, p.owner?.kind])).toEqual([
      ['Running', 1, 1, 'ReplicaSet'],
      ['Running', 1, 1, 'ReplicaSet'],
    ]);
    expect(maps.Deployment.get('default/web')).toMatchObject({ replicas: 2, available: 2, maxSurge: '25%', maxUnavailable: '25%', revision: '1', images: ['nginx'] });
    expect([...maps.ReplicaSet.values()].find((rs) => rs.owner?.name === 'web')).toMatchObject({ desired: 2, ready: 2, revision: '1' });
    expect([...maps.Event.values()].some((e) => e.involved.kind === 'Pod' && e.reason === 'Started' && e.source === 'kubelet')).toBe(true);
  });

  test('a batch applied to a map that lacks a kind leaves the other kinds untouched (same map object)', () => {
    const cluster = Cluster.create({ seed: 3 });
    const projection = new Projection(cluster.client('kubeplay-ui'), () => cluster.clock.now());
    cluster.clock.advance(1);
    const before = applyChanges(emptyViewMaps(), projection.take() ?? []);
    cluster.client().create(DEPLOYMENTS, deployment('web', 1));
    cluster.clock.advance(1);
    const after = applyChanges(before, projection.take() ?? []);
    expect(after.Deployment).not.toBe(before.Deployment);
    expect(after.Node).toBe(before.Node);
  });

  test('property: the batches, applied in order, always add up to a fresh list of the cluster', () => {
    const cluster = Cluster.create({ seed: 5 });
    const projection = new Projection(cluster.client('kubeplay-ui'), () => cluster.clock.now());
    const client = cluster.client();
    let maps = emptyViewMaps();
    const step = fc.oneof(
      fc.record({ op: fc.constant('scale' as const), name: fc.constantFrom('a', 'b'), replicas: fc.integer({ min: 0, max: 4 }) }),
      fc.record({ op: fc.constant('delete' as const), name: fc.constantFrom('a', 'b') }),
      fc.record({ op: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 20_000 }) }),
      fc.record({ op: fc.constant('take' as const) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 12 }), (steps) => {
        for (const s of steps) {
          if (s.op === 'scale') {
            const got = client.get<KubeObject>(DEPLOYMENTS, 'default', s.name);
            if (got.ok) client.update(DEPLOYMENTS, { ...got.value, spec: { ...(got.value as Deployment).spec, replicas: s.replicas } } as KubeObject);
            else client.create(DEPLOYMENTS, deployment(s.name, s.replicas));
          }
          if (s.op === 'delete') client.delete(DEPLOYMENTS, 'default', s.name);
          if (s.op === 'wait') cluster.clock.advance(s.ms);
          if (s.op === 'take') maps = applyChanges(maps, projection.take() ?? []);
        }
        // Watch events are delivered on the clock: let the last ones arrive, then take.
        cluster.clock.advance(1);
        maps = applyChanges(maps, projection.take() ?? []);
        expect(maps).toEqual(listedViews(cluster));
      }),
      { numRuns: 15 },
    );
  });
});
