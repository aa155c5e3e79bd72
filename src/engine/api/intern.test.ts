/**
 * Structural sharing must be invisible: whatever the store interns reads back exactly like a plain
 * deep copy of what was written (same keys in the same order, same values, -0 and `__proto__`
 * keys included), and is deeply frozen. Seeded properties over random trees drawn from a small
 * alphabet, so that equal subtrees — the case sharing is for — come up all the time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Interner } from './intern';
import { resourceFor } from './resources';
import { Store } from './store';
import type { KubeObject } from './types';

const PODS = resourceFor('', 'pods')!;

/** Builds an object from entries the way decode does: a `__proto__` key stays data. */
function objectOf(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) {
    if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    else out[k] = v;
  }
  return out;
}

const leaf = fc.oneof(
  fc.constantFrom('a', 'b', 'nginx:1.25', 'kube-api-access', '2026-01-05T09:00:03Z', ''),
  fc.constantFrom(0, -0, 1, 2.5, 300, 2 ** 40, -7),
  fc.constantFrom(true, false, null, undefined),
);
const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('tree'), { maxLength: 3 }),
    fc.uniqueArray(fc.tuple(fc.constantFrom('a', 'b', 'c', 'spec', '__proto__'), tie('tree')), { maxLength: 4, selector: (e) => e[0] }).map(objectOf),
  ),
}));

/** A plain deep copy that keeps everything `same` compares. */
function copy(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(copy);
  return objectOf(Object.keys(v).map((k) => [k, copy((v as Record<string, unknown>)[k])] as const));
}

/** Exact structural equality: key order, -0, undefined-valued keys, array vs object. */
function same(a: unknown, b: unknown): boolean {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return Object.is(a, b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k, i) => k === kb[i] && same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function deeplyFrozen(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return true;
  return Object.isFrozen(v) && Object.keys(v).every((k) => deeplyFrozen((v as Record<string, unknown>)[k]));
}

describe('Interner (seeded properties)', () => {
  it('returns a deeply frozen value equal to its input, and never changes earlier results', () => {
    fc.assert(
      fc.property(fc.array(tree, { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 8 }), fc.constantFrom(2, 32), (values, generation, bits) => {
        // A tiny pool forces generations to turn over within one run; 2-bit pool keys make
        // unequal nodes collide all the time, so every hit must really be checked.
        const interner = new Interner(generation, bits);
        const expected = values.map(copy);
        const results = values.map((v) => interner.intern(copy(v)));
        results.forEach((r, i) => {
          expect(same(r, expected[i])).toBe(true);
          expect(deeplyFrozen(r)).toBe(true);
        });
        expect(interner.size).toBeLessThanOrEqual(2 * generation);
      }),
      { seed: 2101, numRuns: 300 },
    );
  });

  it('store reads equal a plain deep copy of each write, with sharing on or off', () => {
    type Op = { op: 'put'; name: string; body: unknown } | { op: 'delete'; name: string };
    const opArb: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ op: fc.constant('put' as const), name: fc.constantFrom('p', 'q', 'r'), body: tree }),
      fc.record({ op: fc.constant('delete' as const), name: fc.constantFrom('p', 'q', 'r') }),
    );
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 25 }), fc.integer({ min: 1, max: 64 }), (ops, generation) => {
        const shared = new Store({ internGeneration: generation });
        const plain = new Store({ internGeneration: 0 });
        const written = new Map<string, unknown>();
        for (const o of ops) {
          for (const store of [shared, plain]) {
            if (o.op === 'delete') {
              if (store.get(PODS, 'd', o.name)) store.delete(PODS, 'd', o.name);
              continue;
            }
            // Updates reuse the previous version's frozen parts, as the write path's share() does.
            const prev = store.get(PODS, 'd', o.name) as (KubeObject & { spec?: unknown; status?: unknown }) | undefined;
            const obj = { apiVersion: 'v1', kind: 'Pod', metadata: { namespace: 'd', name: o.name }, spec: copy(o.body), status: prev?.spec };
            if (prev) store.update(PODS, obj as KubeObject);
            else store.create(PODS, obj as KubeObject);
          }
          if (o.op === 'put') written.set(o.name, o.body);
          else written.delete(o.name);
          for (const name of ['p', 'q', 'r']) {
            const a = shared.get(PODS, 'd', name);
            const b = plain.get(PODS, 'd', name);
            expect(same(a, b)).toBe(true);
            expect(deeplyFrozen(a)).toBe(true);
            if (written.has(name)) expect(same((a as { spec?: unknown }).spec, written.get(name))).toBe(true);
          }
        }
      }),
      { seed: 2102, numRuns: 200 },
    );
  });
});

describe('Interner', () => {
  const pod = (name: string, ip: string) => ({
    metadata: { name, namespace: 'default', uid: `uid-${name}` },
    spec: {
      tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
      containers: [{ name: 'web', image: 'nginx:1.25', resources: {} }],
    },
    status: { podIP: ip, conditions: [{ type: 'Ready', status: 'True' }] },
  });

  it('shares equal subtrees across objects, keeps what differs apart', () => {
    const interner = new Interner();
    const a = interner.internObject(pod('a', '10.0.0.1'));
    const b = interner.internObject(pod('b', '10.0.0.2'));
    expect(b.spec).toBe(a.spec);
    expect(b.status.conditions).toBe(a.status.conditions);
    expect(b.status).not.toBe(a.status);
    expect(b.metadata.name).toBe('b');
    expect(interner.stats.hits).toBeGreaterThan(0);
  });

  it('tells key order, -0 and arrays from objects apart', () => {
    const interner = new Interner();
    const ab = interner.intern({ x: { a: 1, b: 2 } });
    const ba = interner.intern({ x: { b: 2, a: 1 } });
    expect(Object.keys(ba.x)).toEqual(['b', 'a']);
    expect(ba.x).not.toBe(ab.x);
    const zero = interner.intern({ n: 0 });
    const negative = interner.intern({ n: -0 });
    expect(Object.is(zero.n, 0)).toBe(true);
    expect(Object.is(negative.n, -0)).toBe(true);
    expect(negative).not.toBe(zero);
    expect(Array.isArray(interner.intern({ v: [] }).v)).toBe(true);
    expect(Array.isArray(interner.intern({ v: {} }).v)).toBe(false);
  });

  it('keeps a __proto__ key as data and leaves the prototype alone', () => {
    const interner = new Interner();
    const value = objectOf([['__proto__', { polluted: true }]]);
    const out = interner.intern({ v: value }).v;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reuses frozen subtrees it has pooled without copying them', () => {
    const interner = new Interner();
    const first = interner.internObject(pod('a', '10.0.0.1'));
    const next = { ...pod('a', '10.0.0.9'), spec: first.spec };
    const second = interner.internObject(next);
    expect(second.spec).toBe(first.spec);
    expect(second.status.podIP).toBe('10.0.0.9');
  });

  it('stays bounded: one-off nodes age out of the pool', () => {
    const interner = new Interner(64);
    for (let i = 0; i < 1000; i++) interner.internObject(pod(`p${i}`, `10.0.${i >> 8}.${i & 255}`));
    expect(interner.size).toBeLessThanOrEqual(128);
    // The hot template parts survived the turnover.
    const a = interner.internObject(pod('x', '10.9.9.9'));
    const b = interner.internObject(pod('y', '10.9.9.8'));
    expect(a.spec).toBe(b.spec);
  });
});
