/** Scenario: DaemonSets place one pod per eligible node and roll template changes node by node. */
import { describe, expect, it } from 'vitest';
import type { ControllerRevision, DaemonSet } from 'kubernetes-types/apps/v1';
import type { Pod, PodSpec } from 'kubernetes-types/core/v1';
import { R, TestCluster } from '../testing/harness';
import { DaemonSetController } from './controller';

function cluster(): TestCluster {
  const c = new TestCluster();
  c.add(new DaemonSetController(c.context('daemonset-controller')));
  return c.start();
}

/** Two versions of a node agent's image (catalogue images: the kubelets really pull them). */
const V1 = 'nginx:1.20';
const V2 = 'nginx:1.21';

function daemonSet(name: string, spec: Partial<PodSpec> = {}, extra: Partial<DaemonSet['spec']> = {}): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'kube-system' },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: V1 }], ...spec } },
      ...extra,
    },
  };
}

const podsOf = (c: TestCluster, ds: string) =>
  c.list<Pod>(R.pods, 'kube-system').filter((p) => p.metadata!.labels?.app === ds && !p.metadata!.deletionTimestamp);
const placement = (c: TestCluster, ds: string) => podsOf(c, ds).map((p) => p.spec!.nodeName).sort();
const status = (c: TestCluster, ds: string) => c.get<DaemonSet>(R.daemonsets, 'kube-system', ds)!.status!;
const setImage = (c: TestCluster, ds: string, image: string) =>
  c.admin.patch(R.daemonsets, 'kube-system', ds, 'merge', { spec: { template: { spec: { containers: [{ name: ds, image }] } } } });

