/**
 * JSON patch (RFC 6902): a list of `add`, `remove`, `replace`, `move`, `copy` and `test`
 * operations on JSON pointers. `kubectl patch --type=json`. Error texts follow the library the
 * apiserver uses (evanphx/json-patch), e.g. `testing value /spec/replicas failed: test failed`.
 */
import { PatchError } from './errors';
import { hasOwn, isPlainObject, jsonEqual, put, safeClone, type Json } from './safe';

interface Operation {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
}

type Container = Json | unknown[];

function parsePointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new PatchError(`JSON pointer must start with '/': ${path}`, 422);
  return path
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The container holding the pointer's last segment, or undefined when the path does not exist. */
function parentOf(doc: unknown, parts: string[]): Container | undefined {
  let cur: unknown = doc;
  for (const p of parts.slice(0, -1)) {
    if (Array.isArray(cur)) {
      const i = arrayIndex(p, cur.length - 1);
      if (i === undefined) return undefined;
      cur = cur[i];
    } else if (isPlainObject(cur)) {
      if (!hasOwn(cur, p)) return undefined;
      cur = cur[p];
    } else return undefined;
  }
  return Array.isArray(cur) || isPlainObject(cur) ? cur : undefined;
}

function arrayIndex(segment: string, max: number): number | undefined {
  if (!/^(0|[1-9][0-9]*)$/.test(segment)) return undefined;
  const i = Number(segment);
  return i <= max ? i : undefined;
}

function getAt(doc: unknown, path: string): { found: boolean; value?: unknown } {
  const parts = parsePointer(path);
  if (parts.length === 0) return { found: true, value: doc };
  const parent = parentOf(doc, parts);
  const last = parts[parts.length - 1]!;
  if (Array.isArray(parent)) {
    const i = arrayIndex(last, parent.length - 1);
    return i === undefined ? { found: false } : { found: true, value: parent[i] };
  }
  if (parent && hasOwn(parent, last)) return { found: true, value: parent[last] };
  return { found: false };
}

function add(doc: unknown, path: string, value: unknown, what = 'add'): unknown {
  const parts = parsePointer(path);
  if (parts.length === 0) return value;
  const parent = parentOf(doc, parts);
  const last = parts[parts.length - 1]!;
  if (parent === undefined) throw new PatchError(`${what} operation does not apply: doc is missing path: "${path}": missing value`, 422);
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : arrayIndex(last, parent.length);
    if (i === undefined) throw new PatchError(`Unable to access invalid index: ${last}: invalid index referenced`, 422);
    parent.splice(i, 0, value);
  } else put(parent, last, value);
  return doc;
}

function remove(doc: unknown, path: string, what = 'remove'): unknown {
  const parts = parsePointer(path);
  const parent = parentOf(doc, parts);
  const last = parts[parts.length - 1]!;
  if (Array.isArray(parent)) {
    const i = arrayIndex(last, parent.length - 1);
    if (i === undefined) throw new PatchError(`Unable to remove invalid index: ${last}: invalid index referenced`, 422);
    parent.splice(i, 1);
  } else if (parent && hasOwn(parent, last)) {
    delete parent[last];
  } else {
    throw new PatchError(`${what === 'remove' ? 'Unable to remove nonexistent key' : `${what} operation does not apply: doc is missing key`}: ${last}: missing value`, 422);
  }
  return doc;
}

function replace(doc: unknown, path: string, value: unknown): unknown {
  const parts = parsePointer(path);
  if (parts.length === 0) return value;
  const parent = parentOf(doc, parts);
  const last = parts[parts.length - 1]!;
  if (Array.isArray(parent)) {
    const i = arrayIndex(last, parent.length - 1);
    if (i === undefined) throw new PatchError(`replace operation does not apply: doc is missing key: ${path}: missing value`, 422);
    parent[i] = value;
  } else if (parent && hasOwn(parent, last)) {
    put(parent, last, value);
  } else {
    throw new PatchError(`replace operation does not apply: doc is missing key: ${path}: missing value`, 422);
  }
  return doc;
}

function operations(patch: unknown): Operation[] {
  if (!Array.isArray(patch)) throw new PatchError(`json: cannot unmarshal ${isPlainObject(patch) ? 'object' : typeof patch} into Go value of type jsonpatch.Patch`);
  return patch.map((op) => {
    if (!isPlainObject(op)) throw new PatchError('json: cannot unmarshal into Go value of type jsonpatch.Operation');
    return op as unknown as Operation;
  });
}

export function applyJsonPatch(original: unknown, patch: unknown): unknown {
  let doc = safeClone(original);
  for (const op of operations(patch)) {
    const path = typeof op.path === 'string' ? op.path : undefined;
    if (path === undefined) throw new PatchError(`${op.op} operation does not apply: doc is missing path: "": missing value`, 422);
    switch (op.op) {
      case 'add':
        doc = add(doc, path, safeClone(op.value));
        break;
      case 'remove':
        doc = remove(doc, path);
        break;
      case 'replace':
        doc = replace(doc, path, safeClone(op.value));
        break;
      case 'move': {
        const from = String(op.from ?? '');
        const got = getAt(doc, from);
        if (!got.found) throw new PatchError(`move operation does not apply: doc is missing from path: ${from}: missing value`, 422);
        doc = remove(doc, from, 'move');
        doc = add(doc, path, got.value, 'move');
        break;
      }
      case 'copy': {
        const from = String(op.from ?? '');
        const got = getAt(doc, from);
        if (!got.found) throw new PatchError(`copy operation does not apply: doc is missing from path: ${from}: missing value`, 422);
        doc = add(doc, path, safeClone(got.value), 'copy');
        break;
      }
      case 'test': {
        const got = getAt(doc, path);
        const expected = op.value === undefined ? null : op.value;
        const actual = got.found ? got.value : null;
        if (!jsonEqual(actual, expected)) throw new PatchError(`testing value ${path} failed: test failed`, 422);
        break;
      }
      default:
        throw new PatchError(`Unexpected kind: ${String(op.op)}`, 422);
    }
  }
  return doc;
}
