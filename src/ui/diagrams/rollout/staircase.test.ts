// The whole path on a simulated cluster: kubectl set image, the worker's projection batched per
// frame, the store's apply, the recorder, the rollout columns — the staircase a learner watches.
import { describe, expect, test } from 'vitest';
import { Learner } from '../../../engine/tutorial/testkit';
import { WatchingPage } from '../testkit';
import { keptReplicaSets, rolloutColumns } from './layout';

/** The page watching the cluster, with a way to find a Deployment's view. */
class Page extends WatchingPage {
  deployment(name: string) {
    return [...this.maps.Deployment.values()].find((d) => d.name === name)!;
  }
}

describe('the rollout of kubectl set image, recorded from the projection', () => {
  test('the new ReplicaSet climbs 0→3 while the old one falls 3→0, never above replicas + maxSurge', { timeout: 60_000 }, () => {
    const learner = new Learner(11);
    const page = new Page(learner);
    expect(learner.onNode('master01', 'kubectl create deployment nginx --image=nginx --replicas=3').code).toBe(0);
    page.frames(() => page.deployment('nginx')?.available === 3);

    const rolloutStart = learner.now;
    expect(learner.onNode('master01', 'kubectl set image deployment/nginx nginx=nginx:1.25').output).toBe('deployment.apps/nginx image updated\n');
    page.frames(() => {
      const d = page.deployment('nginx');
      return d.revision === '2' && d.updated === 3 && d.available === 3 && d.current === 3;
    });

    const d = page.history.deployments.get(page.deployment('nginx').uid)!;
    const kept = keptReplicaSets(d.uid, page.history.replicaSets.values());
    expect(kept.map((rs) => [rs.revision, rs.images])).toEqual([
      ['1', ['nginx']],
      ['2', ['nginx:1.25']],
    ]);
    // The columns of the rollout, from the last one before it (the ones before that are the deployment's creation).
    const all = rolloutColumns(d, kept, 1000);
    const columns = all.slice(Math.max(0, all.findIndex((c) => c.at >= rolloutStart) - 1));
    const count = (revision: string) => columns.map((c) => c.segments.find((s) => s.revision === revision)?.current ?? 0);

    // A staircase: each count moves one way only, by steps, from where it started to where it ends.
    const steps = (counts: number[]) => counts.filter((n, i) => i === 0 || n !== counts[i - 1]);
    const oldSteps = steps(count('1'));
    const newSteps = steps(count('2'));
    expect(oldSteps[0]).toBe(3);
    expect(oldSteps.at(-1)).toBe(0);
    expect(newSteps[0]).toBe(0);
    expect(newSteps.at(-1)).toBe(3);
    expect(oldSteps).toEqual([...oldSteps].sort((a, b) => b - a));
    expect(newSteps).toEqual([...newSteps].sort((a, b) => a - b));
    // More than one step each: the frames saw the rollout happen, not just its end.
    expect(oldSteps.length).toBeGreaterThan(2);
    expect(newSteps.length).toBeGreaterThan(2);

    // 3 replicas with the default 25%/25%: at most 4 pods, at least 3 available, at every step.
    for (const c of columns) {
      expect(c.bounds).toMatchObject({ maxPods: 4, minAvailable: 3 });
      expect(c.total).toBeLessThanOrEqual(4);
      expect(c.available).toBeGreaterThanOrEqual(3);
    }
  });
});
