/** Scenario: the three deletion propagation policies, run until quiet, judged by what remains. */
import { describe, expect, it } from 'vitest';
import type { ReplicaSet, Deployment } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../../api/types';
import { R, TestCluster } from '../testing/harness';
import { GarbageCollector } from './controller';

function cluster(): TestCluster {
  const c = new TestCluster();
  c.add(new GarbageCollector(c.context('garbage-collector')));
  return c.start();
}

const ref = (obj: KubeObject, blockOwnerDeletion = true): OwnerReference => ({
  apiVersion: obj.apiVersion!,
  kind: obj.kind!,
  name: obj.metadata!.name!,
  uid: obj.metadata!.uid!,
  controller: true,
  blockOwnerDeletion,
});

function replicaSet(c: TestCluster, name = 'web', owner?: KubeObject): ReplicaSet {
  return c.must<ReplicaSet>(R.replicasets, {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default', ownerReferences: owner ? [ref(owner)] : undefined },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
    },
  });
}

function podsOf(c: TestCluster, owner: KubeObject, n = 3): void {
  for (let i = 0; i < n; i++) {
    const pod = TestCluster.pod(`${owner.metadata!.name}-${i}`, { nodeName: i % 2 ? 'worker02' : 'worker01', labels: { app: 'web' } });
    pod.metadata!.ownerReferences = [ref(owner)];
    c.must(R.pods, pod);
  }
}

/** Records ADDED/DELETED of pods and ReplicaSets, in order, with the simulated time. */
function timeline(c: TestCluster): Array<{ at: number; event: string }> {
  const out: Array<{ at: number; event: string }> = [];
  for (const resource of [R.pods, R.replicasets, R.deployments]) {
    c.admin.watch(resource, {}, (e) => {
      if (e.type === 'DELETED') out.push({ at: c.clock.now(), event: `${e.object.kind}/${e.object.metadata!.name} deleted` });
    });
  }
  return out;
}

