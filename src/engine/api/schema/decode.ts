/**
 * What the apiserver's JSON decoder notices before any validation runs:
 *
 * - `strictDecodeErrors`: fields the type does not have (`unknown field "spec.containers[0].imagePullPolicyy"`),
 *   paths relative to the object, in document order. With `fieldValidation=Strict` (kubectl's default)
 *   they fail the request; otherwise they are dropped with a warning.
 * - `decodeTypeError`: the first value of the wrong JSON type, as Go's encoding/json words it
 *   (`json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`),
 *   plus the custom decoders of Quantity, Time and base64 bytes.
 *
 * Maps of strings (labels, annotations, nodeSelector) are free-form; so are RawExtension and FieldsV1.
 * One walk over the object, with Map lookups only: a pod takes microseconds.
 */
import { groupVersion, type ResourceInfo } from '../resources';
import type { KubeObject } from '../types';
import { goTypeName, shapeOf, typeNameOfKind, type Shape } from './types';

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const resourceShapes = new WeakMap<ResourceInfo, Shape | null>();

/** The schema type of a resource's objects (`core.v1.Pod`). */
export function typeOfResource(resource: ResourceInfo): string | undefined {
  return typeNameOfKind(groupVersion(resource), resource.kind);
}

/** The compiled shape of a resource's objects, looked up once per resource. */
export function shapeOfResource(resource: ResourceInfo): Shape | undefined {
  let shape = resourceShapes.get(resource);
  if (shape === undefined) {
    const type = typeOfResource(resource);
    shape = type ? shapeOf(type) : null;
    resourceShapes.set(resource, shape);
  }
  return shape ?? undefined;
}

/**
 * The walks below run on every write, so they allocate nothing while all is well: the path to
 * the current value is a stack of segments (a number is a list index) that only becomes a string
 * when there is something to report.
 */
type PathStack = (string | number)[];

/** `spec.containers[0].image` from its segments. */
function jsonPath(path: PathStack): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  return out;
}

export function strictDecodeErrors(resource: ResourceInfo, obj: KubeObject): string[] {
  const shape = shapeOfResource(resource);
  if (!shape) return [];
  const out: string[] = [];
  walkUnknown(obj, shape, [], out);
  return out;
}

function walkUnknown(value: unknown, shape: Shape, path: PathStack, out: string[]): void {
  if (value === null || value === undefined) return;
  switch (shape.kind) {
    case 'list':
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          path.push(i);
          walkUnknown(value[i], shape.elem!, path, out);
          path.pop();
        }
      }
      return;
    case 'map':
      // Only maps of structs can hide unknown fields (labels and the like are free-form).
      if (shape.elem!.kind === 'struct' && isPlainObject(value)) {
        for (const k of Object.keys(value)) {
          path.push(k);
          walkUnknown(value[k], shape.elem!, path, out);
          path.pop();
        }
      }
      return;
    case 'struct':
      break;
    default:
      return;
  }
  if (shape.open || !isPlainObject(value)) return;
  for (const k of Object.keys(value)) {
    const field = shape.fields.get(k);
    path.push(k);
    if (field === undefined) out.push(`unknown field "${jsonPath(path)}"`);
    else walkUnknown(value[k], field.shape, path, out);
    path.pop();
  }
}

/** Go's name for a JSON value's type in unmarshal errors. */
function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

/** int64 fields (everything else numeric is int32 in the types we serve). */
const INT64_FIELDS = new Set([
  'activeDeadlineSeconds',
  'deletionGracePeriodSeconds',
  'expirationSeconds',
  'fsGroup',
  'generation',
  'observedGeneration',
  'runAsGroup',
  'runAsUser',
  'startingDeadlineSeconds',
  'terminationGracePeriodSeconds',
  'tolerationSeconds',
]);

const QUANTITY_RE = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;
const QUANTITY_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const B64_CHAR = /[A-Za-z0-9+/]/;

