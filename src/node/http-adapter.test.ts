/**
 * The HTTP layer against a fake apiserver: request translation, content negotiation, errors and
 * streamed watches. (The real apiserver and the real kubectl are exercised in real-kubectl.test.ts.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiRequest, ApiResponse, WatchEvent } from '../engine/api/types';
import type { ApiBackend, ServableCluster, WatchStart } from './backend';
import { startServe, type Serving } from './start-serve';

/** Records requests, answers from a script, and lets a test push watch events. */
class FakeBackend implements ApiBackend {
  requests: ApiRequest[] = [];
  respond: (req: ApiRequest) => ApiResponse = () => ({ status: 200, body: { kind: 'Thing' } });
  watchers: { req: ApiRequest; onEvent: (e: WatchEvent) => void; stopped: boolean }[] = [];
  watchResponse: ApiResponse | undefined;

  request(req: ApiRequest): ApiResponse {
    this.requests.push(req);
    return this.respond(req);
  }

  watch(req: ApiRequest, onEvent: (e: WatchEvent) => void): WatchStart {
    if (this.watchResponse) return this.watchResponse;
    const w = { req, onEvent, stopped: false };
    this.watchers.push(w);
    return { status: 200, body: {}, handle: { stop: () => void (w.stopped = true) } };
  }
}

class FakeClock {
  advanced: number[] = [];
  advance(ms: number): void {
    this.advanced.push(ms);
  }
}

let serving: Serving | undefined;
afterEach(async () => {
  await serving?.close();
  serving = undefined;
});

async function serve(backend: ApiBackend, speed = 0): Promise<{ url: string; clock: FakeClock }> {
  const clock = new FakeClock();
  const cluster: ServableCluster = { api: backend, clock };
  serving = await startServe({ cluster, port: 0, speed });
  return { url: serving.url, clock };
}

