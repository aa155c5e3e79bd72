/**
 * Turning a request body into an object the apiserver may work on, with the checks the real
 * decoder makes first: size limit, JSON shape, apiVersion/kind, the basic Go types of the common
 * fields, and unknown fields (strict field validation).
 *
 * Bodies are copied into fresh plain objects here. A key named `__proto__` (JSON.parse makes it an
 * ordinary own property) is kept as data with defineProperty, never assigned, so no body can change
 * an object's prototype; unknown-field checking then rejects or drops it like any other stray key.
 */
import type { Status } from 'kubernetes-types/meta/v1';
import { badRequest, tooLarge } from './errors';
import { groupVersion, type ResourceInfo } from './resources';
import { decodeTypeError, strictDecodeErrors } from './schema';
import type { KubeObject } from './types';

/** kube-apiserver's `--max-request-bytes` default: 3 MiB. */
export const MAX_REQUEST_BYTES = 3 * 1024 * 1024;
/** etcd's default `--max-request-bytes`: an object bigger than this cannot be stored. */
export const MAX_STORED_BYTES = 1.5 * 1024 * 1024;

/**
 * Approximate JSON size of a value, stopping early once past `limit`. Exact for ASCII text; it
 * is a guard against multi-megabyte manifests, not a serializer.
 */
export function jsonSize(value: unknown, limit = Infinity): number {
  let size = 0;
  const walk = (v: unknown): void => {
    if (size > limit) return;
    if (v === null || v === undefined) size += 4;
    else if (typeof v === 'string') size += v.length + 2;
    else if (typeof v === 'number' || typeof v === 'boolean') size += String(v).length;
    else if (Array.isArray(v)) {
      size += 2 + Math.max(0, v.length - 1);
      for (const item of v) walk(item);
    } else if (typeof v === 'object') {
      const keys = Object.keys(v);
      size += 2 + Math.max(0, keys.length - 1);
      for (const k of keys) {
        size += k.length + 3;
        walk((v as Record<string, unknown>)[k]);
      }
    }
  };
  walk(value);
  return size;
}

/** Go's name for a JSON value's type, as `json: cannot unmarshal <type> into ...` prints it. */
export function jsonTypeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

/** Deep copy that treats every key as data (see the file comment). Drops undefined values. */
export function safeCopy(value: unknown): unknown {
  return new SizedCopy(Infinity).copy(value);
}

/**
 * safeCopy that also measures the JSON size on the way, giving up (returning undefined) once the
 * size passes `limit`: one walk instead of two for every write.
 */
class SizedCopy {
  size = 0;
  constructor(private readonly limit: number) {}

  copy(value: unknown): unknown {
    if (value === null) {
      this.size += 4;
      return value;
    }
    switch (typeof value) {
      case 'string':
        this.size += value.length + 2;
        return value;
      case 'number':
      case 'boolean':
        this.size += String(value).length;
        return value;
      case 'object':
        break;
      default:
        return value;
    }
    if (this.size > this.limit) return undefined;
    if (Array.isArray(value)) {
      this.size += 2 + value.length;
      const out = new Array<unknown>(value.length);
      for (let i = 0; i < value.length; i++) out[i] = this.copy(value[i]);
      return out;
    }
    const out: Record<string, unknown> = {};
    this.size += 2;
    for (const key of Object.keys(value as object)) {
      const v = (value as Record<string, unknown>)[key];
      if (v === undefined) continue;
      this.size += key.length + 4;
      if (key === '__proto__') Object.defineProperty(out, key, { value: this.copy(v), enumerable: true, writable: true, configurable: true });
      else out[key] = this.copy(v);
    }
    return out;
  }

  /** Counts a value the way `copy` would, without copying it. */
  measure(value: unknown): void {
    if (value === null) {
      this.size += 4;
      return;
    }
    switch (typeof value) {
      case 'string':
        this.size += value.length + 2;
        return;
      case 'number':
      case 'boolean':
        this.size += String(value).length;
        return;
      case 'object':
        break;
      default:
        return;
    }
    if (this.size > this.limit) return;
    if (Array.isArray(value)) {
      this.size += 2 + value.length;
      for (let i = 0; i < value.length; i++) this.measure(value[i]);
      return;
    }
    this.size += 2;
    for (const key of Object.keys(value as object)) {
      const v = (value as Record<string, unknown>)[key];
      if (v === undefined) continue;
      this.size += key.length + 4;
      this.measure(v);
    }
  }

