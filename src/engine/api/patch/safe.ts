/**
 * Plain-JSON helpers that treat every key as data. User data may contain keys named `__proto__`,
 * `constructor` or `prototype`: reading one must not reach Object.prototype, and writing one must
 * create an ordinary property instead of changing an object's prototype.
 */

export type Json = Record<string, unknown>;

export const isPlainObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

/** `o[key]`, but only if `o` itself has that key. */
export const own = (o: Json, key: string): unknown => (hasOwn(o, key) ? o[key] : undefined);

/** `o[key] = value`, as a plain data property even for `__proto__`. */
export function put(o: Json, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  else o[key] = value;
}

/** Deep copy of JSON data; undefined values are dropped. */
export function safeClone<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => safeClone(v)) as T;
  const out: Json = {};
  for (const key of Object.keys(value)) {
    const v = (value as Json)[key];
    if (v !== undefined) put(out, key, safeClone(v));
  }
  return out as T;
}

/** Structural equality of JSON values (key order does not matter). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => jsonEqual(v, bb[i]));
  }
  const ak = Object.keys(a as Json).filter((k) => (a as Json)[k] !== undefined);
  const bk = Object.keys(b as Json).filter((k) => (b as Json)[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => hasOwn(b as Json, k) && jsonEqual((a as Json)[k], (b as Json)[k]));
}
