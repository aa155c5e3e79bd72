import { describe, expect, it } from 'vitest';
import { compareQuantity, formatQuantity, parseQuantity } from './quantity';

describe('quantities', () => {
  it.each([
    ['1', '1'],
    ['500m', '500m'],
    ['0.5', '500m'],
    ['1000m', '1'],
    ['1.5', '1500m'],
    ['2000', '2k'],
    ['1Gi', '1Gi'],
    ['1024Mi', '1Gi'],
    ['1.5Gi', '1536Mi'],
    ['512', '512'],
    ['128974848', '128974848'],
    ['129e6', '129e6'],
    ['0.1m', '1m'],
    ['-1', '-1'],
    [2, '2'],
  ])('%s prints as %s', (input, expected) => {
    expect(formatQuantity(parseQuantity(input)!)).toBe(expected);
  });

  it.each(['', 'abc', '1.2.3', '5 Gi', '1Xi'])('%j is not a quantity', (input) => {
    expect(parseQuantity(input)).toBeUndefined();
  });

  it('compares across suffixes', () => {
    expect(compareQuantity(parseQuantity('1')!, parseQuantity('1000m')!)).toBe(0);
    expect(compareQuantity(parseQuantity('1Gi')!, parseQuantity('1G')!)).toBe(1);
    expect(compareQuantity(parseQuantity('250m')!, parseQuantity('0.5')!)).toBe(-1);
  });
});
