import { describe, expect, it } from 'vitest';
import { deployment, pod, testServer } from './testkit';
import type { KubeObject } from './types';

type Obj = KubeObject & { spec?: Record<string, unknown>; status?: Record<string, unknown> };
const obj = (res: { body: unknown }): Obj => res.body as Obj;
const message = (res: { body: unknown }): string => (res.body as { message?: string }).message ?? '';
const merge = { headers: { 'content-type': 'application/merge-patch+json' } };

const PODS = '/api/v1/namespaces/default/pods';

function boundPod(t: ReturnType<typeof testServer>, name: string, extra: Record<string, unknown> = {}) {
  const p = pod(name) as Obj;
  p.spec = { ...p.spec, terminationGracePeriodSeconds: 30, ...extra };
  expect(t.call('POST', PODS, p).status).toBe(201);
  expect(t.call('POST', `${PODS}/${name}/binding`, { metadata: { name }, target: { name: 'w1' } }).status).toBe(201);
}

describe('pod deletion', () => {
  it('removes a pod that was never scheduled at once and answers with it', () => {
    const t = testServer();
    t.call('POST', PODS, pod('a'));
    const res = t.call('DELETE', `${PODS}/a`);
    expect(res.status).toBe(200);
    expect(obj(res)).toMatchObject({ kind: 'Pod', metadata: { name: 'a' } });
    expect(t.call('GET', `${PODS}/a`).status).toBe(404);
  });

  it('deletes a scheduled pod gracefully; a second delete may only shorten the grace period', () => {
    const t = testServer();
    boundPod(t, 'a');
    t.clock.advance(5000);
    const watch = t.record(PODS, { fieldSelector: 'metadata.name=a' });
    const first = t.call('DELETE', `${PODS}/a`);
    expect(first.status).toBe(200);
    expect(obj(first).metadata).toMatchObject({ deletionTimestamp: '2026-01-05T09:00:35Z', deletionGracePeriodSeconds: 30 });
    expect(t.call('GET', `${PODS}/a`).status).toBe(200);

    const longer = t.call('DELETE', `${PODS}/a`, { gracePeriodSeconds: 60 });
    expect(obj(longer).metadata).toMatchObject({ deletionTimestamp: '2026-01-05T09:00:35Z', deletionGracePeriodSeconds: 30 });
    const shorter = t.call('DELETE', `${PODS}/a`, { gracePeriodSeconds: 10 });
    expect(obj(shorter).metadata).toMatchObject({ deletionTimestamp: '2026-01-05T09:00:15Z', deletionGracePeriodSeconds: 10 });

    // What the kubelet does once the containers are gone.
    const done = t.call('DELETE', `${PODS}/a`, { gracePeriodSeconds: 0 });
    expect(done.status).toBe(200);
    expect(t.call('GET', `${PODS}/a`).status).toBe(404);
    t.clock.runUntilQuiet();
    expect(watch.events.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'MODIFIED', 'DELETED']);
  });

  it('takes the grace period from the query string too', () => {
    const t = testServer();
    boundPod(t, 'a');
    expect(obj(t.call('DELETE', `${PODS}/a`, undefined, { query: { gracePeriodSeconds: '3' } })).metadata!.deletionGracePeriodSeconds).toBe(3);
  });

  it('removes a finished pod at once', () => {
    const t = testServer();
    boundPod(t, 'a');
    t.call('PATCH', `${PODS}/a/status`, { status: { phase: 'Succeeded' } }, merge);
    t.call('DELETE', `${PODS}/a`);
    expect(t.call('GET', `${PODS}/a`).status).toBe(404);
  });

  it('checks preconditions', () => {
    const t = testServer();
    const created = obj(t.call('POST', PODS, pod('a')));
    const res = t.call('DELETE', `${PODS}/a`, { preconditions: { resourceVersion: '1' } });
    expect(res.status).toBe(409);
    expect(message(res)).toBe(
      `Operation cannot be fulfilled on pods "a": Precondition failed: ResourceVersion in precondition: 1, ResourceVersion in object meta: ${created.metadata!.resourceVersion}`,
    );
    expect(t.call('DELETE', `${PODS}/a`, { preconditions: { uid: created.metadata!.uid } }).status).toBe(200);
  });

  it('dry-runs without touching anything', () => {
    const t = testServer();
    boundPod(t, 'a');
    const rv = t.api.store.resourceVersion;
    expect(t.call('DELETE', `${PODS}/a`, undefined, { query: { dryRun: 'All' } }).status).toBe(200);
    expect(t.api.store.resourceVersion).toBe(rv);
    expect(obj(t.call('GET', `${PODS}/a`)).metadata!.deletionTimestamp).toBeUndefined();
  });
});

