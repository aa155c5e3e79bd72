/**
 * Simulated time. Nothing in the engine reads the wall clock: every delay — an image pull, a probe
 * period, a back-off — is an event on this queue, so an hour of cluster life can run in well under a
 * second and a test never sleeps.
 *
 * The queue is a binary min-heap ordered by (time, insertion order), so events due at the same
 * millisecond run in the order they were scheduled: one seed, one history.
 */

/** Simulated milliseconds since the cluster was created. Never mix with wall-clock milliseconds. */
export type SimMillis = number & { readonly __brand: 'SimMillis' };

export const simMillis = (ms: number): SimMillis => ms as SimMillis;

export interface Timer {
  /** Cancels the event if it has not run yet; cancelling twice is harmless. */
  cancel(): void;
  readonly due: SimMillis;
}

export interface ScheduleOptions {
  /**
   * Background work (heartbeats, periodic resyncs) repeats forever, so it must not keep
   * `runUntilQuiet` from returning. Foreground work is everything that moves the cluster toward
   * its desired state.
   */
  background?: boolean;
}

class Entry implements Timer {
  cancelled = false;
  constructor(
    readonly due: SimMillis,
    readonly seq: number,
    readonly run: () => void,
    readonly background: boolean,
    private readonly onCancel: (e: Entry) => void,
  ) {}
  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.onCancel(this);
  }
}

const earlier = (a: Entry, b: Entry): boolean => a.due < b.due || (a.due === b.due && a.seq < b.seq);

export class Clock {
  private heap: Entry[] = [];
  private seq = 0;
  private current = 0;
  /** Live (not cancelled, not run) foreground entries: the cluster is quiet when this is zero. */
  private foreground = 0;
  /** How many events have run, for benchmarks and runaway detection. */
  executed = 0;

  /** @param epochMs wall-clock instant (Unix ms) that simulated time 0 corresponds to, for timestamps. */
  constructor(readonly epochMs = Date.UTC(2026, 0, 5, 9, 0, 0)) {}

  now(): SimMillis {
    return this.current as SimMillis;
  }

  /** RFC 3339 timestamp with second precision, as the apiserver writes metadata timestamps. */
  timestamp(at: number = this.current): string {
    return `${this.secondPrefix(at)}Z`;
  }

  /** RFC 3339 with microseconds, as used by `eventTime` and lease renew times. */
  microTimestamp(at: number = this.current): string {
    const ms = Math.floor(this.epochMs + at) % 1000;
    return `${this.secondPrefix(at)}.${String(ms).padStart(3, '0')}000Z`;
  }

  // Thousands of writes share each simulated second: format `2026-01-05T09:00:01` once per second.
  private cachedSecond = NaN;
  private cachedPrefix = '';

  private secondPrefix(at: number): string {
    const second = Math.floor((this.epochMs + at) / 1000);
    if (second !== this.cachedSecond) {
      this.cachedSecond = second;
      this.cachedPrefix = new Date(second * 1000).toISOString().slice(0, 19);
    }
    return this.cachedPrefix;
  }

  /** Parses an RFC 3339 timestamp back into simulated milliseconds. */
  toSim(timestamp: string): SimMillis {
    return (Date.parse(timestamp) - this.epochMs) as SimMillis;
  }

  schedule(delayMs: number, run: () => void, options: ScheduleOptions = {}): Timer {
    return this.at(this.current + Math.max(0, delayMs), run, options);
  }

  at(time: number, run: () => void, options: ScheduleOptions = {}): Timer {
    const due = Math.max(time, this.current) as SimMillis;
    const background = options.background ?? false;
    const entry = new Entry(due, this.seq++, run, background, this.onCancel);
    if (!background) this.foreground++;
    this.push(entry);
    return entry;
  }

  private onCancel = (entry: Entry): void => {
    if (!entry.background) this.foreground--;
  };

  /** Events still waiting (cancelled ones may be counted until they reach the top of the heap). */
  get pending(): number {
    return this.heap.length;
  }

  /** True when no foreground work is scheduled: only heartbeats and resyncs remain. */
  get quiet(): boolean {
    return this.foreground === 0;
  }

  /** Time of the next live event, or undefined when the queue is empty. */
  nextDue(): SimMillis | undefined {
    this.dropCancelled();
    return this.heap[0]?.due;
  }

  /** Runs the next event, moving time forward to it. Returns false when nothing is scheduled. */
  step(): boolean {
    this.dropCancelled();
    const entry = this.pop();
    if (!entry) return false;
    this.current = entry.due;
    entry.cancelled = true;
    if (!entry.background) this.foreground--;
    this.executed++;
    entry.run();
    return true;
  }

  /** Runs every event due within the next `ms` milliseconds, then sets the time to now + ms. */
  advance(ms: number): void {
    const until = this.current + ms;
    for (;;) {
      const due = this.nextDue();
      if (due === undefined || due > until) break;
      this.step();
    }
    this.current = until;
  }

  /**
   * Runs until only background work is left, or until `maxMs` of simulated time has passed
   * (a crash-looping pod is never quiet). Returns true if the cluster went quiet.
   */
  runUntilQuiet(maxMs = 3_600_000): boolean {
    const until = this.current + maxMs;
    while (!this.quiet) {
      const due = this.nextDue();
      if (due === undefined || due > until) break;
      this.step();
    }
    return this.quiet;
  }

  /** Runs until `predicate` holds (checked after every event) or `maxMs` pass; returns whether it held. */
  runUntil(predicate: () => boolean, maxMs = 3_600_000): boolean {
    const until = this.current + maxMs;
    while (!predicate()) {
      const due = this.nextDue();
      if (due === undefined || due > until) {
        this.current = Math.max(this.current, until);
        return predicate();
      }
      this.step();
    }
    return true;
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.pop();
  }

  private push(entry: Entry): void {
    const heap = this.heap;
    let i = heap.length;
    heap.push(entry);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (!earlier(entry, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = entry;
  }

  private pop(): Entry | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    const n = heap.length;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && earlier(heap[right]!, heap[left]!) ? right : left;
      if (!earlier(heap[child]!, last)) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = last;
    return top;
  }
}
