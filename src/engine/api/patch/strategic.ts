/**
 * Strategic merge patch, the default of `kubectl patch` and what `kubectl apply` sends. Like a
 * JSON merge patch, except that lists the API marks as mergeable are merged element by element
 * (containers by name, env by name, ports by number...) instead of being replaced, and a patch may
 * carry directives:
 *
 *   `$patch: replace`            in a map or list: replace it wholesale instead of merging
 *   `$patch: delete`             in a map: delete it; in a list element: delete the element with that key
 *   `$retainKeys: [a, b]`        clear every other key of this map (union types such as a volume source)
 *   `$deleteFromPrimitiveList/f` remove these values from the list of strings `f`
 *   `$setElementOrder/f`         the order the list `f` should end up in
 */
import { PatchError } from './errors';
import { childType, elementType, patchMeta, type PatchMeta } from './strategies';
import { hasOwn, isPlainObject, jsonEqual, own, put, safeClone, type Json } from './safe';

const DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList/';
const SET_ELEMENT_ORDER = '$setElementOrder/';

/** Marks a value that a `$patch: delete` removed. */
const DELETED = Symbol('deleted');

const isDirectiveKey = (k: string): boolean =>
  k === DIRECTIVE || k === RETAIN_KEYS || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER);

/** A patch value without any directives (nor, unless `keepNulls`, nulls), for places that take it as plain data. */
function stripDirectives(value: unknown, keepNulls = false): unknown {
  if (Array.isArray(value)) return value.filter((v) => !(isPlainObject(v) && own(v, DIRECTIVE) !== undefined)).map((v) => stripDirectives(v, keepNulls));
  if (!isPlainObject(value)) return safeClone(value);
  const out: Json = {};
  for (const k of Object.keys(value)) if (!isDirectiveKey(k) && (keepNulls || value[k] !== null)) put(out, k, stripDirectives(value[k], keepNulls));
  return out;
}

export function applyStrategicMergePatch(original: unknown, patch: unknown, type: string | undefined): unknown {
  if (!isPlainObject(patch)) throw new PatchError(`json: cannot unmarshal ${Array.isArray(patch) ? 'array' : typeof patch} into Go value of type map[string]interface {}`);
  const result = mergeMap(isPlainObject(original) ? original : undefined, patch, type);
  return result === DELETED ? {} : result;
}

function mergeMap(original: Json | undefined, patch: Json, type: string | undefined): Json | typeof DELETED {
  const directive = own(patch, DIRECTIVE);
  if (directive === 'replace') return stripDirectives(patch) as Json;
  if (directive === 'delete') return DELETED;
  if (directive !== undefined) throw new PatchError(`Unknown patch type: ${String(directive)} in map: ${JSON.stringify(patch)}`);

  const result: Json = original ? safeClone(original) : {};
  const orders: [string, unknown][] = [];
  for (const key of Object.keys(patch)) {
    const value = patch[key];
    if (key === RETAIN_KEYS) continue;
    if (key.startsWith(SET_ELEMENT_ORDER)) {
      orders.push([key.slice(SET_ELEMENT_ORDER.length), value]);
      continue;
    }
    if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      const field = key.slice(DELETE_FROM_PRIMITIVE_LIST.length);
      const current = own(result, field);
      if (!Array.isArray(value)) throw new PatchError(`invalid value for ${key}: must be a list`);
      if (Array.isArray(current)) put(result, field, current.filter((v) => !value.some((d) => jsonEqual(d, v))));
      continue;
    }
    if (value === null) {
      delete result[key];
      continue;
    }
    const ft = childType(type, key);
    const current = own(result, key);
    if (isPlainObject(value)) {
      const merged = mergeMap(isPlainObject(current) ? current : undefined, value, ft);
      if (merged === DELETED) delete result[key];
      else put(result, key, merged);
    } else if (Array.isArray(value)) {
      const meta = type && !type.startsWith('map[string]') ? patchMeta(type, key) : patchMeta(undefined, key);
      put(result, key, meta.merge ? mergeList(Array.isArray(current) ? current : [], value, elementType(ft), meta) : stripDirectives(value));
    } else {
      put(result, key, value);
    }
  }
  for (const [field, order] of orders) {
    const list = own(result, field);
    if (Array.isArray(list) && Array.isArray(order)) {
      const meta = type ? patchMeta(type, field) : undefined;
      const originalList = original ? own(original, field) : undefined;
      put(result, field, applyOrder(list, order, meta?.mergeKey, Array.isArray(originalList) ? originalList : []));
    }
  }
  const retain = own(patch, RETAIN_KEYS);
  if (retain !== undefined) {
    if (!Array.isArray(retain)) throw new PatchError(`invalid value for $retainKeys: must be a list`);
    for (const k of Object.keys(result)) if (!retain.includes(k)) delete result[k];
  }
  return result;
}