describe('finalizers and propagation', () => {
  it('keeps an object with finalizers until an update empties them', () => {
    const t = testServer();
    t.call('POST', '/api/v1/namespaces/default/configmaps', { metadata: { name: 'cm', finalizers: ['example.com/hold'] } });
    const watch = t.record('/api/v1/namespaces/default/configmaps');
    const res = t.call('DELETE', '/api/v1/namespaces/default/configmaps/cm');
    expect(res.status).toBe(200);
    expect(obj(res).metadata).toMatchObject({ deletionTimestamp: '2026-01-05T09:00:00Z', deletionGracePeriodSeconds: 0, finalizers: ['example.com/hold'] });
    expect(t.call('GET', '/api/v1/namespaces/default/configmaps/cm').status).toBe(200);
    // A new finalizer may not be added while deleting.
    const added = t.call('PATCH', '/api/v1/namespaces/default/configmaps/cm', { metadata: { finalizers: ['example.com/hold', 'x.io/y'] } }, merge);
    expect(added.status).toBe(422);
    expect(message(added)).toContain('no new finalizers can be added if the object is being deleted, found new finalizers []string{"x.io/y"}');
    // The controller lets go.
    expect(t.call('PATCH', '/api/v1/namespaces/default/configmaps/cm', { metadata: { finalizers: null } }, merge).status).toBe(200);
    expect(t.call('GET', '/api/v1/namespaces/default/configmaps/cm').status).toBe(404);
    t.clock.runUntilQuiet();
    expect(watch.events.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
  });

  it('answers a finished delete of most kinds with a Status', () => {
    const t = testServer();
    const created = obj(t.call('POST', '/apis/apps/v1/namespaces/default/deployments', deployment('web')));
    const res = t.call('DELETE', '/apis/apps/v1/namespaces/default/deployments/web');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      details: { name: 'web', group: 'apps', kind: 'deployments', uid: created.metadata!.uid },
    });
  });

  it.each([
    ['Orphan', 'orphan'],
    ['Foreground', 'foregroundDeletion'],
  ])('propagationPolicy=%s adds the %s finalizer for the garbage collector', (policy, finalizer) => {
    const t = testServer();
    t.call('POST', '/apis/apps/v1/namespaces/default/deployments', deployment('web'));
    const res = t.call('DELETE', '/apis/apps/v1/namespaces/default/deployments/web', { propagationPolicy: policy });
    expect(obj(res).metadata).toMatchObject({ finalizers: [finalizer], deletionGracePeriodSeconds: 0 });
    expect(obj(res).metadata!.deletionTimestamp).toBeDefined();
    // The garbage collector removes its finalizer when done; then the object goes.
    t.call('PATCH', '/apis/apps/v1/namespaces/default/deployments/web', { metadata: { finalizers: [] } }, merge);
    expect(t.call('GET', '/apis/apps/v1/namespaces/default/deployments/web').status).toBe(404);
  });

  it('Background removes the object at once (the GC deletes dependents later)', () => {
    const t = testServer();
    t.call('POST', '/apis/apps/v1/namespaces/default/deployments', deployment('web'));
    t.call('DELETE', '/apis/apps/v1/namespaces/default/deployments/web', undefined, { query: { propagationPolicy: 'Background' } });
    expect(t.call('GET', '/apis/apps/v1/namespaces/default/deployments/web').status).toBe(404);
  });

  it('a pod with a finalizer waits for both its grace period and the finalizer', () => {
    const t = testServer();
    boundPod(t, 'a');
    t.call('PATCH', `${PODS}/a`, { metadata: { finalizers: ['example.com/x'] } }, merge);
    t.call('DELETE', `${PODS}/a`, { gracePeriodSeconds: 0 });
    expect(obj(t.call('GET', `${PODS}/a`)).metadata).toMatchObject({ deletionGracePeriodSeconds: 0, finalizers: ['example.com/x'] });
    t.call('PATCH', `${PODS}/a`, { metadata: { finalizers: null } }, merge);
    expect(t.call('GET', `${PODS}/a`).status).toBe(404);
  });
});

