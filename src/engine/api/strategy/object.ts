/**
 * Small typed accessors over `KubeObject`. Strategies work on decoded JSON whose shape is not yet
 * trusted (validation is what establishes it), so every read tolerates a missing or wrong-typed part.
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import type { KubeObject, Mutable } from '../types';

export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The object's fields as a plain record (KubeObject only declares the shared ones). */
export const fields = (obj: KubeObject): Json => obj as unknown as Json;

/** The object's metadata, created empty when missing so writers can fill it in. */
export function metaOf(obj: KubeObject): Mutable<ObjectMeta> {
  const o = fields(obj);
  if (!isObject(o.metadata)) o.metadata = {};
  return o.metadata as Mutable<ObjectMeta>;
}

/** `obj[key]` as a record, created when missing (for defaulting nested structs). */
export function ensureObject(parent: Json, key: string): Json {
  const v = parent[key];
  if (isObject(v)) return v;
  const created: Json = {};
  parent[key] = created;
  return created;
}

export const asObject = (v: unknown): Json | undefined => (isObject(v) ? v : undefined);
export const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Sets `parent[key] = value` only when the user left it out (null counts as left out). */
export function setDefault(parent: Json, key: string, value: unknown): void {
  if (parent[key] === undefined || parent[key] === null) parent[key] = value;
}

/** Own-property check that a `__proto__` key in user data cannot fool. */
export const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);
