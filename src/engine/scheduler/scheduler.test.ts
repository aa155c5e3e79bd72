import type { Event, Node, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { clone } from '../api/clone';
import { R, testNodes } from '../controllers/testing/harness';
import { deploymentObject, podsWithLabel, workloadCluster } from '../controllers/testing/workloads';

const CONTROL_PLANE_AND_SELECTOR =
  "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..";

function pod(name: string, spec: Partial<NonNullable<Pod['spec']>> = {}, cpu?: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app: name } },
    spec: { containers: [{ name: 'c', image: 'nginx', ...(cpu ? { resources: { requests: { cpu } } } : {}) }], ...spec },
  };
}

function labelNode(cluster: ReturnType<typeof workloadCluster>['cluster'], name: string, labels: Record<string, string>): void {
  const node = clone(cluster.get<Node>(R.nodes, undefined, name)!);
  node.metadata!.labels = { ...node.metadata!.labels, ...labels };
  const r = cluster.admin.update(R.nodes, node as Node);
  if (!r.ok) throw new Error(r.status.message);
}

describe('Scheduler on the simulated cluster', () => {
  it('a pod with a nodeSelector no node has stays Pending with the real FailedScheduling event, and is scheduled once a node gets the label', () => {
    const { cluster } = workloadCluster();
    cluster.must(R.pods, pod('ssd-app', { nodeSelector: { disktype: 'ssd' } }));
    cluster.settle();

    let p = cluster.get<Pod>(R.pods, 'default', 'ssd-app')!;
    expect(p.status?.phase).toBe('Pending');
    expect(p.spec?.nodeName).toBeUndefined();
    expect(p.status?.conditions?.find((c) => c.type === 'PodScheduled')).toMatchObject({
      status: 'False',
      reason: 'Unschedulable',
      message: CONTROL_PLANE_AND_SELECTOR,
    });
    expect(cluster.events('ssd-app')).toEqual([`FailedScheduling: ${CONTROL_PLANE_AND_SELECTOR}`]);
    // One attempt, one event: writing the PodScheduled condition does not trigger a retry.
    expect(cluster.list<Event>(R.events).find((e) => e.involvedObject.name === 'ssd-app')?.count).toBe(1);

    labelNode(cluster, 'worker02', { disktype: 'ssd' });
    cluster.settle();
    p = cluster.get<Pod>(R.pods, 'default', 'ssd-app')!;
    expect(p.spec?.nodeName).toBe('worker02');
    expect(p.status?.phase).toBe('Running');
    expect(p.status?.conditions?.find((c) => c.type === 'PodScheduled')?.status).toBe('True');
    expect(cluster.events('ssd-app').slice(0, 2)).toEqual([
      `FailedScheduling: ${CONTROL_PLANE_AND_SELECTOR}`,
      'Scheduled: Successfully assigned default/ssd-app to worker02',
    ]);
  });

  it('a node heartbeat does not make a parked pod retry (no event storm)', () => {
    const { cluster } = workloadCluster();
    cluster.must(R.pods, pod('ssd-app', { nodeSelector: { disktype: 'ssd' } }));
    cluster.settle();
    cluster.clock.advance(30 * 60_000); // kubelet heartbeats, lease renewals, the 5-minute flushes
    const events = cluster.list(R.events).filter((e) => (e as { reason?: string }).reason === 'FailedScheduling');
    expect(events).toHaveLength(1);
    // The 5-minute flush retries it, and the repeats are folded into one Event with a count.
    expect((events[0] as { count?: number }).count).toBeGreaterThan(1);
    expect((events[0] as { count?: number }).count).toBeLessThanOrEqual(8);
  });

  it('spreads replicas over the workers and never onto the tainted control plane', () => {
    const { cluster } = workloadCluster({ workers: 3 });
    cluster.must(R.deployments, deploymentObject('web', 9));
    cluster.settle();
    const perNode = new Map<string, number>();
    for (const p of podsWithLabel(cluster, 'app', 'web')) perNode.set(p.spec!.nodeName!, (perNode.get(p.spec!.nodeName!) ?? 0) + 1);
    expect(Object.fromEntries(perNode)).toEqual({ worker01: 3, worker02: 3, worker03: 3 });
  });

  it('a pod tolerating the control-plane taint may land there', () => {
    const { cluster } = workloadCluster();
    cluster.must(
      R.pods,
      pod('admin', {
        nodeSelector: { 'node-role.kubernetes.io/control-plane': '' },
        tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }],
      }),
    );
    cluster.settle();
    expect(cluster.get<Pod>(R.pods, 'default', 'admin')!.spec?.nodeName).toBe('master01');
  });

  it('counts requests per node: a pod that does not fit waits until another pod is deleted', () => {
    const { cluster } = workloadCluster();
    cluster.must(R.pods, pod('big-1', {}, '5'));
    cluster.must(R.pods, pod('big-2', {}, '5'));
    cluster.settle();
    expect(new Set(['big-1', 'big-2'].map((n) => cluster.get<Pod>(R.pods, 'default', n)!.spec?.nodeName))).toEqual(new Set(['worker01', 'worker02']));

    cluster.must(R.pods, pod('big-3', {}, '5'));
    cluster.settle();
    const message =
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod..';
    expect(cluster.events('big-3')).toEqual([`FailedScheduling: ${message}`]);

    const freed = cluster.get<Pod>(R.pods, 'default', 'big-1')!.spec!.nodeName;
    cluster.admin.delete(R.pods, 'default', 'big-1');
    cluster.settle();
    expect(cluster.get<Pod>(R.pods, 'default', 'big-3')!.spec?.nodeName).toBe(freed);
  });

  it('a cordoned node takes no new pods until uncordoned', () => {
    const { cluster } = workloadCluster({ nodes: testNodes(1) });
    const node = clone(cluster.get<Node>(R.nodes, undefined, 'worker01')!);
    node.spec!.unschedulable = true;
    cluster.admin.update(R.nodes, node as Node);
    cluster.settle();
    cluster.must(R.pods, pod('waiting'));
    cluster.settle();
    expect(cluster.events('waiting')).toEqual([
      'FailedScheduling: 0/2 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) were unschedulable. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling..',
    ]);
    const again = clone(cluster.get<Node>(R.nodes, undefined, 'worker01')!);
    again.spec!.unschedulable = false;
    cluster.admin.update(R.nodes, again as Node);
    cluster.settle();
    expect(cluster.get<Pod>(R.pods, 'default', 'waiting')!.spec?.nodeName).toBe('worker01');
  });

  it('leaves pods for another scheduler alone', () => {
    const { cluster } = workloadCluster();
    cluster.must(R.pods, pod('custom', { schedulerName: 'my-scheduler' }));
    cluster.settle();
    expect(cluster.get<Pod>(R.pods, 'default', 'custom')!.spec?.nodeName).toBeUndefined();
    expect(cluster.events('custom')).toEqual([]);
  });
});
