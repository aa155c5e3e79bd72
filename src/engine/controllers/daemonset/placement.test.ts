import { describe, expect, it } from 'vitest';
import type { Node, PodSpec } from 'kubernetes-types/core/v1';
import { daemonPodTolerations, nodeMatchesPod, pinToNode, placementOn, targetNodeName } from './placement';

const node = (name: string, labels: Record<string, string> = {}, taints: Node['spec'] = {}): Node => ({
  metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } },
  spec: taints,
});
const master = node('master01', { 'node-role.kubernetes.io/control-plane': '' }, {
  taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
});
const worker = node('worker01', { disk: 'ssd' });
const cordoned = node('worker02', {}, { unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] });
const unreachable = node('worker03', {}, {
  taints: [
    { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' },
  ],
});
const evicting = node('worker04', {}, { taints: [{ key: 'maintenance', effect: 'NoExecute' }] });
const noSchedule = node('worker05', {}, { taints: [{ key: 'maintenance', effect: 'NoSchedule' }] });

const plain: PodSpec = { containers: [{ name: 'c', image: 'x' }] };
const kubeProxy: PodSpec = { ...plain, hostNetwork: true, tolerations: [{ operator: 'Exists' }] };
const ssdOnly: PodSpec = { ...plain, nodeSelector: { disk: 'ssd' } };
const affinity: PodSpec = {
  ...plain,
  affinity: {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchExpressions: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'DoesNotExist' }] }],
      },
    },
  },
};

describe('placementOn', () => {
  const cases: Array<[string, Node, PodSpec, boolean, boolean]> = [
    ['plain pod on a worker', worker, plain, true, true],
    ['plain pod: control-plane taint is not tolerated', master, plain, false, true],
    ['tolerate-everything pod runs on the master', master, kubeProxy, true, true],
    ['cordoned node: tolerated automatically', cordoned, plain, true, true],
    ['unreachable node: keeps its pod (NoExecute tolerated) but gets no new one (NoSchedule is not)', unreachable, plain, false, true],
    ['foreign NoExecute taint: not run, and evicted', evicting, plain, false, false],
    ['foreign NoSchedule taint: not created, but may stay', noSchedule, plain, false, true],
    ['nodeSelector matches', worker, ssdOnly, true, true],
    ['nodeSelector does not match', noSchedule, ssdOnly, false, false],
    ['affinity excludes the control plane', master, { ...affinity, tolerations: [{ operator: 'Exists' }] }, false, false],
    ['affinity allows a worker', worker, affinity, true, true],
    ['nodeName elsewhere', worker, { ...plain, nodeName: 'worker09' }, false, false],
  ];
  it.each(cases)('%s', (_name, n, spec, shouldRun, shouldContinueRunning) => {
    expect(placementOn(n, spec)).toEqual({ shouldRun, shouldContinueRunning });
  });
});

describe('node affinity operators', () => {
  const n = node('w', { zone: 'a', gen: '5' });
  const withTerm = (key: string, operator: string, values?: string[]): PodSpec => ({
    ...plain,
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key, operator, values }] }] } } },
  });
  const cases: Array<[PodSpec, boolean]> = [
    [withTerm('zone', 'In', ['a', 'b']), true],
    [withTerm('zone', 'NotIn', ['a']), false],
    [withTerm('nozone', 'NotIn', ['a']), true],
    [withTerm('zone', 'Exists'), true],
    [withTerm('zone', 'DoesNotExist'), false],
    [withTerm('gen', 'Gt', ['4']), true],
    [withTerm('gen', 'Lt', ['4']), false],
    [withTerm('zone', 'Gt', ['4']), false],
    [{ ...plain, affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{}] } } } }, false],
  ];
  it.each(cases)('%#', (spec, expected) => expect(nodeMatchesPod(n, spec)).toBe(expected));
});

describe('daemon pod tolerations and pinning', () => {
  it('adds the automatic tolerations after the template ones, network-unavailable only for host network', () => {
    expect(daemonPodTolerations(plain).map((t) => `${t.key}:${t.effect}`)).toEqual([
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/pid-pressure:NoSchedule',
      'node.kubernetes.io/unschedulable:NoSchedule',
    ]);
    expect(daemonPodTolerations(kubeProxy)).toHaveLength(8);
    // A template toleration for the same key/effect (e.g. with tolerationSeconds) is replaced.
    const custom = daemonPodTolerations({ ...plain, tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 5 }] });
    expect(custom.filter((t) => t.key === 'node.kubernetes.io/unreachable')).toEqual([{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' }]);
  });

  it('pins with matchFields metadata.name and reads the target back', () => {
    const pinned = pinToNode(affinity.affinity, 'worker01');
    expect(pinned.nodeAffinity!.requiredDuringSchedulingIgnoredDuringExecution).toEqual({
      nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['worker01'] }] }],
    });
    expect(targetNodeName({ ...plain, affinity: pinned })).toBe('worker01');
    expect(targetNodeName({ ...plain, nodeName: 'worker02', affinity: pinned })).toBe('worker02');
    expect(targetNodeName(plain)).toBeUndefined();
  });
});
