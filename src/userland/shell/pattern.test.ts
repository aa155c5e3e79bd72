import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { escapePattern, hasWildcards, matchPattern, replacePattern, trimPattern, unescapePattern } from './pattern';

describe('matchPattern', () => {
  test.each([
    ['*', 'anything', true],
    ['*.sh', '10-listen.sh', true],
    ['*.sh', '15-local.envsh', false],
    ['*.envsh', '15-local.envsh', true],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['[abc]x', 'bx', true],
    ['[!abc]x', 'bx', false],
    ['[^abc]x', 'dx', true],
    ['[a-c]', 'b', true],
    ['[a-c]', 'd', false],
    ['[]]', ']', true],
    ['[[:digit:]]*', '7up', true],
    ['[[:upper:]]', 'a', false],
    ['[a', '[a', true],
    ['\\*', '*', true],
    ['\\*', 'x', false],
    ['a\\?', 'ab', false],
    ['*/*', 'dir/file', true],
    ['*', 'multi\nline', true],
    ['[.]x', '.x', true],
  ])('%s vs %j → %s', (pattern, text, expected) => {
    expect(matchPattern(pattern, text)).toBe(expected);
  });

  test('an escaped pattern matches exactly its own text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), (a, b) => {
        const pattern = escapePattern(a);
        expect(hasWildcards(pattern)).toBe(false);
        expect(unescapePattern(pattern)).toBe(a);
        expect(matchPattern(pattern, b)).toBe(a === b);
      }),
      { seed: 7, numRuns: 500 },
    );
  });
});

describe('trim and replace', () => {
  test.each([
    ['/docker-entrypoint.d/10-a.sh', '##', '*/', '10-a.sh'],
    ['/docker-entrypoint.d/10-a.sh', '#', '*/', 'docker-entrypoint.d/10-a.sh'],
    ['file.tar.gz', '%', '.*', 'file.tar'],
    ['file.tar.gz', '%%', '.*', 'file'],
    ['abc', '#', 'x', 'abc'],
  ] as const)('${%s%s%s} → %s', (value, op, pattern, expected) => {
    expect(trimPattern(value, op, pattern)).toBe(expected);
  });
  test('large values are trimmed and replaced in one pass, not one attempt per position', () => {
    const big = 'ab'.repeat(200_000) + '.txt';
    expect(trimPattern(big, '%', '.*')).toHaveLength(400_000);
    expect(trimPattern(big, '##', '*b')).toBe('.txt');
    expect(replacePattern(big, 'a', '', true)).toHaveLength(200_004);
  });
  test('replace first and all, longest match', () => {
    expect(replacePattern('a-b-c', '-', '+', false)).toBe('a+b-c');
    expect(replacePattern('a-b-c', '-', '+', true)).toBe('a+b+c');
    expect(replacePattern('aaa', 'a*', 'x', false)).toBe('x');
  });
});
