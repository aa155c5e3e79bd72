/**
 * A tiny benchmark harness: each case returns one figure; `run.ts` prints them as a table beside
 * their budgets and writes `bench/results.json` as a list of {name, value, unit}.
 */
import { performance } from 'node:perf_hooks';

export interface Figure {
  name: string;
  value: number;
  unit: string;
}

export interface BenchCase {
  name: string;
  unit: string;
  /** What the figure should stay under (or over, for rates). */
  budget: { max?: number; min?: number };
  measure(): number | Promise<number>;
}

/** Best of `runs` wall-clock timings, after one warm-up: the least noisy figure on a shared machine. */
export function bestWallMs(runs: number, body: () => void, setup?: () => void): number {
  let best = Infinity;
  for (let i = 0; i <= runs; i++) {
    setup?.();
    const start = performance.now();
    body();
    const elapsed = performance.now() - start;
    if (i > 0) best = Math.min(best, elapsed);
  }
  return best;
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
