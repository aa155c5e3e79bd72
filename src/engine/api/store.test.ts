/**
 * Seeded property tests of the store and watch machinery: random create / update / delete
 * sequences, then checks that must always hold. A failing seed found here gets pinned below.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLabelSelector } from './selectors';
import { resourceFor } from './resources';
import { Store } from './store';
import { testServer } from './testkit';
import type { KubeObject, WatchEvent } from './types';

const PODS = resourceFor('', 'pods')!;
const NAMES = ['a', 'b', 'c', 'd', 'e'];
const NAMESPACES = ['default', 'kube-system'];

type Op =
  | { op: 'create'; ns: string; name: string; labels: Record<string, string>; owner?: string }
  | { op: 'update'; ns: string; name: string; labels: Record<string, string>; owner?: string }
  | { op: 'delete'; ns: string; name: string };

const labelsArb = fc.dictionary(fc.constantFrom('app', 'tier', 'constructor'), fc.constantFrom('x', 'y'), { maxKeys: 3 });
const ownerArb = fc.option(fc.constantFrom('uid-1', 'uid-2'), { nil: undefined });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('create' as const), ns: fc.constantFrom(...NAMESPACES), name: fc.constantFrom(...NAMES), labels: labelsArb, owner: ownerArb }),
  fc.record({ op: fc.constant('update' as const), ns: fc.constantFrom(...NAMESPACES), name: fc.constantFrom(...NAMES), labels: labelsArb, owner: ownerArb }),
  fc.record({ op: fc.constant('delete' as const), ns: fc.constantFrom(...NAMESPACES), name: fc.constantFrom(...NAMES) }),
);

function podFor(op: Extract<Op, { labels: unknown }>): KubeObject {
  const metadata: Record<string, unknown> = { name: op.name, namespace: op.ns, labels: op.labels };
  if (op.owner) metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: op.owner, controller: true }];
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: { containers: [{ name: 'c', image: 'nginx' }] } } as KubeObject;
}

/**
 * Runs ops through the real REST path; returns the resourceVersions of the writes that changed
 * something (a no-op update answers with the stored object and its old version).
 */
function run(t: ReturnType<typeof testServer>, ops: Op[], afterEach?: (i: number) => void): string[] {
  const rvs: string[] = [];
  ops.forEach((op, i) => {
    const before = t.api.store.resourceVersion;
    const base = `/api/v1/namespaces/${op.ns}/pods`;
    let res;
    if (op.op === 'create') res = t.call('POST', base, podFor(op));
    else if (op.op === 'delete') res = t.call('DELETE', `${base}/${op.name}`);
    else {
      const current = t.api.store.get(PODS, op.ns, op.name);
      if (!current) return;
      const next = podFor(op) as { metadata: Record<string, unknown> };
      next.metadata.resourceVersion = current.metadata!.resourceVersion;
      res = t.call('PUT', `${base}/${op.name}`, next);
    }
    const rv = (res.body as KubeObject).metadata?.resourceVersion;
    if (t.api.store.resourceVersion !== before) {
      // A write happened: the response carries exactly the version it produced.
      expect(rv).toBe(String(t.api.store.resourceVersion));
      rvs.push(rv!);
    } else if (res.status < 300 && rv) {
      expect(Number(rv)).toBeLessThanOrEqual(before);
    }
    afterEach?.(i);
  });
  return rvs;
}

/** Applies watch events to a map, as an informer would. */
function replay(events: WatchEvent[]): Map<string, KubeObject> {
  const state = new Map<string, KubeObject>();
  for (const e of events) {
    const key = `${e.object.metadata?.namespace}/${e.object.metadata?.name}`;
    if (e.type === 'ADDED' || e.type === 'MODIFIED') state.set(key, e.object);
    else if (e.type === 'DELETED') state.delete(key);
    else throw new Error(`unexpected ${e.type}`);
  }
  return state;
}

const listed = (t: ReturnType<typeof testServer>, query: Record<string, string> = {}): Map<string, KubeObject> => {
  const res = t.api.request({ method: 'GET', path: '/api/v1/pods', query });
  return new Map((res.body as { items: KubeObject[] }).items.map((o) => [`${o.metadata?.namespace}/${o.metadata?.name}`, o]));
};

