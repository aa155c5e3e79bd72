/**
 * --sort-by's ordering rules (kubectl's RuntimeSort/TableSorter): natural order for names, amounts
 * for quantities, rows without the field first, equal keys in their original order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KubectlError } from '../framework';
import { naturalLess, relaxedJsonPath, sortObjects, sortTableRows, UnsortableError } from './sort';

describe('naturalLess', () => {
  it.each([
    ['coredns-5c67667c55-9v5hm', 'coredns-5c67667c55-84tzm', true],
    ['pod-10', 'pod-9', false],
    ['a1', 'ab', true],
    ['x01', 'x1', false],
    ['x1', 'x01', true],
    ['abc', 'abcd', true],
    ['10.244.1.2', '192.168.1.130', true],
    ['same', 'same', false],
  ])('%s < %s is %s', (a, b, less) => {
    expect(naturalLess(a, b)).toBe(less);
  });

  it('is a strict order: never both a<b and b<a, and irreflexive', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-c0-2]{0,6}$/), fc.stringMatching(/^[a-c0-2]{0,6}$/), (a, b) => {
        expect(naturalLess(a, b) && naturalLess(b, a)).toBe(false);
        expect(naturalLess(a, a)).toBe(false);
      }),
    );
  });
});

describe('relaxedJsonPath', () => {
  it.each([
    ['.metadata.name', '{.metadata.name}'],
    ['metadata.name', '{.metadata.name}'],
    ['{.metadata.name}', '{.metadata.name}'],
    ['{metadata.name}', '{.metadata.name}'],
  ])('%s → %s', (input, output) => {
    expect(relaxedJsonPath(input)).toBe(output);
  });

  it('rejects nested braces', () => {
    expect(() => relaxedJsonPath('{.a}{.b}')).toThrow(KubectlError);
  });
});

describe('sortObjects and sortTableRows', () => {
  const pod = (name: string, extra: Record<string, unknown> = {}) => ({ metadata: { name }, ...extra });

  it('orders quantities by amount and numbers by value', () => {
    const objs = [pod('a', { cpu: '2' }), pod('b', { cpu: '500m' }), pod('c', { cpu: '1Gi' })];
    expect(sortObjects(objs, '.cpu').map((o) => o.metadata.name)).toEqual(['b', 'a', 'c']);
    const counted = [pod('a', { n: 10 }), pod('b', { n: 9 }), pod('c', { n: 10 })];
    expect(sortObjects(counted, '.n').map((o) => o.metadata.name)).toEqual(['b', 'a', 'c']);
  });

  it('puts objects without the field first; fails when no object has it', () => {
    expect(sortObjects([pod('a', { n: 1 }), pod('b')], '.n').map((o) => o.metadata.name)).toEqual(['b', 'a']);
    expect(() => sortObjects([pod('a'), pod('b')], '.n')).toThrow('couldn\'t find any field with path "{.n}" in the list of objects');
  });

  it('tables: rows are ordered by their objects; an unusable path gives undefined', () => {
    const rows = [{ object: pod('b') }, { object: pod('a') }];
    expect(sortTableRows(rows, '.metadata.name')?.map((r) => r.object.metadata.name)).toEqual(['a', 'b']);
    expect(sortTableRows(rows, '.spec.x')).toBeUndefined();
    expect(sortTableRows(rows, '{.items[x]}')).toBeUndefined();
    expect(() => sortTableRows(rows, '.metadata')).toThrow(UnsortableError);
  });

  it('the sort is stable and a permutation of its input', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 12 }), (keys) => {
        const objs = keys.map((n, i) => ({ n, i }));
        const sorted = sortObjects(objs, '.n');
        if (objs.length === 0) return;
        expect([...sorted].sort((a, b) => a.i - b.i)).toEqual(objs);
        for (let j = 1; j < sorted.length; j++) {
          const [p, q] = [sorted[j - 1]!, sorted[j]!];
          expect(p.n < q.n || (p.n === q.n && p.i < q.i)).toBe(true);
        }
      }),
    );
  });
});