  /**
   * A status write's body: what the server keeps (metadata, status) is copied; the rest, which
   * the status strategy replaces with the stored object's own parts anyway, is only measured when
   * it *is* the stored part (a client sending back the object it read), and copied otherwise so
   * the usual checks see what the client changed.
   */
  copyForStatus(body: Record<string, unknown>, stored: KubeObject): Record<string, unknown> {
    const prev = stored as unknown as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    this.size += 2;
    for (const key of Object.keys(body)) {
      const v = body[key];
      if (v === undefined) continue;
      this.size += key.length + 4;
      const shared = key !== 'metadata' && key !== 'status' && v === prev[key] && hasOwn(prev, key) && Object.isFrozen(v);
      if (shared) this.measure(v);
      const value = shared ? v : this.copy(v);
      if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      else out[key] = value;
    }
    return out;
  }
}

const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

/** Kinds whose objects have no `spec` / `status` struct (so the type check must not insist). */
const WITHOUT_SPEC = new Set([
  'Binding',
  'ConfigMap',
  'Endpoints',
  'Event',
  'Secret',
  'ServiceAccount',
  'ControllerRevision',
  'EndpointSlice',
  'ClusterRole',
  'ClusterRoleBinding',
  'Role',
  'RoleBinding',
]);

const STRING_META_FIELDS = ['name', 'generateName', 'namespace', 'uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp'];
const MAP_META_FIELDS = ['labels', 'annotations'];

function cannot(value: unknown, field: string, type: string): string {
  return `json: cannot unmarshal ${jsonTypeName(value)} into Go struct field ${field} of type ${type}`;
}

function cannotHandle(resource: ResourceInfo, detail: string): Status {
  return badRequest(`${resource.kind} in version "${resource.version}" cannot be handled as a ${resource.kind}: ${detail}`);
}

/** The first Go-decoder type error in the common fields, or undefined. */
function typeError(resource: ResourceInfo, obj: Record<string, unknown>): string | undefined {
  const kind = resource.kind;
  const v = resource.version;
  for (const f of ['apiVersion', 'kind']) {
    if (obj[f] !== undefined && typeof obj[f] !== 'string') return cannot(obj[f], `${kind}.${f}`, 'string');
  }
  const meta = obj.metadata;
  if (meta !== undefined && meta !== null) {
    if (typeof meta !== 'object' || Array.isArray(meta)) return cannot(meta, `${kind}.metadata`, 'v1.ObjectMeta');
    const m = meta as Record<string, unknown>;
    for (const f of STRING_META_FIELDS) {
      if (m[f] !== undefined && m[f] !== null && typeof m[f] !== 'string') return cannot(m[f], `ObjectMeta.metadata.${f}`, 'string');
    }
    for (const f of MAP_META_FIELDS) {
      const map = m[f];
      if (map === undefined || map === null) continue;
      if (typeof map !== 'object' || Array.isArray(map)) return cannot(map, `ObjectMeta.metadata.${f}`, 'map[string]string');
      for (const value of Object.values(map)) {
        if (typeof value !== 'string') return cannot(value, `ObjectMeta.metadata.${f}`, 'string');
      }
    }
    for (const f of ['finalizers']) {
      const list = m[f];
      if (list === undefined || list === null) continue;
      if (!Array.isArray(list)) return cannot(list, `ObjectMeta.metadata.${f}`, '[]string');
      for (const item of list) if (typeof item !== 'string') return cannot(item, `ObjectMeta.metadata.${f}`, 'string');
    }
    if (m.ownerReferences !== undefined && m.ownerReferences !== null && !Array.isArray(m.ownerReferences)) {
      return cannot(m.ownerReferences, 'ObjectMeta.metadata.ownerReferences', '[]v1.OwnerReference');
    }
  }
  if (!WITHOUT_SPEC.has(kind)) {
    for (const part of ['spec', 'status'] as const) {
      const value = obj[part];
      if (value === undefined || value === null) continue;
      if (typeof value !== 'object' || Array.isArray(value)) {
        return cannot(value, `${kind}.${part}`, `${v}.${kind}${part === 'spec' ? 'Spec' : 'Status'}`);
      }
    }
  }
  return undefined;
}

/** Where `unknown field "spec.containers[0].foo"` points, as path segments. */
export function parseFieldPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path)) !== null) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

function removeAt(obj: unknown, path: (string | number)[]): void {
  let cur: unknown = obj;
  for (let i = 0; i < path.length - 1; i++) {
    if (cur === null || typeof cur !== 'object') return;
    cur = (cur as Record<string | number, unknown>)[path[i]!];
  }
  if (cur !== null && typeof cur === 'object') delete (cur as Record<string | number, unknown>)[path[path.length - 1]!];
}

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export function fieldValidationOf(query: Record<string, string> | undefined): FieldValidation | Status {
  const v = query?.fieldValidation;
  if (v === undefined || v === '' || v === 'Warn') return 'Warn';
  if (v === 'Strict' || v === 'Ignore') return v;
  return badRequest(`fieldValidation parameter unsupported: ${v}`);
}