const opsArb = fc.array(opArb, { minLength: 1, maxLength: 60 });

describe('store properties (seeded)', () => {
  it('a watch from resourceVersion 0 replayed onto an empty map equals the final list', () => {
    fc.assert(
      fc.property(opsArb, fc.nat(60), (ops, startAt) => {
        const t = testServer();
        let watch: ReturnType<typeof t.record> | undefined;
        const open = (): void => {
          watch ??= t.record('/api/v1/pods', { resourceVersion: '0' });
        };
        if (startAt === 0) open();
        run(t, ops, (i) => {
          if (i + 1 === startAt) open();
        });
        open();
        t.clock.runUntilQuiet();
        expect(replay(watch!.events)).toEqual(listed(t));
      }),
      { seed: 1001, numRuns: 150 },
    );
  });

  it('a label-selector watch sees objects enter and leave, ending equal to the selected list', () => {
    fc.assert(
      fc.property(opsArb, (ops) => {
        const t = testServer();
        const watch = t.record('/api/v1/pods', { labelSelector: 'app=x' });
        run(t, ops);
        t.clock.runUntilQuiet();
        expect(replay(watch.events)).toEqual(listed(t, { labelSelector: 'app=x' }));
      }),
      { seed: 1002, numRuns: 150 },
    );
  });

  it('a watch resumed from a listed resourceVersion continues exactly from that state', () => {
    fc.assert(
      fc.property(opsArb, opsArb, (before, after) => {
        const t = testServer();
        run(t, before);
        const snapshot = t.api.request({ method: 'GET', path: '/api/v1/pods' }).body as { items: KubeObject[]; metadata: { resourceVersion: string } };
        run(t, after);
        const watch = t.record('/api/v1/pods', { resourceVersion: snapshot.metadata.resourceVersion });
        t.clock.runUntilQuiet();
        const start = snapshot.items.map((object) => ({ type: 'ADDED' as const, object }));
        expect(replay([...start, ...watch.events])).toEqual(listed(t));
      }),
      { seed: 1003, numRuns: 100 },
    );
  });

  it('resourceVersions strictly increase, in responses and in watch events', () => {
    fc.assert(
      fc.property(opsArb, (ops) => {
        const t = testServer();
        const watch = t.record('/api/v1/pods');
        const rvs = run(t, ops).map(Number);
        for (let i = 1; i < rvs.length; i++) expect(rvs[i]!).toBeGreaterThan(rvs[i - 1]!);
        t.clock.runUntilQuiet();
        const eventRvs = watch.events.map((e) => Number(e.object.metadata?.resourceVersion));
        for (let i = 1; i < eventRvs.length; i++) expect(eventRvs[i]!).toBeGreaterThan(eventRvs[i - 1]!);
      }),
      { seed: 1004, numRuns: 150 },
    );
  });

  it('incremental label and owner indexes equal indexes rebuilt from scratch', () => {
    fc.assert(
      fc.property(opsArb, (ops) => {
        const t = testServer();
        // Both indexes are built on first use; ask once up front so the run maintains them.
        t.api.store.ownedBy('uid-1');
        t.api.store.list(PODS, { label: parseLabelSelector('app=x') });
        run(t, ops);
        const { rebuilt, incremental } = t.api.store.debugIndexes();
        expect(incremental).toEqual(rebuilt);
        // And selector lists through the index agree with a plain scan.
        for (const sel of ['app=x', 'app in (x,y)', 'constructor=y', 'tier!=x', 'app=x,tier=y']) {
          const selector = parseLabelSelector(sel);
          const all = t.api.store.list(PODS);
          expect(t.api.store.list(PODS, { label: selector })).toEqual(all.filter((o) => selector.matches(o.metadata?.labels)));
        }
        for (const uid of ['uid-1', 'uid-2']) {
          const owned = t.api.store.list(PODS).filter((o) => o.metadata?.ownerReferences?.some((r) => r.uid === uid));
          expect(new Set(t.api.store.ownedBy(uid))).toEqual(new Set(owned));
        }
      }),
      { seed: 1005, numRuns: 150 },
    );
  });
});

