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
import { elementType, goTypeName, schemaType, typeNameOfKind } from './types';

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The schema type of a resource's objects (`core.v1.Pod`). */
export function typeOfResource(resource: ResourceInfo): string | undefined {
  return typeNameOfKind(groupVersion(resource), resource.kind);
}

export function strictDecodeErrors(resource: ResourceInfo, obj: KubeObject): string[] {
  const type = typeOfResource(resource);
  if (!type) return [];
  const out: string[] = [];
  walkUnknown(obj, type, '', out);
  return out.map((p) => `unknown field "${p}"`);
}

function walkUnknown(value: unknown, type: string, path: string, out: string[]): void {
  if (value === null || value === undefined) return;
  const elem = elementType(type);
  if (type.startsWith('[]')) {
    if (Array.isArray(value)) value.forEach((v, i) => walkUnknown(v, elem!, `${path}[${i}]`, out));
    return;
  }
  if (type.startsWith('map[string]')) {
    if (isPlainObject(value) && schemaType(elem!)) for (const k of Object.keys(value)) walkUnknown(value[k], elem!, `${path}.${k}`, out);
    return;
  }
  const t = schemaType(type);
  if (!t || t.open || !isPlainObject(value)) return;
  for (const k of Object.keys(value)) {
    const fieldPath = path ? `${path}.${k}` : k;
    const ft = t.fields.get(k);
    if (ft === undefined) out.push(fieldPath);
    else walkUnknown(value[k], ft, fieldPath, out);
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

/** Fields that are `[]byte` in Go (base64 in JSON) though typed as strings in kubernetes-types. */
const BYTES_MAPS = new Set(['core.v1.Secret.data', 'core.v1.ConfigMap.binaryData']);

export function decodeTypeError(resource: ResourceInfo, obj: KubeObject): string | undefined {
  const type = typeOfResource(resource);
  if (!type) return undefined;
  return checkType(obj, type, '', resource.kind, '', false);
}

/**
 * `struct`/`goPath` say where Go would report the problem: the innermost struct type and the JSON
 * path without list indexes (`Container`, `spec.containers.image`).
 */
function checkType(value: unknown, type: string, field: string, struct: string, goPath: string, bytes: boolean): string | undefined {
  if (value === null || value === undefined) return undefined;
  const int64 = INT64_FIELDS.has(field);
  const cannot = (shown: string): string =>
    goPath ? `json: cannot unmarshal ${shown} into Go struct field ${struct}.${goPath} of type ${goTypeName(type, int64)}` : `json: cannot unmarshal ${shown} into Go value of type ${goTypeName(type)}`;
  switch (type) {
    case 'string':
      if (typeof value !== 'string') return cannot(jsonKind(value));
      if (bytes && illegalBase64At(value) >= 0) return `illegal base64 data at input byte ${illegalBase64At(value)}`;
      return undefined;
    case 'integer':
      if (typeof value !== 'number') return cannot(jsonKind(value));
      if (!Number.isInteger(value)) return cannot(`number ${value}`);
      return undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : cannot(jsonKind(value));
    case 'Quantity':
      if (typeof value === 'number') return undefined;
      if (typeof value !== 'string') return cannot(jsonKind(value));
      return QUANTITY_RE.test(value) ? undefined : QUANTITY_ERROR;
    case 'IntOrString':
      return typeof value === 'number' || typeof value === 'string' ? undefined : cannot(jsonKind(value));
    case 'Time':
    case 'MicroTime':
      if (typeof value !== 'string') return cannot(jsonKind(value));
      return RFC3339.test(value) ? undefined : `parsing time ${JSON.stringify(value)} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(value)} as "2006"`;
    case 'Object':
      return undefined;
    default:
  }
  if (type.startsWith('[]')) {
    if (!Array.isArray(value)) return cannot(jsonKind(value));
    const elem = type.slice(2);
    for (const v of value) {
      const e = checkType(v, elem, field, struct, goPath, bytes);
      if (e) return e;
    }
    return undefined;
  }
  if (type.startsWith('map[string]')) {
    if (!isPlainObject(value)) return cannot(jsonKind(value));
    const elem = type.slice('map[string]'.length);
    for (const k of Object.keys(value)) {
      const e = checkType(value[k], elem, field, struct, goPath, bytes);
      if (e) return e;
    }
    return undefined;
  }
  const t = schemaType(type);
  if (!t) return undefined;
  if (!isPlainObject(value)) return cannot(jsonKind(value));
  if (t.open) return undefined;
  const structName = type.slice(type.lastIndexOf('.') + 1);
  for (const k of Object.keys(value)) {
    if (!hasOwn(value, k)) continue;
    const ft = t.fields.get(k);
    if (ft === undefined) continue;
    const e = checkType(value[k], ft, k, structName, goPath ? `${goPath}.${k}` : k, BYTES_MAPS.has(`${type}.${k}`));
    if (e) return e;
  }
  return undefined;
}
