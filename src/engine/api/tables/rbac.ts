/** RoleBindings and ClusterRoleBindings: ROLE, and under -o wide USERS, GROUPS, SERVICEACCOUNTS. */
import type { ClusterRoleBinding, RoleBinding, Subject } from 'kubernetes-types/rbac/v1';
import { AGE_COLUMN, NAME_COLUMN, column, columns, type Printer, type RowContext } from './columns';

/** Subject names split by kind; service accounts read `namespace/name`. */
export function subjectsStrings(subjects: readonly Subject[] | undefined): { users: string[]; groups: string[]; serviceAccounts: string[] } {
  const users: string[] = [];
  const groups: string[] = [];
  const serviceAccounts: string[] = [];
  for (const s of subjects ?? []) {
    if (s.kind === 'ServiceAccount') serviceAccounts.push(`${s.namespace ?? ''}/${s.name}`);
    else if (s.kind === 'User') users.push(s.name);
    else if (s.kind === 'Group') groups.push(s.name);
  }
  return { users, groups, serviceAccounts };
}

function bindingColumns(what: string) {
  return columns(
    NAME_COLUMN,
    column('Role', 'string', 'RoleRef can only reference a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error. This field is immutable.'),
    AGE_COLUMN,
    column('Users', 'string', `Users in the ${what}`, 1),
    column('Groups', 'string', `Groups in the ${what}`, 1),
    column('ServiceAccounts', 'string', `ServiceAccounts in the ${what}`, 1),
  );
}

function bindingCells(b: RoleBinding | ClusterRoleBinding, ctx: RowContext): unknown[] {
  const { users, groups, serviceAccounts } = subjectsStrings(b.subjects);
  return [
    b.metadata?.name ?? '',
    `${b.roleRef?.kind ?? ''}/${b.roleRef?.name ?? ''}`,
    ctx.age(b.metadata?.creationTimestamp),
    users.join(', '),
    groups.join(', '),
    serviceAccounts.join(', '),
  ];
}

export const roleBindingPrinter: Printer<RoleBinding> = { columns: bindingColumns('roleBinding'), cells: bindingCells };
export const clusterRoleBindingPrinter: Printer<ClusterRoleBinding> = { columns: bindingColumns('clusterRoleBinding'), cells: bindingCells };
