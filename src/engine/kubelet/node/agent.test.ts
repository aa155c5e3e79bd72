import { describe, expect, it } from 'vitest';
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { R, TestCluster, testNodes } from '../../controllers/testing/harness';

describe('the kubelet as node agent', () => {
  it('keeps its node Ready and renews its lease', () => {
    const c = new TestCluster().start();
    c.settle();
    const node = c.get<Node>(R.nodes, undefined, 'worker01')!;
    expect(node.status!.conditions!.map((x) => `${x.type}=${x.status}`)).toEqual(['MemoryPressure=False', 'DiskPressure=False', 'PIDPressure=False', 'Ready=True']);
    const lease = c.get<Lease>(R.leases, 'kube-node-lease', 'worker01')!;
    expect(lease.spec).toMatchObject({ holderIdentity: 'worker01', leaseDurationSeconds: 40 });
    const renewed = lease.spec!.renewTime;
    c.clock.advance(10_000);
    expect(c.get<Lease>(R.leases, 'kube-node-lease', 'worker01')!.spec!.renewTime).not.toBe(renewed);
    expect(c.events('worker01')).toEqual([
      'Starting: Starting kubelet.',
      'NodeHasSufficientMemory: Node worker01 status is now: NodeHasSufficientMemory',
      'NodeHasNoDiskPressure: Node worker01 status is now: NodeHasNoDiskPressure',
      'NodeHasSufficientPID: Node worker01 status is now: NodeHasSufficientPID',
      'NodeAllocatableEnforced: Updated Node Allocatable limit across pods',
      'NodeReady: Node worker01 status is now: NodeReady',
    ]);
  });

  it('writes node status only when it changes, and every 5 minutes regardless, as a strategic merge PATCH', () => {
    const c = new TestCluster().start();
    c.settle();
    const writes: number[] = [];
    const bodies: unknown[] = [];
    c.api.onRequest((rec) => {
      if (rec.request.path !== '/api/v1/nodes/worker01/status') return;
      expect(rec.request.method).toBe('PATCH');
      writes.push(c.clock.now());
      bodies.push(rec.request.body);
    });
    const start = c.clock.now();
    c.clock.advance(600_000);
    expect(writes.length).toBe(2);
    expect(writes[0]! - start).toBeLessThanOrEqual(310_000);
    // Only what changed — the conditions' heartbeats — in the order the kubelet keeps them.
    expect(bodies[0]).toEqual({
      status: {
        '$setElementOrder/conditions': ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'].map((type) => ({ type })),
        conditions: ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'].map((type) => ({ type, lastHeartbeatTime: expect.any(String) })),
      },
    });
  });

  it('runs bound pods with IPs from the pod CIDR; host-network pods get the node IP', () => {
    const c = new TestCluster().start();
    c.must(R.pods, TestCluster.pod('a', { nodeName: 'worker01' }));
    c.must(R.pods, TestCluster.pod('b', { nodeName: 'worker01' }));
    c.must(R.pods, TestCluster.pod('c', { nodeName: 'worker02' }));
    const proxy = TestCluster.pod('proxy', { nodeName: 'master01' });
    proxy.spec!.hostNetwork = true;
    c.must(R.pods, proxy);
    c.settle();
    const pods = c.list<Pod>(R.pods, 'default');
    expect(pods.map((p) => [p.metadata!.name, p.status!.phase, p.status!.hostIP])).toEqual([
      ['a', 'Running', '192.168.1.131'],
      ['b', 'Running', '192.168.1.131'],
      ['c', 'Running', '192.168.1.132'],
      ['proxy', 'Running', '192.168.1.130'],
    ]);
    expect(pods.map((p) => p.status!.podIP).sort()).toEqual(['10.244.1.2', '10.244.1.3', '10.244.2.2', '192.168.1.130']);
  });

  it('stopped: no heartbeats and no pod work; started again: catches up', () => {
    const c = new TestCluster().start();
    c.settle();
    const kubelet = c.kubelets.get('worker01')!;
    kubelet.stop();
    const renewed = c.get<Lease>(R.leases, 'kube-node-lease', 'worker01')!.spec!.renewTime;
    c.must(R.pods, TestCluster.pod('late', { nodeName: 'worker01' }));
    c.clock.advance(30_000);
    expect(c.get<Lease>(R.leases, 'kube-node-lease', 'worker01')!.spec!.renewTime).toBe(renewed);
    expect(c.get<Pod>(R.pods, 'default', 'late')!.status!.phase).toBe('Pending');
    kubelet.start();
    c.settle();
    expect(c.get<Pod>(R.pods, 'default', 'late')!.status!.phase).toBe('Running');
  });

  it('a pod force-deleted while the kubelet was down is stopped and frees its IP once the kubelet is back', () => {
    // A tiny pod CIDR: .2 to .6 are the only pod addresses.
    const nodes = testNodes(1);
    nodes[1]!.podCIDR = '10.244.1.0/29';
    const c = new TestCluster({ nodes }).start();
    for (const name of ['a', 'b', 'c', 'd', 'e']) c.must(R.pods, TestCluster.pod(name, { nodeName: 'worker01' }));
    c.settle();
    const kubelet = c.kubelets.get('worker01')!;
    kubelet.stop();
    c.admin.delete(R.pods, 'default', 'c', { gracePeriodSeconds: 0 });
    kubelet.start();
    c.settle();
    c.must(R.pods, TestCluster.pod('f', { nodeName: 'worker01' }));
    c.settle();
    const f = c.get<Pod>(R.pods, 'default', 'f')!;
    expect(f.status!.phase).toBe('Running');
    expect(f.status!.podIP).toMatch(/^10\.244\.1\.[2-6]$/);
  });
});
