import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { simMillis } from '../../sim/clock';
import {
  type BackoffEntry,
  CONTAINER_RESTART_BACKOFF,
  IMAGE_PULL_BACKOFF,
  bumpBackoff,
  crashLoopBackOffEventMessage,
  crashLoopBackOffMessage,
  decideRestart,
  imagePullBackOffMessage,
  isInBackOffSinceUpdate,
} from './backoff';

const pod = { name: 'crashy', namespace: 'default', uid: 'a1b2' };

/**
 * Drives decideRestart like the kubelet's sync loop: a container that exits `runMs` after each
 * start, and a sync every `syncMs`. Returns the waits between exit and restart, in seconds.
 */
function simulateCrashLoop(restarts: number, runMs: number, syncMs = 1): number[] {
  let entry: BackoffEntry | undefined;
  let now = 0;
  const waits: number[] = [];
  while (waits.length < restarts) {
    now += runMs; // the container runs, then exits
    const finishedAt = simMillis(now);
    for (;;) {
      const d = decideRestart(entry, finishedAt, simMillis(now));
      if (d.kind === 'restart') {
        entry = d.entry;
        waits.push((now - finishedAt) / 1000);
        break;
      }
      now = Math.max(now + syncMs, d.until);
    }
  }
  return waits;
}

describe('container restart back-off', () => {
  it('waits 0, 10, 20, 40, 80, 160, 300, 300 s between restarts', () => {
    expect(simulateCrashLoop(8, 1000)).toEqual([0, 10, 20, 40, 80, 160, 300, 300]);
  });

  it('starts over after a run of more than 10 min since the last bump', () => {
    expect(simulateCrashLoop(4, 601_000)).toEqual([0, 0, 0, 0]);
    // 9 min runs keep the entry alive, so the windows keep doubling.
    expect(simulateCrashLoop(4, 540_000)).toEqual([0, 10, 20, 40]);
  });

  it.each([
    [10_000, 'back-off 10s restarting failed container=app pod=crashy_default(a1b2)'],
    [20_000, 'back-off 20s restarting failed container=app pod=crashy_default(a1b2)'],
    [80_000, 'back-off 1m20s restarting failed container=app pod=crashy_default(a1b2)'],
    [160_000, 'back-off 2m40s restarting failed container=app pod=crashy_default(a1b2)'],
    [300_000, 'back-off 5m0s restarting failed container=app pod=crashy_default(a1b2)'],
  ])('CrashLoopBackOff message for a %d ms window', (ms, text) => {
    expect(crashLoopBackOffMessage(ms, 'app', pod)).toBe(text);
  });

  it('reports the window it is waiting out', () => {
    const entry = bumpBackoff(CONTAINER_RESTART_BACKOFF, undefined, simMillis(0), simMillis(0));
    const d = decideRestart(entry, simMillis(5000), simMillis(6000));
    expect(d).toEqual({ kind: 'wait', until: 15_000, backoffMs: 10_000 });
    expect(crashLoopBackOffEventMessage('app', pod)).toBe('Back-off restarting failed container app in pod crashy_default(a1b2)');
  });

  it('never waits longer than the cap (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 700_000 }), { minLength: 1, maxLength: 30 }), (runs) => {
        let entry: BackoffEntry | undefined;
        let now = 0;
        for (const run of runs) {
          now += run;
          const d = decideRestart(entry, simMillis(now), simMillis(now));
          if (d.kind === 'restart') entry = d.entry;
          else {
            expect(d.backoffMs).toBeLessThanOrEqual(300_000);
            expect(d.backoffMs).toBeGreaterThanOrEqual(10_000);
          }
        }
      }),
    );
  });
});

describe('image pull back-off', () => {
  it('retries a failing pull after 10, 20, 40 … 300 s', () => {
    let entry: BackoffEntry | undefined;
    let now = 0;
    const retries: number[] = [];
    let lastPull = 0;
    while (retries.length < 7) {
      if (!isInBackOffSinceUpdate(IMAGE_PULL_BACKOFF, entry, simMillis(now))) {
        if (entry !== undefined) retries.push((now - lastPull) / 1000);
        lastPull = now; // pull attempt fails at once
        entry = bumpBackoff(IMAGE_PULL_BACKOFF, entry, simMillis(now), simMillis(now));
      }
      now += 1000;
    }
    expect(retries).toEqual([10, 20, 40, 80, 160, 300, 300]);
    expect(imagePullBackOffMessage('nginx:1.999')).toBe('Back-off pulling image "nginx:1.999"');
  });
});
