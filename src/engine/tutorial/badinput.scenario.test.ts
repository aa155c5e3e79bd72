/**
 * Mistakes a learner makes on the node side, each ending in the state and events a real node
 * shows — and none of them stopping the rest of the cluster.
 */
import { describe, expect, it } from 'vitest';
import { Learner, podYaml as pod } from './testkit';

describe('bad input on the node', () => {
  it('an image name typo: ErrImagePull, then ImagePullBackOff with the registry error', () => {
    const l = new Learner();
    l.create(pod('typo', '  - name: web\n    image: nginxx\n'));
    l.waitFor('ErrImagePull', () => l.must('typo').row.status === 'ErrImagePull', 30_000);
    l.waitFor('ImagePullBackOff', () => l.must('typo').row.status === 'ImagePullBackOff', 30_000);
    const events = l.events('typo').map((e) => `${e.type} ${e.reason}: ${e.message}`);
    expect(events).toEqual(expect.arrayContaining([
      'Normal Pulling: Pulling image "nginxx"',
      expect.stringMatching(/^Warning Failed: Failed to pull image "nginxx": .*docker\.io\/library\/nginxx:latest.*pull access denied, repository does not exist or may require authorization/),
      'Warning Failed: Error: ErrImagePull',
      'Normal BackOff: Back-off pulling image "nginxx"',
      'Warning Failed: Error: ImagePullBackOff',
    ]));
    const waiting = l.must('typo').pod.status?.containerStatuses?.[0]?.state?.waiting;
    expect(waiting).toEqual({ reason: 'ImagePullBackOff', message: 'Back-off pulling image "nginxx"' });
  });

  it('a postStart hook whose command does not exist: FailedPostStartHook, killed, restarted with back-off', () => {
    const l = new Learner();
    l.create(pod('nohook', '  - name: app\n    image: busybox\n    command: ["sleep", "3600"]\n    lifecycle:\n      postStart:\n        exec:\n          command: ["/bin/nosuch"]\n'));
    l.waitFor('two restarts', () => l.must('nohook').row.restarts >= 2, 120_000);
    const reasons = l.events('nohook').map((e) => `${e.reason}: ${e.message}`);
    expect(reasons).toEqual(expect.arrayContaining(['FailedPostStartHook: PostStartHook failed', 'Killing: FailedPostStartHook']));
    expect(reasons.some((r) => r.startsWith('BackOff: Back-off restarting failed container app in pod nohook_default('))).toBe(true);
  });

  it('a command that does not exist: StartError with runc\'s message, then CrashLoopBackOff', () => {
    const l = new Learner();
    l.create(pod('nocmd', '  - name: app\n    image: busybox\n    command: ["sleeep", "3600"]\n'));
    l.waitFor('a restart', () => l.must('nocmd').row.restarts >= 1, 60_000);
    const last = l.must('nocmd').pod.status?.containerStatuses?.[0]?.lastState?.terminated;
    expect(last).toMatchObject({ exitCode: 128, reason: 'StartError' });
    expect(last?.message).toMatch(/exec: "sleeep": executable file not found in \$PATH: unknown$/);
  });

  it("a fork loop fills the container's pids limit; simulated time goes on and the node keeps running other pods", () => {
    const l = new Learner();
    l.create(pod('bomb', '  - name: bomb\n    image: busybox\n    command: ["sh", "-c", "f() { f | f & }; f; sleep 3600"]\n'));
    l.waitFor('the bomb running', () => l.must('bomb').row.status === 'Running', 60_000);
    const node = l.must('bomb').pod.spec!.nodeName!;
    l.wait(2_000);
    expect(l.must('bomb').row).toMatchObject({ status: 'Running', restarts: 0 });
    expect(l.logs('bomb').text).toContain("sh: can't fork: Resource temporarily unavailable\n");
    l.create(pod('neighbour', '  - name: web\n    image: nginx\n').replace('spec:\n', `spec:\n  nodeName: ${node}\n`));
    l.waitFor('the neighbour ready', () => l.pod('neighbour')?.row.ready === 1, 60_000);
  });
});
