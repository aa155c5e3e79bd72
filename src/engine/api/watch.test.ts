import { describe, expect, it } from 'vitest';
import { pod, testServer } from './testkit';
import type { KubeObject, WatchEvent } from './types';

const PODS = '/api/v1/namespaces/default/pods';
const merge = { headers: { 'content-type': 'application/merge-patch+json' } };
const names = (events: WatchEvent[]): string[] => events.map((e) => `${e.type} ${e.object.metadata?.name ?? ''}`);

describe('watch', () => {
  it('sends the current state first when started without a version', () => {
    const t = testServer();
    t.call('POST', PODS, pod('a'));
    t.call('POST', PODS, pod('b'));
    const w = t.record(PODS);
    expect(w.response.status).toBe(200);
    t.clock.runUntilQuiet();
    expect(names(w.events)).toEqual(['ADDED a', 'ADDED b']);
  });

  it('resumes after a version without replaying what came before', () => {
    const t = testServer();
    t.call('POST', PODS, pod('a'));
    const rv = String(t.api.store.resourceVersion);
    t.call('POST', PODS, pod('b'));
    const w = t.record(PODS, { resourceVersion: rv });
    t.clock.runUntilQuiet();
    expect(names(w.events)).toEqual(['ADDED b']);
  });

  it('answers a too-old version with one 410 ERROR event, then ends', () => {
    const t = testServer({ historySize: 2 });
    for (const n of ['a', 'b', 'c', 'd']) t.call('POST', PODS, pod(n));
    const w = t.record(PODS, { resourceVersion: '1' });
    expect(w.response.status).toBe(200);
    t.clock.runUntilQuiet();
    expect(w.events).toHaveLength(1);
    expect(w.events[0]!.type).toBe('ERROR');
    const floor = t.api.store.resourceVersion - 2;
    expect(w.events[0]!.object).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `too old resource version: 1 (${floor})`,
      reason: 'Expired',
      code: 410,
    });
    t.call('POST', PODS, pod('e'));
    t.clock.runUntilQuiet();
    expect(w.events).toHaveLength(1);
    expect(t.api.watches.count()).toBe(0);
  });

  it('refuses versions from the future and versions that are not numbers', () => {
    const t = testServer();
    const future = t.api.watch({ method: 'GET', path: PODS, query: { watch: 'true', resourceVersion: '999' } }, () => {});
    expect(future.status).toBe(504);
    expect((future.body as { message: string }).message).toBe(`Too large resource version: 999, current: ${t.api.store.resourceVersion}`);
    expect(t.api.watch({ method: 'GET', path: PODS, query: { watch: 'true', resourceVersion: 'abc' } }, () => {}).status).toBe(400);
  });

  it('never delivers inside the write, and nothing after stop()', () => {
    const t = testServer();
    const events: WatchEvent[] = [];
    let writing = false;
    const res = t.api.watch({ method: 'GET', path: PODS, query: { watch: 'true' } }, (e) => {
      expect(writing).toBe(false);
      events.push(e);
    });
    writing = true;
    t.call('POST', PODS, pod('a'));
    writing = false;
    t.call('POST', PODS, pod('b'));
    res.handle!.stop(); // queued events for b are dropped too
    t.clock.runUntilQuiet();
    expect(events).toEqual([]);
  });

  it('lets a listener write: its events come in a later flush, in version order', () => {
    const t = testServer();
    const seen: string[] = [];
    t.api.watch({ method: 'GET', path: PODS, query: { watch: 'true' } }, (e) => {
      seen.push(`${e.type} ${e.object.metadata!.name} ${e.object.metadata!.resourceVersion}`);
      if (e.type === 'ADDED' && e.object.metadata!.name === 'a') t.call('POST', PODS, pod('from-handler'));
    });
    t.call('POST', PODS, pod('a'));
    t.call('POST', PODS, pod('b'));
    t.clock.runUntilQuiet();
    expect(seen.map((s) => s.split(' ').slice(0, 2).join(' '))).toEqual(['ADDED a', 'ADDED b', 'ADDED from-handler']);
    const rvs = seen.map((s) => Number(s.split(' ')[2]));
    expect([...rvs].sort((x, y) => x - y)).toEqual(rvs);
  });

  it('field-selects by node for kubelets, including the moment a pod is bound', () => {
    const t = testServer();
    const w1 = t.record('/api/v1/pods', { fieldSelector: 'spec.nodeName=w1' });
    const w2 = t.record('/api/v1/pods', { fieldSelector: 'spec.nodeName=w2' });
    const unbound = t.record('/api/v1/pods', { fieldSelector: 'spec.nodeName=' });
    t.call('POST', PODS, pod('a'));
    t.call('POST', PODS, pod('b'));
    t.call('POST', `${PODS}/a/binding`, { metadata: { name: 'a' }, target: { name: 'w1' } });
    t.call('PATCH', `${PODS}/a/status`, { status: { phase: 'Running' } }, merge);
    t.call('DELETE', `${PODS}/b`);
    t.clock.runUntilQuiet();
    expect(names(w1.events)).toEqual(['ADDED a', 'MODIFIED a']);
    expect(names(w2.events)).toEqual([]);
    expect(names(unbound.events)).toEqual(['ADDED a', 'ADDED b', 'DELETED a', 'DELETED b']);
  });

  it('reports an object leaving a label selection as DELETED with its last matching content', () => {
    const t = testServer();
    t.call('POST', PODS, pod('a', { labels: { app: 'web' } }));
    const w = t.record(PODS, { labelSelector: 'app=web' });
    t.call('PATCH', `${PODS}/a`, { metadata: { labels: { app: 'db' } } }, merge);
    t.call('PATCH', `${PODS}/a`, { metadata: { labels: { app: 'web' } } }, merge);
    t.clock.runUntilQuiet();
    expect(names(w.events)).toEqual(['ADDED a', 'DELETED a', 'ADDED a']);
    const left = w.events[1]!.object;
    expect(left.metadata!.labels).toEqual({ app: 'web' });
    expect(Number(left.metadata!.resourceVersion)).toBeGreaterThan(Number(w.events[0]!.object.metadata!.resourceVersion));
  });

  it('watches one object through its own URL', () => {
    const t = testServer();
    t.call('POST', PODS, pod('a'));
    t.call('POST', PODS, pod('b'));
    const w = t.record(`${PODS}/a`);
    t.call('PATCH', `${PODS}/b`, { metadata: { labels: { x: 'y' } } }, merge);
    t.call('PATCH', `${PODS}/a`, { metadata: { labels: { x: 'y' } } }, merge);
    t.clock.runUntilQuiet();
    expect(names(w.events)).toEqual(['ADDED a', 'MODIFIED a']);
  });

  it('streams one-row Tables when asked as kubectl get -w does', () => {
    const t = testServer();
    t.call('POST', PODS, pod('a'));
    const events: WatchEvent[] = [];
    t.api.watch(
      { method: 'GET', path: PODS, query: { watch: 'true' }, headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' } },
      (e) => events.push(e),
    );
    t.call('POST', PODS, pod('b'));
    t.clock.runUntilQuiet();
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'ADDED']);
    const [first, second] = events.map((e) => e.object as unknown as { kind: string; columnDefinitions: unknown[]; rows: { cells: unknown[] }[] });
    expect(first!.kind).toBe('Table');
    expect(first!.columnDefinitions.length).toBeGreaterThan(0);
    expect(second!.columnDefinitions).toEqual([]);
    expect(second!.rows[0]!.cells[0]).toBe('b');
  });

  it('refuses watches on paths that cannot be watched', () => {
    const t = testServer();
    expect(t.api.watch({ method: 'GET', path: '/api/v1/nothing', query: { watch: 'true' } }, () => {}).status).toBe(404);
    expect(t.api.watch({ method: 'GET', path: '/api/v1/pods', query: { watch: 'true', fieldSelector: 'nope=1' } }, () => {}).status).toBe(400);
    expect(t.api.watch({ method: 'GET', path: `${PODS}/a/log`, query: { watch: 'true' } }, () => {}).status).toBe(405);
  });

  it('keeps delivering to the others when one listener throws', () => {
    const t = testServer();
    const got: KubeObject[] = [];
    t.api.watch({ method: 'GET', path: PODS, query: { watch: 'true' } }, () => {
      throw new Error('controller bug');
    });
    t.api.watch({ method: 'GET', path: PODS, query: { watch: 'true' } }, (e) => got.push(e.object));
    t.call('POST', PODS, pod('a'));
    expect(() => t.clock.runUntilQuiet()).toThrow('controller bug');
    t.clock.runUntilQuiet();
    expect(got.map((o) => o.metadata!.name)).toEqual(['a']);
  });
});

