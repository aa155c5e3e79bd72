import { describe, expect, test } from 'vitest';
import { Clock } from '../engine/sim/clock';
import { fastForwardUntilQuiet, stepToNextEvent } from './time-control';

describe('stepToNextEvent', () => {
  test('jumps to the next event and runs everything due at that instant, nothing later', () => {
    const clock = new Clock();
    const ran: string[] = [];
    clock.schedule(300, () => ran.push('a'));
    clock.schedule(300, () => ran.push('b'));
    clock.schedule(900, () => ran.push('c'));
    expect(stepToNextEvent(clock)).toBe(300);
    expect(ran).toEqual(['a', 'b']);
    expect(stepToNextEvent(clock)).toBe(900);
    expect(ran).toEqual(['a', 'b', 'c']);
  });

  test('a background event is an event too; an empty queue leaves time alone', () => {
    const clock = new Clock();
    clock.schedule(10_000, () => {}, { background: true });
    expect(stepToNextEvent(clock)).toBe(10_000);
    expect(stepToNextEvent(clock)).toBeUndefined();
    expect(clock.now()).toBe(10_000);
  });

  test('a cancelled event is skipped', () => {
    const clock = new Clock();
    clock.schedule(100, () => {}).cancel();
    clock.schedule(200, () => {});
    expect(stepToNextEvent(clock)).toBe(200);
  });
});

/** A wall clock where every simulated event costs `cost` wall ms. */
function costly(clock: Clock, cost: number) {
  let wall = 0;
  const step = clock.step.bind(clock);
  clock.step = () => {
    wall += cost;
    return step();
  };
  return () => wall;
}

describe('fastForwardUntilQuiet', () => {
  test('runs foreground work to the end across frames, leaving later heartbeats alone', () => {
    const clock = new Clock();
    const done: number[] = [];
    // A chain of 20 pulls, 30 s apart, and a heartbeat every 10 s forever.
    const pull = (n: number) => clock.schedule(30_000, () => (done.push(clock.now()), n > 1 && pull(n - 1)));
    pull(20);
    const beat = () => clock.schedule(10_000, beat, { background: true });
    beat();
    const ff = fastForwardUntilQuiet(clock, { now: costly(clock, 1), budgetMs: 12 });
    const states = [];
    for (let frame = 0; frame < 100; frame++) {
      const state = ff();
      states.push(state);
      if (state !== 'running') break;
    }
    expect(states.at(-1)).toBe('quiet');
    expect(states.length).toBeGreaterThan(2); // it took several frames: the page was never blocked
    expect(done).toHaveLength(20);
    expect(clock.now()).toBe(600_000);
  });

  test('a crash loop is never quiet: it stops at the cap, with time standing at the cap', () => {
    const clock = new Clock();
    const restart = () => clock.schedule(40_000, restart);
    restart();
    const ff = fastForwardUntilQuiet(clock, { now: () => 0, capMs: 600_000 });
    expect(ff()).toBe('capped');
    expect(clock.now()).toBe(600_000);
    expect(clock.quiet).toBe(false);
  });

  test('a command still running in a terminal is waited for, though its sleep is a background timer', () => {
    const clock = new Clock();
    let commandDone = false;
    clock.schedule(30_000, () => (commandDone = true), { background: true });
    clock.schedule(60_000, () => {}, { background: true }); // the next heartbeat
    const ff = fastForwardUntilQuiet(clock, { now: () => 0, idle: () => commandDone });
    expect(ff()).toBe('quiet');
    expect(commandDone).toBe(true);
    expect(clock.now()).toBe(30_000);
  });

  test('an already quiet cluster is quiet at once, time unchanged', () => {
    const clock = new Clock();
    clock.schedule(10_000, () => {}, { background: true });
    expect(fastForwardUntilQuiet(clock, { now: () => 0 })()).toBe('quiet');
    expect(clock.now()).toBe(0);
  });
});
