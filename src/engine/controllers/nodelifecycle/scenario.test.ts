/** Scenario: a node stops heartbeating, goes Unknown, its pods turn not ready and are evicted. */
import { describe, expect, it } from 'vitest';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { R, TestCluster } from '../testing/harness';
import { NodeLifecycleController } from './controller';
import { TaintEvictionController } from './eviction';

function cluster(): { c: TestCluster; eviction: TaintEvictionController } {
  const c = new TestCluster();
  c.add(new NodeLifecycleController(c.context('node-lifecycle-controller')));
  const eviction = c.add(new TaintEvictionController(c.context('taint-eviction-controller')));
  c.start();
  return { c, eviction };
}

const ready = (c: TestCluster, node: string) => c.get<Node>(R.nodes, undefined, node)!.status!.conditions!.find((x) => x.type === 'Ready')!;
const taints = (c: TestCluster, node: string) => (c.get<Node>(R.nodes, undefined, node)!.spec!.taints ?? []).map((t) => `${t.key}:${t.effect}`);
const podReady = (c: TestCluster, name: string) => c.get<Pod>(R.pods, 'default', name)!.status!.conditions!.find((x) => x.type === 'Ready')!.status;

describe('node lifecycle', () => {
  it('registers nodes', () => {
    const { c } = cluster();
    c.settle();
    expect(c.events('worker01')).toContain('RegisteredNode: Node worker01 event: Registered Node worker01 in Controller');
    expect(taints(c, 'worker01')).toEqual([]);
  });

  it('a silent node goes Unknown after ~40 s, its pods not ready, then evicted after 300 s; they stay Terminating until it returns', () => {
    const { c, eviction } = cluster();
    c.must(R.pods, TestCluster.pod('a', { nodeName: 'worker01' }));
    c.must(R.pods, TestCluster.pod('b', { nodeName: 'worker01' }));
    c.must(R.pods, TestCluster.pod('elsewhere', { nodeName: 'worker02' }));
    c.settle();
    const stoppedAt = c.clock.now();
    c.kubelets.get('worker01')!.stop();

    c.clock.advance(35_000);
    expect(ready(c, 'worker01').status).toBe('True');

    c.clock.runUntil(() => ready(c, 'worker01').status === 'Unknown', 60_000);
    const lostAfter = c.clock.now() - stoppedAt;
    expect(lostAfter).toBeGreaterThan(40_000);
    expect(lostAfter).toBeLessThanOrEqual(50_000);
    // (Not settle(): the pending evictions are foreground work 300 s away.)
    c.clock.advance(1_000);
    expect(ready(c, 'worker01')).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    const node = c.get<Node>(R.nodes, undefined, 'worker01')!;
    expect(node.status!.conditions!.every((x) => x.status === 'Unknown')).toBe(true);
    expect(taints(c, 'worker01')).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
    expect(node.spec!.taints!.find((t) => t.effect === 'NoExecute')!.timeAdded).toBeDefined();
    expect([podReady(c, 'a'), podReady(c, 'b'), podReady(c, 'elsewhere')]).toEqual(['False', 'False', 'True']);
    expect(c.events('worker01')).toContain('NodeNotReady: Node worker01 status is now: NodeNotReady');
    expect(c.events('a')).toContain('NodeNotReady: Node is not ready');
    expect([...eviction.pendingEvictions().keys()].sort()).toEqual(['default/a', 'default/b']);

    // The default tolerations (unreachable:NoExecute for 300 s) run out.
    const taintedAt = c.clock.now();
    c.clock.advance(290_000);
    expect(c.get<Pod>(R.pods, 'default', 'a')!.metadata!.deletionTimestamp).toBeUndefined();
    c.settle();
    expect(c.clock.now() - taintedAt).toBeLessThanOrEqual(301_000);
    const evicted = c.get<Pod>(R.pods, 'default', 'a')!;
    expect(evicted.metadata!.deletionTimestamp).toBeDefined();
    expect(evicted.status!.conditions!.find((x) => x.type === 'DisruptionTarget')).toMatchObject({
      status: 'True',
      reason: 'DeletionByTaintManager',
      message: 'Taint manager: deleting due to NoExecute taint',
    });
    expect(c.events('a')).toContain('TaintManagerEviction: Marking for deletion Pod default/a');
    expect(c.events('b')).toContain('TaintManagerEviction: Marking for deletion Pod default/b');
    // Nobody on worker01 confirms: the pods stay Terminating.
    c.clock.advance(600_000);
    expect(c.names(R.pods, 'default')).toEqual(['a', 'b', 'elsewhere']);
    expect(c.get<Pod>(R.pods, 'default', 'elsewhere')!.metadata!.deletionTimestamp).toBeUndefined();

    // The node comes back: Ready again, taints removed, the kubelet finishes the deletions.
    c.kubelets.get('worker01')!.start();
    c.settle();
    c.clock.advance(10_000);
    expect(ready(c, 'worker01').status).toBe('True');
    expect(taints(c, 'worker01')).toEqual([]);
    expect(c.names(R.pods, 'default')).toEqual(['elsewhere']);
    expect(c.events('worker01')).toContain('NodeReady: Node worker01 status is now: NodeReady');
  });

  it('a node back before the tolerations run out: evictions cancelled, pods Ready again', () => {
    const { c, eviction } = cluster();
    c.must(R.pods, TestCluster.pod('a', { nodeName: 'worker01' }));
    c.settle();
    c.kubelets.get('worker01')!.stop();
    c.clock.advance(60_000);
    expect(podReady(c, 'a')).toBe('False');
    c.kubelets.get('worker01')!.start();
    c.settle();
    c.clock.advance(10_000);
    expect(eviction.pendingEvictions().size).toBe(0);
    expect(c.events('a')).toContain('TaintManagerEviction: Cancelling deletion of Pod default/a');
    c.clock.advance(600_000);
    expect(c.get<Pod>(R.pods, 'default', 'a')!.metadata!.deletionTimestamp).toBeUndefined();
    expect(podReady(c, 'a')).toBe('True');
  });

  it('a pod that does not tolerate the taint at all is evicted at once; tolerate-forever pods stay', () => {
    const { c } = cluster();
    const impatient = TestCluster.pod('impatient', { nodeName: 'worker01' });
    impatient.spec!.tolerations = [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 0 }];
    const patient = TestCluster.pod('patient', { nodeName: 'worker01' });
    patient.spec!.tolerations = [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' }];
    c.must(R.pods, impatient);
    c.must(R.pods, patient);
    c.settle();
    c.kubelets.get('worker01')!.stop();
    c.clock.advance(50_000);
    c.settle();
    expect(c.get<Pod>(R.pods, 'default', 'impatient')!.metadata!.deletionTimestamp).toBeDefined();
    c.clock.advance(3_600_000);
    expect(c.get<Pod>(R.pods, 'default', 'patient')!.metadata!.deletionTimestamp).toBeUndefined();
  });

  it('cordoning adds the unschedulable taint; every node down at once is treated as a disruption, not tainted NoExecute', () => {
    const { c } = cluster();
    c.settle();
    c.admin.patch(R.nodes, undefined, 'worker02', 'merge', { spec: { unschedulable: true } });
    c.settle();
    expect(taints(c, 'worker02')).toEqual(['node.kubernetes.io/unschedulable:NoSchedule']);
    for (const k of c.kubelets.values()) k.stop();
    c.clock.advance(60_000);
    c.settle();
    expect(ready(c, 'worker01').status).toBe('Unknown');
    expect(taints(c, 'worker01')).toEqual(['node.kubernetes.io/unreachable:NoSchedule']);
  });
});