describe('observing deliveries', () => {
  it('tells an observer each event as a watcher receives it, with the user agent that opened the watch', () => {
    const t = testServer();
    const open = (userAgent: string, query: Record<string, string>) => t.api.watch({ method: 'GET', path: '/api/v1/pods', query: { watch: 'true', ...query }, userAgent }, () => {});
    open('kube-scheduler', { fieldSelector: 'spec.nodeName=' });
    open('kubelet/w1', { fieldSelector: 'spec.nodeName=w1' });
    t.clock.runUntilQuiet();
    const seen: string[] = [];
    const stop = t.api.watches.observe((d) => seen.push(`${d.at} ${d.client} ${d.resource.plural} ${d.event.type} ${d.event.object.metadata?.name}`));
    t.clock.advance(1_000);
    t.call('POST', PODS, pod('a'));
    // Delivered on the clock, not inside the write.
    expect(seen).toEqual([]);
    t.clock.runUntilQuiet();
    t.call('POST', `${PODS}/a/binding`, { metadata: { name: 'a' }, target: { name: 'w1' } });
    t.clock.runUntilQuiet();
    // The binding moves the pod out of the scheduler's selection and into the kubelet's.
    expect(seen).toEqual(['1000 kube-scheduler pods ADDED a', '1000 kubelet/w1 pods ADDED a', '1000 kube-scheduler pods DELETED a']);
    stop();
    t.call('DELETE', `${PODS}/a`);
    t.clock.runUntilQuiet();
    expect(seen).toHaveLength(3);
  });
});