describe('dump and load (a restored snapshot)', () => {
  it('a loaded store lists what was dumped, keeps versions, continues the counter and indexes the same', () => {
    fc.assert(
      fc.property(opsArb, (ops) => {
        const t = testServer();
        run(t, ops);
        const copy = testServer({ namespaces: [] });
        // Through JSON, as a snapshot file carries it.
        const entries = (JSON.parse(JSON.stringify(t.api.store.dump())) as { resource: { group: string; plural: string }; object: KubeObject }[]).map(
          ({ resource, object }) => ({ resource: resourceFor(resource.group, resource.plural)!, object }),
        );
        copy.api.store.load(entries, t.api.store.resourceVersion);
        expect(listed(copy)).toEqual(listed(t));
        expect(copy.api.store.resourceVersion).toBe(t.api.store.resourceVersion);
        const { rebuilt, incremental } = copy.api.store.debugIndexes();
        expect(incremental).toEqual(rebuilt);
        const res = copy.call('POST', '/api/v1/namespaces/default/pods', podFor({ op: 'create', ns: 'default', name: 'after-load', labels: {} }));
        expect((res.body as KubeObject).metadata?.resourceVersion).toBe(String(t.api.store.resourceVersion + 1));
      }),
      { numRuns: 40 },
    );
  });

  it('answers a watch from before the load with 410 Gone, one from the loaded version with what follows', () => {
    const t = testServer();
    t.call('POST', '/api/v1/namespaces/default/pods', podFor({ op: 'create', ns: 'default', name: 'a', labels: {} }));
    const rv = t.api.store.resourceVersion;
    const copy = testServer({ namespaces: [] });
    copy.api.store.load(t.api.store.dump(), rv);
    expect(copy.api.store.historySince(PODS, rv - 1)).toEqual({ tooOld: rv });
    expect(copy.api.store.historySince(resourceFor('apps', 'deployments')!, 1)).toEqual({ tooOld: rv });
    const watch = copy.record('/api/v1/pods', { resourceVersion: String(rv) });
    copy.call('DELETE', '/api/v1/namespaces/default/pods/a');
    copy.clock.runUntilQuiet();
    expect(watch.events.map((e) => [e.type, e.object.metadata?.name])).toEqual([['DELETED', 'a']]);
  });

  it.each([
    ['a store that already has objects', (s: Store) => s.create(PODS, { metadata: { namespace: 'd', name: 'x' } }), [{ metadata: { namespace: 'd', name: 'y', resourceVersion: '1' } }], 5, 'load needs an empty store'],
    ['an object without a name', () => {}, [{ metadata: { namespace: 'd', resourceVersion: '1' } }], 5, 'object has no name'],
    ['a version past the store\'s', () => {}, [{ metadata: { namespace: 'd', name: 'y', resourceVersion: '9' } }], 5, 'y: resourceVersion outside 1..5'],
    ['a version that is no number', () => {}, [{ metadata: { namespace: 'd', name: 'y', resourceVersion: 'x' } }], 5, 'y: resourceVersion outside 1..5'],
    ['the same object twice', () => {}, [{ metadata: { namespace: 'd', name: 'y', resourceVersion: '1' } }, { metadata: { namespace: 'd', name: 'y', resourceVersion: '2' } }], 5, 'd/y exists'],
  ])('refuses to load %s', (_, prepare, objects, rv, message) => {
    const store = new Store();
    prepare(store);
    expect(() => store.load(objects.map((object) => ({ resource: PODS, object: object as KubeObject })), rv)).toThrow(message);
  });
});

describe('pinned regressions', () => {
  it('seed 1004: a no-op update keeps its old resourceVersion and emits no event', () => {
    const t = testServer();
    const watch = t.record('/api/v1/pods');
    const ops: Op[] = [
      { op: 'create', ns: 'kube-system', name: 'a', labels: {}, owner: 'uid-2' },
      { op: 'update', ns: 'kube-system', name: 'a', labels: {}, owner: 'uid-2' },
      { op: 'update', ns: 'default', name: 'a', labels: {} },
    ];
    expect(run(t, ops)).toHaveLength(1);
    t.clock.runUntilQuiet();
    expect(watch.events.map((e) => e.type)).toEqual(['ADDED']);
  });
});