describe('DaemonSet controller', () => {
  it('one pod per worker; the tainted control plane only for pods that tolerate it', () => {
    const c = cluster();
    c.must(R.daemonsets, daemonSet('agent'));
    c.must(R.daemonsets, daemonSet('kube-proxy', { hostNetwork: true, tolerations: [{ operator: 'Exists' }] }));
    c.settle();
    expect(placement(c, 'agent')).toEqual(['worker01', 'worker02']);
    expect(placement(c, 'kube-proxy')).toEqual(['master01', 'worker01', 'worker02']);
    expect(status(c, 'kube-proxy')).toMatchObject({
      desiredNumberScheduled: 3,
      currentNumberScheduled: 3,
      numberReady: 3,
      numberAvailable: 3,
      updatedNumberScheduled: 3,
      numberMisscheduled: 0,
      observedGeneration: 1,
    });
    const pod = podsOf(c, 'agent')[0]!;
    expect(pod.metadata!.name).toMatch(/^agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pod.metadata!.ownerReferences![0]).toMatchObject({ kind: 'DaemonSet', name: 'agent', controller: true, blockOwnerDeletion: true });
    expect(pod.spec!.affinity!.nodeAffinity!.requiredDuringSchedulingIgnoredDuringExecution!.nodeSelectorTerms).toEqual([
      { matchFields: [{ key: 'metadata.name', operator: 'In', values: [pod.spec!.nodeName] }] },
    ]);
    expect(pod.spec!.tolerations!.map((t) => `${t.key}:${t.effect}`)).toContain('node.kubernetes.io/unreachable:NoExecute');
    const revisions = c.list<ControllerRevision>(R.controllerrevisions, 'kube-system').filter((r) => r.metadata!.name!.startsWith('agent-'));
    expect(revisions).toHaveLength(1);
    expect(revisions[0]!.revision).toBe(1);
    expect(pod.metadata!.labels).toMatchObject({ app: 'agent', 'controller-revision-hash': revisions[0]!.metadata!.labels!['controller-revision-hash'], 'pod-template-generation': '1' });
    expect(c.events('agent').filter((e) => e.startsWith('SuccessfulCreate: Created pod: agent-'))).toHaveLength(2);
  });

  it('RollingUpdate replaces pods one node at a time, never more than maxUnavailable down', () => {
    const c = cluster();
    c.must(R.daemonsets, daemonSet('kube-proxy', { tolerations: [{ operator: 'Exists' }] }));
    c.settle();
    const before = podsOf(c, 'kube-proxy').map((p) => p.metadata!.name);
    setImage(c, 'kube-proxy', V2);
    let worst = 0;
    c.clock.runUntil(() => {
      const ready = new Set(
        podsOf(c, 'kube-proxy')
          .filter((p) => p.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True'))
          .map((p) => p.spec!.nodeName),
      );
      worst = Math.max(worst, 3 - ready.size);
      return c.clock.quiet;
    });
    c.settle();
    expect(worst).toBe(1);
    const after = podsOf(c, 'kube-proxy');
    expect(after.map((p) => p.spec!.containers[0]!.image)).toEqual([V2, V2, V2]);
    expect(after.some((p) => before.includes(p.metadata!.name))).toBe(false);
    expect(status(c, 'kube-proxy')).toMatchObject({ updatedNumberScheduled: 3, numberAvailable: 3, observedGeneration: 2 });
    const revisions = c.list<ControllerRevision>(R.controllerrevisions, 'kube-system').map((r) => r.revision).sort();
    expect(revisions).toEqual([1, 2]);
    expect(c.events('kube-proxy').filter((e) => e.startsWith('SuccessfulDelete: Deleted pod: kube-proxy-'))).toHaveLength(3);
  });

  it('maxUnavailable 2 replaces two nodes at once', () => {
    const c = cluster();
    c.must(R.daemonsets, daemonSet('kube-proxy', { tolerations: [{ operator: 'Exists' }] }, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 2 } } }));
    c.settle();
    setImage(c, 'kube-proxy', V2);
    let worst = 0;
    c.clock.runUntil(() => {
      const ready = podsOf(c, 'kube-proxy').filter((p) => p.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True'));
      worst = Math.max(worst, 3 - ready.length);
      return c.clock.quiet;
    });
    expect(worst).toBe(2);
  });

  it('rolling back reuses the old revision as the newest one', () => {
    const c = cluster();
    c.must(R.daemonsets, daemonSet('agent'));
    c.settle();
    setImage(c, 'agent', V2);
    c.settle();
    setImage(c, 'agent', V1);
    c.settle();
    const revisions = c.list<ControllerRevision>(R.controllerrevisions, 'kube-system');
    expect(revisions).toHaveLength(2);
    const byRevision = revisions.sort((a, b) => a.revision - b.revision);
    expect(byRevision.map((r) => r.revision)).toEqual([2, 3]);
    expect(podsOf(c, 'agent').every((p) => p.metadata!.labels!['controller-revision-hash'] === byRevision[1]!.metadata!.labels!['controller-revision-hash'])).toBe(true);
  });

  it('OnDelete: a template change waits until a pod is deleted by hand', () => {
    const c = cluster();
    c.must(R.daemonsets, daemonSet('agent', {}, { updateStrategy: { type: 'OnDelete' } }));
    c.settle();
    setImage(c, 'agent', V2);
    c.settle();
    expect(podsOf(c, 'agent').map((p) => p.spec!.containers[0]!.image)).toEqual([V1, V1]);
    expect(status(c, 'agent').updatedNumberScheduled).toBe(0);
    const victim = podsOf(c, 'agent').find((p) => p.spec!.nodeName === 'worker01')!;
    c.admin.delete(R.pods, 'kube-system', victim.metadata!.name!);
    c.settle();
    expect(podsOf(c, 'agent').map((p) => `${p.spec!.nodeName}=${p.spec!.containers[0]!.image}`).sort()).toEqual([`worker01=${V2}`, `worker02=${V1}`]);
  });

  it('follows node labels and taints: nodeSelector, an untolerated NoExecute taint', () => {
    const c = cluster();
    c.must(R.daemonsets, daemonSet('ssd-monitor', { nodeSelector: { disk: 'ssd' } }));
    c.must(R.daemonsets, daemonSet('agent'));
    c.settle();
    expect(placement(c, 'ssd-monitor')).toEqual([]);
    c.admin.patch(R.nodes, undefined, 'worker02', 'merge', { metadata: { labels: { disk: 'ssd' } } });
    c.settle();
    expect(placement(c, 'ssd-monitor')).toEqual(['worker02']);
    c.admin.patch(R.nodes, undefined, 'worker02', 'merge', { metadata: { labels: { disk: null } } });
    c.settle();
    expect(placement(c, 'ssd-monitor')).toEqual([]);

    // A NoSchedule taint only stops new pods: the existing one stays, counted as misscheduled.
    c.admin.patch(R.nodes, undefined, 'worker01', 'merge', { spec: { taints: [{ key: 'maintenance', effect: 'NoSchedule' }] } });
    c.settle();
    expect(placement(c, 'agent')).toEqual(['worker01', 'worker02']);
    expect(status(c, 'agent')).toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 1, numberMisscheduled: 1 });
    // NoExecute evicts it.
    c.admin.patch(R.nodes, undefined, 'worker01', 'merge', { spec: { taints: [{ key: 'maintenance', effect: 'NoExecute' }] } });
    c.settle();
    expect(placement(c, 'agent')).toEqual(['worker02']);
    expect(status(c, 'agent')).toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 1, numberMisscheduled: 0 });
  });

  it('a deleted daemon pod is replaced; extra pods are removed, the oldest kept', () => {
    const c = cluster();
    const ds = c.must(R.daemonsets, daemonSet('agent'));
    c.settle();
    const victim = podsOf(c, 'agent')[0]!;
    c.admin.delete(R.pods, 'kube-system', victim.metadata!.name!);
    c.settle();
    expect(placement(c, 'agent')).toEqual(['worker01', 'worker02']);
    // An orphan matching the selector is adopted — and, being a second pod on its node, removed.
    const orphan = TestCluster.pod('stray', { namespace: 'kube-system', nodeName: 'worker01', labels: { app: 'agent' } });
    c.must(R.pods, orphan);
    c.settle();
    expect(placement(c, 'agent')).toEqual(['worker01', 'worker02']);
    expect(podsOf(c, 'agent').some((p) => p.metadata!.name === 'stray')).toBe(false);
    expect(ds.metadata!.uid).toBeDefined();
  });
});
