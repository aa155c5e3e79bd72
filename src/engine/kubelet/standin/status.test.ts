import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import type { NodeCondition } from 'kubernetes-types/core/v1';
import { conditionsChanged, healthyConditionsChanged, healthyNodeConditions, runningPodStatus } from './status';

describe('healthyNodeConditions', () => {
  it('reports the four kubelet conditions with the real reasons', () => {
    const c = healthyNodeConditions(undefined, 'T0');
    expect(c.map((x) => [x.type, x.status, x.reason, x.message])).toEqual([
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
      ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
      ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
    ]);
    expect(c.every((x) => x.lastHeartbeatTime === 'T0' && x.lastTransitionTime === 'T0')).toBe(true);
  });

  it('moves the heartbeat, and the transition time only on a change', () => {
    const first = healthyNodeConditions(undefined, 'T0');
    const second = healthyNodeConditions(first, 'T1');
    expect(second[3]).toMatchObject({ lastHeartbeatTime: 'T1', lastTransitionTime: 'T0' });
    expect(conditionsChanged(first, second)).toBe(false);
    const lost = first.map((x) => (x.type === 'Ready' ? { ...x, status: 'Unknown', reason: 'NodeStatusUnknown' } : x));
    const back = healthyNodeConditions(lost, 'T2');
    expect(back[3]).toMatchObject({ status: 'True', lastTransitionTime: 'T2' });
    expect(conditionsChanged(lost, back)).toBe(true);
  });
});

describe('healthyConditionsChanged', () => {
  const healthy = healthyNodeConditions(undefined, 'T0');
  const network: NodeCondition = { type: 'NetworkUnavailable', status: 'False', reason: 'FlannelIsUp', message: 'Flannel is running on this node' };
  const cases: [string, NodeCondition[] | undefined][] = [
    ['no conditions yet', undefined],
    ['all healthy', healthy],
    ['healthy plus one the kubelet does not own', [network, ...healthy]],
    ['Ready lost', healthy.map((c) => (c.type === 'Ready' ? { ...c, status: 'Unknown' } : c))],
    ['one missing', healthy.slice(1)],
    ['a kubelet condition twice', [...healthy, healthy[0]!]],
    ['a foreign condition twice, differently', [network, { ...network, status: 'True' }, ...healthy]],
  ];
  // The kubelet asks this every 10 s instead of building the new conditions to compare them.
  it.each(cases)('%s: the same answer as comparing with freshly built conditions', (_name, previous) => {
    expect(healthyConditionsChanged(previous)).toBe(conditionsChanged(previous, healthyNodeConditions(previous, 'T9')));
  });
});

describe('runningPodStatus', () => {
  const pod: Pod = {
    metadata: { name: 'web', namespace: 'default' },
    spec: { nodeName: 'worker01', containers: [{ name: 'web', image: 'nginx' }, { name: 'agent', image: 'busybox:1.36' }] },
    status: { phase: 'Pending', qosClass: 'BestEffort', conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: 'T0' }] },
  };
  const ids: Record<string, string> = { web: 'containerd://aa', agent: 'containerd://bb' };

  it('runs with conditions in kubelet order, keeping what the scheduler and apiserver wrote', () => {
    const s = runningPodStatus(pod, { podIP: '10.244.1.2', hostIP: '192.168.1.131', now: 'T1', ready: true, containerIDs: ids });
    expect(s.phase).toBe('Running');
    expect(s.qosClass).toBe('BestEffort');
    expect(s.conditions!.map((c) => [c.type, c.status, c.lastTransitionTime])).toEqual([
      ['PodReadyToStartContainers', 'True', 'T1'],
      ['Initialized', 'True', 'T1'],
      ['Ready', 'True', 'T1'],
      ['ContainersReady', 'True', 'T1'],
      ['PodScheduled', 'True', 'T0'],
    ]);
    expect(s.podIPs).toEqual([{ ip: '10.244.1.2' }]);
    expect(s.containerStatuses!.map((c) => [c.name, c.image, c.containerID, c.ready, c.started])).toEqual([
      ['agent', 'docker.io/library/busybox:1.36', 'containerd://bb', true, true],
      ['web', 'docker.io/library/nginx:latest', 'containerd://aa', true, true],
    ]);
  });

  it('not ready: ContainersNotReady with the unready names; flipping back moves the transition time', () => {
    const notReady = runningPodStatus(pod, { podIP: '10.244.1.2', hostIP: 'h', now: 'T1', ready: false, containerIDs: ids });
    expect(notReady.conditions!.find((c) => c.type === 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotReady',
      message: 'containers with unready status: [web agent]',
    });
    const ready = runningPodStatus({ ...pod, status: notReady }, { podIP: '10.244.1.2', hostIP: 'h', now: 'T2', ready: true, containerIDs: ids });
    const cond = ready.conditions!.find((c) => c.type === 'Ready')!;
    expect(cond).toMatchObject({ status: 'True', lastTransitionTime: 'T2' });
    expect(cond.reason).toBeUndefined();
    expect(ready.conditions!.find((c) => c.type === 'Initialized')!.lastTransitionTime).toBe('T1');
    expect(ready.startTime).toBe('T1');
  });
});
