/**
 * The scheduling queue, with upstream's three parts:
 *
 * - **active** — pods waiting for a scheduling attempt, higher `spec.priority` first, then oldest.
 * - **backoff** — pods that failed recently and were asked to retry; each waits 1 s, 2 s, 4 s, ...
 *   up to 10 s (doubling with every failed attempt) before going back to active.
 * - **unschedulable** — pods that failed and wait for the cluster to change. A node being added or
 *   relabelled, a taint removed, a pod deleted moves them all back (through backoff, if their
 *   back-off has not run out); and anything parked for 5 minutes is retried anyway.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { Clock, Timer } from '../sim/clock';

export const INITIAL_BACKOFF_MS = 1_000;
export const MAX_BACKOFF_MS = 10_000;
export const MAX_UNSCHEDULABLE_MS = 5 * 60_000;
export const FLUSH_UNSCHEDULABLE_EVERY_MS = 30_000;

interface Entry {
  uid: string;
  pod: Pod;
  /** Failed scheduling attempts so far. */
  attempts: number;
  /** Simulated time before which the pod may not be retried. */
  backoffUntil: number;
  /** When the pod was parked as unschedulable. */
  parkedAt: number;
  seq: number;
  where: 'active' | 'backoff' | 'unschedulable' | 'none';
  timer?: Timer;
}

export const backoffFor = (attempts: number): number => Math.min(INITIAL_BACKOFF_MS * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);

const priorityOf = (pod: Pod): number => pod.spec?.priority ?? 0;

export class SchedulingQueue {
  private readonly entries = new Map<string, Entry>();
  /** Binary heap of active entries: higher priority first, then first come. */
  private readonly active: Entry[] = [];
  private seq = 0;

  /** @param onActive called whenever a pod becomes ready for an attempt. */
  constructor(
    private readonly clock: Clock,
    private readonly onActive: () => void,
  ) {}

  get activeCount(): number {
    return this.active.length;
  }

  has(uid: string): boolean {
    return this.entries.has(uid);
  }

  where(uid: string): Entry['where'] | undefined {
    return this.entries.get(uid)?.where;
  }

  /** A new pending pod, or a newer copy of one already queued. */
  add(pod: Pod): void {
    const uid = pod.metadata?.uid ?? '';
    const entry = this.entries.get(uid);
    if (entry) {
      entry.pod = pod;
      return;
    }
    const fresh: Entry = { uid, pod, attempts: 0, backoffUntil: 0, parkedAt: 0, seq: this.seq++, where: 'none' };
    this.entries.set(uid, fresh);
    this.toActive(fresh);
  }

  /** The pod changed (e.g. gained a toleration): worth another try if it was parked. */
  update(pod: Pod): void {
    const entry = this.entries.get(pod.metadata?.uid ?? '');
    if (!entry) return this.add(pod);
    entry.pod = pod;
    if (entry.where === 'unschedulable') this.moveOut(entry);
  }

  delete(uid: string): void {
    const entry = this.entries.get(uid);
    if (!entry) return;
    this.entries.delete(uid);
    entry.timer?.cancel();
    if (entry.where === 'active') this.removeActive(entry);
    entry.where = 'none';
  }

  /** Next pod to try, or undefined. It stays known to the queue until `done` or a failure report. */
  pop(): Pod | undefined {
    const entry = this.popActive();
    if (!entry) return undefined;
    entry.where = 'none';
    return entry.pod;
  }

  /** The attempt succeeded (or the pod no longer needs scheduling). */
  done(uid: string): void {
    this.delete(uid);
  }

  /** The attempt found no node: park the pod until the cluster changes. */
  unschedulable(pod: Pod): void {
    const entry = this.failed(pod);
    entry.where = 'unschedulable';
    entry.parkedAt = this.clock.now();
  }

  /** The attempt failed for another reason (a bind conflict): retry after the back-off. */
  retry(pod: Pod): void {
    this.toBackoff(this.failed(pod));
  }

  /** Something in the cluster changed that may let parked pods fit. */
  moveAllToActiveOrBackoff(): void {
    for (const entry of this.entries.values()) if (entry.where === 'unschedulable') this.moveOut(entry);
  }

  /** Pods parked longer than 5 minutes get another try even without a cluster event. */
  flushUnschedulableLeftover(): void {
    const now = this.clock.now();
    for (const entry of this.entries.values()) {
      if (entry.where === 'unschedulable' && now - entry.parkedAt >= MAX_UNSCHEDULABLE_MS) this.moveOut(entry);
    }
  }

  private failed(pod: Pod): Entry {
    const uid = pod.metadata?.uid ?? '';
    let entry = this.entries.get(uid);
    if (!entry) {
      entry = { uid, pod, attempts: 0, backoffUntil: 0, parkedAt: 0, seq: this.seq++, where: 'none' };
      this.entries.set(uid, entry);
    }
    entry.pod = pod;
    entry.attempts++;
    entry.backoffUntil = this.clock.now() + backoffFor(entry.attempts);
    return entry;
  }

  private moveOut(entry: Entry): void {
    if (this.clock.now() < entry.backoffUntil) this.toBackoff(entry);
    else this.toActive(entry);
  }

  private toBackoff(entry: Entry): void {
    entry.where = 'backoff';
    entry.timer?.cancel();
    entry.timer = this.clock.at(entry.backoffUntil, () => {
      entry.timer = undefined;
      if (entry.where === 'backoff') this.toActive(entry);
    });
  }

  private toActive(entry: Entry): void {
    entry.timer?.cancel();
    entry.timer = undefined;
    if (entry.where === 'active') return;
    entry.where = 'active';
    this.pushActive(entry);
    this.onActive();
  }

  // --- the active heap -------------------------------------------------------------------------

  private before(a: Entry, b: Entry): boolean {
    const pa = priorityOf(a.pod);
    const pb = priorityOf(b.pod);
    return pa !== pb ? pa > pb : a.seq < b.seq;
  }

  private pushActive(entry: Entry): void {
    const heap = this.active;
    heap.push(entry);
    this.siftUp(heap.length - 1);
  }

  private popActive(): Entry | undefined {
    const heap = this.active;
    if (heap.length === 0) return undefined;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  private removeActive(entry: Entry): void {
    const i = this.active.indexOf(entry);
    if (i < 0) return;
    const last = this.active.pop()!;
    if (i < this.active.length) {
      this.active[i] = last;
      this.siftDown(i);
      this.siftUp(i);
    }
  }

  private siftUp(i: number): void {
    const heap = this.active;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const heap = this.active;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < heap.length && this.before(heap[l]!, heap[best]!)) best = l;
      if (r < heap.length && this.before(heap[r]!, heap[best]!)) best = r;
      if (best === i) return;
      [heap[i], heap[best]] = [heap[best]!, heap[i]!];
      i = best;
    }
  }
}
