/**
 * Hostile and careless input: prototype keys, oversized bodies, floods of creates. Each must get a
 * clear, real error and leave the store consistent.
 */
import { describe, expect, it, vi } from 'vitest';
import { clone } from './clone';
import { pod, testServer } from './testkit';
import type { KubeObject } from './types';

// A schema that knows a few unknown fields, standing in for the generated one.
vi.mock('./schema', () => ({
  decodeTypeError: () => undefined,
  strictDecodeErrors: (_resource: unknown, obj: Record<string, Record<string, unknown>>) => {
    const errs: string[] = [];
    const spec = obj.spec as { bogus?: unknown; containers?: Record<string, unknown>[] } | undefined;
    if (spec?.bogus !== undefined) errs.push('unknown field "spec.bogus"');
    if (spec?.containers?.[0]?.imagePullPolicyy !== undefined) errs.push('unknown field "spec.containers[0].imagePullPolicyy"');
    if (obj.metadata && Object.prototype.hasOwnProperty.call(obj.metadata, '__proto__')) errs.push('unknown field "metadata.__proto__"');
    return errs;
  },
}));

const PODS = '/api/v1/namespaces/default/pods';
type Obj = KubeObject & { spec?: Record<string, unknown>; data?: Record<string, string> };
const message = (res: { body: unknown }): string => (res.body as { message?: string }).message ?? '';

describe('unknown fields', () => {
  const sloppy = (): KubeObject => {
    const p = pod('sloppy') as Obj;
    p.spec = { ...p.spec, bogus: 1, containers: [{ name: 'c', image: 'nginx', imagePullPolicyy: 'Always' }] };
    return p;
  };

  it('fieldValidation=Strict fails with the strict decoding error', () => {
    const t = testServer();
    const res = t.call('POST', PODS, sloppy(), { query: { fieldValidation: 'Strict' } });
    expect(res.status).toBe(400);
    expect(message(res)).toBe(
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.bogus", unknown field "spec.containers[0].imagePullPolicyy"',
    );
  });

  it('the default (Warn) drops the fields and warns', () => {
    const t = testServer();
    const res = t.call('POST', PODS, sloppy());
    expect(res.status).toBe(201);
    expect(res.warnings).toEqual(['unknown field "spec.bogus"', 'unknown field "spec.containers[0].imagePullPolicyy"']);
    const stored = res.body as Obj;
    expect(stored.spec!.bogus).toBeUndefined();
    expect((stored.spec!.containers as Record<string, unknown>[])[0]!.imagePullPolicyy).toBeUndefined();
  });

  it('Ignore drops them silently; anything else is a bad request', () => {
    const t = testServer();
    const res = t.call('POST', PODS, sloppy(), { query: { fieldValidation: 'Ignore' } });
    expect(res.status).toBe(201);
    expect(res.warnings).toBeUndefined();
    expect(t.call('POST', PODS, pod('x'), { query: { fieldValidation: 'Loose' } }).status).toBe(400);
  });

  it('checks patched objects too', () => {
    const t = testServer();
    t.call('POST', PODS, pod('a'));
    const res = t.call('PATCH', `${PODS}/a`, { spec: { bogus: true } }, {
      query: { fieldValidation: 'Strict' },
      headers: { 'content-type': 'application/merge-patch+json' },
    });
    expect(res.status).toBe(400);
    expect(message(res)).toContain('strict decoding error: unknown field "spec.bogus"');
  });
});

describe('prototype keys', () => {
  it('a __proto__ or constructor key in a body pollutes nothing', () => {
    const t = testServer();
    const body = JSON.parse(
      '{"apiVersion":"apps/v1","kind":"ControllerRevision","revision":1,"metadata":{"name":"p","__proto__":{"polluted":"yes"}},"data":{"__proto__":"x","constructor":"y","toString":"z"}}',
    ) as unknown;
    const url = '/apis/apps/v1/namespaces/default/controllerrevisions';
    const res = t.call('POST', url, body, { query: { fieldValidation: 'Strict' } });
    expect(res.status).toBe(400);
    expect(message(res)).toContain('unknown field "metadata.__proto__"');
    const ok = t.call('POST', url, body);
    expect(ok.status).toBe(201);
    const stored = ok.body as Obj;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(stored.metadata)).toBe(Object.prototype);
    expect((stored.metadata as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(stored.data)).toBe(Object.prototype);
    expect(Object.keys(stored.data!)).toEqual(['__proto__', 'constructor', 'toString']);
    expect(stored.data!['constructor']).toBe('y');
    // Copies keep the key as data too.
    const copy = clone(stored) as Obj;
    expect(Object.getPrototypeOf(copy.data)).toBe(Object.prototype);
    expect(Object.keys(copy.data!)).toEqual(['__proto__', 'constructor', 'toString']);
  });

  it('labels named like Object.prototype members select correctly', () => {
    const t = testServer();
    t.call('POST', PODS, pod('a', { labels: { constructor: 'x', hasOwnProperty: 'y' } }));
    t.call('POST', PODS, pod('b'));
    const list = (sel: string) =>
      (t.call('GET', PODS, undefined, { query: { labelSelector: sel } }).body as { items: KubeObject[] }).items.map((p) => p.metadata!.name);
    expect(list('constructor=x')).toEqual(['a']);
    expect(list('hasOwnProperty')).toEqual(['a']);
    expect(list('!constructor')).toEqual(['b']);
  });
});