describe('store basics', () => {
  it('keeps lists in namespace, then name order', () => {
    const store = new Store();
    for (const [ns, name] of [['b', 'z'], ['a', 'y'], ['b', 'a'], ['a', 'b']] as const) {
      store.create(PODS, { metadata: { namespace: ns, name } });
    }
    expect(store.list(PODS).map((o) => `${o.metadata!.namespace}/${o.metadata!.name}`)).toEqual(['a/b', 'a/y', 'b/a', 'b/z']);
    expect(store.list(PODS, { namespace: 'b' }).map((o) => o.metadata!.name)).toEqual(['a', 'z']);
  });

  it('answers too-old versions once the history window has moved on', () => {
    const store = new Store({ historySize: 3 });
    for (let i = 0; i < 5; i++) store.create(PODS, { metadata: { namespace: 'd', name: `p${i}` } });
    // Events 1..5 happened; the window keeps 3, 4, 5, so resuming is possible from 2 on.
    expect(store.historySince(PODS, 1)).toEqual({ tooOld: 2 });
    expect((store.historySince(PODS, 2) as unknown[]).length).toBe(3);
  });

  it('sizes the watch history like the watch cache: 100 when calm, growing under a burst', () => {
    let now = 0;
    const clock = { now: () => now };
    const calm = new Store({ clock });
    // One write a second: 100 events span more than 75 s, so the window stays at 100.
    for (let i = 0; i < 150; i++, now += 1000) calm.create(PODS, { metadata: { namespace: 'd', name: `p${i}` } });
    expect(calm.historySince(PODS, 49)).toEqual({ tooOld: 50 });
    expect((calm.historySince(PODS, 50) as unknown[]).length).toBe(100);

    now = 0;
    const burst = new Store({ clock, historySize: 1000 });
    for (let i = 0; i < 1500; i++) burst.create(PODS, { metadata: { namespace: 'd', name: `p${i}` } });
    // Doubled 100 → 200 → 400 → 800 → capped at 1000.
    expect(burst.historySince(PODS, 499)).toEqual({ tooOld: 500 });
    expect((burst.historySince(PODS, 500) as unknown[]).length).toBe(1000);

    // Long quiet, then a trickle: once its newest quarter is stale, the window halves again.
    now = 3_600_000;
    burst.create(PODS, { metadata: { namespace: 'd', name: 'late' } });
    expect((burst.historySince(PODS, (burst.historySince(PODS, 0) as { tooOld: number }).tooOld) as unknown[]).length).toBe(500);
  });

  it('expires Events an hour after their last write, telling watchers', () => {
    const t = testServer();
    const EVENTS = '/api/v1/namespaces/default/events';
    const event = (name: string) => ({ apiVersion: 'v1', kind: 'Event', metadata: { name }, involvedObject: { kind: 'Pod', name: 'p' }, reason: 'R', message: 'm' });
    expect(t.call('POST', EVENTS, event('a')).status).toBe(201);
    expect(t.call('POST', EVENTS, event('b')).status).toBe(201);
    const watch = t.record(EVENTS);
    t.clock.advance(1_800_000);
    // Written again half-way: b now lives until 1 h 30 min.
    expect(t.call('PATCH', `${EVENTS}/b`, { count: 2 }, { headers: { 'content-type': 'application/merge-patch+json' } }).status).toBe(200);
    t.clock.advance(1_800_000);
    expect(t.call('GET', `${EVENTS}/a`).status).toBe(404);
    expect(t.call('GET', `${EVENTS}/b`).status).toBe(200);
    t.clock.advance(1_800_000);
    expect(t.call('GET', `${EVENTS}/b`).status).toBe(404);
    expect(watch.events.filter((e) => e.type === 'DELETED').map((e) => e.object.metadata!.name)).toEqual(['a', 'b']);
    // Expiry timers are background work: they do not keep a cluster from being quiet.
    t.call('POST', EVENTS, event('c'));
    expect(t.clock.runUntilQuiet()).toBe(true);
    expect(t.call('GET', `${EVENTS}/c`).status).toBe(200);
  });

  it('freezes what it stores', () => {
    const store = new Store();
    const stored = store.create(PODS, { metadata: { namespace: 'd', name: 'p', labels: { a: 'b' } } });
    expect(Object.isFrozen(stored)).toBe(true);
    expect(Object.isFrozen(stored.metadata!.labels)).toBe(true);
  });
});
