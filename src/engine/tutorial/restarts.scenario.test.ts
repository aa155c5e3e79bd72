/**
 * Restart back-off as a learner watches it in `kubectl get pods -w`: the waits between restarts
 * double while a container keeps failing soon after it starts, and the slate is wiped once it has
 * run well for ten minutes (twice the 5-minute cap): its next crash is restarted at once again.
 */
import { describe, expect, it } from 'vitest';
import { Learner, podYaml } from './testkit';

const failingAfter = (seconds: number): string => podYaml('flaky', `  - name: flaky
    image: busybox
    command: ["sh", "-c", "sleep ${seconds}; exit 1"]
`);

/** Simulated ms between one exit of the container and the start of the next instance. */
function waitsBetweenRestarts(l: Learner, restarts: number): number[] {
  const waits: number[] = [];
  let seen = 0;
  l.waitFor(`${restarts} restarts`, () => {
    const status = l.must('flaky').pod.status?.containerStatuses?.[0];
    const count = status?.restartCount ?? 0;
    if (count > seen && status?.state?.running) {
      seen = count;
      const finished = l.cluster.clock.toSim(status.lastState!.terminated!.finishedAt!);
      waits.push(l.cluster.clock.toSim(status.state.running.startedAt!) - finished);
    }
    return seen >= restarts;
  }, 3 * 3_600_000);
  return waits;
}

describe('crash back-off', () => {
  it('doubles while the container keeps failing after 100 s', () => {
    const l = new Learner();
    l.create(failingAfter(100));
    const waits = waitsBetweenRestarts(l, 4);
    // Restarted at once, then after 10 s, 20 s, 40 s (plus the pod worker's 10–15 s re-sync).
    expect(waits[0]).toBeLessThan(5_000);
    for (const [i, backOff] of [10_000, 20_000, 40_000].entries()) {
      expect(waits[i + 1]).toBeGreaterThanOrEqual(backOff);
      expect(waits[i + 1]).toBeLessThan(backOff + 16_000);
    }
  });

  it('forgets the back-off after ten minutes of good running: every crash is restarted at once', () => {
    const l = new Learner();
    l.create(failingAfter(700));
    const waits = waitsBetweenRestarts(l, 4);
    for (const wait of waits) expect(wait).toBeLessThan(5_000);
  });
});
