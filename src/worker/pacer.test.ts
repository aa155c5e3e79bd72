import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { Clock } from '../engine/sim/clock';
import { paceWithWallClock } from './pacer';

/** A wall clock the test moves, and a simulated clock whose events may cost wall time. */
function rig(costPerAdvanceMs = 0, speed = () => 1) {
  let wall = 0;
  let sim = 0;
  const clock = {
    advance(ms: number) {
      sim += ms;
      wall += costPerAdvanceMs;
    },
  };
  const tick = paceWithWallClock(clock, { now: () => wall, speed, budgetMs: 12, sliceMs: 5, maxStepMs: 1000 });
  return { tick, wait: (ms: number) => (wall += ms), sim: () => sim };
}

describe('paceWithWallClock', () => {
  test('an idle cluster follows the wall clock exactly, fractions carried over', () => {
    const r = rig();
    for (let i = 0; i < 60; i++) {
      r.wait(16.5);
      r.tick();
    }
    expect(r.sim()).toBe(990);
  });

  test('a busy cluster stops at the budget and drops the rest instead of owing it', () => {
    const r = rig(4); // every 5 ms slice costs 4 ms of wall time: three slices fit in 12 ms
    r.wait(100);
    expect(r.tick()).toBe(15);
    r.wait(16);
    expect(r.tick()).toBe(15);
    expect(r.sim()).toBe(30);
  });

  test('a long pause (a background tab) advances at most one step', () => {
    const r = rig();
    r.wait(3_600_000);
    expect(r.tick()).toBe(1000);
  });

  test.each([
    [0, 0],
    [1, 1000],
    [2, 2000],
    [5, 5000],
    [10, 10_000],
    [60, 60_000],
  ])('at speed %i, a wall second of 16 ms frames is %i simulated ms', (speed, expected) => {
    const r = rig(0, () => speed);
    for (let i = 0; i < 62; i++) {
      r.wait(16);
      r.tick();
    }
    r.wait(8);
    r.tick();
    expect(r.sim()).toBe(expected);
  });

  test('a speed change applies from the next tick', () => {
    let speed = 1;
    const r = rig(0, () => speed);
    r.wait(100);
    r.tick();
    speed = 0;
    r.wait(100);
    expect(r.tick()).toBe(0);
    speed = 60;
    r.wait(100);
    expect(r.tick()).toBe(6000);
    expect(r.sim()).toBe(6100);
  });

  test('at 60× a costly cluster falls behind: the pace reached is what the budget allows', () => {
    const r = rig(1, () => 60); // each 5 ms slice costs 1 ms of wall time: 12 slices a tick
    r.wait(16);
    expect(r.tick()).toBe(60);
  });

  test('paused, events due now still run (a keystroke wakes the shell) but time stands still', () => {
    let wall = 0;
    const clock = new Clock();
    const tick = paceWithWallClock(clock, { now: () => wall, speed: () => 0 });
    const ran: string[] = [];
    clock.schedule(0, () => ran.push('echo'));
    clock.schedule(5000, () => ran.push('sleep 5 done'));
    wall += 60_000;
    tick();
    expect(ran).toEqual(['echo']);
    expect(clock.now()).toBe(0);
  });

  test('property: without cost, simulated time = wall time × speed (whole ms, fractions carried)', () => {
    fc.assert(
      fc.property(fc.constantFrom(1, 2, 5, 10, 60), fc.array(fc.double({ min: 0, max: 50, noNaN: true }), { maxLength: 40 }), (speed, waits) => {
        const r = rig(0, () => speed);
        for (const w of waits) {
          r.wait(w);
          r.tick();
        }
        const exact = waits.reduce((a, b) => a + b, 0) * speed;
        expect(r.sim()).toBeLessThanOrEqual(exact + 1e-6);
        expect(r.sim()).toBeGreaterThan(exact - 1);
      }),
    );
  });
});
