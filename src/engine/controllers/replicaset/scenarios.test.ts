import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Namespace, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { clone } from '../../api/clone';
import { R } from '../testing/harness';
import { podsWithLabel, scaleDeployment, workloadCluster } from '../testing/workloads';

function replicaSet(name: string, replicas: number, namespace = 'default'): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
    },
  };
}

function barePod(name: string, labels: Record<string, string>): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels }, spec: { containers: [{ name: 'web', image: 'nginx' }] } };
}

const ownerName = (p: Pod): string | undefined => p.metadata?.ownerReferences?.find((r) => r.controller)?.name;

describe('ReplicaSet scenarios', () => {
  it('creates the pods, and adopts a matching bare pod instead of creating one more', () => {
    const { cluster } = workloadCluster();
    cluster.must(R.pods, barePod('handmade', { app: 'web' }));
    cluster.settle();
    cluster.must(R.replicasets, replicaSet('web', 3));
    cluster.settle();

    const pods = podsWithLabel(cluster, 'app', 'web');
    expect(pods).toHaveLength(3);
    expect(pods.every((p) => ownerName(p) === 'web')).toBe(true);
    expect(pods.map((p) => p.metadata!.name).filter((n) => n === 'handmade')).toEqual(['handmade']);
    const rs = cluster.get<ReplicaSet>(R.replicasets, 'default', 'web')!;
    expect(rs.status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
    expect(cluster.events('web').filter((e) => e.startsWith('SuccessfulCreate'))).toHaveLength(2);
  });

  it('releases a relabelled pod and replaces it; replaces a deleted pod', () => {
    const { cluster } = workloadCluster();
    cluster.must(R.replicasets, replicaSet('web', 2));
    cluster.settle();
    const [first, second] = podsWithLabel(cluster, 'app', 'web');

    // `kubectl label pod <p> app=debug --overwrite`: the pod leaves the ReplicaSet (handy for debugging).
    const relabelled = clone(first!);
    relabelled.metadata!.labels = { app: 'debug' };
    expect(cluster.admin.update(R.pods, relabelled as Pod).ok).toBe(true);
    cluster.settle();
    const debug = cluster.get<Pod>(R.pods, 'default', first!.metadata!.name!)!;
    expect(debug.metadata?.ownerReferences ?? []).toEqual([]);
    expect(podsWithLabel(cluster, 'app', 'web')).toHaveLength(2);

    cluster.admin.delete(R.pods, 'default', second!.metadata!.name!);
    cluster.settle();
    const now = podsWithLabel(cluster, 'app', 'web');
    expect(now).toHaveLength(2);
    expect(now.map((p) => p.metadata!.name)).not.toContain(second!.metadata!.name);
    expect(cluster.events('web').filter((e) => e.startsWith('SuccessfulCreate'))).toHaveLength(4);
  });

  it('scales through the /scale subresource and deletes the least useful pods first', () => {
    const { cluster } = workloadCluster({ kubelet: 'fake', ready: (p) => !p.metadata?.labels?.['broken'] });
    cluster.must(R.replicasets, replicaSet('web', 3));
    cluster.settle();
    // One pod turns out broken: mark it so the fake kubelet reports it not ready, then restart it.
    const victim = podsWithLabel(cluster, 'app', 'web')[1]!;
    const marked = clone(victim);
    marked.metadata!.labels = { ...marked.metadata!.labels, broken: 'yes' };
    marked.status = {};
    cluster.admin.update(R.pods, marked as Pod);
    const reset = clone(cluster.get<Pod>(R.pods, 'default', victim.metadata!.name!)!);
    reset.status = { phase: 'Pending' };
    cluster.admin.update(R.pods, reset as Pod, { subresource: 'status' });
    cluster.settle();

    scaleDeployment(cluster, 'web', 2, R.replicasets);
    cluster.settle();
    const names = podsWithLabel(cluster, 'app', 'web').map((p) => p.metadata!.name);
    expect(names).toHaveLength(2);
    expect(names).not.toContain(victim.metadata!.name);
    expect(cluster.events('web').at(-1)).toBe(`SuccessfulDelete: Deleted pod: ${victim.metadata!.name}`);
    expect(cluster.get<ReplicaSet>(R.replicasets, 'default', 'web')!.status).toMatchObject({ replicas: 2, readyReplicas: 2 });
  });

  it('minReadySeconds: pods count as available only after being ready that long', () => {
    const { cluster } = workloadCluster();
    const rs = replicaSet('web', 2);
    rs.spec!.minReadySeconds = 30;
    cluster.must(R.replicasets, rs);
    cluster.clock.runUntil(() => (cluster.get<ReplicaSet>(R.replicasets, 'default', 'web')?.status?.readyReplicas ?? 0) === 2);
    const readyAt = cluster.clock.now();
    expect(cluster.get<ReplicaSet>(R.replicasets, 'default', 'web')!.status?.availableReplicas).toBeUndefined();
    cluster.settle();
    const status = cluster.get<ReplicaSet>(R.replicasets, 'default', 'web')!.status!;
    expect(status.availableReplicas).toBe(2);
    // Nothing but the controller's own timer made that happen, about 30 s later.
    expect(cluster.clock.now() - readyAt).toBeGreaterThanOrEqual(28_000);
    expect(cluster.clock.now() - readyAt).toBeLessThanOrEqual(32_000);
  });

  it('reports failed creations as ReplicaFailure and retries with back-off', () => {
    const { cluster } = workloadCluster();
    cluster.must(R.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } } satisfies Namespace);
    cluster.must(R.replicasets, replicaSet('web', 0, 'dev'));
    cluster.settle();
    cluster.admin.delete(R.namespaces, undefined, 'dev'); // Terminating: nothing new may be created
    const eventWrites: string[] = [];
    cluster.api.onRequest(({ request }) => {
      if (request.path.endsWith('/events') && request.method === 'POST') eventWrites.push(request.path);
    });
    const r = cluster.admin.patch(R.replicasets, 'dev', 'web', 'merge', { spec: { replicas: 2 } }, { subresource: 'scale' });
    expect(r.ok).toBe(true);
    cluster.clock.advance(60_000);
    // The refusal carries the NamespaceTerminating cause, so no FailedCreate event is even attempted.
    expect(eventWrites).toEqual([]);
    const rs = cluster.get<ReplicaSet>(R.replicasets, 'dev', 'web')!;
    expect(rs.status?.replicas).toBe(0);
    expect(rs.status?.conditions?.[0]).toMatchObject({
      type: 'ReplicaFailure',
      status: 'True',
      reason: 'FailedCreate',
      message: 'pods is forbidden: unable to create new content in namespace dev because it is being terminated',
    });
  });
});
