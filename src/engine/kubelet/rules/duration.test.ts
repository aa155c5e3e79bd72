import { describe, expect, it } from 'vitest';
import { formatGoDuration } from './duration';

describe('formatGoDuration (Go time.Duration.String, truncated to ms)', () => {
  it.each([
    [0, '0s'],
    [0.9, '0s'],
    [1, '1ms'],
    [521, '521ms'],
    [717, '717ms'],
    [1000, '1s'],
    [7460, '7.46s'],
    [7460.9, '7.46s'],
    [10_000, '10s'],
    [20_000, '20s'],
    [40_000, '40s'],
    [60_809, '1m0.809s'],
    [80_000, '1m20s'],
    [160_000, '2m40s'],
    [300_000, '5m0s'],
    [3_600_000, '1h0m0s'],
    [3_723_004, '1h2m3.004s'],
    [-1500, '-1.5s'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatGoDuration(ms)).toBe(text);
  });
});
