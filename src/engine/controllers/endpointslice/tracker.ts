/**
 * Remembers the slices this controller just wrote, until its informer has caught up with them.
 * Informer events arrive a little after the writes; syncing against a cache that does not yet
 * show a slice we created would create it a second time. So a sync waits while the cache is older
 * than our own writes (the upstream EndpointSliceTracker's "stale" check).
 */
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';

export class SliceTracker {
  /** service key → slice name → resourceVersion written (null: deleted). */
  private readonly expected = new Map<string, Map<string, number | null>>();

  wrote(service: string, slice: EndpointSlice): void {
    this.for(service).set(slice.metadata!.name!, Number(slice.metadata!.resourceVersion ?? 0));
  }

  deleted(service: string, name: string): void {
    this.for(service).set(name, null);
  }

  /** True when the cached slices reflect every write we made; satisfied expectations are dropped. */
  caughtUp(service: string, cached: readonly EndpointSlice[]): boolean {
    const expected = this.expected.get(service);
    if (!expected) return true;
    for (const [name, rv] of expected) {
      const slice = cached.find((s) => s.metadata?.name === name);
      const satisfied = rv === null ? !slice : !!slice && Number(slice.metadata?.resourceVersion ?? 0) >= rv;
      if (satisfied) expected.delete(name);
    }
    if (expected.size === 0) this.expected.delete(service);
    return expected.size === 0;
  }

  forget(service: string): void {
    this.expected.delete(service);
  }

  private for(service: string): Map<string, number | null> {
    let m = this.expected.get(service);
    if (!m) this.expected.set(service, (m = new Map()));
    return m;
  }
}
