// Tutorial section 7's pods on a simulated cluster, through the real projection and the recorder,
// drawn as lanes: the liveness restarts, readiness failing and recovering, the postStart crash loop.
import { describe, expect, test } from 'vitest';
import { Learner, podYaml } from '../../../engine/tutorial/testkit';
import { LIVENESS_EXEC, POSTSTART } from '../../../engine/tutorial/probe-pods';
import type { PodHistory } from '../history';
import { WatchingPage } from '../testkit';
import { lanes, type Lane } from './layout';

/** The page watching the cluster, with ways to find a pod's history and lanes. */
class Page extends WatchingPage {
  pod(name: string): PodHistory {
    return [...this.history.pods.values()].find((p) => p.name === name)!;
  }

  lane(name: string, container: string): Lane {
    const pod = this.pod(name);
    return lanes(pod, { from: 0, to: this.history.at }).find((l) => l.container === container)!;
  }
}

const phases = (lane: Lane): string[] => lane.spans.map((s) => s.phase).filter((p, i, all) => p !== all[i - 1]);
const marks = (lane: Lane) => lane.marks.flatMap((group) => group.marks);
const reasons = (lane: Lane): string[] => [...new Set(marks(lane).map((m) => m.reason))];

describe('section 7 pods as lanes', () => {
  test('liveness exec: ready, Unhealthy marks, Killing, a restart (exit 137) once the grace period is over', { timeout: 60_000 }, () => {
    const learner = new Learner(21);
    const page = new Page(learner);
    learner.create(LIVENESS_EXEC);
    page.watch(90_000);
    const lane = page.lane('liveness-exec-container', 'liveness-exec-container');
    expect(phases(lane).slice(0, 2)).toEqual(['starting', 'ready']);
    expect(reasons(lane)).toEqual(expect.arrayContaining(['Pulled', 'Created', 'Started', 'Unhealthy', 'Killing']));
    expect(marks(lane).find((m) => m.reason === 'Unhealthy')).toMatchObject({ type: 'Warning', message: expect.stringMatching(/^Liveness probe failed/) });
    expect(lane.restarts[0]).toMatchObject({ count: 1, exit: { exitCode: 137, reason: 'Error' } });
    // Three failures a period apart before the kill, and the restart after the first Unhealthy.
    const unhealthy = marks(lane).filter((m) => m.reason === 'Unhealthy').reduce((n, m) => n + m.times, 0);
    expect(unhealthy).toBeGreaterThanOrEqual(3);
    expect(lane.restarts[0]!.at).toBeGreaterThan(marks(lane).find((m) => m.reason === 'Killing')!.at);
    // The pod's own lane holds the scheduler's event.
    expect(reasons(page.lane('liveness-exec-container', ''))).toContain('Scheduled');
  });

  test('postStart that fails: FailedPostStartHook, then back-off gaps growing between restarts', { timeout: 60_000 }, () => {
    const learner = new Learner(22);
    const page = new Page(learner);
    learner.create(POSTSTART);
    page.watch(120_000);
    const lane = page.lane('poststart-pod', 'busybox-httpd');
    expect(reasons(lane)).toEqual(expect.arrayContaining(['Started', 'FailedPostStartHook', 'Killing', 'BackOff']));
    expect(phases(lane)).toContain('error');
    const gaps = lane.spans.filter((s) => s.phase === 'backoff').map((s) => s.to - s.from);
    expect(gaps.length).toBeGreaterThanOrEqual(2);
    // The kubelet doubles its wait: 10 s, 20 s, 40 s… (each seen to within a frame or two).
    expect(gaps[1]!).toBeGreaterThan(gaps[0]! * 1.5);
    expect(lane.restarts.length).toBeGreaterThanOrEqual(2);
    expect(lane.restarts[0]!.exit).toEqual({ reason: 'Error', exitCode: 1 });
  });

  test('readiness httpGet: ready, not ready while index.html is gone (Unhealthy 404), ready again', { timeout: 60_000 }, () => {
    const learner = new Learner(23);
    const page = new Page(learner);
    learner.create(
      podYaml(
        'readiness-httpget-container',
        `  - name: readiness-httpget-container
    image: nginx:1.20
    ports:
    - name: http
      containerPort: 80
    imagePullPolicy: IfNotPresent
    readinessProbe:
      httpGet:
        port: http
        path: /index.html
      initialDelaySeconds: 2
      periodSeconds: 3`,
      ),
    );
    page.watch(30_000);
    expect(learner.exec('readiness-httpget-container', ['rm', '-rf', '/usr/share/nginx/html/index.html']).code).toBe(0);
    page.watch(15_000);
    expect(learner.exec('readiness-httpget-container', ['sh', '-c', 'echo readiness-httpget-container > /usr/share/nginx/html/index.html']).code).toBe(0);
    page.watch(10_000);
    const lane = page.lane('readiness-httpget-container', 'readiness-httpget-container');
    expect(phases(lane)).toEqual(['starting', 'running', 'ready', 'running', 'ready']);
    expect(marks(lane).find((m) => m.reason === 'Unhealthy')?.message).toMatch(/^Readiness probe failed: HTTP probe failed with statuscode: 404/);
    expect(lane.restarts).toEqual([]);
  });
});
