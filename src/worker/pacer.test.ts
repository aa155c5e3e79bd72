import { describe, expect, test } from 'vitest';
import { paceWithWallClock } from './pacer';

/** A wall clock the test moves, and a simulated clock whose events may cost wall time. */
function rig(costPerAdvanceMs = 0) {
  let wall = 0;
  let sim = 0;
  const clock = {
    advance(ms: number) {
      sim += ms;
      wall += costPerAdvanceMs;
    },
  };
  const tick = paceWithWallClock(clock, { now: () => wall, budgetMs: 12, sliceMs: 5, maxStepMs: 1000 });
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
});
