import { describe, expect, it } from 'vitest';
import { milliValue, value } from './quantity';

describe('quantities', () => {
  it.each([
    ['100m', 100],
    ['1', 1000],
    ['0.5', 500],
    ['2.25', 2250],
    ['1500m', 1500],
    ['1e-1', 100],
    [3, 3000],
  ] as const)('cpu %s = %d millicores', (q, m) => expect(milliValue(q)).toBe(m));

  it.each([
    ['128Mi', 128 * 2 ** 20],
    ['1Gi', 2 ** 30],
    ['1G', 1e9],
    ['500k', 500_000],
    ['16248904Ki', 16248904 * 1024],
    ['1e6', 1e6],
    ['1.5Gi', 1.5 * 2 ** 30],
  ] as const)('memory %s = %d bytes', (q, b) => expect(value(q)).toBe(b));

  it('malformed quantities count as zero', () => {
    expect(value('lots')).toBe(0);
    expect(milliValue('1 cpu')).toBe(0);
  });
});