describe('watch fan-out', () => {
  it('visits only the watchers an event can concern: 100 kubelets do not each filter every pod', () => {
    const t = testServer();
    const perNode = Array.from({ length: 100 }, (_, n) => t.record('/api/v1/pods', { fieldSelector: `spec.nodeName=node${n}` }));
    const controllers = [t.record('/api/v1/pods'), t.record('/api/v1/pods', { labelSelector: 'app=web' }), t.record(PODS)];
    const otherNamespace = t.record('/api/v1/namespaces/kube-system/pods');
    t.clock.runUntilQuiet();
    const before = t.api.watches.visited;
    for (let i = 0; i < 200; i++) t.call('POST', PODS, pod(`p${i}`, { labels: { app: 'web' } }));
    for (let i = 0; i < 200; i++) t.call('POST', `${PODS}/p${i}/binding`, { metadata: { name: `p${i}` }, target: { name: `node${i % 100}` } });
    t.clock.runUntilQuiet();
    // Creates visit the 3 controllers (no node yet: the "" node bucket is empty); binds add the one kubelet.
    expect(t.api.watches.visited - before).toBe(200 * 3 + 200 * 4);
    expect(perNode.every((w) => w.events.length === 2)).toBe(true);
    expect(controllers.map((w) => w.events.length)).toEqual([400, 400, 400]);
    expect(otherNamespace.events).toEqual([]);
  });
});
