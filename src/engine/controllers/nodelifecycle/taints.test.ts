import { describe, expect, it } from 'vitest';
import type { Node, Taint, Toleration } from 'kubernetes-types/core/v1';
import {
  desiredNoExecuteTaintKey,
  desiredNoScheduleTaintKeys,
  matchingTolerations,
  minTolerationMs,
  reconcileControllerTaints,
  toleratesTaint,
} from './taints';

const controlPlane: Taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };
const unreachable: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
const dedicated: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };

describe('toleratesTaint', () => {
  const cases: Array<[string, Toleration, Taint, boolean]> = [
    ['Exists on the key', { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }, controlPlane, true],
    ['Exists without effect matches any effect', { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists' }, controlPlane, true],
    ['effect must match when given', { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoExecute' }, controlPlane, false],
    ['empty key + Exists tolerates everything', { operator: 'Exists' }, dedicated, true],
    ['Equal compares the value', { key: 'dedicated', operator: 'Equal', value: 'gpu' }, dedicated, true],
    ['Equal is the default operator', { key: 'dedicated', value: 'gpu' }, dedicated, true],
    ['Equal with a different value', { key: 'dedicated', value: 'cpu' }, dedicated, false],
    ['Equal with empty value vs empty taint value', { key: 'node-role.kubernetes.io/control-plane' }, controlPlane, true],
    ['another key', { key: 'other', operator: 'Exists' }, dedicated, false],
    ['empty key with Equal matches nothing', { operator: 'Equal' }, dedicated, false],
    ['unknown operator', { key: 'dedicated', operator: 'In' }, dedicated, false],
  ];
  it.each(cases)('%s', (_name, toleration, taint, expected) => {
    expect(toleratesTaint(toleration, taint)).toBe(expected);
  });
});

describe('matchingTolerations / minTolerationMs', () => {
  const defaultTolerations: Toleration[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  ];
  const cases: Array<[string, Taint[], Toleration[], boolean, number]> = [
    ['default 300 s tolerations', [unreachable], defaultTolerations, true, 300_000],
    ['no tolerations: evict now', [unreachable], [], false, 0],
    ['tolerate forever', [unreachable], [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists' }], true, Infinity],
    ['zero seconds: evict now', [unreachable], [{ operator: 'Exists', tolerationSeconds: 0 }], true, 0],
    ['negative seconds: evict now', [unreachable], [{ operator: 'Exists', tolerationSeconds: -5 }], true, 0],
    [
      'smallest of the used tolerations wins',
      [unreachable, { key: 'x', effect: 'NoExecute' }],
      [...defaultTolerations, { key: 'x', operator: 'Exists', tolerationSeconds: 60 }],
      true,
      60_000,
    ],
  ];
  it.each(cases)('%s', (_name, taints, tolerations, all, ms) => {
    const m = matchingTolerations(taints, tolerations);
    expect(m.allTolerated).toBe(all);
    if (all) expect(minTolerationMs(m.used)).toBe(ms);
  });
});

const node = (conditions: Array<[string, string]>, unschedulable = false, taints?: Taint[]): Node => ({
  metadata: { name: 'n' },
  spec: { unschedulable, taints },
  status: { conditions: conditions.map(([type, status]) => ({ type, status })) },
});

describe('condition taints', () => {
  const cases: Array<[string, Node, string[], string | undefined]> = [
    ['healthy', node([['Ready', 'True'], ['MemoryPressure', 'False']]), [], undefined],
    ['unreachable', node([['Ready', 'Unknown']]), ['node.kubernetes.io/unreachable'], 'node.kubernetes.io/unreachable'],
    ['not ready', node([['Ready', 'False']]), ['node.kubernetes.io/not-ready'], 'node.kubernetes.io/not-ready'],
    ['memory pressure', node([['Ready', 'True'], ['MemoryPressure', 'True']]), ['node.kubernetes.io/memory-pressure'], undefined],
    ['cordoned', node([['Ready', 'True']], true), ['node.kubernetes.io/unschedulable'], undefined],
  ];
  it.each(cases)('%s', (_name, n, noSchedule, noExecute) => {
    expect(desiredNoScheduleTaintKeys(n)).toEqual(noSchedule);
    expect(desiredNoExecuteTaintKey(n.status?.conditions?.find((c) => c.type === 'Ready'))).toBe(noExecute);
  });
});

describe('reconcileControllerTaints', () => {
  const now = '2026-01-05T09:01:00Z';
  it('adds the unreachable taints and keeps the control-plane taint', () => {
    expect(reconcileControllerTaints([controlPlane], ['node.kubernetes.io/unreachable'], 'node.kubernetes.io/unreachable', now)).toEqual([
      controlPlane,
      { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: now },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: now },
    ]);
  });
  it('removes them when the node is back, leaving user taints', () => {
    const current = [dedicated, { ...unreachable, timeAdded: now }, { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' }];
    expect(reconcileControllerTaints(current, [], undefined, now)).toEqual([dedicated]);
  });
  it('writes nothing when nothing changes', () => {
    const current = [{ ...unreachable, timeAdded: now }, { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: now }];
    expect(reconcileControllerTaints(current, ['node.kubernetes.io/unreachable'], 'node.kubernetes.io/unreachable', now)).toBeUndefined();
    expect(reconcileControllerTaints(undefined, [], undefined, now)).toBeUndefined();
  });
  it('swaps not-ready for unreachable', () => {
    const current = [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute', timeAdded: now }];
    expect(reconcileControllerTaints(current, [], 'node.kubernetes.io/unreachable', now)).toEqual([
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: now },
    ]);
  });
});
