import { describe, expect, it } from 'vitest';
import { clusterRoleBindingPrinter, roleBindingPrinter, subjectsStrings } from './rbac';
import { at, rowContext } from './testkit';

describe('RoleBinding / ClusterRoleBinding', () => {
  const subjects = [
    { kind: 'User', name: 'jane', apiGroup: 'rbac.authorization.k8s.io' },
    { kind: 'Group', name: 'system:masters', apiGroup: 'rbac.authorization.k8s.io' },
    { kind: 'ServiceAccount', name: 'coredns', namespace: 'kube-system' },
    { kind: 'ServiceAccount', name: 'default', namespace: 'default' },
  ];

  it('splits subjects by kind', () => {
    expect(subjectsStrings(subjects)).toEqual({
      users: ['jane'],
      groups: ['system:masters'],
      serviceAccounts: ['kube-system/coredns', 'default/default'],
    });
  });

  it('prints ROLE AGE and the wide subject columns', () => {
    const rb = { metadata: { name: 'read-pods', creationTimestamp: at(0) }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' }, subjects };
    expect(roleBindingPrinter.cells(rb, rowContext(7_200_000))).toEqual([
      'read-pods',
      'Role/pod-reader',
      '120m',
      'jane',
      'system:masters',
      'kube-system/coredns, default/default',
    ]);
    const crb = { metadata: { name: 'cluster-admin', creationTimestamp: at(0) }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' } };
    expect(clusterRoleBindingPrinter.cells(crb, rowContext(7_200_000))).toEqual(['cluster-admin', 'ClusterRole/cluster-admin', '120m', '', '', '']);
    expect(roleBindingPrinter.columns.map((c) => [c.name, c.priority])).toEqual([
      ['Name', 0],
      ['Role', 0],
      ['Age', 0],
      ['Users', 1],
      ['Groups', 1],
      ['ServiceAccounts', 1],
    ]);
  });
});
