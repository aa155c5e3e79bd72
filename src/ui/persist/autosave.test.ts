import { describe, expect, it } from 'vitest';
import { AT_MOST_MS, QUIET_MS, timeToSave } from './autosave';

describe('when the autosave timer saves', () => {
  it.each([
    { case: 'no key pressed yet', now: 3_000, lastKeyAt: -Infinity, lastSaveAt: 0, saves: true },
    { case: 'a pause in typing', now: 10_000, lastKeyAt: 10_000 - QUIET_MS, lastSaveAt: 7_000, saves: true },
    { case: 'a key just pressed', now: 10_000, lastKeyAt: 9_900, lastSaveAt: 7_000, saves: false },
    { case: 'typing on, but the last save is old', now: 20_000, lastKeyAt: 19_990, lastSaveAt: 20_000 - AT_MOST_MS, saves: true },
    { case: 'typing on, the last save recent enough', now: 20_000, lastKeyAt: 19_990, lastSaveAt: 20_001 - AT_MOST_MS, saves: false },
  ])('$case: $saves', ({ now, lastKeyAt, lastSaveAt, saves }) => {
    expect(timeToSave(now, lastKeyAt, lastSaveAt)).toBe(saves);
  });
});
