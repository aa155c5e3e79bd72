import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMING } from '../../kubelet/rules/timing';
import { R, TestCluster } from './harness';

describe('TestCluster', () => {
  it('runs pods for real: nginx starts, logs and turns ready; the default timing profile takes seconds', () => {
    const c = new TestCluster({ timing: DEFAULT_TIMING }).start();
    c.must(R.pods, TestCluster.pod('web', { nodeName: 'worker01' }));
    expect(c.runUntil(() => c.row('web') === 'web 1/1 Running 0', 60_000)).toBe(true);
    expect(c.clock.now()).toBeGreaterThan(2000); // a first nginx pull
    expect(c.logs('web').split('\n')[0]).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
  });

  it('setPodReady flips the pod\'s readiness probe and waits until the kubelet reports it', () => {
    const c = new TestCluster().start();
    c.must(R.pods, TestCluster.pod('web', { nodeName: 'worker01', readinessFile: true }));
    c.runUntil(() => c.row('web') === 'web 1/1 Running 0', 60_000);
    c.setPodReady('default', 'web', false);
    expect(c.row('web')).toBe('web 0/1 Running 0');
    c.setPodReady('default', 'web', true);
    expect(c.row('web')).toBe('web 1/1 Running 0');
  });
});
