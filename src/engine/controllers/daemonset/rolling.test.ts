import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import { isPodUpdated, maxUnavailableOf, rollingUpdateDeletions } from './rolling';

const pod = (name: string, hash: string, available = true): Pod => ({
  metadata: { name, labels: { 'controller-revision-hash': hash } },
  status: { conditions: [{ type: 'Ready', status: available ? 'True' : 'False' }] },
});
const avail = (p: Pod) => p.status!.conditions![0]!.status === 'True';
const plan = (nodes: Record<string, Pod[]>, max = 1) => rollingUpdateDeletions(new Map(Object.entries(nodes)), 'new', 1, max, avail);

describe('rollingUpdateDeletions (maxSurge 0)', () => {
  const cases: Array<[string, Record<string, Pod[]>, number, string[]]> = [
    ['all old and available: delete one', { a: [pod('a1', 'old')], b: [pod('b1', 'old')], c: [pod('c1', 'old')] }, 1, ['a1']],
    ['maxUnavailable 2: delete two', { a: [pod('a1', 'old')], b: [pod('b1', 'old')], c: [pod('c1', 'old')] }, 2, ['a1', 'b1']],
    ['a node without a pod uses the budget', { a: [], b: [pod('b1', 'old')] }, 1, []],
    ['a new pod not yet available uses the budget', { a: [pod('a2', 'new', false)], b: [pod('b1', 'old')] }, 1, []],
    ['new pod available: next one', { a: [pod('a2', 'new')], b: [pod('b1', 'old')], c: [pod('c1', 'old')] }, 1, ['b1']],
    ['unavailable old pods go regardless of the budget', { a: [], b: [pod('b1', 'old', false)], c: [pod('c1', 'old')] }, 1, ['b1']],
    ['duplicates are left to the one-per-node loop', { a: [pod('a1', 'old'), pod('a2', 'old')] }, 1, []],
    ['done', { a: [pod('a2', 'new')], b: [pod('b2', 'new')] }, 1, []],
  ];
  it.each(cases)('%s', (_name, nodes, max, expected) => expect(plan(nodes, max)).toEqual(expected));
});

describe('maxUnavailableOf / isPodUpdated', () => {
  const ds = (maxUnavailable?: number | string, maxSurge?: number | string): DaemonSet => ({
    spec: { selector: {}, template: {}, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable, maxSurge } } },
  });
  it.each([
    [undefined, undefined, 3, 1],
    [2, undefined, 3, 2],
    ['50%', undefined, 3, 2],
    ['10%', undefined, 3, 1],
    [0, 0, 3, 1],
    [0, 1, 3, 0],
  ] as Array<[number | string | undefined, number | string | undefined, number, number]>)('%s / surge %s of %i → %i', (mu, ms, desired, expected) => {
    expect(maxUnavailableOf(ds(mu, ms), desired)).toBe(expected);
  });
  it('falls back to the template generation label for pods without a hash', () => {
    expect(isPodUpdated({ metadata: { labels: { 'pod-template-generation': '3' } } }, 'h', 3)).toBe(true);
    expect(isPodUpdated({ metadata: { labels: { 'pod-template-generation': '2' } } }, 'h', 3)).toBe(false);
    expect(isPodUpdated({ metadata: { labels: { 'controller-revision-hash': 'x', 'pod-template-generation': '3' } } }, 'h', 3)).toBe(false);
  });
});
