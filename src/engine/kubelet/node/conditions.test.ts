import { describe, expect, it } from 'vitest';
import type { NodeCondition } from 'kubernetes-types/core/v1';
import { conditionsChanged, kubeletConditionsChanged, kubeletNodeConditions } from './conditions';

describe('kubeletNodeConditions', () => {
  it('reports the four kubelet conditions with the real reasons', () => {
    const c = kubeletNodeConditions(undefined, 'T0');
    expect(c.map((x) => [x.type, x.status, x.reason, x.message])).toEqual([
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
      ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
      ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
    ]);
    expect(c.every((x) => x.lastHeartbeatTime === 'T0' && x.lastTransitionTime === 'T0')).toBe(true);
  });

  it('moves the heartbeat, and the transition time only on a change', () => {
    const first = kubeletNodeConditions(undefined, 'T0');
    const second = kubeletNodeConditions(first, 'T1');
    expect(second[3]).toMatchObject({ lastHeartbeatTime: 'T1', lastTransitionTime: 'T0' });
    expect(conditionsChanged(first, second)).toBe(false);
    const lost = first.map((x) => (x.type === 'Ready' ? { ...x, status: 'Unknown', reason: 'NodeStatusUnknown' } : x));
    const back = kubeletNodeConditions(lost, 'T2');
    expect(back[3]).toMatchObject({ status: 'True', lastTransitionTime: 'T2' });
    expect(conditionsChanged(lost, back)).toBe(true);
  });
});

describe('kubeletConditionsChanged', () => {
  const healthy = kubeletNodeConditions(undefined, 'T0');
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
    expect(kubeletConditionsChanged(previous)).toBe(conditionsChanged(previous, kubeletNodeConditions(previous, 'T9')));
    expect(kubeletConditionsChanged(previous, 'network down')).toBe(conditionsChanged(previous, kubeletNodeConditions(previous, 'T9', 'network down')));
  });

  it('a runtime error makes Ready False with the kubelet\'s reason and the error as message', () => {
    const down = kubeletNodeConditions(healthy, 'T1', 'network down');
    expect(down.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'KubeletNotReady', message: 'network down', lastTransitionTime: 'T1' });
    expect(kubeletConditionsChanged(healthy, 'network down')).toBe(true);
    expect(kubeletConditionsChanged(down, 'network down')).toBe(false);
  });
});
