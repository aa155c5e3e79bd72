/**
 * The apiserver's default table convertor, used for every kind without a printer of its own
 * (Role, ClusterRole, LimitRange, ...): NAME and CREATED AT, an RFC 3339 UTC timestamp.
 */
import type { KubeObject } from '../types';
import { CREATED_AT_COLUMN, NAME_COLUMN, columns, type Printer } from './columns';
import { parseTimestamp } from './duration';

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const GO_ZERO_TIME = '0001-01-01T00:00:00Z';

/** `Time.UTC().Format(time.RFC3339)`: whole seconds, `Z`; Go's zero time when unset. */
export function rfc3339(timestamp: string | undefined | null): string {
  if (!timestamp) return GO_ZERO_TIME;
  if (CANONICAL.test(timestamp)) return timestamp;
  const at = parseTimestamp(timestamp);
  if (Number.isNaN(at)) return GO_ZERO_TIME;
  return new Date(Math.floor(at / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export const defaultPrinter: Printer<KubeObject> = {
  columns: columns(NAME_COLUMN, CREATED_AT_COLUMN),
  cells: (obj: KubeObject) => [obj.metadata?.name ?? '', rfc3339(obj.metadata?.creationTimestamp)],
};