describe('namespace deletion', () => {
  it('turns the namespace Terminating; the namespace controller finalizes and deletes it', () => {
    const t = testServer();
    t.call('POST', '/api/v1/namespaces', { metadata: { name: 'dev' }, spec: { finalizers: ['kubernetes'] } });
    t.call('POST', '/api/v1/namespaces/dev/configmaps', { metadata: { name: 'cm' } });
    const res = t.call('DELETE', '/api/v1/namespaces/dev');
    expect(res.status).toBe(200);
    expect(obj(res).status).toMatchObject({ phase: 'Terminating' });
    expect(obj(res).metadata!.deletionTimestamp).toBe('2026-01-05T09:00:00Z');
    const again = t.call('DELETE', '/api/v1/namespaces/dev');
    expect(again.status).toBe(409);
    expect(message(again)).toBe(
      'Operation cannot be fulfilled on namespaces "dev": The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.',
    );
    // What the namespace controller does: empty it, finalize, delete again.
    t.call('DELETE', '/api/v1/namespaces/dev/configmaps/cm');
    const current = obj(t.call('GET', '/api/v1/namespaces/dev'));
    const finalized = t.call('PUT', '/api/v1/namespaces/dev/finalize', { ...current, spec: { finalizers: [] } });
    expect(finalized.status).toBe(200);
    expect(obj(finalized).spec?.finalizers).toBeUndefined();
    expect(t.call('DELETE', '/api/v1/namespaces/dev').status).toBe(200);
    expect(t.call('GET', '/api/v1/namespaces/dev').status).toBe(404);
  });
});

describe('namespace deletion, continued', () => {
  it('a Terminating namespace survives updates until it is finalized (regression)', () => {
    const t = testServer();
    t.call('POST', '/api/v1/namespaces', { metadata: { name: 'dev' }, spec: { finalizers: ['kubernetes'] } });
    const terminating = obj(t.call('DELETE', '/api/v1/namespaces/dev'));
    expect(terminating.metadata!.deletionGracePeriodSeconds).toBeUndefined();
    const res = t.call('PUT', '/api/v1/namespaces/dev/status', {
      ...terminating,
      status: { phase: 'Terminating', conditions: [{ type: 'NamespaceContentRemaining', status: 'False' }] },
    });
    expect(res.status).toBe(200);
    expect(t.call('GET', '/api/v1/namespaces/dev').status).toBe(200);
  });

  it('metadata finalizers on a finalized namespace still hold it', () => {
    const t = testServer();
    t.call('POST', '/api/v1/namespaces', { metadata: { name: 'dev', finalizers: ['example.com/x'] } });
    t.call('DELETE', '/api/v1/namespaces/dev', { propagationPolicy: 'Foreground' });
    expect(obj(t.call('GET', '/api/v1/namespaces/dev')).metadata!.finalizers).toEqual(['example.com/x', 'foregroundDeletion']);
    const current = obj(t.call('GET', '/api/v1/namespaces/dev'));
    t.call('PUT', '/api/v1/namespaces/dev/finalize', { ...current, spec: {} });
    expect(t.call('DELETE', '/api/v1/namespaces/dev').status).toBe(200);
    expect(obj(t.call('GET', '/api/v1/namespaces/dev')).metadata!.deletionGracePeriodSeconds).toBe(0);
    t.call('PATCH', '/api/v1/namespaces/dev', { metadata: { finalizers: null } }, merge);
    expect(t.call('GET', '/api/v1/namespaces/dev').status).toBe(404);
  });
});

describe('deletecollection', () => {
  it('deletes what the selectors pick and answers with the list of them', () => {
    const t = testServer();
    t.call('POST', PODS, pod('a', { labels: { app: 'x' } }));
    t.call('POST', PODS, pod('b', { labels: { app: 'x' } }));
    t.call('POST', PODS, pod('c', { labels: { app: 'y' } }));
    const res = t.call('DELETE', PODS, undefined, { query: { labelSelector: 'app=x' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'PodList', apiVersion: 'v1' });
    expect((res.body as { items: KubeObject[] }).items.map((p) => p.metadata!.name)).toEqual(['a', 'b']);
    const left = t.call('GET', PODS).body as { items: KubeObject[] };
    expect(left.items.map((p) => p.metadata!.name)).toEqual(['c']);
    expect(t.call('DELETE', PODS, undefined, { query: { labelSelector: '!!' } }).status).toBe(400);
  });
});
