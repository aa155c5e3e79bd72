import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Clock } from '../../sim/clock';
import { BoundedFrequencyRunner } from './bounded-runner';

/** Requests at the given gaps (ms); returns when the runs happened. */
function drive(gaps: readonly number[]): { requests: number[]; runs: number[] } {
  const clock = new Clock();
  const runs: number[] = [];
  const runner = new BoundedFrequencyRunner(clock, () => runs.push(clock.now()), { minIntervalMs: 1_000, burst: 2 });
  const requests: number[] = [];
  for (const gap of gaps) {
    if (gap > 0) clock.advance(gap); // advance(0) would run what is due now, between the requests
    requests.push(clock.now());
    runner.run();
  }
  clock.runUntilQuiet();
  return { requests, runs };
}

describe('BoundedFrequencyRunner (minInterval 1 s, burst 2)', () => {
  it.each([
    ['one request runs at once', [0], [0]],
    ['requests in the same instant fold into one run', [0, 0, 0], [0]],
    ['two back to back, the third waits for a second of credit', [0, 10, 10], [0, 10, 1_000]],
    ['after a quiet spell the burst is available again', [0, 10, 10, 5_000, 10], [0, 10, 1_000, 5_020, 5_030]],
  ])('%s', (_label, gaps, runs) => expect(drive(gaps).runs).toEqual(runs));

  it('every request is served by a run no later than a second after it, and no window of W ms holds more than 2 + W/1000 runs', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1_500 }), { minLength: 1, maxLength: 40 }), (gaps) => {
        const { requests, runs } = drive(gaps);
        for (const at of requests) {
          const served = runs.find((r) => r >= at);
          expect(served).toBeDefined();
          expect(served! - at).toBeLessThanOrEqual(1_000);
        }
        for (let i = 0; i < runs.length; i++) {
          for (let j = i; j < runs.length; j++) expect(j - i + 1).toBeLessThanOrEqual(2 + (runs[j]! - runs[i]!) / 1_000);
        }
      }),
    );
  });
});
