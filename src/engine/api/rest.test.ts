/**
 * REST semantics, table-driven: each row is one request against a small fixture cluster and the
 * status code and message a real v1.30 apiserver answers with.
 */
import { describe, expect, it } from 'vitest';
import { NAME_ALPHABET } from '../sim/names';
import { Rng } from '../sim/rng';
import { deployment, pod, testServer } from './testkit';
import type { ApiRequest, KubeObject } from './types';

type Obj = KubeObject & { spec?: Record<string, unknown>; status?: Record<string, unknown> };
const obj = (res: { body: unknown }): Obj => res.body as Obj;
const message = (res: { body: unknown }): string => (res.body as { message?: string }).message ?? '';

/** default/nginx (pod), default/web (deployment), namespace dev. */
function fixture() {
  const t = testServer();
  t.call('POST', '/api/v1/namespaces', { metadata: { name: 'dev' } });
  t.call('POST', '/api/v1/namespaces/default/pods', pod('nginx', { labels: { app: 'nginx' } }));
  t.call('POST', '/apis/apps/v1/namespaces/default/deployments', deployment('web'));
  return t;
}

interface Row {
  name: string;
  req: ApiRequest;
  status: number;
  message?: string;
  reason?: string;
}

const rows: Row[] = [
  { name: 'unknown group', req: { method: 'GET', path: '/apis/foo/v1/bars' }, status: 404, message: 'the server could not find the requested resource' },
  { name: 'unknown version', req: { method: 'GET', path: '/api/v2/pods' }, status: 404, message: 'the server could not find the requested resource' },
  { name: 'unknown plural', req: { method: 'GET', path: '/api/v1/namespaces/default/pod' }, status: 404 },
  { name: 'wrong group for kind', req: { method: 'GET', path: '/apis/apps/v1/pods' }, status: 404 },
  { name: 'namespaced object outside a namespace', req: { method: 'GET', path: '/api/v1/pods/nginx' }, status: 404 },
  { name: 'unknown subresource', req: { method: 'GET', path: '/api/v1/namespaces/default/pods/nginx/foo' }, status: 404 },
  { name: 'too many segments', req: { method: 'GET', path: '/api/v1/namespaces/default/pods/nginx/status/x' }, status: 404 },
  { name: 'all-namespaces list', req: { method: 'GET', path: '/api/v1/pods' }, status: 200 },
  { name: 'cluster-scoped list', req: { method: 'GET', path: '/api/v1/namespaces' }, status: 200 },
  { name: 'cluster-scoped get', req: { method: 'GET', path: '/api/v1/namespaces/dev' }, status: 200 },
  { name: 'namespace status', req: { method: 'GET', path: '/api/v1/namespaces/dev/status' }, status: 200 },
  { name: 'grouped get', req: { method: 'GET', path: '/apis/apps/v1/namespaces/default/deployments/web' }, status: 200 },
  { name: 'query string in the path', req: { method: 'GET', path: '/api/v1/namespaces/default/pods?labelSelector=app%3Dnginx' }, status: 200 },
  { name: 'POST to all-namespaces URL', req: { method: 'POST', path: '/api/v1/pods', body: pod('x') }, status: 405, reason: 'MethodNotAllowed' },
  { name: 'POST to an object URL', req: { method: 'POST', path: '/api/v1/namespaces/default/pods/nginx', body: pod('x') }, status: 405 },
  { name: 'PUT to a collection', req: { method: 'PUT', path: '/api/v1/namespaces/default/pods', body: pod('x') }, status: 405 },
  { name: 'deletecollection on namespaces is not a verb', req: { method: 'DELETE', path: '/api/v1/namespaces' }, status: 405 },
  { name: 'bad label selector', req: { method: 'GET', path: '/api/v1/pods', query: { labelSelector: 'a b' } }, status: 400, message: "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt" },
  { name: 'unsupported field label', req: { method: 'GET', path: '/api/v1/pods', query: { fieldSelector: 'foo=bar' } }, status: 400, message: 'field label not supported: foo' },
  { name: 'bad field selector', req: { method: 'GET', path: '/api/v1/pods', query: { fieldSelector: 'foo' } }, status: 400, message: "invalid selector: 'foo'; can't understand 'foo'" },
  {
    name: 'apiVersion mismatch',
    req: { method: 'POST', path: '/api/v1/namespaces/default/pods', body: { ...pod('x'), apiVersion: 'apps/v1' } },
    status: 400,
    message: 'the API version in the data (apps/v1) does not match the expected API version (v1)',
  },
  {
    name: 'kind mismatch',
    req: { method: 'POST', path: '/api/v1/namespaces/default/pods', body: { ...pod('x'), kind: 'Service' } },
    status: 400,
    message: 'the kind in the data (Service) does not match the expected kind (Pod)',
  },
  {
    name: 'namespace mismatch on create',
    req: { method: 'POST', path: '/api/v1/namespaces/default/pods', body: pod('x', { namespace: 'dev' }) },
    status: 400,
    message: 'the namespace of the provided object does not match the namespace sent on the request',
  },
  {
    name: 'name mismatch on update',
    req: { method: 'PUT', path: '/api/v1/namespaces/default/pods/nginx', body: pod('other') },
    status: 400,
    message: 'the name of the object (other) does not match the name on the URL (nginx)',
  },
  {
    name: 'namespace mismatch on update',
    req: { method: 'PUT', path: '/api/v1/namespaces/default/pods/nginx', body: pod('nginx', { namespace: 'dev' }) },
    status: 400,
    message: 'the namespace of the object (dev) does not match the namespace on the request (default)',
  },
  {
    name: 'update of a missing object',
    req: { method: 'PUT', path: '/api/v1/namespaces/default/pods/ghost', body: pod('ghost') },
    status: 404,
    message: 'pods "ghost" not found',
  },
  {
    name: 'resourceVersion on create',
    req: { method: 'POST', path: '/api/v1/namespaces/default/pods', body: pod('x', { metadata: { name: 'x', resourceVersion: '5' } }) },
    status: 400,
    message: 'resourceVersion should not be set on objects to be created',
  },
  {
    name: 'spec of the wrong type',
    req: { method: 'POST', path: '/api/v1/namespaces/default/pods', body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' }, spec: 'x' } },
    status: 400,
    message: 'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field Pod.spec of type v1.PodSpec',
  },
  {
    name: 'labels of the wrong type',
    req: { method: 'POST', path: '/api/v1/namespaces/default/pods', body: { ...pod('x'), metadata: { name: 'x', labels: { a: 1 } } } },
    status: 400,
    message: 'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
  },
  {
    name: 'body that is not an object',
    req: { method: 'POST', path: '/api/v1/namespaces/default/pods', body: [1, 2] },
    status: 400,
  },
  { name: 'missing body', req: { method: 'POST', path: '/api/v1/namespaces/default/pods' }, status: 400, message: "Object 'Kind' is missing in 'null'" },
  {
    name: 'invalid name',
    req: { method: 'POST', path: '/api/v1/namespaces/default/pods', body: pod('Nginx') },
    status: 422,
    reason: 'Invalid',
  },
  {
    name: 'invalid grouped kind',
    req: { method: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: deployment('Web') },
    status: 422,
  },
  {
    name: 'no name at all',
    req: { method: 'POST', path: '/api/v1/namespaces/default/pods', body: { apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: { containers: [{ name: 'c', image: 'x' }] } } },
    status: 422,
  },
  { name: 'bad dryRun', req: { method: 'POST', path: '/api/v1/namespaces/default/pods', body: pod('x'), query: { dryRun: 'Some' } }, status: 400 },
  {
    name: 'unknown patch content type',
    req: { method: 'PATCH', path: '/api/v1/namespaces/default/pods/nginx', body: {}, headers: { 'content-type': 'application/json' } },
    status: 415,
    reason: 'UnsupportedMediaType',
  },
  {
    name: 'server-side apply is not served',
    req: { method: 'PATCH', path: '/api/v1/namespaces/default/pods/nginx', body: {}, headers: { 'content-type': 'application/apply-patch+yaml' } },
    status: 415,
  },
  {
    name: 'patch of a missing object',
    req: { method: 'PATCH', path: '/api/v1/namespaces/default/pods/ghost', body: {}, headers: { 'content-type': 'application/merge-patch+json' } },
    status: 404,
    message: 'pods "ghost" not found',
  },
  { name: 'logs of an unscheduled pod', req: { method: 'GET', path: '/api/v1/namespaces/default/pods/nginx/log' }, status: 400, message: 'pod nginx does not have a host assigned' },
  { name: 'logs of a missing pod', req: { method: 'GET', path: '/api/v1/namespaces/default/pods/ghost/log' }, status: 404, message: 'pods "ghost" not found' },
  { name: 'scale of a deployment', req: { method: 'GET', path: '/apis/apps/v1/namespaces/default/deployments/web/scale' }, status: 200 },
  { name: 'scale of a pod', req: { method: 'GET', path: '/api/v1/namespaces/default/pods/nginx/scale' }, status: 404 },
  { name: 'delete a missing object', req: { method: 'DELETE', path: '/api/v1/namespaces/default/pods/ghost' }, status: 404, message: 'pods "ghost" not found' },
  { name: 'delete default namespace', req: { method: 'DELETE', path: '/api/v1/namespaces/default' }, status: 403, message: 'namespaces "default" is forbidden: this namespace may not be deleted' },
  {
    name: 'bad propagation policy',
    req: { method: 'DELETE', path: '/apis/apps/v1/namespaces/default/deployments/web', query: { propagationPolicy: 'Sideways' } },
    status: 422,
  },
  {
    name: 'failed uid precondition',
    req: { method: 'DELETE', path: '/apis/apps/v1/namespaces/default/deployments/web', body: { preconditions: { uid: 'nope' } } },
    status: 409,
  },
  { name: 'too-large watch version', req: { method: 'GET', path: '/api/v1/pods', query: { watch: 'true' } }, status: 400, message: 'watch requests must be made with ApiServer.watch' },
];

describe('REST semantics', () => {
  it.each(rows)('$name → $status', (row) => {
    const t = fixture();
    const res = t.api.request(row.req);
    expect(res.status, JSON.stringify(res.body)).toBe(row.status);
    if (row.message !== undefined) expect(message(res)).toBe(row.message);
    if (row.reason !== undefined) expect((res.body as { reason?: string }).reason).toBe(row.reason);
    if (res.status >= 400) expect((res.body as { code?: number }).code).toBe(row.status);
  });

  it('names invalid objects with the qualified kind', () => {
    const t = fixture();
    expect(message(t.call('POST', '/api/v1/namespaces/default/pods', pod('Nginx')))).toMatch(/^Pod "Nginx" is invalid: metadata.name: Invalid value: "Nginx": a lowercase RFC 1123 subdomain/);
    expect(message(t.call('POST', '/apis/apps/v1/namespaces/default/deployments', deployment('Web')))).toMatch(/^Deployment.apps "Web" is invalid: /);
  });
});

describe('create', () => {
  it('generates names from generateName with the real alphabet', () => {
    const t = fixture();
    const names = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const res = t.call('POST', '/api/v1/namespaces/default/pods', { ...pod(''), metadata: { generateName: 'web-' } });
      expect(res.status).toBe(201);
      names.add(obj(res).metadata!.name!);
    }
    expect(names.size).toBe(50);
    for (const n of names) expect(n).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('retries a generated name that collides', () => {
    // An rng whose name draws are scripted: the first two suffixes collide.
    class ScriptedRng extends Rng {
      names = ['bbbbb', 'bbbbb', 'ccccc'];
      override string(length: number, alphabet: string): string {
        return alphabet === NAME_ALPHABET && this.names.length > 0 ? this.names.shift()! : super.string(length, alphabet);
      }
    }
    const t = testServer({ rng: new ScriptedRng(1) });
    const make = () => t.call('POST', '/api/v1/namespaces/default/configmaps', { metadata: { generateName: 'x-' } });
    expect(obj(make()).metadata!.name).toBe('x-bbbbb');
    expect(obj(make()).metadata!.name).toBe('x-ccccc');
  });

  it('dry-runs without storing or moving the resourceVersion', () => {
    const t = fixture();
    const rv = t.api.store.resourceVersion;
    const res = t.call('POST', '/api/v1/namespaces/default/pods', pod('dry'), { query: { dryRun: 'All' } });
    expect(res.status).toBe(201);
    expect(obj(res).metadata!.uid).toBeDefined();
    expect(obj(res).metadata!.resourceVersion).toBeUndefined();
    expect(t.api.store.resourceVersion).toBe(rv);
    expect(t.call('GET', '/api/v1/namespaces/default/pods/dry').status).toBe(404);
    // Validation still runs.
    expect(t.call('POST', '/api/v1/namespaces/default/pods', pod('Dry'), { query: { dryRun: 'All' } }).status).toBe(422);
  });

  it('fills in apiVersion and kind when the body leaves them out', () => {
    const t = fixture();
    const res = t.call('POST', '/api/v1/namespaces/default/configmaps', { metadata: { name: 'cm' }, data: { a: 'b' } });
    expect(res.status).toBe(201);
    expect(obj(res)).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap' });
  });

  it('ignores a namespace on cluster-scoped objects', () => {
    const t = fixture();
    const res = t.call('POST', '/api/v1/namespaces', { metadata: { name: 'x', namespace: 'default' } });
    expect(res.status).toBe(201);
    expect(obj(res).metadata!.namespace).toBeUndefined();
  });
});

describe('status and scale subresources', () => {
  it('PUT status moves only the status; PUT of the object keeps the status', () => {
    const t = fixture();
    const current = obj(t.call('GET', '/apis/apps/v1/namespaces/default/deployments/web'));
    const viaStatus = t.call('PUT', '/apis/apps/v1/namespaces/default/deployments/web/status', {
      ...current,
      spec: { ...current.spec, replicas: 9 },
      status: { replicas: 1, readyReplicas: 1 },
    });
    expect(viaStatus.status).toBe(200);
    expect(obj(viaStatus).spec!.replicas).toBe(1);
    expect(obj(viaStatus).status).toEqual({ replicas: 1, readyReplicas: 1 });
    const viaMain = t.call('PUT', '/apis/apps/v1/namespaces/default/deployments/web', {
      ...obj(viaStatus),
      spec: { ...current.spec, replicas: 2 },
      status: { replicas: 7 },
    });
    expect(obj(viaMain).spec!.replicas).toBe(2);
    expect(obj(viaMain).status).toEqual({ replicas: 1, readyReplicas: 1 });
  });

  it('PATCH status works like PUT status', () => {
    const t = fixture();
    const res = t.call('PATCH', '/api/v1/namespaces/default/pods/nginx/status', { status: { phase: 'Running' }, spec: { nodeName: 'sneaky' } }, {
      headers: { 'content-type': 'application/merge-patch+json' },
    });
    expect(res.status).toBe(200);
    expect(obj(res).status!.phase).toBe('Running');
    expect(obj(res).spec!.nodeName).toBeUndefined();
  });

  it('reads and writes replicas through Scale', () => {
    const t = fixture();
    const scale = obj(t.call('GET', '/apis/apps/v1/namespaces/default/deployments/web/scale'));
    expect(scale).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 1 }, status: { replicas: 0, selector: 'app=web' } });
    const put = t.call('PUT', '/apis/apps/v1/namespaces/default/deployments/web/scale', { ...scale, spec: { replicas: 3 } });
    expect(put.status).toBe(200);
    expect(obj(put).spec).toEqual({ replicas: 3 });
    expect(obj(t.call('GET', '/apis/apps/v1/namespaces/default/deployments/web')).spec!.replicas).toBe(3);
    const patched = t.call('PATCH', '/apis/apps/v1/namespaces/default/deployments/web/scale', { spec: { replicas: 5 } }, {
      headers: { 'content-type': 'application/merge-patch+json' },
    });
    expect(obj(patched).spec).toEqual({ replicas: 5 });
    const stale = t.call('PUT', '/apis/apps/v1/namespaces/default/deployments/web/scale', { ...scale, spec: { replicas: 4 } });
    expect(stale.status).toBe(409);
    const negative = t.call('PUT', '/apis/apps/v1/namespaces/default/deployments/web/scale', { metadata: { name: 'web' }, spec: { replicas: -1 } });
    expect(negative.status).toBe(422);
    expect(message(negative)).toBe('Scale.autoscaling "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
  });
});

