import { describe, expect, test } from 'vitest';
import { clockText, paceBehind } from './TimeControls';

describe('the clock and the pace as shown', () => {
  test('HH:MM:SS of the cluster clock', () => {
    expect(clockText('2026-01-05T09:07:03Z')).toBe('09:07:03');
  });

  test.each([
    [1, 1, undefined],
    [60, 58, undefined], // within 10 %: on pace
    [60, 23.4, '≈ 23×'],
    [10, 2.35, '≈ 2.4×'],
    [0, 0, undefined], // paused: nothing to fall behind
  ] as const)('speed %s at pace %s shows %s', (speed, pace, shown) => {
    expect(paceBehind(speed, pace)).toBe(shown);
  });
});
