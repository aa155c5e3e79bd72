import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Event } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { R } from '../testing/harness';
import { deploymentObject, editDeployment, podsWithLabel, replicaSetsOf, RolloutMonitor, setImage, workloadCluster } from '../testing/workloads';
import { templateForRollback } from './rollback';

const revisionOf = (rs: ReplicaSet): string | undefined => rs.metadata?.annotations?.['deployment.kubernetes.io/revision'];

describe('RollingUpdate', () => {
  const cases: [string, number, { maxSurge?: number | string; maxUnavailable?: number | string } | undefined, number, number][] = [
    // name, replicas, rollingUpdate, surge, unavailable
    ['defaults with 10 replicas (surge 3, unavailable 2)', 10, undefined, 3, 2],
    ['defaults with 3 replicas (surge 1, unavailable 0)', 3, undefined, 1, 0],
    ['no surge, one at a time', 4, { maxSurge: 0, maxUnavailable: 1 }, 0, 1],
    ['surge 100%', 5, { maxSurge: '100%', maxUnavailable: 0 }, 5, 0],
  ];
  it.each(cases)('an image change respects maxSurge/maxUnavailable at every step: %s', (_, replicas, rollingUpdate, surge, unavailable) => {
    const { cluster } = workloadCluster({ workers: 3 });
    cluster.must(R.deployments, deploymentObject('web', replicas, 'nginx:1.25', { strategy: { type: 'RollingUpdate', rollingUpdate } }));
    cluster.settle();
    const monitor = new RolloutMonitor(cluster, 'web');
    monitor.bounds = { maxTotal: replicas + surge, minAvailable: replicas - unavailable };
    setImage(cluster, 'web', 'nginx:1.25-alpine');
    cluster.settle();

    expect(monitor.violations).toEqual([]);
    expect(monitor.events).toBeGreaterThan(replicas * 4);
    // The bounds were actually used, not just respected by standing still.
    expect(monitor.peakTotal).toBe(replicas + surge);
    expect(monitor.lowestAvailable).toBe(replicas - unavailable);

    const [oldRS, newRS] = replicaSetsOf(cluster, 'web');
    expect(oldRS!.spec!.replicas).toBe(0);
    expect(newRS!.status).toMatchObject({ replicas, readyReplicas: replicas, availableReplicas: replicas });
    const pods = podsWithLabel(cluster, 'app', 'web');
    expect(pods).toHaveLength(replicas);
    expect(pods.every((p) => p.spec!.containers[0]!.image === 'nginx:1.25-alpine')).toBe(true);
    const d = cluster.get<Deployment>(R.deployments, 'default', 'web')!;
    expect(d.status).toMatchObject({ replicas, updatedReplicas: replicas, availableReplicas: replicas });
    expect(d.status?.unavailableReplicas).toBeUndefined();
  });

  it('walks the reference example for 2 replicas, event by event', () => {
    const { cluster } = workloadCluster();
    cluster.must(R.deployments, deploymentObject('nginx', 2));
    cluster.settle();
    setImage(cluster, 'nginx', 'nginx:1.25-alpine');
    cluster.settle();
    const [oldRS, newRS] = replicaSetsOf(cluster, 'nginx').map((rs) => rs.metadata!.name!);
    expect(cluster.events('nginx')).toEqual([
      `ScalingReplicaSet: Scaled up replica set ${oldRS} to 2`,
      `ScalingReplicaSet: Scaled up replica set ${newRS} to 1`,
      `ScalingReplicaSet: Scaled down replica set ${oldRS} to 1 from 2`,
      `ScalingReplicaSet: Scaled up replica set ${newRS} to 2 from 1`,
      `ScalingReplicaSet: Scaled down replica set ${oldRS} to 0 from 1`,
    ]);
    const d = cluster.get<Deployment>(R.deployments, 'default', 'nginx')!;
    expect(d.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(d.status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
      ['Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${newRS}" has successfully progressed.`],
    ]);
  });

  it('undo (re-applying the previous template) brings back the previous ReplicaSet as the next revision', () => {
    const { cluster } = workloadCluster();
    cluster.must(R.deployments, deploymentObject('web', 3, 'nginx:1.25'));
    cluster.settle();
    setImage(cluster, 'web', 'nginx:1.25-alpine');
    cluster.settle();
    const [first, second] = replicaSetsOf(cluster, 'web');
    expect([revisionOf(first!), revisionOf(second!)]).toEqual(['1', '2']);

    // kubectl rollout undo: copy revision 1's template back into the Deployment.
    editDeployment(cluster, 'web', (d) => {
      Object.assign(d.spec!, { template: templateForRollback(first!) });
    });
    cluster.settle();

    const after = replicaSetsOf(cluster, 'web');
    expect(after.map((rs) => [rs.metadata!.name, revisionOf(rs), rs.spec!.replicas])).toEqual([
      [second!.metadata!.name, '2', 0],
      [first!.metadata!.name, '3', 3],
    ]);
    const revived = after[1]!;
    expect(revived.metadata?.annotations?.['deployment.kubernetes.io/revision-history']).toBe('1');
    expect(revived.metadata?.uid).toBe(first!.metadata!.uid);
    expect(cluster.get<Deployment>(R.deployments, 'default', 'web')!.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    const pods = podsWithLabel(cluster, 'app', 'web');
    expect(pods.map((p) => p.metadata!.labels!['pod-template-hash'])).toEqual([1, 2, 3].map(() => first!.metadata!.labels!['pod-template-hash']));
    expect(cluster.events('web').slice(-2)).toEqual([
      `ScalingReplicaSet: Scaled up replica set ${first!.metadata!.name} to 3 from 2`,
      `ScalingReplicaSet: Scaled down replica set ${second!.metadata!.name} to 0 from 1`,
    ]);
  });

  it('copies kubernetes.io/change-cause to the ReplicaSet of each revision', () => {
    const { cluster } = workloadCluster();
    const d = deploymentObject('web', 1);
    d.metadata!.annotations = { 'kubernetes.io/change-cause': 'kubectl create deployment web --image=nginx:1.25' };
    cluster.must(R.deployments, d);
    cluster.settle();
    editDeployment(cluster, 'web', (x) => {
      x.metadata!.annotations!['kubernetes.io/change-cause'] = 'kubectl set image deployment/web web=nginx:1.25-alpine';
      x.spec!.template.spec!.containers[0]!.image = 'nginx:1.25-alpine';
    });
    cluster.settle();
    expect(replicaSetsOf(cluster, 'web').map((rs) => rs.metadata?.annotations?.['kubernetes.io/change-cause'])).toEqual([
      'kubectl create deployment web --image=nginx:1.25',
      'kubectl set image deployment/web web=nginx:1.25-alpine',
    ]);
  });

  it('keeps only revisionHistoryLimit old ReplicaSets', () => {
    const { cluster } = workloadCluster();
    cluster.must(R.deployments, deploymentObject('web', 1, 'nginx:1.20', { revisionHistoryLimit: 2 }));
    cluster.settle();
    for (const tag of ['1.20.2', '1.21', '1.21.6', '1.25']) {
      setImage(cluster, 'web', `nginx:${tag}`);
      cluster.settle();
    }
    const left = replicaSetsOf(cluster, 'web');
    expect(left.map((rs) => [revisionOf(rs), rs.spec!.template!.spec!.containers[0]!.image])).toEqual([
      ['3', 'nginx:1.21'],
      ['4', 'nginx:1.21.6'],
      ['5', 'nginx:1.25'],
    ]);
  });

  it('never lets a Recreate rollout run old and new pods together', () => {
    const { cluster } = workloadCluster();
    cluster.must(R.deployments, deploymentObject('web', 3, 'nginx:1.25', { strategy: { type: 'Recreate' } }));
    cluster.settle();
    const monitor = new RolloutMonitor(cluster, 'web');
    const mixed: string[] = [];
    const w = cluster.admin.watch(R.pods, { namespace: 'default' }, () => {
      // Terminating pods count too: Recreate waits until the old pods are gone.
      const hashes = new Set([...monitor.pods.values()].map((p) => p.metadata?.labels?.['pod-template-hash']));
      if (hashes.size > 1) mixed.push(`t=${cluster.clock.now()}: ${[...hashes].join(',')}`);
    });
    setImage(cluster, 'web', 'nginx:1.25-alpine');
    cluster.settle();
    if (w.ok) w.value.stop();
    expect(mixed).toEqual([]);
    const [oldRS, newRS] = replicaSetsOf(cluster, 'web').map((rs) => rs.metadata!.name!);
    expect(cluster.events('web').slice(1)).toEqual([
      `ScalingReplicaSet: Scaled down replica set ${oldRS} to 0 from 3`,
      `ScalingReplicaSet: Scaled up replica set ${newRS} to 3`,
    ]);
    expect(podsWithLabel(cluster, 'app', 'web').every((p) => p.status?.phase === 'Running' && p.spec!.containers[0]!.image === 'nginx:1.25-alpine')).toBe(true);
  });

  it('pause stops the rollout, scaling still works, resume finishes it', () => {
    const { cluster } = workloadCluster();
    cluster.must(R.deployments, deploymentObject('web', 2));
    cluster.settle();
    editDeployment(cluster, 'web', (d) => {
      d.spec!.paused = true;
    });
    cluster.settle();
    setImage(cluster, 'web', 'nginx:1.25-alpine');
    cluster.settle();
    expect(replicaSetsOf(cluster, 'web')).toHaveLength(1);
    let d = cluster.get<Deployment>(R.deployments, 'default', 'web')!;
    expect(d.status?.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    expect(d.status?.updatedReplicas).toBeUndefined();

    editDeployment(cluster, 'web', (x) => {
      x.spec!.replicas = 4;
    });
    cluster.settle();
    expect(replicaSetsOf(cluster, 'web').map((rs) => rs.spec!.replicas)).toEqual([4]);
    expect(podsWithLabel(cluster, 'app', 'web')).toHaveLength(4);

    editDeployment(cluster, 'web', (x) => {
      x.spec!.paused = false;
    });
    cluster.settle();
    const rss = replicaSetsOf(cluster, 'web');
    expect(rss.map((rs) => rs.spec!.replicas)).toEqual([0, 4]);
    d = cluster.get<Deployment>(R.deployments, 'default', 'web')!;
    expect(d.status).toMatchObject({ replicas: 4, updatedReplicas: 4, availableReplicas: 4 });
    expect(d.status?.conditions?.find((c) => c.type === 'Progressing')?.reason).toBe('NewReplicaSetAvailable');
    const progressingReasons = cluster
      .list<Event>(R.events)
      .filter((e) => e.involvedObject.name === 'web')
      .map((e) => e.reason);
    expect(progressingReasons.every((r) => r === 'ScalingReplicaSet')).toBe(true);
  });

  it('a rollout whose pods never become ready exceeds its progress deadline', () => {
    const { cluster } = workloadCluster({ kubelet: 'fake', ready: (pod) => pod.spec!.containers[0]!.image !== 'nginx:broken' });
    cluster.must(R.deployments, deploymentObject('web', 3, 'nginx:1.25', { progressDeadlineSeconds: 60 }));
    cluster.settle();
    const start = cluster.clock.now();
    setImage(cluster, 'web', 'nginx:broken');
    cluster.settle();

    const newRS = replicaSetsOf(cluster, 'web')[1]!;
    const d = cluster.get<Deployment>(R.deployments, 'default', 'web')!;
    const progressing = d.status?.conditions?.find((c) => c.type === 'Progressing');
    expect(progressing).toMatchObject({
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
      message: `ReplicaSet "${newRS.metadata!.name}" has timed out progressing.`,
    });
    // Declared about a minute after the last progress, not at once and not never.
    const elapsed = cluster.clock.now() - start;
    expect(elapsed).toBeGreaterThan(60_000);
    expect(elapsed).toBeLessThan(70_000);
    // The old pods keep serving: the rollout is stuck, not undone.
    expect(d.status).toMatchObject({ replicas: 4, updatedReplicas: 1, availableReplicas: 3, unavailableReplicas: 1 });
    expect(d.status?.conditions?.find((c) => c.type === 'Available')?.status).toBe('True');
  });

  it('deleting a Deployment removes its ReplicaSets and pods (garbage collector)', () => {
    const { cluster } = workloadCluster();
    cluster.must(R.deployments, deploymentObject('web', 3));
    cluster.settle();
    setImage(cluster, 'web', 'nginx:1.25-alpine');
    cluster.settle();
    expect(cluster.names(R.replicasets, 'default')).toHaveLength(2);
    const r = cluster.admin.delete(R.deployments, 'default', 'web');
    expect(r.ok).toBe(true);
    cluster.settle();
    expect(cluster.names(R.deployments, 'default')).toEqual([]);
    expect(cluster.names(R.replicasets, 'default')).toEqual([]);
    expect(cluster.names(R.pods, 'default')).toEqual([]);
  });
});
