/**
 * The traffic diagram's feed: the network's events, gathered only while the page shows the
 * diagram (the network builds none while nobody observes) and sent once a frame. A `while` loop
 * of curls makes hundreds a second at 60×; past MAX_EVENTS_PER_FRAME a frame sends only a count.
 */
import type { TrafficEvent } from '../engine/runtime/process';

export const MAX_EVENTS_PER_FRAME = 20;

/** What `Network.observe` offers; a fake in tests. */
export interface TrafficSource {
  observe(listener: (event: TrafficEvent) => void): () => void;
}

export interface TrafficBatch {
  events: TrafficEvent[];
  /** Events over the frame's cap, not sent. */
  dropped: number;
}

export class TrafficStream {
  private events: TrafficEvent[] = [];
  private dropped = 0;
  private stop: (() => void) | undefined;

  constructor(private readonly source: TrafficSource) {}

  /** Observes the network while `on`; hiding the diagram forgets what was not sent yet. */
  show(on: boolean): void {
    if (on && !this.stop) this.stop = this.source.observe((event) => this.push(event));
    if (!on && this.stop) {
      this.stop();
      this.stop = undefined;
      this.events = [];
      this.dropped = 0;
    }
  }

  /** This frame's events, or undefined when there were none. */
  take(): TrafficBatch | undefined {
    if (this.events.length === 0 && this.dropped === 0) return undefined;
    const batch = { events: this.events, dropped: this.dropped };
    this.events = [];
    this.dropped = 0;
    return batch;
  }

  private push(event: TrafficEvent): void {
    if (this.events.length < MAX_EVENTS_PER_FRAME) this.events.push(event);
    else this.dropped++;
  }
}
