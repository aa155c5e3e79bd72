/**
 * JSON merge patch (RFC 7386): objects merge key by key, `null` deletes a key, anything else —
 * including every list — replaces the old value. `kubectl patch --type=merge`.
 */
import { isPlainObject, jsonEqual, own, put, safeClone, type Json } from './safe';

export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return safeClone(patch);
  const out: Json = isPlainObject(target) ? safeClone(target) : {};
  for (const key of Object.keys(patch)) {
    const value = patch[key];
    if (value === null) delete out[key];
    else put(out, key, applyMergePatch(own(out, key), value));
  }
  return out;
}

/**
 * The merge patch that turns `a` into `b`: changed keys with their new values, removed keys as
 * null, nested objects as nested patches. (A `null` value inside `b` cannot be expressed.)
 */
export function createMergePatch(a: unknown, b: unknown): unknown {
  if (!isPlainObject(a) || !isPlainObject(b)) return safeClone(b);
  const patch: Json = {};
  for (const key of Object.keys(b)) {
    const bv = b[key];
    if (bv === undefined) continue;
    const av = own(a, key);
    if (av === undefined) put(patch, key, safeClone(bv));
    else if (jsonEqual(av, bv)) continue;
    else if (isPlainObject(av) && isPlainObject(bv)) put(patch, key, createMergePatch(av, bv));
    else put(patch, key, safeClone(bv));
  }
  for (const key of Object.keys(a)) if (own(b, key) === undefined && a[key] !== undefined) put(patch, key, null);
  return patch;
}
