import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Clock } from './clock';

describe('Clock', () => {
  it('runs events in time order, and same-time events in scheduling order', () => {
    const clock = new Clock();
    const seen: string[] = [];
    clock.schedule(20, () => seen.push('b@20'));
    clock.schedule(10, () => seen.push('a@10'));
    clock.schedule(20, () => seen.push('c@20'));
    clock.runUntilQuiet();
    expect(seen).toEqual(['a@10', 'b@20', 'c@20']);
    expect(clock.now()).toBe(20);
  });

  it('advance() stops at the horizon and leaves later events pending', () => {
    const clock = new Clock();
    const seen: number[] = [];
    clock.schedule(500, () => seen.push(clock.now()));
    clock.schedule(1500, () => seen.push(clock.now()));
    clock.advance(1000);
    expect(seen).toEqual([500]);
    expect(clock.now()).toBe(1000);
    expect(clock.quiet).toBe(false);
  });

  it('cancelled timers never run and do not keep the clock busy', () => {
    const clock = new Clock();
    let ran = false;
    const timer = clock.schedule(100, () => (ran = true));
    timer.cancel();
    timer.cancel();
    expect(clock.quiet).toBe(true);
    expect(clock.runUntilQuiet()).toBe(true);
    expect(ran).toBe(false);
  });

  it('background work repeats forever without blocking runUntilQuiet', () => {
    const clock = new Clock();
    let beats = 0;
    const beat = (): void => {
      beats++;
      clock.schedule(10_000, beat, { background: true });
    };
    beat();
    let done = false;
    clock.schedule(35_000, () => (done = true));
    expect(clock.runUntilQuiet()).toBe(true);
    expect(done).toBe(true);
    expect(beats).toBe(4);
  });

  it('timestamps are RFC 3339 in UTC from the epoch', () => {
    const clock = new Clock(Date.UTC(2024, 0, 9, 10, 22, 1));
    clock.advance(61_500);
    expect(clock.timestamp()).toBe('2024-01-09T10:23:02Z');
    expect(clock.toSim('2024-01-09T10:23:02Z')).toBe(61_000);
  });

  it('property: any schedule runs in nondecreasing time, each event exactly once', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(10_000), fc.boolean()), { maxLength: 200 }), (plan) => {
        const clock = new Clock();
        const ran: number[] = [];
        const timers = plan.map(([delay], i) => clock.schedule(delay, () => ran.push(i)));
        plan.forEach(([, cancel], i) => cancel && timers[i]!.cancel());
        clock.runUntilQuiet();
        const expected = plan.map((p, i) => ({ i, delay: p[0], cancel: p[1] })).filter((p) => !p.cancel);
        expected.sort((a, b) => a.delay - b.delay || a.i - b.i);
        expect(ran).toEqual(expected.map((p) => p.i));
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('Clock timestamps', () => {
  it('formats seconds and microseconds, including across second boundaries and back in time', () => {
    const clock = new Clock(Date.UTC(2024, 0, 9, 10, 22, 1, 250));
    expect(clock.timestamp()).toBe('2024-01-09T10:22:01Z');
    expect(clock.microTimestamp()).toBe('2024-01-09T10:22:01.250000Z');
    expect(clock.microTimestamp(760)).toBe('2024-01-09T10:22:02.010000Z');
    expect(clock.timestamp(760)).toBe('2024-01-09T10:22:02Z');
    expect(clock.timestamp(0)).toBe('2024-01-09T10:22:01Z');
    expect(clock.microTimestamp(3_600_000 - 250)).toBe('2024-01-09T11:22:01.000000Z');
  });
});
