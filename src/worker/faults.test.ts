// Fault injection, played on a whole simulated cluster: what a learner then sees is what
// Kubernetes does — the kubelet restarting a killed container with back-off, a silent node going
// NotReady, tainted, its pods evicted after 300 s and recreated elsewhere.
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, test } from 'vitest';
import { resourceFor } from '../engine/api/resources';
import { Learner } from '../engine/tutorial/testkit';
import { injectFault } from './faults';

const NODES = resourceFor('', 'nodes')!;
const PODS = resourceFor('', 'pods')!;

const WEB = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: nginx}]
`;

function webPods(learner: Learner): Pod[] {
  const listed = learner.cluster.client().list<Pod>(PODS, { namespace: 'default', labelSelector: 'app=web' });
  if (!listed.ok) throw new Error(listed.status.message);
  return listed.value.items;
}

const node = (learner: Learner, name: string): Node => {
  const got = learner.cluster.client().get<Node>(NODES, undefined, name);
  if (!got.ok) throw new Error(got.status.message);
  return got.value;
};
const readyStatus = (n: Node) => n.status?.conditions?.find((c) => c.type === 'Ready')?.status;

describe('kill a container', () => {
  test('the kubelet restarts it: restartCount 1, last state Error 137; killed again, it waits out a back-off', () => {
    const learner = new Learner(5);
    learner.create(`
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: default}
spec:
  containers: [{name: nginx, image: nginx}]
`);
    learner.waitFor('web running', () => learner.pod('web')?.row.status === 'Running');
    const kill = () => injectFault(learner.cluster, { op: 'kill-container', namespace: 'default', pod: 'web', container: 'nginx' });

    expect(kill()).toEqual({ ok: true });
    const restartedAfter = learner.waitFor('the first restart', () => learner.pod('web')?.row.restarts === 1 && learner.pod('web')?.row.status === 'Running');
    expect(restartedAfter).toBeLessThan(5_000); // the first restart comes at once
    const nginx = learner.must('web').pod.status!.containerStatuses![0]!;
    expect(nginx.lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });

    expect(kill()).toEqual({ ok: true });
    learner.waitFor('the back-off', () => learner.pod('web')?.row.status === 'CrashLoopBackOff', 5_000);
    const backedOff = learner.waitFor('the second restart', () => learner.pod('web')?.row.restarts === 2 && learner.pod('web')?.row.status === 'Running');
    expect(backedOff).toBeGreaterThanOrEqual(9_000);
    const uid = learner.must('web').pod.metadata!.uid!;
    expect(learner.events('web').find((e) => e.reason === 'BackOff')?.message).toBe(`Back-off restarting failed container nginx in pod web_default(${uid})`);
  });

  test('a container that is not running cannot be killed: the learner is told why', () => {
    const learner = new Learner(5);
    expect(injectFault(learner.cluster, { op: 'kill-container', namespace: 'default', pod: 'nope', container: 'x' })).toEqual({ ok: false, error: 'pods "nope" not found' });
  });
});

describe('stop a node’s kubelet', () => {
  test('NotReady after the grace period, tainted, pods evicted after 300 s and recreated on the other node; started again, Ready', () => {
    const learner = new Learner(5);
    learner.create(WEB);
    learner.waitFor('two web pods running', () => webPods(learner).filter((p) => p.status?.phase === 'Running').length === 2);
    // Stop the kubelet of the node the first web pod runs on.
    const victim = webPods(learner)[0]!.spec!.nodeName!;
    const before = webPods(learner).map((p) => p.metadata!.name!);
    const onVictim = webPods(learner).filter((p) => p.spec?.nodeName === victim).map((p) => p.metadata!.name!);

    expect(injectFault(learner.cluster, { op: 'stop-kubelet', node: victim })).toEqual({ ok: true });
    expect(learner.cluster.kubelets.get(victim)!.running).toBe(false);
    const lostAfter = learner.waitFor('the node to go NotReady', () => readyStatus(node(learner, victim)) !== 'True');
    // 40 s after the last heartbeat (the kubelet renews its lease every 10 s), seen at the next 5 s monitor pass.
    expect(lostAfter).toBeGreaterThan(30_000);
    expect(lostAfter).toBeLessThan(55_000);
    expect(readyStatus(node(learner, victim))).toBe('Unknown');
    const taints = () => (node(learner, victim).spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`);
    expect(learner.waitFor('the unreachable taint', () => taints().includes('node.kubernetes.io/unreachable:NoExecute'))).toBeLessThan(1_000);

    const evictedAfter = learner.waitFor('the eviction', () => webPods(learner).some((p) => onVictim.includes(p.metadata!.name!) && p.metadata?.deletionTimestamp));
    expect(evictedAfter).toBeGreaterThan(290_000);
    learner.waitFor('replacements running elsewhere', () => webPods(learner).filter((p) => !p.metadata?.deletionTimestamp && p.status?.phase === 'Running').length === 2);
    const replacements = webPods(learner).filter((p) => !before.includes(p.metadata!.name!));
    expect(replacements.length).toBe(onVictim.length);
    expect(replacements.every((p) => p.spec?.nodeName !== victim)).toBe(true);
    // Nobody on the silent node confirms the deletion: the evicted pods stay Terminating.
    expect(onVictim.every((name) => learner.pod(name)?.row.status === 'Terminating')).toBe(true);

    expect(injectFault(learner.cluster, { op: 'start-kubelet', node: victim })).toEqual({ ok: true });
    learner.waitFor('the node Ready again', () => readyStatus(node(learner, victim)) === 'True');
    learner.waitFor('the evicted pods gone', () => onVictim.every((name) => learner.pod(name) === undefined));
  });

  test('an unknown node is refused', () => {
    const learner = new Learner(5);
    expect(injectFault(learner.cluster, { op: 'stop-kubelet', node: 'worker09' })).toEqual({ ok: false, error: 'no node named worker09' });
  });
});
