// engine.events_per_s: raw speed of the simulated clock's event queue with 10,000 timers pending.
import { performance } from 'node:perf_hooks';
import { Clock } from '../src/engine/sim/clock';
import type { BenchCase } from './harness';

export const eventsPerSecond: BenchCase = {
  name: 'engine.events_per_s',
  unit: 'events/s',
  budget: { min: 2_000_000 },
  measure() {
    let best = 0;
    for (let round = 0; round < 4; round++) {
      const clock = new Clock();
      // Each timer reschedules itself a pseudo-random distance ahead, like probes and back-offs do.
      let x = 12345;
      const tick = (): void => {
        x = (Math.imul(x, 1103515245) + 12345) >>> 0;
        clock.schedule(1 + (x % 10_000), tick);
      };
      for (let i = 0; i < 10_000; i++) clock.schedule(i % 10_000, tick);
      const events = 1_000_000;
      const start = performance.now();
      for (let i = 0; i < events; i++) clock.step();
      const seconds = (performance.now() - start) / 1000;
      if (round > 0) best = Math.max(best, events / seconds);
    }
    return Math.round(best);
  },
};
