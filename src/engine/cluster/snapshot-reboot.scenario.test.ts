/**
 * What `kubectl get pods -A` shows after a restore, which is a reboot of every node. Upstream's
 * kubelet (v1.30, pkg/kubelet/kuberuntime) counts a container's restarts from containerd's record of
 * the last container of that name in the pod, which survives a reboot: each container that comes
 * back is that attempt + 1 — static pods too, whose uid is their manifest's hash, the same after the
 * reboot. A new sandbox purges the pod's init containers, logs and all, before the first one runs
 * again: the first counts on from the status read before the purge, the others find nothing to
 * count from and start at 0.
 */
import { describe, expect, it } from 'vitest';
import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1';
import { resourceFor } from '../api/resources';
import { Learner } from '../tutorial/testkit';
import { restoreCluster, takeSnapshot } from './snapshot';
import { validateSnapshot } from './snapshot-validate';

const WITH_INIT = `
apiVersion: v1
kind: Pod
metadata: {name: setup, namespace: default}
spec:
  initContainers:
  - {name: fetch, image: busybox, command: [sh, -c, 'echo fetched']}
  - {name: migrate, image: busybox, command: [sh, -c, 'echo migrated']}
  containers:
  - {name: app, image: busybox, command: [sleep, '3600']}
`;

/** NAMESPACE NAME READY STATUS RESTARTS, without the ages. */
const table = (learner: Learner): string[] =>
  learner
    .onNode('master01', 'kubectl get pods -A --no-headers')
    .output.trim()
    .split('\n')
    .map((line) => line.split(/\s+/).slice(0, 5).join(' '));

const initStatuses = (learner: Learner): ContainerStatus[] => learner.must('setup').pod.status!.initContainerStatuses!;

describe('restart counts after a restore (a reboot of every node)', () => {
  const before = new Learner(11);
  before.create(WITH_INIT);
  before.onNode('master01', 'kubectl create deployment web --image=nginx --replicas=2');
  before.cluster.clock.runUntilQuiet(600_000);
  const checked = validateSnapshot(JSON.parse(JSON.stringify(takeSnapshot(before.cluster))));
  if (!checked.ok) throw new Error(JSON.stringify(checked.problem));
  const after = new Learner(restoreCluster(checked.snapshot));
  after.cluster.clock.runUntilQuiet(600_000);

  it('every pod that was running comes back Running with one restart more — static pods, DaemonSet pods and the rest', () => {
    const rows = table(before);
    expect(rows.every((row) => / 1\/1 Running 0$/.test(row) || / 2\/2 Running 0$/.test(row)), rows.join('\n')).toBe(true);
    expect(table(after)).toEqual(rows.map((row) => row.replace(/ 0$/, ' 1')));
    // The control plane's static pods are among them.
    expect(rows.filter((row) => row.startsWith('kube-system ') && row.endsWith('-master01 1/1 Running 0')).map((row) => row.split(' ')[1])).toEqual([
      'etcd-master01',
      'kube-apiserver-master01',
      'kube-controller-manager-master01',
      'kube-scheduler-master01',
    ]);
  });

  it("a static pod's mirror shows the run the reboot cut short, as any pod does", () => {
    const mirror = after.cluster.client().get<Pod>(resourceFor('', 'pods')!, 'kube-system', 'etcd-master01');
    expect(mirror.ok).toBe(true);
    if (!mirror.ok) return;
    const etcd = mirror.value.status!.containerStatuses![0]!;
    expect([etcd.restartCount, etcd.state?.running !== undefined, etcd.lastState?.terminated?.exitCode, etcd.lastState?.terminated?.reason]).toEqual([1, true, 255, 'Unknown']);
  });

  it('init containers run again in the new sandbox: the first counts one restart, the next starts at 0, neither keeps the purged run', () => {
    expect(initStatuses(before).map((s) => [s.name, s.restartCount, s.state?.terminated?.reason])).toEqual([
      ['fetch', 0, 'Completed'],
      ['migrate', 0, 'Completed'],
    ]);
    const statuses = initStatuses(after);
    expect(statuses.map((s) => [s.name, s.restartCount, s.state?.terminated?.reason, s.lastState])).toEqual([
      ['fetch', 1, 'Completed', {}],
      ['migrate', 0, 'Completed', {}],
    ]);
    // New containers, which ran after the node came back.
    const oldIds = initStatuses(before).map((s) => s.containerID);
    for (const s of statuses) expect(oldIds).not.toContain(s.containerID);
    const app = after.must('setup').pod.status!.containerStatuses![0]!;
    expect([app.restartCount, app.lastState?.terminated?.reason]).toEqual([1, 'Unknown']);
    expect(after.onNode('master01', 'kubectl logs setup -c fetch; kubectl logs setup -c migrate').output).toBe('fetched\nmigrated\n');
  });
});
