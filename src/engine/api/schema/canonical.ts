/**
 * Quantities are stored in canonical form: the apiserver parses `cpu: 0.5` and writes it back as
 * `"500m"`, `memory: 1024Mi` as `"1Gi"`. This walks an object by its schema and does the same.
 */
import { formatQuantity, parseQuantity } from '../strategy/validation/quantity';
import type { ResourceInfo } from '../resources';
import type { KubeObject } from '../types';
import { typeOfResource } from './decode';
import { schemaType } from './types';

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function canonicalizeQuantities(resource: ResourceInfo, obj: KubeObject): void {
  const type = typeOfResource(resource);
  if (type) walk(obj, type);
}

/** Returns the replacement for a Quantity value, or undefined to keep the value. */
function walk(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return undefined;
  if (type === 'Quantity') {
    const q = parseQuantity(value);
    return q ? formatQuantity(q) : undefined;
  }
  if (type.startsWith('[]')) {
    if (Array.isArray(value)) value.forEach((v, i) => replace(value, i, walk(v, type.slice(2))));
    return undefined;
  }
  if (type.startsWith('map[string]')) {
    const elem = type.slice('map[string]'.length);
    if (isPlainObject(value) && (elem === 'Quantity' || schemaType(elem))) for (const k of Object.keys(value)) replace(value, k, walk(value[k], elem));
    return undefined;
  }
  const t = schemaType(type);
  if (!t || t.open || !isPlainObject(value)) return undefined;
  for (const k of Object.keys(value)) {
    const ft = t.fields.get(k);
    if (ft) replace(value, k, walk(value[k], ft));
  }
  return undefined;
}

function replace(container: unknown[] | Record<string, unknown>, key: number | string, next: unknown): void {
  if (next === undefined) return;
  if (Array.isArray(container)) container[key as number] = next;
  else Object.defineProperty(container, key, { value: next, enumerable: true, writable: true, configurable: true });
}
