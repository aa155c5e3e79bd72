/** Leases (HOLDER) and ControllerRevisions (CONTROLLER, REVISION). */
import type { ControllerRevision } from 'kubernetes-types/apps/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import { AGE_COLUMN, NAME_COLUMN, column, columns, type Printer, type RowContext } from './columns';

export const leasePrinter: Printer<Lease> = {
  columns: columns(
    NAME_COLUMN,
    column('Holder', 'string', 'holderIdentity contains the identity of the holder of a current lease. If Coordinated Leader Election is used, the holder identity must be equal to the elected LeaseCandidate.metadata.name field.'),
    AGE_COLUMN,
  ),
  cells: (l: Lease, ctx: RowContext) => [l.metadata?.name ?? '', l.spec?.holderIdentity ?? '', ctx.age(l.metadata?.creationTimestamp)],
};

/** CONTROLLER: `<lower-case kind>[.<group>]/<name>` of the controlling owner, `<none>` without one. */
export function controllerName(obj: ControllerRevision): string {
  const ref = obj.metadata?.ownerReferences?.find((r) => r.controller === true);
  if (!ref) return '<none>';
  const apiVersion = ref.apiVersion ?? '';
  const slash = apiVersion.indexOf('/');
  const group = slash >= 0 ? apiVersion.slice(0, slash) : '';
  const kind = ref.kind ?? '';
  if (!kind && !group) return ref.name;
  return `${(group ? `${kind}.${group}` : kind).toLowerCase()}/${ref.name}`;
}

export const controllerRevisionPrinter: Printer<ControllerRevision> = {
  columns: columns(
    NAME_COLUMN,
    column('Controller', 'string', 'Controller of the object'),
    column('Revision', 'string', 'Revision indicates the revision of the state represented by Data.'),
    AGE_COLUMN,
  ),
  cells: (cr: ControllerRevision, ctx: RowContext) => [
    cr.metadata?.name ?? '',
    controllerName(cr),
    cr.revision ?? 0,
    ctx.age(cr.metadata?.creationTimestamp),
  ],
};
