/**
 * Column definitions are built once per kind at module load and shared by every Table, so a
 * list of ten thousand pods allocates rows and cells only.
 */
import type { TableColumnDefinition, TableRowCondition } from './types';

export interface RowContext {
  /** The wall instant (Unix ms) of simulated "now", for every AGE-like cell. */
  readonly nowWall: number;
  /** HumanDuration since an RFC 3339 timestamp, `<unknown>` when unset. */
  age(timestamp: string | undefined | null): string;
}

/** One kind's server-side printer: its columns and how one object becomes one row. */
export interface Printer<T = never> {
  readonly columns: readonly TableColumnDefinition[];
  cells(obj: T, ctx: RowContext): unknown[];
  /** Row conditions (pods that finished carry `Completed`). */
  conditions?(obj: T): TableRowCondition[] | undefined;
}

export function column(
  name: string,
  type: string,
  description: string,
  priority = 0,
  format = '',
): TableColumnDefinition {
  return Object.freeze({ name, type, format, description, priority });
}

const NAME_DOC =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';

const CREATION_DOC =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

export const NAME_COLUMN = column('Name', 'string', NAME_DOC, 0, 'name');
export const AGE_COLUMN = column('Age', 'string', CREATION_DOC);
/** The default table convertor's second column (kinds without a printer: Role, LimitRange, ...). */
export const CREATED_AT_COLUMN = column('Created At', 'date', CREATION_DOC);

export const CONTAINERS_COLUMN = column('Containers', 'string', 'Names of each container in the template.', 1);
export const IMAGES_COLUMN = column('Images', 'string', 'Images referenced by each container in the template.', 1);

export const columns = (...defs: TableColumnDefinition[]): readonly TableColumnDefinition[] => Object.freeze(defs);
