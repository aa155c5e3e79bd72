/**
 * Simulated time in the worker follows the wall clock, as `kubeplay` does in a terminal
 * (src/node/clock-follower.ts). The engine is synchronous, so each tick the worker advances the
 * clock by the wall time that passed — in small slices, and only while the tick's wall-time budget
 * lasts: a busy cluster (a `yes` flood) then runs slower than real time instead of freezing the
 * worker, and keystrokes and resizes still get through between ticks. Time that did not fit is
 * dropped, not owed: the next tick starts fresh.
 */

export interface Advancing {
  advance(ms: number): void;
}

export interface PacerOptions {
  /** Wall milliseconds, e.g. `() => performance.now()`. */
  now: () => number;
  /** Wall milliseconds one tick may spend advancing the clock. */
  budgetMs?: number;
  /** Simulated milliseconds advanced at a time, between budget checks. */
  sliceMs?: number;
  /** At most this much simulated time per tick (a tab that slept for an hour does not replay it). */
  maxStepMs?: number;
}

/** Returns `tick()`: advances `clock` by the wall time since the last tick, within the budget; returns the simulated ms advanced. */
export function paceWithWallClock(clock: Advancing, options: PacerOptions): () => number {
  const { now, budgetMs = 12, sliceMs = 5, maxStepMs = 1000 } = options;
  let last = now();
  // Whole simulated milliseconds only, so timestamps stay integral; the fraction carries over.
  let carry = 0;
  return () => {
    const start = now();
    const due = Math.min(start - last + carry, maxStepMs);
    last = start;
    const whole = Math.floor(due);
    carry = due - whole;
    let advanced = 0;
    while (advanced < whole && now() - start < budgetMs) {
      const slice = Math.min(sliceMs, whole - advanced);
      clock.advance(slice);
      advanced += slice;
    }
    if (advanced < whole) carry = 0;
    return advanced;
  };
}
