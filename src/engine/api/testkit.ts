/**
 * Helpers for apiserver and client tests: a fresh server on a fresh clock, with the namespaces a
 * cluster starts with, and short request builders.
 */
import { Clock } from '../sim/clock';
import { Rng } from '../sim/rng';
import { ApiServer, type ApiServerOptions } from './server';
import type { ApiRequest, ApiResponse, KubeObject, WatchEvent } from './types';

export interface TestServer {
  api: ApiServer;
  clock: Clock;
  call(method: ApiRequest['method'], path: string, body?: unknown, extra?: Partial<ApiRequest>): ApiResponse;
  /** Starts a watch that records its events; flush the clock to receive them. */
  record(path: string, query?: Record<string, string>): { events: WatchEvent[]; stop(): void; response: ApiResponse };
}

export function testServer(options: Partial<ApiServerOptions> & { seed?: number; namespaces?: string[] } = {}): TestServer {
  const clock = options.clock ?? new Clock();
  const api = new ApiServer({ ...options, clock, rng: options.rng ?? new Rng(options.seed ?? 7) });
  const call: TestServer['call'] = (method, path, body, extra = {}) => api.request({ method, path, body, ...extra });
  for (const ns of options.namespaces ?? ['default', 'kube-system']) {
    const res = call('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    if (res.status !== 201) throw new Error(`namespace ${ns}: ${JSON.stringify(res.body)}`);
  }
  const record: TestServer['record'] = (path, query = {}) => {
    const events: WatchEvent[] = [];
    const response = api.watch({ method: 'GET', path, query: { watch: 'true', ...query } }, (e) => events.push(e));
    return { events, response, stop: () => response.handle?.stop() };
  };
  return { api, clock, call, record };
}

export function pod(name: string, extra: { namespace?: string; labels?: Record<string, string>; nodeName?: string; [k: string]: unknown } = {}): KubeObject {
  const { namespace, labels, nodeName, ...rest } = extra;
  const metadata: Record<string, unknown> = { name };
  if (namespace) metadata.namespace = namespace;
  if (labels) metadata.labels = labels;
  const spec: Record<string, unknown> = { containers: [{ name: 'c', image: 'nginx' }] };
  if (nodeName) spec.nodeName = nodeName;
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec, ...rest } as KubeObject;
}

export function deployment(name: string, replicas = 1, labels: Record<string, string> = { app: name }): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
    },
  } as KubeObject;
}
