/**
 * A controller's to-do list. Informer handlers only *enqueue keys* (`default/nginx`); the controller
 * later syncs each key by reading the latest state from its caches. Adding a key that is already
 * waiting does nothing, so a burst of fifty pod updates becomes one sync of their ReplicaSet — the
 * client-go workqueue contract, on simulated time.
 */
import type { Clock, Timer } from '../../sim/clock';

/** What a sync asks for next: nothing, a retry with back-off, or another look after a delay. */
export type SyncResult = void | 'retry' | { requeueAfterMs: number };

export interface WorkQueueOptions {
  /** Simulated delay between a key being added and its sync: how fast the controller reacts. */
  reactionMs?: number;
  /** Per-key retry back-off: base doubles on each consecutive failure up to max (client-go: 5 ms … 1000 s). */
  retryBaseMs?: number;
  retryMaxMs?: number;
}

export class WorkQueue {
  private readonly waiting = new Set<string>();
  private readonly delayed = new Map<string, Timer>();
  private readonly failures = new Map<string, number>();
  private tick: Timer | undefined;
  private readonly reactionMs: number;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;

  constructor(
    private readonly clock: Clock,
    private readonly sync: (key: string) => SyncResult,
    options: WorkQueueOptions = {},
  ) {
    this.reactionMs = options.reactionMs ?? 0;
    this.retryBaseMs = options.retryBaseMs ?? 5;
    this.retryMaxMs = options.retryMaxMs ?? 1_000_000;
  }

  add(key: string): void {
    if (this.waiting.has(key)) return;
    this.waiting.add(key);
    this.tick ??= this.clock.schedule(this.reactionMs, this.drain);
  }

  /** Adds the key after `delayMs`; an earlier pending request for the same key wins. */
  addAfter(key: string, delayMs: number): void {
    const existing = this.delayed.get(key);
    const due = this.clock.now() + delayMs;
    if (existing && existing.due <= due) return;
    existing?.cancel();
    this.delayed.set(
      key,
      this.clock.at(due, () => {
        this.delayed.delete(key);
        this.add(key);
      }),
    );
  }

  /** Retry with per-key exponential back-off. */
  addRateLimited(key: string): void {
    const failures = this.failures.get(key) ?? 0;
    this.failures.set(key, failures + 1);
    this.addAfter(key, Math.min(this.retryBaseMs * 2 ** failures, this.retryMaxMs));
  }

  /** The key synced cleanly: its back-off starts over. */
  forget(key: string): void {
    this.failures.delete(key);
  }

  get length(): number {
    return this.waiting.size;
  }

  private drain = (): void => {
    this.tick = undefined;
    // Keys added while syncing wait for the next tick, so one sync cannot starve the rest.
    const batch = [...this.waiting];
    this.waiting.clear();
    for (const key of batch) {
      const result = this.sync(key);
      if (result === 'retry') this.addRateLimited(key);
      else {
        this.forget(key);
        if (result) this.addAfter(key, result.requeueAfterMs);
      }
    }
  };
}

/** `namespace/name`, or just `name` for cluster-scoped objects — the key informers and queues use. */
export function keyOf(obj: { metadata?: { namespace?: string; name?: string } }): string {
  const ns = obj.metadata?.namespace;
  return ns ? `${ns}/${obj.metadata?.name ?? ''}` : (obj.metadata?.name ?? '');
}

export function splitKey(key: string): { namespace: string | undefined; name: string } {
  const slash = key.indexOf('/');
  return slash < 0 ? { namespace: undefined, name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}
