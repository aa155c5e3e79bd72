import { describe, expect, it } from 'vitest';
import { deployment, pod, testServer } from './testkit';
import type { KubeObject } from './types';

type Obj = KubeObject & { spec?: Record<string, unknown>; status?: Record<string, unknown> };
const body = (res: { body: unknown }): Obj => res.body as Obj;
const message = (res: { body: unknown }): string => (res.body as { message?: string }).message ?? '';

describe('create / get / list', () => {
  it('creates a pod with server-set metadata and reads it back', () => {
    const { call } = testServer();
    const created = call('POST', '/api/v1/namespaces/default/pods', pod('nginx'));
    expect(created.status).toBe(201);
    const meta = body(created).metadata!;
    expect(meta.namespace).toBe('default');
    expect(meta.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(meta.creationTimestamp).toBe('2026-01-05T09:00:00Z');
    expect(meta.resourceVersion).toMatch(/^\d+$/);
    expect(Object.isFrozen(body(created))).toBe(true);
    const got = call('GET', '/api/v1/namespaces/default/pods/nginx');
    expect(got.status).toBe(200);
    expect(got.body).toBe(created.body);
    const list = call('GET', '/api/v1/namespaces/default/pods');
    expect(list.body).toMatchObject({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: meta.resourceVersion } });
    expect((list.body as { items: unknown[] }).items).toEqual([created.body]);
  });

  it('lists in chunks: limit and continue, as a List and as a Table; a continue with a resourceVersion is refused', () => {
    const { call } = testServer();
    for (const name of ['a', 'b', 'c']) call('POST', '/api/v1/namespaces/default/pods', pod(name));
    const names = (res: { body: unknown }): string[] => (res.body as { items: Obj[] }).items.map((o) => o.metadata!.name!);
    const first = call('GET', '/api/v1/namespaces/default/pods', undefined, { query: { limit: '2' } });
    expect(names(first)).toEqual(['a', 'b']);
    const meta = body(first).metadata as { continue?: string; remainingItemCount?: number };
    expect(meta.remainingItemCount).toBe(1);
    expect(names(call('GET', '/api/v1/namespaces/default/pods', undefined, { query: { limit: '2', continue: meta.continue! } }))).toEqual(['c']);
    const table = call('GET', '/api/v1/namespaces/default/pods', undefined, {
      query: { limit: '2' },
      headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' },
    }).body as { kind: string; rows: unknown[]; metadata: { continue?: string; remainingItemCount?: number } };
    expect(table).toMatchObject({ kind: 'Table', metadata: { continue: meta.continue, remainingItemCount: 1 } });
    expect(table.rows).toHaveLength(2);
    const pinned = call('GET', '/api/v1/namespaces/default/pods', undefined, { query: { limit: '2', continue: meta.continue!, resourceVersion: '5' } });
    expect(pinned.status).toBe(400);
    expect(message(pinned)).toBe('specifying resource version is not allowed when using continue');
  });

  it('answers the real errors for missing and duplicate objects', () => {
    const { call } = testServer();
    expect(message(call('GET', '/api/v1/namespaces/default/pods/x'))).toBe('pods "x" not found');
    expect(message(call('GET', '/apis/apps/v1/namespaces/default/deployments/x'))).toBe('deployments.apps "x" not found');
    call('POST', '/api/v1/namespaces/default/pods', pod('a'));
    const dup = call('POST', '/api/v1/namespaces/default/pods', pod('a'));
    expect(dup.status).toBe(409);
    expect(message(dup)).toBe('pods "a" already exists');
    expect(call('GET', '/api/v1/nope').status).toBe(404);
    expect(message(call('GET', '/api/v1/nope'))).toBe('the server could not find the requested resource');
  });

  it('rejects creates into missing or terminating namespaces', () => {
    const { call } = testServer();
    const missing = call('POST', '/api/v1/namespaces/ghost/pods', pod('a'));
    expect(missing.status).toBe(404);
    expect(message(missing)).toBe('namespaces "ghost" not found');
    call('POST', '/api/v1/namespaces', { metadata: { name: 'dev' } });
    expect(call('DELETE', '/api/v1/namespaces/dev').status).toBe(200);
    const terminating = call('POST', '/api/v1/namespaces/dev/pods', pod('a'));
    expect(terminating.status).toBe(403);
    expect(message(terminating)).toBe('pods "a" is forbidden: unable to create new content in namespace dev because it is being terminated');
    // Controllers recognise this refusal by its cause and record no FailedCreate for it.
    expect((terminating.body as { details?: { causes?: { reason?: string }[] } }).details?.causes).toEqual([
      { reason: 'NamespaceTerminating', message: 'namespace dev is being terminated', field: 'metadata.namespace' },
    ]);
  });
});

describe('update', () => {
  it('conflicts on a stale resourceVersion and accepts an unconditional one', () => {
    const { call } = testServer();
    const created = body(call('POST', '/apis/apps/v1/namespaces/default/deployments', deployment('web')));
    const stale = { ...created, spec: { ...created.spec, replicas: 3 } };
    expect(call('PUT', '/apis/apps/v1/namespaces/default/deployments/web', stale).status).toBe(200);
    const again = call('PUT', '/apis/apps/v1/namespaces/default/deployments/web', { ...stale, spec: { ...created.spec, replicas: 4 } });
    expect(again.status).toBe(409);
    expect(message(again)).toBe(
      'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
    );
    const unconditional = { ...created, metadata: { ...created.metadata, resourceVersion: undefined }, spec: { ...created.spec, replicas: 5 } };
    const res = call('PUT', '/apis/apps/v1/namespaces/default/deployments/web', unconditional);
    expect(res.status).toBe(200);
    expect(body(res).spec!.replicas).toBe(5);
  });

  it('writes nothing for an update that changes nothing', () => {
    const { api, call } = testServer();
    const created = body(call('POST', '/api/v1/namespaces/default/pods', pod('a')));
    const rv = api.store.resourceVersion;
    const res = call('PUT', '/api/v1/namespaces/default/pods/a', created);
    expect(res.status).toBe(200);
    expect(api.store.resourceVersion).toBe(rv);
  });
});

describe('watch', () => {
  it('delivers events asynchronously on the clock, in order', () => {
    const { call, clock, record } = testServer();
    const w = record('/api/v1/namespaces/default/pods', { resourceVersion: '0' });
    call('POST', '/api/v1/namespaces/default/pods', pod('a'));
    expect(w.events).toHaveLength(0);
    clock.runUntilQuiet();
    expect(w.events.map((e) => e.type)).toEqual(['ADDED']);
    call('DELETE', '/api/v1/namespaces/default/pods/a');
    clock.runUntilQuiet();
    expect(w.events.map((e) => e.type)).toEqual(['ADDED', 'DELETED']);
  });
});

describe('binding', () => {
  it('assigns a node once, then conflicts', () => {
    const { call } = testServer();
    call('POST', '/api/v1/namespaces/default/pods', pod('a'));
    const binding = { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'a' }, target: { kind: 'Node', name: 'worker01' } };
    expect(call('POST', '/api/v1/namespaces/default/pods/a/binding', binding).status).toBe(201);
    expect(body(call('GET', '/api/v1/namespaces/default/pods/a')).spec!.nodeName).toBe('worker01');
    const again = call('POST', '/api/v1/namespaces/default/pods/a/binding', { ...binding, target: { name: 'worker02' } });
    expect(again.status).toBe(409);
    expect(message(again)).toBe('Operation cannot be fulfilled on pods/binding "a": pod a is already assigned to node "worker01"');
  });
});