const until = async (cond: () => boolean, ms = 2000): Promise<void> => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('http adapter', () => {
  it('binds to loopback on an ephemeral port', async () => {
    const { url } = await serve(new FakeBackend());
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(serving!.port).toBeGreaterThan(0);
  });

  it('translates method, path, decoded query, lower-cased headers and user agent', async () => {
    const backend = new FakeBackend();
    const { url } = await serve(backend);
    const res = await fetch(`${url}/api/v1/namespaces/default/pods?labelSelector=app%3Dweb%2Ctier+in+(a)&limit=500`, {
      headers: { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json', 'User-Agent': 'kubectl/v1.30.13' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ kind: 'Thing' });
    const req = backend.requests[0]!;
    expect(req.method).toBe('GET');
    expect(req.path).toBe('/api/v1/namespaces/default/pods');
    expect(req.query).toEqual({ labelSelector: 'app=web,tier in (a)', limit: '500' });
    expect(req.headers?.accept).toBe('application/json;as=Table;v=v1;g=meta.k8s.io,application/json');
    expect(req.userAgent).toBe('kubectl/v1.30.13');
    expect(req.body).toBeUndefined();
  });

  it('passes JSON bodies decoded and keeps the patch content type', async () => {
    const backend = new FakeBackend();
    const { url } = await serve(backend);
    await fetch(`${url}/apis/apps/v1/namespaces/default/deployments/web`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/strategic-merge-patch+json' },
      body: '{"spec":{"replicas":5}}',
    });
    expect(backend.requests[0]).toMatchObject({
      method: 'PATCH',
      body: { spec: { replicas: 5 } },
      headers: { 'content-type': 'application/strategic-merge-patch+json' },
    });
  });

  it('answers with the engine status code and body, and warnings as Warning headers', async () => {
    const backend = new FakeBackend();
    backend.respond = () => ({
      status: 422,
      body: { kind: 'Status', code: 422, reason: 'Invalid', message: 'bad "x"' },
      warnings: ['unknown field "spec.foo"', 'say "hi"'],
    });
    const { url } = await serve(backend);
    const res = await fetch(`${url}/api/v1/namespaces/default/pods`, { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ reason: 'Invalid' });
    expect(res.headers.get('warning')).toBe('299 - "unknown field \\"spec.foo\\"", 299 - "say \\"hi\\""');
  });

  it('rejects non-JSON bodies with 415 and malformed JSON with 400, before the engine sees them', async () => {
    const backend = new FakeBackend();
    const { url } = await serve(backend);
    const yaml = await fetch(`${url}/api/v1/namespaces/default/pods`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/yaml' },
      body: 'kind: Pod',
    });
    expect(yaml.status).toBe(415);
    expect(await yaml.json()).toMatchObject({ kind: 'Status', reason: 'UnsupportedMediaType', code: 415 });
    const broken = await fetch(`${url}/api/v1/namespaces/default/pods`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"kind":',
    });
    expect(broken.status).toBe(400);
    expect((await broken.json()) as { message: string }).toMatchObject({ reason: 'BadRequest' });
    expect(backend.requests).toHaveLength(0);
  });

  it('rejects bodies above the apiserver limit with 413', async () => {
    const backend = new FakeBackend();
    const { url } = await serve(backend);
    const res = await fetch(`${url}/api/v1/namespaces/default/configmaps`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ data: { big: 'x'.repeat(3 * 1024 * 1024 + 10) } }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ reason: 'RequestEntityTooLarge' });
  });

  it('falls back to JSON when protobuf is preferred but JSON accepted; 406 when only protobuf is', async () => {
    const backend = new FakeBackend();
    const { url } = await serve(backend);
    const both = await fetch(`${url}/api/v1/pods`, { headers: { Accept: 'application/vnd.kubernetes.protobuf, application/json' } });
    expect(both.status).toBe(200);
    expect(both.headers.get('content-type')).toBe('application/json');
    const only = await fetch(`${url}/api/v1/pods`, { headers: { Accept: 'application/vnd.kubernetes.protobuf' } });
    expect(only.status).toBe(406);
    expect(await only.json()).toMatchObject({ reason: 'NotAcceptable' });
  });

  it('answers aggregated-discovery requests in the legacy format with a plain JSON content type', async () => {
    const backend = new FakeBackend();
    backend.respond = () => ({ status: 200, body: { kind: 'APIGroupList', groups: [] } });
    const { url } = await serve(backend);
    const res = await fetch(`${url}/apis`, {
      headers: {
        Accept:
          'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json',
      },
    });
    // kubectl switches to the aggregated decoder only when the content type names it.
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toMatchObject({ kind: 'APIGroupList' });
  });

  it('sends string bodies (logs, healthz) as text', async () => {
    const backend = new FakeBackend();
    backend.respond = () => ({ status: 200, body: 'hello\n' });
    const { url } = await serve(backend);
    const res = await fetch(`${url}/api/v1/namespaces/default/pods/x/log`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('hello\n');
  });

  it('turns an engine exception into a 500 Status and keeps serving', async () => {
    const backend = new FakeBackend();
    let calls = 0;
    backend.respond = () => {
      if (calls++ === 0) throw new Error('boom');
      return { status: 200, body: { kind: 'Thing' } };
    };
    const { url } = await serve(backend);
    const res = await fetch(`${url}/api/v1/pods`);
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ reason: 'InternalError', message: 'Internal error occurred: boom' });
    expect((await fetch(`${url}/api/v1/pods`)).status).toBe(200);
  });

  it('rejects methods the apiserver does not speak', async () => {
    const { url } = await serve(new FakeBackend());
    const res = await fetch(`${url}/api/v1/pods`, { method: 'OPTIONS' });
    expect(res.status).toBe(405);
  });

  it('serves OpenAPI v3 documents (fieldValidation, component schemas), and 404 for v2', async () => {
    const { url } = await serve(new FakeBackend());
    const root = (await (await fetch(`${url}/openapi/v3`)).json()) as { paths: Record<string, { serverRelativeURL: string }> };
    expect(Object.keys(root.paths)).toContain('api/v1');
    expect(root.paths['apis/apps/v1']!.serverRelativeURL).toMatch(/^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]{128}$/);
    const apps = (await (await fetch(`${url}${root.paths['apis/apps/v1']!.serverRelativeURL}`)).json()) as {
      paths: Record<string, { patch: { parameters: { name: string; in: string }[]; 'x-kubernetes-group-version-kind': unknown } }>;
    };
    const op = apps.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}']!.patch;
    expect(op['x-kubernetes-group-version-kind']).toEqual({ group: 'apps', version: 'v1', kind: 'Deployment' });
    expect(op.parameters).toContainEqual(expect.objectContaining({ name: 'fieldValidation', in: 'query' }));
    const core = (await (await fetch(`${url}${root.paths['api/v1']!.serverRelativeURL}`)).json()) as {
      components: { schemas: Record<string, { properties?: Record<string, Record<string, unknown>>; required?: string[]; [k: string]: unknown }> };
    };
    const schemas = core.components.schemas;
    expect(schemas['io.k8s.api.core.v1.Pod']!['x-kubernetes-group-version-kind']).toEqual([{ group: '', kind: 'Pod', version: 'v1' }]);
    const podSpec = schemas['io.k8s.api.core.v1.PodSpec']!;
    expect(podSpec.required).toEqual(['containers']);
    expect(podSpec.properties!.containers).toMatchObject({
      type: 'array',
      items: { $ref: '#/components/schemas/io.k8s.api.core.v1.Container' },
      'x-kubernetes-patch-merge-key': 'name',
      'x-kubernetes-patch-strategy': 'merge',
    });
    expect(schemas['io.k8s.api.core.v1.Pod']!.properties!.metadata).toMatchObject({
      allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }],
    });
    expect(schemas['io.k8s.apimachinery.pkg.api.resource.Quantity']).toEqual({ oneOf: [{ type: 'string' }, { type: 'number' }] });
    expect((await fetch(`${url}/openapi/v2`)).status).toBe(404);
    expect((await fetch(`${url}/openapi/v3/apis/nope/v1`)).status).toBe(404);
  });
});

