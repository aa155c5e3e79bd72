/**
 * kube-proxy's BoundedFrequencyRunner: runs a function when asked, but no more often than a token
 * bucket allows — `burst` runs back to back, then one per `minIntervalMs`. Requests that arrive
 * while a run is waiting fold into it, so a flurry of changes costs one rewrite of the tables.
 */
import type { Clock, Timer } from '../../sim/clock';

export interface BoundedRunnerOptions {
  /** kube-proxy's `minSyncPeriod` (kubeadm: 1 s). */
  readonly minIntervalMs: number;
  /** Runs allowed back to back after a quiet spell (kube-proxy: 2). */
  readonly burst: number;
}

export class BoundedFrequencyRunner {
  /** The bucket, in milliseconds of waiting already earned: one run costs `minIntervalMs`. */
  private credit: number;
  private lastRefill: number;
  private pending: Timer | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly fn: () => void,
    private readonly options: BoundedRunnerOptions,
  ) {
    this.credit = options.burst * options.minIntervalMs;
    this.lastRefill = clock.now();
  }

  /** Asks for a run: at once (at the end of this instant) if the bucket allows, else as soon as it does. */
  run(): void {
    if (this.pending) return;
    this.refill();
    const wait = Math.max(0, this.options.minIntervalMs - this.credit);
    this.pending = this.clock.schedule(wait, () => {
      this.pending = undefined;
      this.refill();
      this.credit -= this.options.minIntervalMs;
      this.fn();
    });
  }

  private refill(): void {
    const now = this.clock.now();
    this.credit = Math.min(this.options.burst * this.options.minIntervalMs, this.credit + (now - this.lastRefill));
    this.lastRefill = now;
  }
}
