/**
 * Simulated time in the worker follows the wall clock, as `kubeplay` does in a terminal
 * (src/node/clock-follower.ts), times the speed the learner chose. The engine is synchronous, so
 * each tick the worker advances the clock by the wall time that passed × speed — in small slices,
 * and only while the tick's wall-time budget lasts: a busy cluster (a `yes` flood, or 60× on a
 * cluster that has a lot to do) then runs slower than asked instead of freezing the worker, and
 * keystrokes and resizes still get through between ticks. Time that did not fit is dropped, not
 * owed: the next tick starts fresh (the page shows the pace actually reached).
 *
 * Speed only changes the pace: a 10 s back-off is still 10 simulated seconds, it just passes sooner.
 */

export interface Advancing {
  advance(ms: number): void;
}

export interface PacerOptions {
  /** Wall milliseconds, e.g. `() => performance.now()`. */
  now: () => number;
  /**
   * Simulated ms per wall ms, read every tick (default 1). At 0 (paused) time stands still, but each
   * tick still runs the events due at the current instant — work that takes no simulated time, such
   * as a shell echoing keys or printing its prompt.
   */
  speed?: () => number;
  /** Wall milliseconds one tick may spend advancing the clock. */
  budgetMs?: number;
  /** Simulated milliseconds advanced at a time, between budget checks. */
  sliceMs?: number;
  /** At most this much wall time counts per tick (a tab that slept for an hour does not replay it). */
  maxStepMs?: number;
}

/** Returns `tick()`: advances `clock` by the wall time since the last tick × speed, within the budget; returns the simulated ms advanced. */
export function paceWithWallClock(clock: Advancing, options: PacerOptions): () => number {
  const { now, speed = () => 1, budgetMs = 12, sliceMs = 5, maxStepMs = 1000 } = options;
  let last = now();
  // Whole simulated milliseconds only, so timestamps stay integral; the fraction carries over.
  let carry = 0;
  return () => {
    const start = now();
    const due = Math.min(start - last, maxStepMs) * speed() + carry;
    last = start;
    const whole = Math.floor(due);
    carry = due - whole;
    let advanced = 0;
    do {
      const slice = Math.min(sliceMs, whole - advanced);
      clock.advance(slice);
      advanced += slice;
    } while (advanced < whole && now() - start < budgetMs);
    if (advanced < whole) carry = 0;
    return advanced;
  };
}