describe('watch streaming', () => {
  it('streams newline-delimited events, chunked, until the client goes away', async () => {
    const backend = new FakeBackend();
    const { url } = await serve(backend);
    const controller = new AbortController();
    const res = await fetch(`${url}/api/v1/namespaces/default/pods?watch=true&resourceVersion=5`, { signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('transfer-encoding')).toBe('chunked');
    expect(backend.watchers).toHaveLength(1);
    expect(backend.watchers[0]!.req.query).toEqual({ watch: 'true', resourceVersion: '5' });
    expect(serving!.openWatches).toBe(1);

    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    backend.watchers[0]!.onEvent({ type: 'ADDED', object: { kind: 'Pod', metadata: { name: 'a' } } });
    backend.watchers[0]!.onEvent({ type: 'MODIFIED', object: { kind: 'Pod', metadata: { name: 'a' } } });
    while (text.split('\n').length < 3) text += decoder.decode((await reader.read()).value);
    expect(text).toBe('{"type":"ADDED","object":{"kind":"Pod","metadata":{"name":"a"}}}\n{"type":"MODIFIED","object":{"kind":"Pod","metadata":{"name":"a"}}}\n');

    controller.abort();
    await until(() => backend.watchers[0]!.stopped);
    expect(serving!.openWatches).toBe(0);
  });

  it('accepts watch=1 and ends the stream after an ERROR event', async () => {
    const backend = new FakeBackend();
    const { url } = await serve(backend);
    const res = await fetch(`${url}/api/v1/pods?watch=1&resourceVersion=1`);
    await until(() => backend.watchers.length === 1);
    backend.watchers[0]!.onEvent({ type: 'ERROR', object: { kind: 'Status', code: 410 } as never });
    const text = await res.text();
    expect(text).toBe('{"type":"ERROR","object":{"kind":"Status","code":410}}\n');
    expect(backend.watchers[0]!.stopped).toBe(true);
  });

  it('ends the stream after timeoutSeconds', async () => {
    const backend = new FakeBackend();
    const { url } = await serve(backend);
    const res = await fetch(`${url}/api/v1/pods?watch=true&timeoutSeconds=0.05`);
    expect(await res.text()).toBe('');
    expect(backend.watchers[0]!.stopped).toBe(true);
  });

  it('answers a refused watch as a plain error response', async () => {
    const backend = new FakeBackend();
    backend.watchResponse = { status: 400, body: { kind: 'Status', code: 400, reason: 'BadRequest', message: 'nope' } };
    const { url } = await serve(backend);
    const res = await fetch(`${url}/api/v1/pods?watch=true&labelSelector=%3D%3D`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ message: 'nope' });
  });

  it('closing the server ends open watches', async () => {
    const backend = new FakeBackend();
    const { url } = await serve(backend);
    const res = await fetch(`${url}/api/v1/pods?watch=true`);
    const body = res.text();
    await serving!.close();
    serving = undefined;
    await body.catch(() => '');
    expect(backend.watchers[0]!.stopped).toBe(true);
  });
});

