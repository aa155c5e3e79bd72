import { describe, expect, it } from 'vitest';
import { resourceFor } from '../api/resources';
import { deployment, pod, testServer } from '../api/testkit';
import type { KubeObject } from '../api/types';
import { ApiClient } from './client';
import { SharedInformers } from './informer';

const PODS = resourceFor('', 'pods')!;
const DEPLOYMENTS = resourceFor('apps', 'deployments')!;

function setup(historySize?: number) {
  const t = testServer(historySize === undefined ? {} : { historySize });
  const client = new ApiClient(t.api, 'test-controller');
  return { ...t, client, informers: new SharedInformers(client) };
}

type Log = string[];
const recorder = (log: Log) => ({
  add: (o: KubeObject) => log.push(`add ${o.metadata!.name}`),
  update: (a: KubeObject, b: KubeObject) => log.push(`update ${a.metadata!.name} ${a.metadata!.resourceVersion}->${b.metadata!.resourceVersion}`),
  delete: (o: KubeObject) => log.push(`delete ${o.metadata!.name}`),
});

describe('ApiClient', () => {
  it('speaks REST through the apiserver with its user agent', () => {
    const { api, client } = setup();
    const seen: string[] = [];
    api.onRequest((r) => seen.push(`${r.request.userAgent} ${r.verb} ${r.request.path}`));
    const created = client.create(PODS, pod('a'));
    expect(created.ok).toBe(true);
    expect(client.get(PODS, 'default', 'a').ok).toBe(true);
    const listed = client.list(PODS, { namespace: 'default' });
    expect(listed.ok && listed.value.items.map((p) => p.metadata!.name)).toEqual(['a']);
    expect(client.bind('default', 'a', 'worker01').ok).toBe(true);
    const patched = client.patch(PODS, 'default', 'a', 'merge', { metadata: { labels: { x: 'y' } } });
    expect(patched.ok && patched.value.metadata!.labels).toEqual({ x: 'y' });
    const missing = client.get(PODS, 'default', 'zzz');
    expect(!missing.ok && missing.status.message).toBe('pods "zzz" not found');
    expect(client.delete(PODS, 'default', 'a', { gracePeriodSeconds: 0 }).ok).toBe(true);
    expect(seen).toEqual([
      'test-controller create /api/v1/namespaces/default/pods',
      'test-controller get /api/v1/namespaces/default/pods/a',
      'test-controller list /api/v1/namespaces/default/pods',
      'test-controller create /api/v1/namespaces/default/pods/a/binding',
      'test-controller patch /api/v1/namespaces/default/pods/a',
      'test-controller get /api/v1/namespaces/default/pods/zzz',
      'test-controller delete /api/v1/namespaces/default/pods/a',
    ]);
  });

  it('creates in the default namespace when the object names none', () => {
    const { client } = setup();
    const r = client.create(PODS, pod('a'));
    expect(r.ok && r.value.metadata!.namespace).toBe('default');
  });
});

