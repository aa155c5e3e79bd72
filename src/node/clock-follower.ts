/**
 * Keeps simulated time moving while `kubeplay serve` runs: every tick, the cluster advances by the
 * wall time that passed (times `speed`). Speed 0 freezes simulated time but still delivers what is
 * due now (watch events are flushed by clock events), so a test can move time by hand.
 */
import type { AdvancingClock } from './backend';

export interface ClockFollowerOptions {
  /** Simulated milliseconds per wall millisecond (1 = real time, 0 = frozen). */
  speed?: number;
  /** How often the clock is moved, in wall milliseconds. */
  intervalMs?: number;
  /** An engine exception during a tick: reported, and the server keeps going. */
  onError?: (error: unknown) => void;
}

export interface ClockFollower {
  /** Advances the clock to match the wall time that passed since the last call. */
  catchUp(): void;
  stop(): void;
}

export function followWallClock(clock: AdvancingClock, options: ClockFollowerOptions = {}): ClockFollower {
  const speed = options.speed ?? 1;
  if (!(speed >= 0) || !Number.isFinite(speed)) throw new Error(`speed must be a finite number >= 0, got ${speed}`);
  let last = performance.now();
  // Whole simulated milliseconds only, so timestamps stay integral; the fraction carries over.
  let carry = 0;

  const catchUp = (): void => {
    const now = performance.now();
    const due = (now - last) * speed + carry;
    last = now;
    const whole = Math.floor(due);
    carry = due - whole;
    try {
      clock.advance(whole);
    } catch (e) {
      options.onError?.(e);
    }
  };

  const timer = setInterval(catchUp, options.intervalMs ?? 50);
  // The interval alone must not keep a process (or a test run) alive.
  timer.unref();
  return {
    catchUp,
    stop: () => clearInterval(timer),
  };
}
