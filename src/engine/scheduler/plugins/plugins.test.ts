import type { Node, NodeSelectorRequirement, Pod, Taint, Toleration } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { podInfo } from '../algorithm';
import { NodeInfo } from '../nodeinfo';
import { nodeAffinity, requirementMatches, termMatches } from './nodeaffinity';
import { nodeName } from './nodename';
import { noderesourcesFit } from './noderesourcesfit';
import { nodeUnschedulable } from './nodeunschedulable';
import { taintToleration, tolerates } from './tainttoleration';

const node = (name: string, extra: { labels?: Record<string, string>; taints?: Taint[]; unschedulable?: boolean; cpu?: string; memory?: string; pods?: string; ready?: string } = {}): NodeInfo =>
  new NodeInfo({
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...extra.labels } },
    spec: { taints: extra.taints, unschedulable: extra.unschedulable },
    status: {
      allocatable: { cpu: extra.cpu ?? '2', memory: extra.memory ?? '4Gi', pods: extra.pods ?? '110' },
      conditions: extra.ready ? [{ type: 'Ready', status: extra.ready }] : undefined,
    },
  } as Node);

const pod = (spec: Pod['spec'] = { containers: [] }, uid = 'p1'): Pod => ({ metadata: { name: uid, namespace: 'default', uid }, spec });

const CONTROL_PLANE: Taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

describe('tolerations', () => {
  const cases: [string, Toleration, Taint, boolean][] = [
    ['Exists on the key tolerates any value', { key: 'k', operator: 'Exists' }, { key: 'k', value: 'v', effect: 'NoSchedule' }, true],
    ['Equal needs the same value', { key: 'k', operator: 'Equal', value: 'v' }, { key: 'k', value: 'v', effect: 'NoSchedule' }, true],
    ['Equal with another value does not', { key: 'k', operator: 'Equal', value: 'x' }, { key: 'k', value: 'v', effect: 'NoSchedule' }, false],
    ['operator defaults to Equal', { key: 'k', value: 'v' }, { key: 'k', value: 'v', effect: 'NoExecute' }, true],
    ['an empty value equals a missing value', { key: 'k', operator: 'Equal' }, { key: 'k', effect: 'NoSchedule' }, true],
    ['another key does not match', { key: 'other', operator: 'Exists' }, { key: 'k', effect: 'NoSchedule' }, false],
    ['the effect must agree', { key: 'k', operator: 'Exists', effect: 'NoExecute' }, { key: 'k', effect: 'NoSchedule' }, false],
    ['an empty effect matches every effect', { key: 'k', operator: 'Exists' }, { key: 'k', effect: 'NoExecute' }, true],
    ['empty key + Exists tolerates everything', { operator: 'Exists' }, { key: 'anything', value: 'x', effect: 'NoSchedule' }, true],
    ['empty key with Equal tolerates nothing', { operator: 'Equal' }, { key: 'k', effect: 'NoSchedule' }, false],
  ];
  it.each(cases)('%s', (_, toleration, taint, expected) => expect(tolerates(toleration, taint)).toBe(expected));
});

