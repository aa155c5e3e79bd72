// The object view's feed: the YAML kubectl prints, sent when the object changes, and a node's kubelet state.
import { describe, expect, test } from 'vitest';
import { Learner } from '../engine/tutorial/testkit';
import { ObjectWatches } from './object-watch';

function watches(learner: Learner): ObjectWatches {
  const cluster = learner.cluster;
  return new ObjectWatches({ client: cluster.client('kubeplay-ui'), kubeletRunning: (node) => cluster.kubelets.get(node)?.running });
}

describe('ObjectWatches', () => {
  test('an opened pod comes as `kubectl get -o yaml` prints it, then again only when it changes, then as gone', () => {
    const learner = new Learner(3);
    learner.onNode('master01', 'kubectl run web --image=nginx');
    learner.waitFor('web running', () => learner.pod('web')?.row.status === 'Running');
    const printed = learner.onNode('master01', 'kubectl get pod web -o yaml').output;
    const feed = watches(learner);
    feed.watch(1, { kind: 'Pod', namespace: 'default', name: 'web' });

    const [first, ...more] = feed.take();
    expect(more).toEqual([]);
    expect(first!.request).toBe(1);
    const text = first!.report.text!;
    expect(text.head + text.spec + text.status).toBe(printed);
    expect(text.head).toMatch(/^apiVersion: v1\nkind: Pod\nmetadata:\n/);
    expect(text.spec).toMatch(/^spec:\n {2}containers:\n {2}- image: nginx\n/);
    expect(text.status).toMatch(/^status:\n/);
    expect(first!.report.kubelet).toBeUndefined();
    expect(feed.take()).toEqual([]);

    learner.onNode('master01', 'kubectl label pod web tier=front');
    const [relabelled] = feed.take();
    expect(relabelled!.report.text!.head).toContain('    tier: front\n');

    learner.deletePod('web');
    learner.waitFor('web gone', () => learner.pod('web') === undefined);
    expect(feed.take()).toEqual([{ request: 1, report: {} }]);
    feed.unwatch(1);
    expect(feed.take()).toEqual([]);
  });

  test("a node's report says whether its kubelet runs", () => {
    const learner = new Learner(3);
    learner.waitFor('worker01 registered', () => learner.onNode('master01', 'kubectl get node worker01').code === 0);
    const feed = watches(learner);
    feed.watch(7, { kind: 'Node', namespace: '', name: 'worker01' });
    const [running] = feed.take();
    expect(running!.report.kubelet).toBe('running');
    expect(running!.report.text!.head).toContain('  name: worker01\n');
    learner.cluster.kubelets.get('worker01')!.stop();
    expect(feed.take().map((r) => r.report.kubelet)).toEqual(['stopped']);
  });
});