describe('size limits', () => {
  it('rejects a 5 MB body like the real apiserver (413, 3 MiB limit)', () => {
    const t = testServer();
    const p = pod('big', { metadata: { name: 'big' } }) as Obj;
    p.spec = { containers: [{ name: 'c', image: 'nginx', args: ['x'.repeat(5 * 1024 * 1024)] }] };
    const res = t.call('POST', PODS, p);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ reason: 'RequestEntityTooLarge', message: 'Request entity too large: limit is 3145728' });
  });

  it('rejects a 2 MB object that fits the request limit but not etcd', () => {
    const t = testServer();
    const rv = t.api.store.resourceVersion;
    const p = pod('big') as Obj;
    p.spec = { containers: [{ name: 'c', image: 'nginx', args: ['x'.repeat(2 * 1024 * 1024)] }] };
    const res = t.call('POST', PODS, p);
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ reason: 'Unknown', message: 'etcdserver: request is too large' });
    expect(t.api.store.resourceVersion).toBe(rv);
  });
});

describe('a 10,000-create burst', () => {
  it('answers each create clearly and leaves the store consistent', () => {
    const t = testServer();
    const statuses = new Map<number, number>();
    const count = (s: number) => statuses.set(s, (statuses.get(s) ?? 0) + 1);
    for (let i = 0; i < 10_000; i++) {
      // Every 10th is a duplicate, every 25th invalid, every 40th aimed at a missing namespace.
      const name = i % 10 === 9 ? `p${i - 1}` : i % 25 === 24 ? `P${i}` : `p${i}`;
      const path = i % 40 === 39 ? '/api/v1/namespaces/ghost/pods' : PODS;
      count(t.call('POST', path, pod(name, { labels: { batch: String(i % 7) } })).status);
    }
    expect(statuses.get(201)! + (statuses.get(409) ?? 0) + (statuses.get(422) ?? 0) + (statuses.get(404) ?? 0)).toBe(10_000);
    expect(statuses.get(409)).toBeGreaterThan(0);
    expect(statuses.get(422)).toBeGreaterThan(0);
    expect(statuses.get(404)).toBeGreaterThan(0);
    const list = t.call('GET', PODS).body as { items: KubeObject[] };
    expect(list.items).toHaveLength(statuses.get(201)!);
    expect(new Set(list.items.map((p) => p.metadata!.uid)).size).toBe(list.items.length);
    const { rebuilt, incremental } = t.api.store.debugIndexes();
    expect(incremental).toEqual(rebuilt);
  }, 60_000);
});

describe('checks on update look at what changed', () => {
  it('changedParts keeps paths and drops what is equal', async () => {
    const { changedParts } = await import('./decode');
    const prev = { spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }], replicas: 1 }, status: { phase: 'Pending' } };
    const next = { spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'z' }], replicas: 1 }, status: { phase: 'Pending' } };
    expect(changedParts(next, prev)).toEqual({ spec: { containers: [null, { image: 'z' }] } });
    expect(changedParts(JSON.parse(JSON.stringify(prev)), prev)).toBeUndefined();
    expect(changedParts({ a: [1, 2, 3] }, { a: [1, 2] })).toEqual({ a: [null, null, 3] });
    expect(changedParts({ a: 'x' }, { a: { b: 1 } })).toEqual({ a: 'x' });
  });

  it('an unknown field added by an update is still refused', () => {
    const t = testServer();
    const created = t.call('POST', PODS, pod('a')).body as Obj;
    const res = t.call('PUT', `${PODS}/a`, { ...created, spec: { ...created.spec, bogus: true } }, { query: { fieldValidation: 'Strict' } });
    expect(res.status).toBe(400);
    expect(message(res)).toContain('unknown field "spec.bogus"');
    const typed = t.call('PUT', `${PODS}/a`, { ...created, spec: 'x' });
    expect(typed.status).toBe(400);
  });
});
