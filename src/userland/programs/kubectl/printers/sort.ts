/**
 * `kubectl get --sort-by=<jsonpath>`: kubectl evaluates the path on each object and orders by the
 * first value — numbers by value, strings that both parse as quantities (`500m`, `2Gi`) by amount,
 * other strings in natural order (`pod-9` before `pod-10`), objects without the field first. It is
 * a stable sort here (kubectl's is stable for the short lists people type it on).
 *
 * Server-side tables are sorted by the objects behind their rows (`includeObject=Object`); where
 * kubectl gets a list of objects instead (`-o name|json|jsonpath|custom-columns`) a path found on
 * no object at all is an error.
 */
import { compareQuantity, parseQuantity } from '../../../../engine/api/strategy/validation/quantity';
import { KubectlError } from '../framework';
import { findResults, JsonPathError, parseJsonPath, type JsonPath } from './jsonpath';

/** kubectl's field shorthand: `.metadata.name`, `metadata.name`, `{.metadata.name}` → `{.metadata.name}`. */
export function relaxedJsonPath(expression: string): string {
  if (expression === '') return expression;
  const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(expression);
  if (!m) throw new KubectlError("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
  return `{.${m[1] ?? m[2]}}`;
}

/** Natural order (fvbommel/sortorder): runs of digits compare as numbers, digits before other bytes. */
export function naturalLess(a: string, b: string): boolean {
  const digit = (s: string, i: number): boolean => i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [da, db] = [digit(a, i), digit(b, j)];
    if (da !== db) return da;
    if (!da) {
      if (a[i] !== b[j]) return a[i]! < b[j]!;
      i++;
      j++;
      continue;
    }
    while (i < a.length && a[i] === '0') i++;
    while (j < b.length && b[j] === '0') j++;
    const [si, sj] = [i, j];
    while (digit(a, i)) i++;
    while (digit(b, j)) j++;
    if (i - si !== j - sj) return i - si < j - sj;
    const [na, nb] = [a.slice(si, i), b.slice(sj, j)];
    if (na !== nb) return na < nb;
    if (si !== sj) return si < sj;
  }
  return a.length < b.length;
}

/** A value kubectl cannot order (a map or a list): it stops with a klog fatal line. */
export class UnsortableError extends Error {
  constructor(
    readonly field: string,
    /** `*unstructured.Unstructured` for objects, `[][][]reflect.Value` for table rows. */
    readonly container: string,
    readonly value: unknown,
  ) {
    super(`Field ${field} in ${container} is an unsortable type: interface, err: unsortable type: ${Array.isArray(value) ? '[]interface {}' : 'map[string]interface {}'}`);
    this.name = 'UnsortableError';
  }
}

function isLess(a: unknown, b: unknown, onUnsortable: (v: unknown) => never): boolean {
  if (a === null || a === undefined) return b !== null && b !== undefined;
  if (b === null || b === undefined) return false;
  if (typeof a === 'object') onUnsortable(a);
  if (typeof a === 'string' && typeof b === 'string') {
    const [qa, qb] = [parseQuantity(a), parseQuantity(b)];
    return qa && qb ? compareQuantity(qa, qb) < 0 : naturalLess(a, b);
  }
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return !a && b;
  return false;
}

/** The first value the path finds on `obj`, or undefined. */
function firstValue(path: JsonPath, obj: unknown): { found: boolean; value: unknown } {
  const results = findResults(path, obj, { allowMissingKeys: true });
  const first = results[0];
  return first && first.length > 0 ? { found: true, value: first[0] } : { found: false, value: undefined };
}

/** Stable sort of items by the value the field finds on `objectOf(item)`. */
function sortBy<T>(items: readonly T[], field: string, container: string, objectOf: (item: T) => unknown, requireField: boolean): T[] {
  const path = parseJsonPath(field);
  const keyed = items.map((item) => ({ item, ...firstValue(path, objectOf(item)) }));
  if (requireField && items.length > 0 && !keyed.some((k) => k.found)) {
    throw new KubectlError(`couldn't find any field with path ${JSON.stringify(field)} in the list of objects`);
  }
  const unsortable = (v: unknown): never => {
    throw new UnsortableError(field, container, v);
  };
  const less = (a: (typeof keyed)[number], b: (typeof keyed)[number]): boolean => {
    if (!a.found) return true;
    if (!b.found) return false;
    return isLess(a.value, b.value, unsortable);
  };
  return keyed
    .map((k, index) => ({ k, index }))
    .sort((x, y) => (less(x.k, y.k) ? -1 : less(y.k, x.k) ? 1 : x.index - y.index))
    .map(({ k }) => k.item);
}

/** `-o name|json|yaml|jsonpath|custom-columns`: the objects in order (RuntimeSort). */
export function sortObjects<T>(objects: readonly T[], sortByFlag: string): T[] {
  if (objects.length <= 1) return [...objects];
  const field = relaxedJsonPath(sortByFlag);
  try {
    return sortBy(objects, field, '*unstructured.Unstructured', (o) => o, true);
  } catch (e) {
    if (e instanceof JsonPathError) throw new KubectlError(e.message);
    throw e;
  }
}

/**
 * Table rows in order of the objects behind them (TableSorter). kubectl prints nothing at all when
 * the path is malformed or found on no row; undefined says so.
 */
export function sortTableRows<R extends { object?: unknown }>(rows: readonly R[], sortByFlag: string): R[] | undefined {
  if (rows.length <= 1) return [...rows];
  let field: string;
  try {
    field = relaxedJsonPath(sortByFlag);
    const path = parseJsonPath(field);
    if (!rows.some((r) => firstValue(path, r.object).found)) return undefined;
  } catch (e) {
    if (e instanceof JsonPathError || e instanceof KubectlError) return undefined;
    throw e;
  }
  return sortBy(rows, field, '[][][]reflect.Value', (r) => r.object, false);
}
