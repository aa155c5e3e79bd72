/** The DaemonSet's pinned pods bound by the real scheduler (matchFields node affinity). */
import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { Scheduler } from '../../scheduler/scheduler';
import { R, TestCluster } from '../testing/harness';
import { DaemonSetController } from './controller';

describe('DaemonSet with the scheduler', () => {
  it('kube-proxy lands on every node, the master included', () => {
    const c = new TestCluster({ binder: false });
    c.add(new Scheduler(c.context('default-scheduler')));
    c.add(new DaemonSetController(c.context('daemonset-controller')));
    c.start();
    c.must(R.daemonsets, {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'kube-proxy', namespace: 'kube-system' },
      spec: {
        selector: { matchLabels: { k8s: 'proxy' } },
        template: { metadata: { labels: { k8s: 'proxy' } }, spec: { hostNetwork: true, tolerations: [{ operator: 'Exists' }], containers: [{ name: 'p', image: 'registry.k8s.io/kube-proxy:v1.30.2', command: ['/usr/local/bin/kube-proxy'] }] } },
      },
    });
    c.settle();
    const pods = c.list<Pod>(R.pods, 'kube-system');
    expect(pods.map((p) => p.spec!.nodeName).sort()).toEqual(['master01', 'worker01', 'worker02']);
    expect(pods.every((p) => p.status!.phase === 'Running' && p.status!.podIP === p.status!.hostIP)).toBe(true);
    expect(c.events().filter((e) => e.startsWith('Scheduled:'))).toHaveLength(3);
  });
});