describe('SharedInformers', () => {
  it('shares one informer per resource and lists before it watches', () => {
    const { client, informers, clock } = setup();
    client.create(PODS, pod('a'));
    const first = informers.for(PODS);
    expect(informers.for(PODS)).toBe(first);
    const log: Log = [];
    first.addHandlers(recorder(log));
    expect(first.synced).toBe(false);
    informers.start();
    expect(first.synced).toBe(true);
    expect(log).toEqual(['add a']);
    client.create(PODS, pod('b'));
    expect(first.get('default', 'b')).toBeUndefined(); // not yet: events come on the clock
    clock.runUntilQuiet();
    expect(first.get('default', 'b')?.metadata?.name).toBe('b');
    expect(log).toEqual(['add a', 'add b']);
  });

  it('gives late handlers the cached objects as adds', () => {
    const { client, informers, clock } = setup();
    client.create(PODS, pod('a'));
    client.create(PODS, pod('b', { namespace: 'kube-system' }));
    const inf = informers.for(PODS);
    informers.start();
    clock.runUntilQuiet();
    const log: Log = [];
    inf.addHandlers(recorder(log));
    expect(log.sort()).toEqual(['add a', 'add b']);
    expect(inf.list('kube-system').map((p) => p.metadata!.name)).toEqual(['b']);
    expect(inf.list()).toHaveLength(2);
  });

  it('list hands out one frozen snapshot per namespace until that namespace changes', () => {
    const { client, informers, clock } = setup();
    client.create(PODS, pod('a'));
    client.create(PODS, pod('b', { namespace: 'kube-system' }));
    const inf = informers.for(PODS);
    informers.start();
    clock.runUntilQuiet();
    const def = inf.list('default');
    const sys = inf.list('kube-system');
    const all = inf.list();
    expect(Object.isFrozen(def)).toBe(true);
    expect(inf.list('default')).toBe(def);
    client.create(PODS, pod('c'));
    clock.runUntilQuiet();
    expect(def.map((p) => p.metadata!.name)).toEqual(['a']); // the old snapshot is untouched
    expect(inf.list('default').map((p) => p.metadata!.name)).toEqual(['a', 'c']);
    expect(inf.list('kube-system')).toBe(sys);
    expect(inf.list()).not.toBe(all);
    expect(inf.list()).toHaveLength(3);
    client.delete(PODS, 'kube-system', 'b', { gracePeriodSeconds: 0 });
    clock.runUntilQuiet();
    expect(inf.list('kube-system')).toEqual([]);
  });

  it('maintains named indexes through adds, updates and deletes', () => {
    const { client, informers, clock } = setup();
    const inf = informers.for(PODS);
    inf.addIndex('node', (p) => [((p as { spec?: { nodeName?: string } }).spec?.nodeName ?? '')]);
    informers.start();
    client.create(PODS, pod('a'));
    client.create(PODS, pod('b'));
    clock.runUntilQuiet();
    expect(inf.byIndex('node', '').map((p) => p.metadata!.name).sort()).toEqual(['a', 'b']);
    client.bind('default', 'a', 'w1');
    clock.runUntilQuiet();
    expect(inf.byIndex('node', 'w1').map((p) => p.metadata!.name)).toEqual(['a']);
    expect(inf.byIndex('node', '').map((p) => p.metadata!.name)).toEqual(['b']);
    client.delete(PODS, 'default', 'a', { gracePeriodSeconds: 0 });
    clock.runUntilQuiet();
    expect(inf.byIndex('node', 'w1')).toEqual([]);
    expect(() => inf.byIndex('nope', 'x')).toThrow();
  });

  it('relists after 410 Gone and reports what changed meanwhile', () => {
    const { api, client, informers, clock } = setup(2);
    client.create(PODS, pod('keep'));
    client.create(PODS, pod('gone'));
    client.create(PODS, pod('changed'));
    const inf = informers.for(PODS);
    const log: Log = [];
    inf.addHandlers(recorder(log));
    informers.start();
    log.length = 0;
    const rvAtList = api.store.resourceVersion;
    // Stop the informer's watch so it falls behind, then churn past the history window.
    (inf as unknown as { watchHandle: { stop(): void } }).watchHandle.stop();
    client.delete(PODS, 'default', 'gone', { gracePeriodSeconds: 0 });
    client.patch(PODS, 'default', 'changed', 'merge', { metadata: { labels: { v: '2' } } });
    client.create(PODS, pod('new'));
    client.create(DEPLOYMENTS, deployment('unrelated'));
    // Resume from the old version, as a reconnecting watch would: the server says 410.
    (inf as unknown as { watchFrom(rv: string): void }).watchFrom(String(rvAtList));
    clock.runUntilQuiet();
    expect(inf.lists).toBe(2);
    expect(log.map((l) => l.replace(/ \d+->\d+$/, ''))).toEqual(['update changed', 'add new', 'delete gone']);
    expect(inf.list().map((p) => p.metadata!.name).sort()).toEqual(['changed', 'keep', 'new']);
    // And it keeps watching afterwards.
    client.create(PODS, pod('later'));
    clock.runUntilQuiet();
    expect(inf.get('default', 'later')).toBeDefined();
  });

  it('selects with label and field selectors, seeing objects leave the selection', () => {
    const { client, informers, clock } = setup();
    const onNode = informers.for(PODS, { fieldSelector: 'spec.nodeName=w1' });
    const web = informers.for(PODS, { labelSelector: 'app=web' });
    expect(onNode).not.toBe(web);
    informers.start();
    client.create(PODS, pod('a', { labels: { app: 'web' } }));
    client.bind('default', 'a', 'w1');
    clock.runUntilQuiet();
    expect(onNode.list().map((p) => p.metadata!.name)).toEqual(['a']);
    expect(web.list().map((p) => p.metadata!.name)).toEqual(['a']);
    client.patch(PODS, 'default', 'a', 'merge', { metadata: { labels: { app: 'db' } } });
    clock.runUntilQuiet();
    expect(web.list()).toEqual([]);
    expect(onNode.list()).toHaveLength(1);
  });
});