describe('TaintToleration filter', () => {
  const cases: [string, Taint[], Toleration[], string | undefined][] = [
    ['untainted node fits', [], [], undefined],
    ['control-plane taint rejects', [CONTROL_PLANE], [], 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'],
    ['tolerated control-plane taint fits', [CONTROL_PLANE], [{ key: CONTROL_PLANE.key, operator: 'Exists', effect: 'NoSchedule' }], undefined],
    ['the value is printed', [{ key: 'dedicated', value: 'gpu', effect: 'NoExecute' }], [], 'node(s) had untolerated taint {dedicated: gpu}'],
    ['PreferNoSchedule does not filter', [{ key: 'soft', effect: 'PreferNoSchedule' }], [], undefined],
    ['only the first untolerated taint is reported', [{ key: 'a', effect: 'NoSchedule' }, { key: 'b', effect: 'NoSchedule' }], [], 'node(s) had untolerated taint {a: }'],
  ];
  it.each(cases)('%s', (_, taints, tolerations, reason) => {
    const r = taintToleration.filter(podInfo(pod({ containers: [], tolerations })), node('n', { taints }));
    expect(r?.reasons[0]).toBe(reason);
    if (r) expect(r.code).toBe('UnschedulableAndUnresolvable');
  });

  it('a NotReady node repels pods as if it had the not-ready taint', () => {
    const r = taintToleration.filter(podInfo(pod()), node('n', { ready: 'False' }));
    expect(r?.reasons).toEqual(['node(s) had untolerated taint {node.kubernetes.io/not-ready: }']);
    const unknown = taintToleration.filter(podInfo(pod()), node('n', { ready: 'Unknown' }));
    expect(unknown?.reasons).toEqual(['node(s) had untolerated taint {node.kubernetes.io/unreachable: }']);
    expect(taintToleration.filter(podInfo(pod()), node('n', { ready: 'True' }))).toBeUndefined();
  });
});

describe('NodeAffinity', () => {
  const labels = { disktype: 'ssd', zone: 'a', gen: '5' };
  const cases: [string, NodeSelectorRequirement, boolean][] = [
    ['In matches a listed value', { key: 'disktype', operator: 'In', values: ['ssd', 'nvme'] }, true],
    ['In needs the key', { key: 'gpu', operator: 'In', values: ['yes'] }, false],
    ['NotIn with another value', { key: 'zone', operator: 'NotIn', values: ['b'] }, true],
    ['NotIn with that value', { key: 'zone', operator: 'NotIn', values: ['a'] }, false],
    ['NotIn matches a missing key', { key: 'gpu', operator: 'NotIn', values: ['yes'] }, true],
    ['Exists', { key: 'zone', operator: 'Exists' }, true],
    ['Exists on a missing key', { key: 'gpu', operator: 'Exists' }, false],
    ['DoesNotExist', { key: 'gpu', operator: 'DoesNotExist' }, true],
    ['DoesNotExist on a present key', { key: 'zone', operator: 'DoesNotExist' }, false],
    ['Gt compares integers', { key: 'gen', operator: 'Gt', values: ['4'] }, true],
    ['Gt is strict', { key: 'gen', operator: 'Gt', values: ['5'] }, false],
    ['Lt', { key: 'gen', operator: 'Lt', values: ['10'] }, true],
    ['Gt on a non-integer label never matches', { key: 'zone', operator: 'Gt', values: ['1'] }, false],
    ['an unknown operator never matches', { key: 'zone', operator: 'Like', values: ['a'] }, false],
  ];
  it.each(cases)('%s', (_, req, expected) => expect(requirementMatches(req, labels)).toBe(expected));

  it('matchFields selects by node name; an empty term matches nothing', () => {
    const n = node('worker01').node;
    expect(termMatches({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['worker01'] }] }, n)).toBe(true);
    expect(termMatches({ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['worker01'] }] }, n)).toBe(false);
    expect(termMatches({}, n)).toBe(false);
  });

  it('nodeSelector and required terms must both hold; terms are ORed', () => {
    const n = node('w', { labels });
    const fits = (spec: Partial<NonNullable<Pod['spec']>>): boolean => !nodeAffinity.filter(podInfo(pod({ containers: [], ...spec })), n);
    expect(fits({ nodeSelector: { disktype: 'ssd' } })).toBe(true);
    expect(fits({ nodeSelector: { disktype: 'hdd' } })).toBe(false);
    const terms = (t: NodeSelectorRequirement[][]) => ({
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: t.map((m) => ({ matchExpressions: m })) } } },
    });
    expect(fits(terms([[{ key: 'zone', operator: 'In', values: ['b'] }], [{ key: 'gen', operator: 'Gt', values: ['1'] }]]))).toBe(true);
    expect(fits(terms([[{ key: 'zone', operator: 'In', values: ['a'] }, { key: 'gpu', operator: 'Exists' }]]))).toBe(false);
    expect(fits({ nodeSelector: { disktype: 'ssd' }, ...terms([[{ key: 'zone', operator: 'In', values: ['b'] }]]) })).toBe(false);
    expect(nodeAffinity.filter(podInfo(pod({ containers: [], nodeSelector: { x: 'y' } })), n)?.reasons).toEqual([
      "node(s) didn't match Pod's node affinity/selector",
    ]);
  });
});

