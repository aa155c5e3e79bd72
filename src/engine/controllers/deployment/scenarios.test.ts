import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { R } from '../testing/harness';
import { deploymentObject, editDeployment, podsWithLabel, replicaSetsOf, scaleDeployment, workloadCluster } from '../testing/workloads';

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

describe('Deployment edge cases', () => {
  it('a name collision with a different template bumps collisionCount and picks a new name', async () => {
    const { podTemplateHash } = await import('../../sim/names');
    const { cluster } = workloadCluster();
    const d = deploymentObject('web', 1);
    d.spec!.paused = true; // no ReplicaSet yet: a paused Deployment does not roll out
    const stored = cluster.must(R.deployments, d);
    cluster.settle();
    // Someone already made a ReplicaSet with the name the template hashes to, but another template.
    const clash = `web-${podTemplateHash(stored.spec!.template)}`;
    cluster.must(R.replicasets, {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: clash, namespace: 'default', labels: { app: 'web' } },
      spec: { replicas: 0, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'httpd' }] } } },
    } satisfies ReplicaSet);
    editDeployment(cluster, 'web', (x) => {
      x.spec!.paused = false;
    });
    cluster.settle();

    const dep = cluster.get<Deployment>(R.deployments, 'default', 'web')!;
    expect(dep.status?.collisionCount).toBe(1);
    const rss = replicaSetsOf(cluster, 'web').map((rs) => rs.metadata!.name);
    expect(rss).toContain(clash); // adopted: it matches the selector
    expect(rss).toContain(`web-${podTemplateHash(dep.spec!.template, 1)}`);
    expect(podsWithLabel(cluster, 'app', 'web').every((p) => p.spec!.containers[0]!.image === 'nginx:1.25')).toBe(true);
  });

  it('honours the legacy rollback annotation', () => {
    const { cluster } = workloadCluster();
    cluster.must(R.deployments, deploymentObject('web', 2, 'nginx:1.25'));
    cluster.settle();
    editDeployment(cluster, 'web', (d) => {
      d.spec!.template.spec!.containers[0]!.image = 'nginx:1.25-alpine';
    });
    cluster.settle();
    editDeployment(cluster, 'web', (d) => {
      d.metadata!.annotations = { ...d.metadata!.annotations, 'deprecated.deployment.rollback.to': '0' };
    });
    cluster.settle();
    const d = cluster.get<Deployment>(R.deployments, 'default', 'web')!;
    expect(d.spec?.template.spec?.containers[0]?.image).toBe('nginx:1.25');
    expect(d.metadata?.annotations?.['deprecated.deployment.rollback.to']).toBeUndefined();
    expect(d.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    expect(cluster.events('web')).toContain('DeploymentRollback: Rolled back deployment "web" to revision 1');
  });
});