export interface Decoded {
  obj: KubeObject;
  warnings: string[];
  /** Approximate JSON size of the body, for the storage limit. */
  size: number;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function setData(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

/**
 * The parts of `next` that differ from `prev`, at the same paths (unchanged object fields left
 * out, unchanged list items as null, which no check looks into); undefined when nothing differs.
 * The stored version already passed every decoding check, so an update only needs its changes
 * checked: a kubelet's status write then costs a few fields, not a whole pod.
 */
export function changedParts(next: unknown, prev: unknown): unknown {
  if (next === prev) return undefined;
  if (Array.isArray(next) && Array.isArray(prev)) {
    let changed = next.length !== prev.length;
    const out = new Array<unknown>(next.length);
    for (let i = 0; i < next.length; i++) {
      const c = i < prev.length ? changedParts(next[i], prev[i]) : next[i];
      out[i] = c === undefined ? null : c;
      if (c !== undefined) changed = true;
    }
    return changed ? out : undefined;
  }
  if (isPlainObject(next) && isPlainObject(prev)) {
    let out: Record<string, unknown> | undefined;
    for (const key of Object.keys(next)) {
      const v = next[key];
      if (v === undefined) continue;
      const c = Object.prototype.hasOwnProperty.call(prev, key) ? changedParts(v, prev[key]) : v;
      if (c === undefined) continue;
      out ??= {};
      setData(out, key, c);
    }
    return out;
  }
  return next === prev || (typeof next !== 'object' && Object.is(next, prev)) ? undefined : next;
}

/**
 * Decodes a create/update body for `resource`. Missing apiVersion/kind are filled in, as the real
 * decoder defaults them from the URL. With `stored` (the current version, on update and patch)
 * only what changed goes through the schema checks; with `statusWrite` too (PUT/PATCH …/status)
 * the parts the server drops are not copied when they are the stored ones (see copyForStatus).
 */
export function decodeObject(
  resource: ResourceInfo,
  body: unknown,
  validation: FieldValidation,
  stored?: KubeObject,
  statusWrite = false,
): Decoded | Status {
  const gv = groupVersion(resource);
  if (body === null || body === undefined) return badRequest(`Object 'Kind' is missing in 'null'`);
  if (typeof body !== 'object' || Array.isArray(body)) {
    return badRequest(
      `couldn't get version/kind; json parse error: json: cannot unmarshal ${jsonTypeName(body)} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`,
    );
  }
  const sized = new SizedCopy(MAX_REQUEST_BYTES);
  const obj = (statusWrite && stored ? sized.copyForStatus(body as Record<string, unknown>, stored) : sized.copy(body)) as Record<string, unknown>;
  if (sized.size > MAX_REQUEST_BYTES) return tooLarge();
  // What the schema checks look at: everything on create, the changes on update.
  const checked = (stored ? changedParts(obj, stored) : obj) as KubeObject | undefined;
  // The generated schema knows every field's Go type; the hand-written check covers the common
  // fields should a kind be missing from it.
  const typeErr = (checked && decodeTypeError(resource, checked)) ?? typeError(resource, obj);
  if (typeErr) return cannotHandle(resource, typeErr);
  const apiVersion = (obj.apiVersion as string | undefined) || gv;
  const kind = (obj.kind as string | undefined) || resource.kind;
  if (apiVersion !== gv) return badRequest(`the API version in the data (${apiVersion}) does not match the expected API version (${gv})`);
  if (kind !== resource.kind) return badRequest(`the kind in the data (${kind}) does not match the expected kind (${resource.kind})`);
  obj.apiVersion = apiVersion;
  obj.kind = kind;
  if (obj.metadata === undefined || obj.metadata === null) obj.metadata = {};

  const warnings: string[] = [];
  // Unknown fields: Strict fails the request; Warn (the server default) and Ignore drop them.
  const unknown = checked ? strictDecodeErrors(resource, checked) : [];
  if (unknown.length > 0) {
    if (validation === 'Strict') return cannotHandle(resource, `strict decoding error: ${unknown.join(', ')}`);
    for (const message of unknown) {
      const m = /^unknown field "(.*)"$/.exec(message);
      if (m) removeAt(obj, parseFieldPath(m[1]!));
      if (validation === 'Warn') warnings.push(message);
    }
  }
  return { obj: obj as KubeObject, warnings, size: sized.size };
}