describe('garbage collector', () => {
  it('Background: the owner goes at once, then its pods', () => {
    const c = cluster();
    const rs = replicaSet(c);
    podsOf(c, rs);
    c.settle();
    expect(c.admin.delete(R.replicasets, 'default', 'web', { propagationPolicy: 'Background' }).ok).toBe(true);
    expect(c.get(R.replicasets, 'default', 'web')).toBeUndefined();
    c.settle();
    expect(c.names(R.pods, 'default')).toEqual([]);
  });

  it('Foreground: pods are deleted first, the ReplicaSet only after the last one is gone', () => {
    const c = cluster();
    const rs = replicaSet(c);
    podsOf(c, rs);
    c.settle();
    const events = timeline(c);
    const asked = c.clock.now();
    expect(c.admin.delete(R.replicasets, 'default', 'web', { propagationPolicy: 'Foreground' }).ok).toBe(true);
    const marked = c.get<ReplicaSet>(R.replicasets, 'default', 'web')!;
    expect(marked.metadata!.deletionTimestamp).toBeDefined();
    expect(marked.metadata!.finalizers).toContain('foregroundDeletion');
    c.settle();
    expect(c.names(R.pods, 'default')).toEqual([]);
    expect(c.get(R.replicasets, 'default', 'web')).toBeUndefined();
    const order = events.map((e) => e.event);
    expect(order[order.length - 1]).toBe('ReplicaSet/web deleted');
    expect(order.filter((e) => e.startsWith('Pod/'))).toHaveLength(3);
    // While the kubelets stopped the pods' containers, the ReplicaSet was still there.
    expect(events[events.length - 1]!.at).toBeGreaterThan(asked);
  });

  it('Foreground waits for pods that take time, and a pod without blockOwnerDeletion does not hold it', () => {
    const c = cluster();
    const rs = replicaSet(c);
    podsOf(c, rs, 1);
    const free = TestCluster.pod('free', { nodeName: 'worker01' });
    free.metadata!.ownerReferences = [ref(rs, false)];
    c.must(R.pods, free);
    c.settle();
    c.kubelets.get('worker01')!.stop(); // nobody confirms pod deletions on worker01
    c.admin.delete(R.replicasets, 'default', 'web', { propagationPolicy: 'Foreground' });
    c.clock.advance(120_000);
    // Both pods are Terminating; web-0 blocks the owner, "free" would not.
    expect(c.list<Pod>(R.pods, 'default').map((p) => [p.metadata!.name, !!p.metadata!.deletionTimestamp])).toEqual([
      ['free', true],
      ['web-0', true],
    ]);
    expect(c.get(R.replicasets, 'default', 'web')).toBeDefined();
    c.kubelets.get('worker01')!.start();
    c.settle();
    expect(c.names(R.pods, 'default')).toEqual([]);
    expect(c.get(R.replicasets, 'default', 'web')).toBeUndefined();
  });

  it('Orphan: the ReplicaSet goes, its pods stay without the owner reference', () => {
    const c = cluster();
    const rs = replicaSet(c);
    podsOf(c, rs);
    c.settle();
    expect(c.admin.delete(R.replicasets, 'default', 'web', { propagationPolicy: 'Orphan' }).ok).toBe(true);
    c.settle();
    expect(c.get(R.replicasets, 'default', 'web')).toBeUndefined();
    const pods = c.list<Pod>(R.pods, 'default');
    expect(pods.map((p) => p.metadata!.name)).toEqual(['web-0', 'web-1', 'web-2']);
    expect(pods.every((p) => !p.metadata!.ownerReferences && !p.metadata!.deletionTimestamp)).toBe(true);
  });

  it('Foreground propagates down a chain: Deployment → ReplicaSet → Pods, bottom up', () => {
    const c = cluster();
    const deploy = c.must<Deployment>(R.deployments, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
      },
    });
    const rs = replicaSet(c, 'web-7854ff8877', deploy);
    podsOf(c, rs);
    c.settle();
    const events = timeline(c);
    c.admin.delete(R.deployments, 'default', 'web', { propagationPolicy: 'Foreground' });
    c.settle();
    const order = events.map((e) => e.event);
    expect(order.slice(-2)).toEqual(['ReplicaSet/web-7854ff8877 deleted', 'Deployment/web deleted']);
    expect(order).toHaveLength(5);
  });

  it('a dangling owner reference (same name, different uid) counts as gone', () => {
    const c = cluster();
    const rs = replicaSet(c);
    const pod = TestCluster.pod('stray', { nodeName: 'worker01' });
    pod.metadata!.ownerReferences = [{ ...ref(rs), uid: 'not-the-real-uid' }];
    c.must(R.pods, pod);
    const kept = TestCluster.pod('kept', { nodeName: 'worker01' });
    kept.metadata!.ownerReferences = [ref(rs)];
    c.must(R.pods, kept);
    c.settle();
    expect(c.names(R.pods, 'default')).toEqual(['kept']);
  });

  it('an object with one live and one gone owner only loses the stale reference', () => {
    const c = cluster();
    const a = replicaSet(c, 'a');
    const b = replicaSet(c, 'b');
    const pod = TestCluster.pod('shared', { nodeName: 'worker01' });
    pod.metadata!.ownerReferences = [ref(a), { ...ref(b), controller: false }];
    c.must(R.pods, pod);
    c.settle();
    c.admin.delete(R.replicasets, 'default', 'a');
    c.settle();
    const left = c.get<Pod>(R.pods, 'default', 'shared')!;
    expect(left.metadata!.deletionTimestamp).toBeUndefined();
    expect(left.metadata!.ownerReferences!.map((r) => r.name)).toEqual(['b']);
  });

  it('deleting many owners with many dependents stays cheap', () => {
    const c = cluster();
    for (let r = 0; r < 10; r++) {
      const rs = replicaSet(c, `rs${r}`);
      for (let i = 0; i < 100; i++) {
        const pod = TestCluster.pod(`rs${r}-${i}`, { nodeName: `worker0${1 + (i % 2)}` });
        pod.metadata!.ownerReferences = [ref(rs)];
        c.must(R.pods, pod);
      }
    }
    c.settle();
    const requests: string[] = [];
    c.api.onRequest((rec) => {
      if (rec.request.userAgent === 'garbage-collector') requests.push(`${rec.request.method} ${rec.request.path}`);
    });
    for (let r = 0; r < 10; r++) c.admin.delete(R.replicasets, 'default', `rs${r}`);
    c.settle();
    expect(c.names(R.pods, 'default')).toEqual([]);
    // The owners were seen leaving (no lookups needed); one delete per pod.
    expect(requests.filter((r) => r.startsWith('GET'))).toHaveLength(0);
    expect(requests.filter((r) => r.startsWith('DELETE'))).toHaveLength(1000);
  }, 60_000);
});
