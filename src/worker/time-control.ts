/**
 * The two time controls that do not follow the wall clock: step to the next event, and
 * fast-forward until the cluster is quiet. Both run the engine's own clock; neither changes how
 * long anything takes in simulated time.
 */
import type { Clock, SimMillis } from '../engine/sim/clock';

type Steppable = Pick<Clock, 'now' | 'nextDue' | 'step' | 'advance' | 'quiet'>;

/**
 * Moves time to the next scheduled event and runs every event due at that instant (background
 * ones — a heartbeat — count too). Returns the new time, or undefined if nothing is scheduled.
 */
export function stepToNextEvent(clock: Steppable): SimMillis | undefined {
  const due = clock.nextDue();
  if (due === undefined) return undefined;
  clock.advance(due - clock.now());
  return clock.now();
}

export type FastForwardState = 'running' | 'quiet' | 'capped';

export interface FastForwardOptions {
  /** Wall milliseconds, e.g. `() => performance.now()`. */
  now: () => number;
  /** Wall milliseconds one call may spend, so the page keeps answering between frames. */
  budgetMs?: number;
  /** Simulated milliseconds after which it gives up (a crash-looping pod is never quiet). */
  capMs?: number;
  /**
   * Whatever else must be idle besides the clock's foreground work: the page passes "every terminal
   * waits for input", since a command's sleeps and timeouts are background timers, yet a learner who
   * typed `kubectl create` and pressed fast-forward waits for it.
   */
  idle?: () => boolean;
}

/** Ten simulated minutes: enough for pulls, scheduling and rollouts; a back-off loop never ends. */
export const FAST_FORWARD_CAP_MS = 10 * 60_000;

/**
 * `runUntilQuiet`, cut into frames (and waiting for `idle` too): returns `tick()`, which runs events
 * for up to `budgetMs` of wall time and says whether the cluster is quiet, still going, or `capped` —
 * not quiet `capMs` after the start; then time stands at the cap and the cluster is left as it is.
 */
export function fastForwardUntilQuiet(clock: Steppable, options: FastForwardOptions): () => FastForwardState {
  const { now, budgetMs = 12, capMs = FAST_FORWARD_CAP_MS, idle = () => true } = options;
  const until = clock.now() + capMs;
  return () => {
    const start = now();
    while (!(clock.quiet && idle())) {
      const due = clock.nextDue();
      if (due === undefined || due > until) {
        clock.advance(until - clock.now());
        return 'capped';
      }
      if (now() - start >= budgetMs) return 'running';
      clock.step();
    }
    return 'quiet';
  };
}
