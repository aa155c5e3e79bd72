import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { R } from '../testing/harness';
import { deploymentObject, podsWithLabel, replicaSetsOf, scaleDeployment, workloadCluster } from '../testing/workloads';

describe('Deployment scenarios', () => {
  it('a Deployment of 2 scaled to 5 and back to 3', () => {
    const { cluster } = workloadCluster();
    cluster.must(R.deployments, deploymentObject('web', 2));
    cluster.settle();
    scaleDeployment(cluster, 'web', 5);
    cluster.settle();
    scaleDeployment(cluster, 'web', 3);
    cluster.settle();

    const [rs, ...others] = replicaSetsOf(cluster, 'web');
    expect(others).toHaveLength(0);
    const rsName = rs!.metadata!.name!;
    expect(rsName).toMatch(/^web-[4-9bcdf]{6,10}$/);
    expect(rs!.spec!.replicas).toBe(3);
    expect(rs!.status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3 });
    const pods = podsWithLabel(cluster, 'app', 'web');
    expect(pods).toHaveLength(3);
    expect(pods.every((p) => p.status?.phase === 'Running' && p.spec?.nodeName?.startsWith('worker'))).toBe(true);

    const d = cluster.get<Deployment>(R.deployments, 'default', 'web')!;
    expect(d.status).toMatchObject({ replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(d.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('1');

    expect(cluster.events('web')).toEqual([
      `ScalingReplicaSet: Scaled up replica set ${rsName} to 2`,
      `ScalingReplicaSet: Scaled up replica set ${rsName} to 5 from 2`,
      `ScalingReplicaSet: Scaled down replica set ${rsName} to 3 from 5`,
    ]);
    const rsEvents = cluster.events(rsName);
    expect(rsEvents.filter((e) => e.startsWith('SuccessfulCreate'))).toHaveLength(5);
    expect(rsEvents.filter((e) => e.startsWith('SuccessfulDelete'))).toHaveLength(2);
    expect(rsEvents[0]).toMatch(new RegExp(`^SuccessfulCreate: Created pod: ${rsName}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    const scheduled = cluster.list<Pod>(R.pods, 'default').map((p) => cluster.events(p.metadata!.name!)[0]);
    for (const e of scheduled) expect(e).toMatch(/^Scheduled: Successfully assigned default\/web-\w+-\w{5} to worker0[12]$/);
    const rsObj = cluster.get<ReplicaSet>(R.replicasets, 'default', rsName)!;
    expect(rsObj.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', name: 'web', controller: true, blockOwnerDeletion: true });
  });
});
