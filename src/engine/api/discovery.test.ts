import { describe, expect, it } from 'vitest';
import { pod, testServer } from './testkit';

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

describe('discovery', () => {
  it('serves /version, /api and /apis', () => {
    const { call } = testServer();
    expect(call('GET', '/version').body).toMatchObject({ major: '1', minor: '30', gitVersion: 'v1.30.2', platform: 'linux/amd64' });
    expect(call('GET', '/api').body).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const groups = call('GET', '/apis').body as { kind: string; groups: { name: string; preferredVersion: { groupVersion: string } }[] };
    expect(groups.kind).toBe('APIGroupList');
    // The real 1.30 order (aggregator priority), less the groups the playground does not serve.
    expect(groups.groups.map((g) => g.name)).toEqual([
      'apps',
      'events.k8s.io',
      'authentication.k8s.io',
      'authorization.k8s.io',
      'autoscaling',
      'batch',
      'certificates.k8s.io',
      'networking.k8s.io',
      'policy',
      'rbac.authorization.k8s.io',
      'storage.k8s.io',
      'admissionregistration.k8s.io',
      'apiextensions.k8s.io',
      'scheduling.k8s.io',
      'coordination.k8s.io',
      'node.k8s.io',
      'discovery.k8s.io',
      'flowcontrol.apiserver.k8s.io',
    ]);
    expect(groups.groups[0]!.preferredVersion.groupVersion).toBe('apps/v1');
    expect(call('GET', '/apis/apps').body).toMatchObject({ kind: 'APIGroup', name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }] });
    expect(call('GET', '/apis/nope').status).toBe(404);
    // Several versions: the served one is preferred and listed first, as autoscaling's v2 is.
    expect(call('GET', '/apis/autoscaling').body).toMatchObject({
      versions: [{ groupVersion: 'autoscaling/v2' }, { groupVersion: 'autoscaling/v1' }],
      preferredVersion: { groupVersion: 'autoscaling/v2' },
    });
    expect(call('POST', '/api', {}).status).toBe(405);
  });

  it('lists resources with short names, categories, verbs and subresources', () => {
    const { call } = testServer();
    const core = call('GET', '/api/v1').body as { groupVersion: string; resources: Record<string, unknown>[] };
    expect(core.groupVersion).toBe('v1');
    const byName = new Map(core.resources.map((r) => [r.name as string, r]));
    expect(byName.get('pods')).toEqual({
      name: 'pods',
      singularName: 'pod',
      namespaced: true,
      kind: 'Pod',
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      shortNames: ['po'],
      categories: ['all'],
    });
    expect(byName.get('pods/status')).toEqual({ name: 'pods/status', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get', 'patch', 'update'] });
    expect(byName.get('pods/eviction')).toMatchObject({ group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] });
    expect(byName.get('pods/log')).toMatchObject({ kind: 'Pod', verbs: ['get'] });
    expect(byName.get('namespaces')).toMatchObject({ namespaced: false, shortNames: ['ns'] });
    expect(byName.get('namespaces/finalize')).toMatchObject({ verbs: ['update'] });
    const apps = call('GET', '/apis/apps/v1').body as { resources: Record<string, unknown>[] };
    expect(apps.resources.find((r) => r.name === 'deployments/scale')).toMatchObject({ group: 'autoscaling', version: 'v1', kind: 'Scale' });
    expect(apps.resources.find((r) => r.name === 'deployments')).toMatchObject({ shortNames: ['deploy'], categories: ['all'] });
  });

  it.each([
    ['autoscaling/v1', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler'],
    ['events.k8s.io/v1', 'events', 'Event'],
  ])('lists %s (a view kubeplay keeps under another version) without serving its objects', (gv, plural, kind) => {
    const { call } = testServer();
    const list = call('GET', `/apis/${gv}`).body as { groupVersion: string; resources: Record<string, unknown>[] };
    expect(list.groupVersion).toBe(gv);
    expect(list.resources.find((r) => r.name === plural)).toMatchObject({ kind, namespaced: true });
    expect(call('GET', `/apis/${gv}/namespaces/default/${plural}`).status).toBe(404);
  });
});

describe('Tables for kubectl get', () => {
  it('answers lists and single objects as Tables when asked', () => {
    const t = testServer();
    t.call('POST', '/api/v1/namespaces/default/pods', pod('a'));
    t.call('POST', '/api/v1/namespaces/default/pods', pod('b'));
    const res = t.call('GET', '/api/v1/namespaces/default/pods', undefined, { headers: { accept: TABLE } });
    expect(res.status).toBe(200);
    const table = res.body as { kind: string; metadata: { resourceVersion: string }; columnDefinitions: { name: string }[]; rows: { cells: unknown[]; object: Record<string, unknown> }[] };
    expect(table.kind).toBe('Table');
    expect(table.metadata.resourceVersion).toBe(String(t.api.store.resourceVersion));
    expect(table.columnDefinitions.map((c) => c.name).slice(0, 5)).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age']);
    expect(table.rows.map((r) => r.cells[0])).toEqual(['a', 'b']);
    // Default: PartialObjectMetadata, as kubectl gets it unless it sorts.
    expect(table.rows[0]!.object).toMatchObject({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { name: 'a' } });
    const full = t.call('GET', '/api/v1/namespaces/default/pods', undefined, { headers: { accept: TABLE }, query: { includeObject: 'Object' } });
    const stored = t.call('GET', '/api/v1/namespaces/default/pods/a').body;
    expect((full.body as typeof table).rows[0]!.object).toBe(stored);
    const one = t.call('GET', '/api/v1/namespaces/default/pods/b', undefined, { headers: { accept: TABLE } });
    expect((one.body as typeof table).rows.map((r) => r.cells[0])).toEqual(['b']);
    expect(t.call('GET', '/api/v1/namespaces/default/pods', undefined, { headers: { accept: TABLE }, query: { includeObject: 'All' } }).status).toBe(400);
  });

  it('answers plain JSON otherwise, with kind and apiVersion on every item', () => {
    const t = testServer();
    t.call('POST', '/api/v1/namespaces/default/configmaps', { metadata: { name: 'cm' } });
    const list = t.call('GET', '/api/v1/configmaps').body as { kind: string; items: { kind: string; apiVersion: string }[] };
    expect(list.kind).toBe('ConfigMapList');
    expect(list.items[0]).toMatchObject({ kind: 'ConfigMap', apiVersion: 'v1' });
  });
});