describe('NodeResourcesFit', () => {
  const requesting = (cpu?: string, memory?: string, uid = 'p'): Pod =>
    pod({ containers: [{ name: 'c', resources: { requests: { ...(cpu ? { cpu } : {}), ...(memory ? { memory } : {}) } } }] }, uid);

  const cases: [string, { cpu?: string; memory?: string }, string[]][] = [
    ['fits in an empty node', { cpu: '1', memory: '1Gi' }, []],
    ['exactly the free amount fits', { cpu: '1500m', memory: '3Gi' }, []],
    ['too much cpu', { cpu: '1600m' }, ['Insufficient cpu']],
    ['too much memory', { memory: '3073Mi' }, ['Insufficient memory']],
    ['both, cpu first', { cpu: '3', memory: '8Gi' }, ['Insufficient cpu', 'Insufficient memory']],
    ['no requests always fit', {}, []],
  ];
  it.each(cases)('%s', (_, req, reasons) => {
    const n = node('n', { cpu: '2', memory: '4Gi' });
    n.addPod(requesting('500m', '1Gi', 'existing'));
    const r = noderesourcesFit.filter(podInfo(requesting(req.cpu, req.memory)), n);
    expect(r?.reasons ?? []).toEqual(reasons);
    if (r) expect(r.code).toBe('Unschedulable');
  });

  it('counts pods against the pods allocatable', () => {
    const n = node('n', { pods: '2' });
    n.addPod(pod(undefined, 'a'));
    expect(noderesourcesFit.filter(podInfo(pod(undefined, 'b')), n)).toBeUndefined();
    n.addPod(pod(undefined, 'b'));
    expect(noderesourcesFit.filter(podInfo(pod(undefined, 'c')), n)?.reasons).toEqual(['Too many pods']);
    n.removePod('a');
    expect(noderesourcesFit.filter(podInfo(pod(undefined, 'c')), n)).toBeUndefined();
  });

  it('limits stand in for missing requests; init containers count at their peak', () => {
    const n = node('n', { cpu: '2' });
    const limitOnly = pod({ containers: [{ name: 'c', resources: { limits: { cpu: '3' } } }] });
    expect(noderesourcesFit.filter(podInfo(limitOnly), n)?.reasons).toEqual(['Insufficient cpu']);
    const init = pod({
      initContainers: [{ name: 'i', resources: { requests: { cpu: '1800m' } } }],
      containers: [{ name: 'a', resources: { requests: { cpu: '500m' } } }, { name: 'b', resources: { requests: { cpu: '500m' } } }],
    });
    expect(podInfo(init).requests.milliCPU).toBe(1800);
  });

  it('pods that request nothing share one frozen request, which a NodeInfo never changes', () => {
    const a = podInfo(pod(undefined, 'a')).requests;
    const b = podInfo(pod(undefined, 'b')).requests;
    expect(a).toBe(b);
    expect(Object.isFrozen(a) && Object.isFrozen(a.scalar)).toBe(true);
    const n = node('n');
    n.addPod(pod(undefined, 'a'));
    n.addPod(pod({ containers: [{ name: 'c', resources: { requests: { cpu: '1', 'nvidia.com/gpu': '1' } } }] }, 'g'));
    n.removePod('g');
    expect(n.requested).toEqual({ milliCPU: 0, memory: 0, ephemeralStorage: 0, scalar: { 'nvidia.com/gpu': 0 } });
    expect(a).toEqual({ milliCPU: 0, memory: 0, ephemeralStorage: 0, scalar: {} });
  });
});

describe('NodeUnschedulable and NodeName', () => {
  it('a cordoned node takes no pods unless they tolerate the unschedulable taint', () => {
    const n = node('n', { unschedulable: true });
    expect(nodeUnschedulable.filter(podInfo(pod()), n)?.reasons).toEqual(['node(s) were unschedulable']);
    const tolerant = pod({ containers: [], tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] });
    expect(nodeUnschedulable.filter(podInfo(tolerant), n)).toBeUndefined();
  });

  it('a pod naming a node fits only there', () => {
    const p = podInfo(pod({ containers: [], nodeName: 'worker01' }));
    expect(nodeName.filter(p, node('worker01'))).toBeUndefined();
    expect(nodeName.filter(p, node('worker02'))?.reasons).toEqual(["node(s) didn't match the requested node name"]);
  });
});