describe('followed logs', () => {
  /** A log answer whose rest the test writes and ends; `open` says whether anyone still listens. */
  function followedLog(backend: FakeBackend) {
    const log = { data: (_: string) => {}, end: () => {}, open: false, requests: 0 };
    backend.respond = () => {
      log.requests++;
      return {
        status: 200,
        body: 'so far\n',
        stream: {
          open(data, end) {
            Object.assign(log, { data, end, open: true });
            return () => (log.open = false);
          },
        },
      };
    };
    return log;
  }

  it('sends the text so far, then each chunk as it comes, chunked, until the stream ends', async () => {
    const backend = new FakeBackend();
    const log = followedLog(backend);
    const { url } = await serve(backend);
    const res = await fetch(`${url}/api/v1/namespaces/default/pods/p/log?follow=true`);
    expect(res.status).toBe(200);
    expect(res.headers.get('transfer-encoding')).toBe('chunked');
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    expect(decoder.decode((await reader.read()).value)).toBe('so far\n');
    log.data('next\n');
    expect(decoder.decode((await reader.read()).value)).toBe('next\n');
    log.end();
    expect((await reader.read()).done).toBe(true);
    expect(log.requests).toBe(1);
  });

  it('hangs up the stream when the client goes away, and when the server closes', async () => {
    const backend = new FakeBackend();
    const log = followedLog(backend);
    const { url } = await serve(backend);
    const controller = new AbortController();
    const res = await fetch(`${url}/api/v1/namespaces/default/pods/p/log?follow=true`, { signal: controller.signal });
    await res.body!.getReader().read();
    expect(log.open).toBe(true);
    controller.abort();
    await until(() => !log.open);

    const again = await fetch(`${url}/api/v1/namespaces/default/pods/p/log?follow=true`);
    const body = again.text();
    await until(() => log.open);
    await serving!.close();
    serving = undefined;
    expect(await body.catch(() => 'cut')).toBe('so far\n');
    expect(log.open).toBe(false);
  });
});

describe('simulated time', () => {
  it('catches up with the wall clock before each request and on a timer, scaled by speed', async () => {
    const backend = new FakeBackend();
    const { url, clock } = await serve(backend, 1000);
    await new Promise((r) => setTimeout(r, 120));
    await fetch(`${url}/version`);
    const total = clock.advanced.reduce((a, b) => a + b, 0);
    // ≥ 120 wall ms at 1000x; every step is whole simulated milliseconds.
    expect(total).toBeGreaterThanOrEqual(100_000);
    expect(clock.advanced.every((ms) => Number.isInteger(ms))).toBe(true);
  });

  it('at speed 0 only delivers what is due now', async () => {
    const backend = new FakeBackend();
    const { url, clock } = await serve(backend, 0);
    await new Promise((r) => setTimeout(r, 80));
    await fetch(`${url}/version`);
    expect(clock.advanced.length).toBeGreaterThan(0);
    expect(clock.advanced.every((ms) => ms === 0)).toBe(true);
  });
});
