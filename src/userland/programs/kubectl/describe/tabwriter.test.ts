/** Go's tabwriter as describe uses it: column blocks end at a line with fewer cells. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tabwrite } from './tabwriter';

describe('tabwrite', () => {
  it.each([
    ['one block aligns to the longest key plus two', 'Name:\tx\nNamespace:\tdefault\n', 'Name:       x\nNamespace:  default\n'],
    ['a line without a tab starts a new block', 'Name:\tx\nIPs:\n  IP:\t1.2.3.4\nControlled By:\tRS/x\n', 'Name:  x\nIPs:\n  IP:           1.2.3.4\nControlled By:  RS/x\n'],
    ['text after the last tab is never padded', 'a \tb \n', 'a   b \n'],
    ['an empty cell still takes the padding', 'Name\t\tCPU\nx\t\t1\n', 'Name    CPU\nx       1\n'],
    ['inner columns align only where the outer block continues', 'T\tS\tR\nAvailable \tTrue\tMin\nOld:\tx\n', 'T           S     R\nAvailable   True  Min\nOld:        x\n'],
  ])('%s', (_, input, expected) => {
    expect(tabwrite(input)).toBe(expected);
  });
});

describe('tabwrite properties', () => {
  it('key/value lines: every value starts two columns after the longest key', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.stringMatching(/^[A-Za-z ]{1,20}:$/), fc.stringMatching(/^[a-z0-9]{0,10}$/)), { minLength: 1, maxLength: 8 }), (pairs) => {
        const out = tabwrite(pairs.map(([k, v]) => `${k}\t${v}\n`).join('')).split('\n').slice(0, -1);
        const column = Math.max(...pairs.map(([k]) => k.length)) + 2;
        expect(out.map((l) => l.slice(column))).toEqual(pairs.map(([, v]) => v));
        out.forEach((l, i) => expect(l.slice(0, column).trimEnd()).toBe(pairs[i]![0].trimEnd()));
      }),
    );
  });
});