describe('binding', () => {
  it('sets the node and a PodScheduled condition, via pods/binding or bindings', () => {
    const t = fixture();
    t.call('POST', '/api/v1/namespaces/default/pods', pod('b'));
    const res = t.call('POST', '/api/v1/namespaces/default/bindings', { metadata: { name: 'b' }, target: { name: 'w2' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'Status', status: 'Success', code: 201 });
    const bound = obj(t.call('GET', '/api/v1/namespaces/default/pods/b'));
    expect(bound.spec!.nodeName).toBe('w2');
    expect(bound.status!.conditions).toEqual([{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-01-05T09:00:00Z' }]);
  });

  it('rejects bad bindings like the real registry', () => {
    const t = fixture();
    expect(message(t.call('POST', '/api/v1/namespaces/default/pods/nginx/binding', { metadata: { name: 'other' }, target: { name: 'w' } }))).toBe(
      'name in URL does not match name in Binding object',
    );
    const noTarget = t.call('POST', '/api/v1/namespaces/default/pods/nginx/binding', { metadata: { name: 'nginx' }, target: {} });
    expect(noTarget.status).toBe(422);
    expect(message(noTarget)).toBe('Binding "nginx" is invalid: target.name: Required value');
    expect(message(t.call('POST', '/api/v1/namespaces/default/pods/ghost/binding', { metadata: { name: 'ghost' }, target: { name: 'w' } }))).toBe(
      'pods "ghost" not found',
    );
    const uid = t.call('POST', '/api/v1/namespaces/default/pods/nginx/binding', { metadata: { name: 'nginx', uid: 'x' }, target: { name: 'w' } });
    expect(uid.status).toBe(409);
  });

  // Status writes do not re-check a spec known to be valid; a binding to a name that is no valid
  // node name leaves the spec invalid, and status writes keep saying so, as before.
  it('status writes after a binding still validate the bound spec', () => {
    const t = fixture();
    const statusOf = (name: string) => {
      const current = obj(t.call('GET', `/api/v1/namespaces/default/pods/${name}`));
      return t.call('PUT', `/api/v1/namespaces/default/pods/${name}/status`, { ...current, status: { ...current.status, phase: 'Running' } });
    };
    t.call('POST', '/api/v1/namespaces/default/pods/nginx/binding', { metadata: { name: 'nginx' }, target: { name: 'worker01' } });
    expect(statusOf('nginx').status).toBe(200);
    t.call('POST', '/api/v1/namespaces/default/pods', pod('odd'));
    t.call('POST', '/api/v1/namespaces/default/pods/odd/binding', { metadata: { name: 'odd' }, target: { name: 'Not_A_Node' } });
    const refused = statusOf('odd');
    expect(refused.status).toBe(422);
    expect(message(refused)).toContain('spec.nodeName: Invalid value: "Not_A_Node"');
  });
});

describe('pod streams', () => {
  it('forwards log/exec/attach to the registered node side', () => {
    const t = fixture();
    t.call('POST', '/api/v1/namespaces/default/pods/nginx/binding', { metadata: { name: 'nginx' }, target: { name: 'w1' } });
    const before = t.call('GET', '/api/v1/namespaces/default/pods/nginx/log');
    expect(before.status).toBe(400);
    expect(message(before)).toBe('pods/log is not available: no node agent has registered a log handler');
    t.api.setPodStreamHandlers({ log: (ns, name, q) => ({ status: 200, body: `${ns}/${name} tail=${q.tailLines}` }) });
    expect(t.call('GET', '/api/v1/namespaces/default/pods/nginx/log', undefined, { query: { tailLines: '5' } }).body).toBe('default/nginx tail=5');
    expect(t.call('POST', '/api/v1/namespaces/default/pods/nginx/exec').status).toBe(400);
    expect(t.call('DELETE', '/api/v1/namespaces/default/pods/nginx/log').status).toBe(405);
  });
});

describe('observers', () => {
  it('sees every request with its verb and response', () => {
    const t = fixture();
    const seen: string[] = [];
    const off = t.api.onRequest((r) => seen.push(`${r.verb ?? '-'} ${r.request.path} ${r.response.status}`));
    t.call('GET', '/api/v1/namespaces/default/pods');
    t.call('GET', '/api');
    t.api.watch({ method: 'GET', path: '/api/v1/pods', query: { watch: '1' } }, () => {});
    off();
    t.call('GET', '/api/v1/namespaces/default/pods');
    expect(seen).toEqual(['list /api/v1/namespaces/default/pods 200', '- /api 200', 'watch /api/v1/pods 200']);
  });
});

describe('patch', () => {
  const as = (type: string) => ({ headers: { 'content-type': `application/${type}+json` } });

  it('applies merge, strategic and JSON patches through the update path', () => {
    const t = fixture();
    const merged = t.call('PATCH', '/api/v1/namespaces/default/pods/nginx', { metadata: { labels: { tier: 'web' } } }, as('merge-patch'));
    expect(obj(merged).metadata!.labels).toEqual({ app: 'nginx', tier: 'web' });
    const strategic = t.call(
      'PATCH',
      '/apis/apps/v1/namespaces/default/deployments/web',
      { spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx:1.25' }] } } } },
      as('strategic-merge-patch'),
    );
    expect(strategic.status).toBe(200);
    const containers = (obj(strategic).spec!.template as { spec: { containers: { name: string; image: string }[] } }).spec.containers;
    expect(containers.map((c) => `${c.name}=${c.image}`)).toEqual(['c=nginx:1.25']);
    expect(obj(strategic).metadata!.generation).toBe(2);
    const json = t.call('PATCH', '/apis/apps/v1/namespaces/default/deployments/web', [{ op: 'replace', path: '/spec/replicas', value: 4 }], as('json-patch'));
    expect(obj(json).spec!.replicas).toBe(4);
  });

  it('answers a broken patch with the patch error, and a stale one with a conflict', () => {
    const t = fixture();
    const broken = t.call('PATCH', '/api/v1/namespaces/default/pods/nginx', [{ op: 'remove', path: '/spec/nope' }], as('json-patch'));
    expect(broken.status).toBeGreaterThanOrEqual(400);
    expect(broken.status).toBeLessThan(500);
    expect(message(broken)).not.toBe('');
    const stale = t.call('PATCH', '/api/v1/namespaces/default/pods/nginx', { metadata: { resourceVersion: '1', labels: { a: 'b' } } }, as('merge-patch'));
    expect(stale.status).toBe(409);
  });
});

describe('create on update', () => {
  it('lets PUT create the kinds whose registry allows it, and only those', () => {
    const t = fixture();
    const lease = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'w1', namespace: 'default' }, spec: { holderIdentity: 'w1' } };
    const res = t.call('PUT', '/apis/coordination.k8s.io/v1/namespaces/default/leases/w1', lease);
    expect(res.status).toBe(201);
    expect(t.call('PUT', '/apis/coordination.k8s.io/v1/namespaces/default/leases/w1', { ...lease, spec: { holderIdentity: 'w2' } }).status).toBe(200);
    expect(t.call('PUT', '/apis/coordination.k8s.io/v1/namespaces/default/leases/other', lease).status).toBe(400);
    expect(t.call('PUT', '/api/v1/namespaces/default/configmaps/cm', { metadata: { name: 'cm' } }).status).toBe(404);
  });
});
