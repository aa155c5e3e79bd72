/**
 * Quantities are stored in canonical form: the apiserver parses `cpu: 0.5` and writes it back as
 * `"500m"`, `memory: 1024Mi` as `"1Gi"`. This walks an object by its schema and does the same.
 *
 * Every write runs this walk, so it only descends into fields whose type can hold a Quantity
 * somewhere below (a pod's container resources, not its labels, probes or env), and it remembers
 * the canonical text of the few distinct quantities a cluster uses.
 */
import { formatQuantity, parseQuantity } from '../strategy/validation/quantity';
import type { ResourceInfo } from '../resources';
import type { KubeObject } from '../types';
import { shapeOfResource } from './decode';
import type { Shape } from './types';

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function canonicalizeQuantities(resource: ResourceInfo, obj: KubeObject): void {
  const shape = shapeOfResource(resource);
  if (shape) walk(obj, shape);
}

/** Canonical text by input text; bounded, since user input is unbounded. */
const canonicalText = new Map<string, string | null>();
const CANONICAL_CACHE_SIZE = 512;

function canonicalQuantity(value: unknown): string | undefined {
  if (typeof value !== 'string') {
    const q = parseQuantity(value);
    return q ? formatQuantity(q) : undefined;
  }
  let text = canonicalText.get(value);
  if (text === undefined) {
    const q = parseQuantity(value);
    text = q ? formatQuantity(q) : null;
    if (canonicalText.size >= CANONICAL_CACHE_SIZE) canonicalText.clear();
    canonicalText.set(value, text);
  }
  return text ?? undefined;
}

/** Returns the replacement for a Quantity value, or undefined to keep the value. */
function walk(value: unknown, shape: Shape): unknown {
  if (value === null || value === undefined) return undefined;
  switch (shape.kind) {
    case 'Quantity':
      return canonicalQuantity(value);
    case 'list':
      if (shape.elem!.holdsQuantity && Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) replace(value, i, walk(value[i], shape.elem!));
      }
      return undefined;
    case 'map': {
      const elem = shape.elem!;
      if ((elem.kind === 'Quantity' || (elem.kind === 'struct' && elem.holdsQuantity)) && isPlainObject(value)) {
        for (const k of Object.keys(value)) replace(value, k, walk(value[k], elem));
      }
      return undefined;
    }
    case 'struct':
      break;
    default:
      return undefined;
  }
  if (!shape.holdsQuantity || shape.open || !isPlainObject(value)) return undefined;
  for (const k of Object.keys(value)) {
    const f = shape.fields.get(k);
    if (f && f.shape.holdsQuantity) replace(value, k, walk(value[k], f.shape));
  }
  return undefined;
}

function replace(container: unknown[] | Record<string, unknown>, key: number | string, next: unknown): void {
  if (next === undefined || container[key as never] === next) return;
  if (Array.isArray(container)) container[key as number] = next;
  else Object.defineProperty(container, key, { value: next, enumerable: true, writable: true, configurable: true });
}
