/**
 * Stored objects are deeply frozen (see intern.ts): every reader (watchers, listers, kubectl) shares
 * one copy, and a controller that wants to change something must take its own copy first — exactly
 * the rule client-go informers impose ("never mutate objects from the cache").
 */
import type { Mutable } from './types';

/** Deep copy of plain JSON data (objects, arrays, strings, numbers, booleans, null). */
export function clone<T>(value: T): Mutable<T> {
  return copy(value) as Mutable<T>;
}

function copy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copy(value[i]);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key in value as Record<string, unknown>) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) continue;
    // A `__proto__` key from user data (JSON.parse makes it an own property) stays data:
    // assigning it would swap the copy's prototype instead.
    if (key === '__proto__') Object.defineProperty(out, key, { value: copy(v), enumerable: true, writable: true, configurable: true });
    else out[key] = copy(v);
  }
  return out;
}