function mergeList(original: unknown[], patch: unknown[], elemType: string | undefined, meta: PatchMeta): unknown[] {
  // `{$patch: replace}` as an element: the rest of the patch list is the whole new list.
  if (patch.some((v) => isPlainObject(v) && own(v, DIRECTIVE) === 'replace')) return stripDirectives(patch) as unknown[];
  const key = meta.mergeKey;
  if (!key) {
    // A set of primitives: add what is missing.
    const out = original.slice();
    for (const v of patch) if (!out.some((o) => jsonEqual(o, v))) out.push(safeClone(v));
    return patchOrder(out, original, patch, (v) => v);
  }
  const out = original.map((v) => safeClone(v));
  for (const item of patch) {
    if (!isPlainObject(item)) throw new PatchError(`unable to find api field in struct for the list element ${JSON.stringify(item)}`);
    const keyValue = own(item, key);
    if (keyValue === undefined) throw new PatchError(`map: ${goMap(item)} does not contain declared merge key: ${key}`);
    const index = out.findIndex((o) => isPlainObject(o) && jsonEqual(own(o, key), keyValue));
    const directive = own(item, DIRECTIVE);
    if (directive === 'delete') {
      for (let i = out.length - 1; i >= 0; i--) if (isPlainObject(out[i]) && jsonEqual(own(out[i] as Json, key), keyValue)) out.splice(i, 1);
      continue;
    }
    if (index < 0) {
      // A new element goes in as the patch has it, nulls too (upstream's mergeSlice appends it):
      // a kubelet's new condition keeps its `lastProbeTime: null`.
      out.push(stripDirectives(item, true));
      continue;
    }
    const merged = mergeMap(out[index] as Json, item, elemType);
    if (merged === DELETED) out.splice(index, 1);
    else out[index] = merged;
  }
  return patchOrder(out, original, patch, (v) => (isPlainObject(v) ? own(v, key) : v));
}

/**
 * The order upstream's mergeSlice leaves a merged list in: the patch's elements in the patch's
 * order, the server-only ones in theirs, interleaved by where they stood on the server — and an
 * element the server did not have goes before the server-only ones still to come (so a node
 * condition a network plugin adds, NetworkUnavailable, ends up first).
 */
function patchOrder(merged: unknown[], original: unknown[], patch: unknown[], id: (v: unknown) => unknown): unknown[] {
  const indexIn = (list: unknown[], v: unknown): number => list.findIndex((o) => jsonEqual(id(o), id(v)));
  const fromPatch = merged.filter((v) => indexIn(patch, v) >= 0).sort((a, b) => indexIn(patch, a) - indexIn(patch, b));
  const serverOnly = merged.filter((v) => indexIn(patch, v) < 0);
  const out: unknown[] = [];
  let s = 0;
  let p = 0;
  while (s < serverOnly.length || p < fromPatch.length) {
    if (p >= fromPatch.length) out.push(serverOnly[s++]);
    else if (s >= serverOnly.length) out.push(fromPatch[p++]);
    else {
      const left = indexIn(original, serverOnly[s]);
      const right = indexIn(original, fromPatch[p]);
      if (left >= 0 && right >= 0 && left < right) out.push(serverOnly[s++]);
      else out.push(fromPatch[p++]);
    }
  }
  return out;
}

/** Go's `%v` of a map, used in a few upstream messages: `map[image:nginx]`. */
function goMap(m: Json): string {
  return `map[${Object.keys(m)
    .sort()
    .map((k) => `${k}:${typeof m[k] === 'object' ? JSON.stringify(m[k]) : String(m[k])}`)
    .join(' ')}]`;
}

/**
 * Reorders a merged list as `$setElementOrder` asks. Elements the order names come in that order;
 * elements only the server had keep their place relative to their old neighbours.
 */
function applyOrder(list: unknown[], order: unknown[], key: string | undefined, original: unknown[]): unknown[] {
  const id = (v: unknown): unknown => (key && isPlainObject(v) ? own(v, key) : v);
  const rank = (v: unknown): number => order.findIndex((o) => jsonEqual(id(o), id(v)));
  const ordered = list.filter((v) => rank(v) >= 0).sort((a, b) => rank(a) - rank(b));
  const serverOnly = list.filter((v) => rank(v) < 0);
  if (serverOnly.length === 0) return ordered;
  const originalIndex = (v: unknown): number => {
    const i = original.findIndex((o) => jsonEqual(id(o), id(v)));
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const out: unknown[] = [];
  let s = 0;
  for (const v of ordered) {
    while (s < serverOnly.length && originalIndex(serverOnly[s]) < originalIndex(v)) out.push(serverOnly[s++]);
    out.push(v);
  }
  while (s < serverOnly.length) out.push(serverOnly[s++]);
  return out;
}

export { hasOwn };
