/**
 * The stand-in must be cheap: 1,000 pods on 100 nodes converge with one status write per pod and
 * nothing else but heartbeats. (Wall time is not asserted — shared CI machines are noisy; almost
 * all of it is the apiserver's update path, the kubelet's own work is a few ms.)
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { R, TestCluster, testNodes } from '../../controllers/testing/harness';

describe('stand-in kubelet at scale', () => {
  it('1,000 pods on 100 nodes: all Running with unique IPs, one write each', () => {
    const c = new TestCluster({ nodes: testNodes(99), binder: false }).start();
    c.settle();
    const nodes = testNodes(99).map((n) => n.name);
    for (let i = 0; i < 1000; i++) c.must(R.pods, TestCluster.pod(`p${i}`, { nodeName: nodes[i % nodes.length] }));
    const writes: string[] = [];
    c.api.onRequest((rec) => {
      if (rec.request.userAgent?.startsWith('kubelet/') && rec.request.method !== 'GET' && !rec.request.path.includes('/leases/')) {
        writes.push(`${rec.request.method} ${rec.request.path}`);
      }
    });
    c.settle();
    const pods = c.list<Pod>(R.pods, 'default');
    expect(pods.filter((p) => p.status?.phase === 'Running')).toHaveLength(1000);
    expect(new Set(pods.map((p) => p.status!.podIP)).size).toBe(1000);
    expect(writes).toHaveLength(1000);
    expect(writes.every((w) => w.startsWith('PUT /api/v1/namespaces/default/pods/') && w.endsWith('/status'))).toBe(true);
  }, 60_000);
});
