import { describe, expect, it } from 'vitest';
import type { Node } from 'kubernetes-types/core/v1';
import { DEFAULT_HEALTH_TIMINGS, isSilent, observeHealth, silentNodeConditions } from './health';

const node = (heartbeat?: string): Node => ({
  metadata: { name: 'worker01', creationTimestamp: '2026-01-05T09:00:00Z' },
  status: {
    conditions: heartbeat
      ? [
          { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', lastHeartbeatTime: heartbeat },
          { type: 'Ready', status: 'True', reason: 'KubeletReady', lastHeartbeatTime: heartbeat },
        ]
      : [],
  },
});
const lease = (renewTime: string) => ({ spec: { renewTime } });

describe('observeHealth', () => {
  it('moves the probe timestamp only when a heartbeat moves', () => {
    let h = observeHealth(undefined, node('t0'), lease('r0'), 1000, 0);
    expect(h.probeTimestamp).toBe(1000);
    h = observeHealth(h, node('t0'), lease('r0'), 6000, 0);
    expect(h.probeTimestamp).toBe(1000);
    h = observeHealth(h, node('t0'), lease('r1'), 11000, 0);
    expect(h.probeTimestamp).toBe(11000);
    h = observeHealth(h, node('t1'), lease('r1'), 16000, 0);
    expect(h.probeTimestamp).toBe(16000);
  });

  it('silence is measured against the grace period (startup grace without a Ready condition)', () => {
    const cases: Array<[string, Node, number, boolean]> = [
      ['39 s after the last heartbeat', node('t0'), 40_000, false],
      ['41 s after the last heartbeat', node('t0'), 42_000, true],
      ['never posted, 50 s', node(), 51_000, false],
      ['never posted, 61 s', node(), 62_000, true],
    ];
    for (const [name, n, now, silent] of cases) {
      const h = { probeTimestamp: 1000, readyHeartbeat: undefined, leaseRenewTime: undefined };
      expect(isSilent(h, n, now, DEFAULT_HEALTH_TIMINGS), name).toBe(silent);
    }
  });
});

describe('silentNodeConditions', () => {
  it('turns the kubelet conditions Unknown and adds the ones never posted', () => {
    const conditions = silentNodeConditions(node('t0'), 'T')!;
    expect(conditions.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['MemoryPressure', 'Unknown', 'NodeStatusUnknown'],
      ['Ready', 'Unknown', 'NodeStatusUnknown'],
      ['DiskPressure', 'Unknown', 'NodeStatusNeverUpdated'],
      ['PIDPressure', 'Unknown', 'NodeStatusNeverUpdated'],
    ]);
    expect(conditions[1]!.message).toBe('Kubelet stopped posting node status.');
    expect(conditions[1]!.lastTransitionTime).toBe('T');
    expect(conditions[1]!.lastHeartbeatTime).toBe('t0');
  });
  it('writes nothing the second time', () => {
    const n = node('t0');
    n.status!.conditions = silentNodeConditions(n, 'T');
    expect(silentNodeConditions(n, 'T2')).toBeUndefined();
  });
});
