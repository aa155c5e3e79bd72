/** Shared by this folder's tests: a clock and a row context at a chosen simulated instant. */
import { Clock } from '../../sim/clock';
import type { RowContext } from './columns';
import { sinceWall, wallNow } from './duration';

export const testClock = new Clock();

export function rowContext(nowSim: number): RowContext {
  const nowWall = wallNow(testClock, nowSim);
  return { nowWall, age: (t) => sinceWall(t, nowWall) };
}

/** RFC 3339 timestamp `simMs` into the cluster's life. */
export const at = (simMs: number): string => testClock.timestamp(simMs);