/** Byte offset Go's base64 decoder reports for malformed input, or -1 when it decodes. */
function illegalBase64At(s: string): number {
  let i = 0;
  for (; i < s.length; i++) if (!B64_CHAR.test(s[i]!)) break;
  const padStart = i;
  while (i < s.length && s[i] === '=') i++;
  if (i < s.length) return i === padStart ? padStart : i;
  if (s.length % 4 !== 0) return s.length - (s.length % 4);
  if (s.length - padStart > 2 || (padStart < s.length && (padStart % 4) < 2)) return padStart;
  return -1;
}

export function decodeTypeError(resource: ResourceInfo, obj: KubeObject): string | undefined {
  const shape = shapeOfResource(resource);
  if (!shape) return undefined;
  return checkType(obj, shape, '', resource.kind, [], false);
}

/**
 * Where Go would report a problem: the innermost struct type (`struct`), the field being decoded
 * (`field`, which decides int32 vs int64) and the JSON path without list indexes (`goPath`,
 * `spec.containers.image`).
 */
function cannot(shown: string, shape: Shape, field: string, struct: string, goPath: PathStack): string {
  const path = goPath.join('.');
  return path
    ? `json: cannot unmarshal ${shown} into Go struct field ${struct}.${path} of type ${goTypeName(shape.type, INT64_FIELDS.has(field))}`
    : `json: cannot unmarshal ${shown} into Go value of type ${goTypeName(shape.type)}`;
}

function checkType(value: unknown, shape: Shape, field: string, struct: string, goPath: PathStack, bytes: boolean): string | undefined {
  if (value === null || value === undefined) return undefined;
  switch (shape.kind) {
    case 'string':
      if (typeof value !== 'string') return cannot(jsonKind(value), shape, field, struct, goPath);
      if (bytes && illegalBase64At(value) >= 0) return `illegal base64 data at input byte ${illegalBase64At(value)}`;
      return undefined;
    case 'integer':
      if (typeof value !== 'number') return cannot(jsonKind(value), shape, field, struct, goPath);
      if (!Number.isInteger(value)) return cannot(`number ${value}`, shape, field, struct, goPath);
      return undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : cannot(jsonKind(value), shape, field, struct, goPath);
    case 'Quantity':
      if (typeof value === 'number') return undefined;
      if (typeof value !== 'string') return cannot(jsonKind(value), shape, field, struct, goPath);
      return QUANTITY_RE.test(value) ? undefined : QUANTITY_ERROR;
    case 'IntOrString':
      return typeof value === 'number' || typeof value === 'string' ? undefined : cannot(jsonKind(value), shape, field, struct, goPath);
    case 'Time':
      if (typeof value !== 'string') return cannot(jsonKind(value), shape, field, struct, goPath);
      return RFC3339.test(value) ? undefined : `parsing time ${JSON.stringify(value)} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(value)} as "2006"`;
    case 'raw':
    case 'unknown':
      return undefined;
    case 'list': {
      if (!Array.isArray(value)) return cannot(jsonKind(value), shape, field, struct, goPath);
      for (let i = 0; i < value.length; i++) {
        const e = checkType(value[i], shape.elem!, field, struct, goPath, bytes);
        if (e) return e;
      }
      return undefined;
    }
    case 'map': {
      if (!isPlainObject(value)) return cannot(jsonKind(value), shape, field, struct, goPath);
      for (const k of Object.keys(value)) {
        const e = checkType(value[k], shape.elem!, field, struct, goPath, bytes);
        if (e) return e;
      }
      return undefined;
    }
    case 'struct':
      break;
  }
  if (!isPlainObject(value)) return cannot(jsonKind(value), shape, field, struct, goPath);
  if (shape.open) return undefined;
  for (const k of Object.keys(value)) {
    const f = shape.fields.get(k);
    if (f === undefined) continue;
    goPath.push(k);
    const e = checkType(value[k], f.shape, k, shape.structName, goPath, f.bytes);
    goPath.pop();
    if (e) return e;
  }
  return undefined;
}
