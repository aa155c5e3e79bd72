/**
 * A one-way switch for something the host finishes outside the simulation — the API
 * documentation arriving in the browser worker, say. A program that needs it blocks with
 * `yield* sys.until(latch)` (no timer, no polling) and goes on at the simulated instant after the
 * host opens the latch; once open, `sys.until` returns at once.
 */
export class Latch {
  /** Who is waiting; undefined once open. */
  private waiters: (() => void)[] | undefined = [];

  get isOpen(): boolean {
    return this.waiters === undefined;
  }

  open(): void {
    const waiters = this.waiters;
    this.waiters = undefined;
    for (const wake of waiters ?? []) wake();
  }

  /** Calls `wake` when the latch opens (at once if it is open); returns a cancel. */
  whenOpen(wake: () => void): () => void {
    if (!this.waiters) {
      wake();
      return () => {};
    }
    this.waiters.push(wake);
    return () => {
      const i = this.waiters?.indexOf(wake) ?? -1;
      if (i >= 0) this.waiters!.splice(i, 1);
    };
  }
}
