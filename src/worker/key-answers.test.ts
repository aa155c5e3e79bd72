import { describe, expect, test } from 'vitest';
import { Cluster } from '../engine/cluster/cluster';
import { openSession } from '../userland/session';
import { KeyAnswers, wallMsUntilNext } from './key-answers';
import { OutputQueue } from './output-queue';
import { paceWithWallClock } from './pacer';

const FRAME_MS = 16;

/**
 * A terminal on master01 answered as the worker answers it, on a wall clock the test moves: what
 * the page would receive before the worker's next frame is in `sent`, one entry per message.
 */
function terminal(speed = 1) {
  const cluster = Cluster.create({ workers: 1, seed: 7 });
  const session = openSession(cluster, { node: 'master01', cols: 120, rows: 40 });
  const output = new OutputQueue();
  session.onOutput((ansi) => output.push(ansi));
  cluster.clock.runUntil(() => session.waitingForInput, 60_000);
  output.take();

  let wall = 0;
  const wakes: { at: number; run: () => void }[] = [];
  const tick = paceWithWallClock(cluster.clock, { now: () => wall, speed: () => speed });
  const sent: string[] = [];
  const answers = new KeyAnswers(
    {
      catchUp: () => tick(),
      wallMsUntilNext: () => wallMsUntilNext(cluster.clock, speed),
      wallNow: () => wall,
      wake: (run, ms) => wakes.push({ at: wall + ms, run }),
      frameMs: FRAME_MS,
    },
    session,
    () => {
      const text = output.take();
      if (text) sent.push(text);
    },
  );
  return {
    cluster,
    output,
    sent,
    type(keys: string) {
      session.type(keys);
      answers.answer();
    },
    /** Lets `ms` of wall time pass, waking the answers when they asked to be woken. */
    wait(ms: number) {
      const end = wall + ms;
      for (;;) {
        wakes.sort((a, b) => a.at - b.at);
        if (!wakes.length || wakes[0]!.at > end) break;
        const wake = wakes.shift()!;
        wall = wake.at;
        wake.run();
      }
      wall = end;
    },
  };
}

describe('KeyAnswers', () => {
  test('at the prompt, each key is echoed at once', () => {
    const t = terminal();
    t.type('k');
    t.type('u');
    expect(t.sent).toEqual(['k', 'u']);
  });

  test("Enter on `kubectl get pods`: the echo and kubectl's table reach the page together, before the next frame", () => {
    const t = terminal();
    t.type('kubectl run web --image=nginx\r');
    t.wait(FRAME_MS - 1);
    t.sent.length = 0;
    t.cluster.clock.advance(60_000);
    t.output.take();

    t.type('kubectl get pods');
    t.sent.length = 0;
    t.type('\r');
    expect(t.sent).toEqual([]);
    t.wait(FRAME_MS - 1);
    expect(t.sent).toHaveLength(1);
    expect(t.sent[0]).toMatch(/^\r\n.*NAME +READY +STATUS +RESTARTS +AGE\r\nweb +1\/1 +Running +0 +60s\r\n.*# $/s);
  });

  test('Enter on a command that takes longer than a frame (`sleep 5`): its echo is left to the frame', () => {
    const t = terminal();
    t.type('sleep 5');
    t.type('\r');
    t.wait(FRAME_MS - 1);
    expect(t.sent).toEqual(['sleep 5']);
    expect(t.output.take()).toMatch(/^\r\n/);
  });

  test('paused, time stands still: Enter on `kubectl get pods` is left to the frame, which sends its echo', () => {
    const t = terminal(0);
    t.type('kubectl get pods');
    t.type('\r');
    t.wait(FRAME_MS - 1);
    expect(t.sent).toEqual(['kubectl get pods']);
    expect(t.output.take()).toMatch(/^\r\n/);
  });

  test.each([
    [100, 106, 1, 6],
    [100, 106, 2, 3],
    [100, 107, 2, 4],
    [100, 100, 1, 1],
    [100, 106, 0, undefined],
    [100, undefined, 1, undefined],
  ])('clock at %i, next event at %s, speed %i: wake in %s wall ms', (now, due, speed, wait) => {
    expect(wallMsUntilNext({ now: () => now, nextDue: () => due }, speed)).toBe(wait);
  });
});
