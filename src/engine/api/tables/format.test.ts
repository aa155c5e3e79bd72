import { describe, expect, it } from 'vitest';
import { boolPtr, containerCells, formatLabels, formatSelector, joinHostPort, labelSelectorString, listWithMore } from './format';

describe('formatLabels', () => {
  it.each<[Record<string, string> | undefined, string]>([
    [undefined, '<none>'],
    [{}, '<none>'],
    [{ app: 'nginx' }, 'app=nginx'],
    [{ tier: 'web', app: 'nginx' }, 'app=nginx,tier=web'],
    // Sorted as whole `k=v` strings: '.' sorts before '='.
    [{ a: '1', 'a.b': '2' }, 'a.b=2,a=1'],
    [{ 'pod-template-hash': '7854ff8877', app: 'nginx' }, 'app=nginx,pod-template-hash=7854ff8877'],
    [{ empty: '' }, 'empty='],
  ])('%j → %s', (labels, want) => {
    expect(formatLabels(labels)).toBe(want);
  });
});

describe('formatSelector', () => {
  it.each<[Parameters<typeof formatSelector>[0], string]>([
    [undefined, '<none>'],
    [{}, '<none>'],
    [{ matchLabels: {} }, '<none>'],
    [{ matchLabels: { app: 'nginx' } }, 'app=nginx'],
    [{ matchLabels: { app: 'nginx', 'pod-template-hash': '7854ff8877' } }, 'app=nginx,pod-template-hash=7854ff8877'],
    [
      { matchLabels: { app: 'nginx' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['b', 'a'] }] },
      'app=nginx,tier in (a,b)',
    ],
    [{ matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }, 'env notin (prod)'],
    [
      {
        matchExpressions: [
          { key: 'zz', operator: 'Exists' },
          { key: 'aa', operator: 'DoesNotExist' },
        ],
      },
      '!aa,zz',
    ],
    [{ matchExpressions: [{ key: 'x', operator: 'In', values: [] }] }, '<error>'],
    [{ matchExpressions: [{ key: 'x', operator: 'Exists', values: ['y'] }] }, '<error>'],
    [{ matchExpressions: [{ key: 'x', operator: 'Bogus' }] }, '<error>'],
  ])('%j → %s', (selector, want) => {
    expect(formatSelector(selector)).toBe(want);
  });

  it('leaves the raw form empty or undefined for Deployments to decide', () => {
    expect(labelSelectorString({})).toBe('');
    expect(labelSelectorString({ matchExpressions: [{ key: 'x', operator: 'Bogus' }] })).toBeUndefined();
  });
});

describe('small helpers', () => {
  it('lays out containers', () => {
    expect(containerCells(undefined)).toEqual(['', '']);
    expect(containerCells([{ name: 'nginx', image: 'nginx:1.25' }])).toEqual(['nginx', 'nginx:1.25']);
    expect(
      containerCells([
        { name: 'a', image: 'busybox' },
        { name: 'b', image: 'nginx' },
      ]),
    ).toEqual(['a,b', 'busybox,nginx']);
  });
  it('lists with more', () => {
    expect(listWithMore([], 0, 3)).toBe('<unset>');
    expect(listWithMore(['a', 'b'], 2, 3)).toBe('a,b');
    expect(listWithMore(['a', 'b', 'c'], 5, 3)).toBe('a,b,c + 2 more...');
  });
  it('joins hosts and ports like Go', () => {
    expect(joinHostPort('10.244.1.2', 80)).toBe('10.244.1.2:80');
    expect(joinHostPort('fd00::1', 80)).toBe('[fd00::1]:80');
  });
  it('prints bool pointers', () => {
    expect(boolPtr(undefined)).toBe('<unset>');
    expect(boolPtr(false)).toBe('false');
    expect(boolPtr(true)).toBe('true');
  });
});
