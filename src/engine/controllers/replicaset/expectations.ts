/**
 * Expectations: a controller's memory of what it has asked for but not yet seen.
 *
 * The ReplicaSet controller reads pods from its informer cache, and the cache lags behind its own
 * writes. Right after creating 3 pods, a sync that counts pods would still see the old number and
 * create 3 more. So before creating or deleting, the controller records what it expects to observe
 * (3 creations, or the deletion of these pod keys), the informer handlers tick them off as the
 * events arrive, and the controller does not manage replicas again until the expectations are met —
 * or 5 minutes have passed, in case an event was lost.
 */
export const EXPECTATIONS_TIMEOUT_MS = 5 * 60_000;

interface Expectation {
  add: number;
  /** Keys (`namespace/name`) of pods whose deletion we wait to see. */
  deleting: Set<string>;
  timestamp: number;
}

export class Expectations {
  private readonly byKey = new Map<string, Expectation>();

  constructor(private readonly now: () => number) {}

  expectCreations(key: string, count: number): void {
    this.byKey.set(key, { add: count, deleting: new Set(), timestamp: this.now() });
  }

  expectDeletions(key: string, podKeys: readonly string[]): void {
    this.byKey.set(key, { add: 0, deleting: new Set(podKeys), timestamp: this.now() });
  }

  creationObserved(key: string): void {
    const e = this.byKey.get(key);
    if (e && e.add > 0) e.add--;
  }

  /** Also used when a create failed: the event we waited for will never come. */
  lowerCreations(key: string, count: number): void {
    const e = this.byKey.get(key);
    if (e) e.add = Math.max(0, e.add - count);
  }

  deletionObserved(key: string, podKey: string): void {
    this.byKey.get(key)?.deleting.delete(podKey);
  }

  /** True when there is nothing outstanding (or it is too old to keep waiting for). */
  satisfied(key: string): boolean {
    const e = this.byKey.get(key);
    if (!e) return true;
    if (e.add <= 0 && e.deleting.size === 0) return true;
    return this.now() - e.timestamp > EXPECTATIONS_TIMEOUT_MS;
  }

  delete(key: string): void {
    this.byKey.delete(key);
  }
}
