import type { Node } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { NODE_COLUMNS, nodePrinter, nodeRoles, nodeStatus } from './node';
import { at, rowContext } from './testkit';

const node = (p: { ready?: string; unschedulable?: boolean; labels?: Record<string, string> }): Node => ({
  metadata: { name: 'controlplane', creationTimestamp: at(0), labels: p.labels ?? {} },
  spec: p.unschedulable ? { unschedulable: true } : {},
  status: {
    conditions: p.ready ? [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: p.ready }] : [],
    addresses: [
      { type: 'InternalIP', address: '172.18.0.2' },
      { type: 'Hostname', address: 'controlplane' },
    ],
    nodeInfo: {
      kubeletVersion: 'v1.30.2',
      osImage: 'Ubuntu 22.04.4 LTS',
      kernelVersion: '5.15.0-105-generic',
      containerRuntimeVersion: 'containerd://1.7.13',
      architecture: 'amd64',
      bootID: '',
      kubeProxyVersion: 'v1.30.2',
      machineID: '',
      operatingSystem: 'linux',
      systemUUID: '',
    },
  },
});

describe('node STATUS', () => {
  it.each<[string, Node, string]>([
    ['ready', node({ ready: 'True' }), 'Ready'],
    ['not ready', node({ ready: 'False' }), 'NotReady'],
    ['unknown ready', node({ ready: 'Unknown' }), 'NotReady'],
    ['no Ready condition', node({}), 'Unknown'],
    ['cordoned', node({ ready: 'True', unschedulable: true }), 'Ready,SchedulingDisabled'],
    ['cordoned and down', node({ ready: 'False', unschedulable: true }), 'NotReady,SchedulingDisabled'],
  ])('%s → %s', (_, n, want) => {
    expect(nodeStatus(n)).toBe(want);
  });
});

describe('node ROLES', () => {
  it.each<[Record<string, string>, string]>([
    [{}, '<none>'],
    [{ 'node-role.kubernetes.io/control-plane': '' }, 'control-plane'],
    [{ 'node-role.kubernetes.io/master': '', 'node-role.kubernetes.io/control-plane': '' }, 'control-plane,master'],
    [{ 'kubernetes.io/role': 'worker' }, 'worker'],
    [{ 'kubernetes.io/role': '' }, '<none>'],
    [{ 'node-role.kubernetes.io/': 'x' }, '<none>'],
    [{ 'kubernetes.io/role': 'master', 'node-role.kubernetes.io/master': '' }, 'master'],
  ])('%j → %s', (labels, want) => {
    expect(nodeRoles(node({ labels }))).toBe(want);
  });
});

describe('node row', () => {
  it('matches a kubeadm control plane, wide included', () => {
    const n = node({ ready: 'True', labels: { 'node-role.kubernetes.io/control-plane': '' } });
    const cells = nodePrinter.cells(n, rowContext(5 * 24 * 3600_000));
    expect(cells).toEqual([
      'controlplane',
      'Ready',
      'control-plane',
      '5d',
      'v1.30.2',
      '172.18.0.2',
      '<none>',
      'Ubuntu 22.04.4 LTS',
      '5.15.0-105-generic',
      'containerd://1.7.13',
    ]);
    expect(NODE_COLUMNS.map((c) => c.name)).toEqual([
      'Name',
      'Status',
      'Roles',
      'Age',
      'Version',
      'Internal-IP',
      'External-IP',
      'OS-Image',
      'Kernel-Version',
      'Container-Runtime',
    ]);
  });
  it('prints <unknown> for missing node info', () => {
    expect(nodePrinter.cells({ metadata: { name: 'n' } }, rowContext(0)).slice(4)).toEqual(['', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>']);
  });
});
