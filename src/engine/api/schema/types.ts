/**
 * The generated API schema (see scripts/gen-schema.ts), indexed for fast lookups: which fields a
 * type has and what type each one is. Descriptions live in a separate, lazily loaded file (docs.ts).
 */
import schemaFields from '../../../generated/schema-fields.json';

interface RawSchema {
  kinds: Record<string, string>;
  types: Record<string, { fields: Record<string, string>; required?: string[] }>;
}

export interface SchemaType {
  name: string;
  fields: ReadonlyMap<string, string>;
  required: readonly string[];
  /** No declared fields (FieldsV1, RawExtension): anything goes. */
  open: boolean;
}

const raw = schemaFields as unknown as RawSchema;

const types = new Map<string, SchemaType>();
for (const [name, t] of Object.entries(raw.types)) {
  const fields = new Map(Object.entries(t.fields));
  types.set(name, { name, fields, required: t.required ?? [], open: fields.size === 0 });
}
const kinds = new Map(Object.entries(raw.kinds));

/** `v1` + `Pod` → `core.v1.Pod`; `apps/v1` + `Deployment` → `apps.v1.Deployment`. */
export function typeNameOfKind(apiVersion: string, kind: string): string | undefined {
  return kinds.get(`${apiVersion}/${kind}`);
}

export function schemaType(name: string): SchemaType | undefined {
  return types.get(name);
}

/** The type of `field` in type `typeName` (`core.v1.PodSpec`, `containers` → `[]core.v1.Container`). */
export function fieldType(typeName: string | undefined, field: string): string | undefined {
  if (!typeName) return undefined;
  return types.get(typeName)?.fields.get(field);
}

/** `[]core.v1.Container` → `core.v1.Container`; `map[string]string` → `string`. */
export function elementType(type: string | undefined): string | undefined {
  if (!type) return undefined;
  if (type.startsWith('[]')) return type.slice(2);
  if (type.startsWith('map[string]')) return type.slice('map[string]'.length);
  return undefined;
}

export const isListType = (type: string | undefined): boolean => !!type && type.startsWith('[]');
export const isMapType = (type: string | undefined): boolean => !!type && type.startsWith('map[string]');
/** A named object type (as opposed to a scalar, list or map). */
export const isObjectType = (type: string | undefined): boolean => !!type && types.has(type);

/** The name `kubectl explain` prints: `[]core.v1.Container` → `[]Container`. */
export function explainTypeName(type: string): string {
  if (type.startsWith('[]')) return `[]${explainTypeName(type.slice(2))}`;
  if (type.startsWith('map[string]')) return `map[string]${explainTypeName(type.slice('map[string]'.length))}`;
  return types.has(type) ? type.slice(type.lastIndexOf('.') + 1) : type;
}

/** The Go spelling used in decode errors: `core.v1.PodSpec` → `v1.PodSpec`. */
export function goTypeName(type: string, int64 = false): string {
  if (type.startsWith('[]')) return `[]${goTypeName(type.slice(2))}`;
  if (type.startsWith('map[string]')) return `map[string]${goTypeName(type.slice('map[string]'.length))}`;
  switch (type) {
    case 'integer':
      return int64 ? 'int64' : 'int32';
    case 'boolean':
      return 'bool';
    case 'string':
      return 'string';
    case 'Quantity':
      return 'resource.Quantity';
    case 'IntOrString':
      return 'intstr.IntOrString';
    case 'Time':
      return 'v1.Time';
    case 'MicroTime':
      return 'v1.MicroTime';
    case 'Object':
      return 'runtime.RawExtension';
    default: {
      const parts = type.split('.');
      return parts.length >= 2 ? `${parts[parts.length - 2]}.${parts[parts.length - 1]}` : type;
    }
  }
}

export const allTypeNames = (): string[] => [...types.keys()];

export interface ResolvedField {
  /** The field's type as stored (`[]core.v1.Container`). */
  type: string;
  /** The object type to describe next (`core.v1.Container`), if the field holds objects. */
  objectType?: string;
  /** The type whose `fields` hold this one's description, and the field name. */
  parentType: string;
  field: string;
}

/**
 * Follows a dotted field path from a type, as `kubectl explain pod.spec.containers.ports` does
 * (lists and maps are stepped through). Undefined when a step does not exist; `failedAt` says which.
 */
export function resolveFieldPath(typeName: string, path: readonly string[]): ResolvedField | { failedAt: string } | undefined {
  let current = typeName;
  let resolved: ResolvedField | undefined;
  for (const step of path) {
    const t = types.get(current);
    const ft = t?.fields.get(step);
    if (!ft) return { failedAt: step };
    let inner = ft;
    while (inner.startsWith('[]') || inner.startsWith('map[string]')) inner = elementType(inner)!;
    resolved = { type: ft, parentType: current, field: step, objectType: types.has(inner) ? inner : undefined };
    current = inner;
  }
  return resolved;
}

// ---------------------------------------------------------------------------------------------
// Compiled shapes. Every write walks its body by schema (type checks, unknown fields, quantities),
// so the hot walks use these pre-resolved nodes instead of parsing type strings (`[]core.v1.X`)
// and looking up maps on every visit.

/** What a schema type is, for the walks: scalars by their JSON decoder, then list, map, struct. */
export type ShapeKind =
  | 'string'
  | 'integer'
  | 'boolean'
  | 'Quantity'
  | 'IntOrString'
  | 'Time'
  /** RawExtension: anything goes. */
  | 'raw'
  | 'list'
  | 'map'
  | 'struct'
  /** A type name the schema does not know: nothing to check. */
  | 'unknown';

export interface Shape {
  /** The type as written in the schema (`[]core.v1.Container`), for error messages. */
  readonly type: string;
  readonly kind: ShapeKind;
  /** Element shape of a list or map. */
  readonly elem: Shape | undefined;
  /** Struct fields (empty for open structs and non-structs). */
  readonly fields: ReadonlyMap<string, FieldShape>;
  /** A struct without declared fields (FieldsV1, RawExtension): anything goes. */
  readonly open: boolean;
  /** `Container` for `core.v1.Container`: the struct name Go puts in decode errors. */
  readonly structName: string;
  /** Some value below may be a Quantity (lets the canonicalizing walk skip everything else). */
  readonly holdsQuantity: boolean;
}

export interface FieldShape {
  readonly shape: Shape;
  /** `[]byte` in Go: base64 in JSON (Secret.data, ConfigMap.binaryData). */
  readonly bytes: boolean;
}

interface MutableShape {
  type: string;
  kind: ShapeKind;
  elem: Shape | undefined;
  fields: Map<string, FieldShape>;
  open: boolean;
  structName: string;
  holdsQuantity: boolean;
}

const SCALAR_KINDS = new Map<string, ShapeKind>([
  ['string', 'string'],
  ['integer', 'integer'],
  ['boolean', 'boolean'],
  ['Quantity', 'Quantity'],
  ['IntOrString', 'IntOrString'],
  ['Time', 'Time'],
  ['MicroTime', 'Time'],
  ['Object', 'raw'],
]);

/** Fields that are `[]byte` in Go (base64 in JSON) though typed as strings in kubernetes-types. */
const BYTES_FIELDS = new Set(['core.v1.Secret.data', 'core.v1.ConfigMap.binaryData']);

const shapes = new Map<string, MutableShape>();

/** The compiled shape of a type string; built once per type, cycles included. */
export function shapeOf(type: string): Shape {
  const known = shapes.get(type);
  if (known) return known;
  const shape: MutableShape = { type, kind: 'unknown', elem: undefined, fields: new Map(), open: false, structName: '', holdsQuantity: false };
  shapes.set(type, shape);
  const scalar = SCALAR_KINDS.get(type);
  if (scalar !== undefined) {
    shape.kind = scalar;
    shape.holdsQuantity = scalar === 'Quantity';
  } else if (type.startsWith('[]')) {
    shape.kind = 'list';
    shape.elem = shapeOf(type.slice(2));
  } else if (type.startsWith('map[string]')) {
    shape.kind = 'map';
    shape.elem = shapeOf(type.slice('map[string]'.length));
  } else {
    const t = types.get(type);
    if (t) {
      shape.kind = 'struct';
      shape.open = t.open;
      shape.structName = type.slice(type.lastIndexOf('.') + 1);
      for (const [name, ft] of t.fields) shape.fields.set(name, { shape: shapeOf(ft), bytes: BYTES_FIELDS.has(`${type}.${name}`) });
    }
  }
  return shape;
}

// Which shapes can hold a Quantity somewhere below: a fixed point, since types may be recursive.
for (const name of types.keys()) shapeOf(name);
for (let changed = true; changed; ) {
  changed = false;
  for (const s of shapes.values()) {
    if (s.holdsQuantity) continue;
    let holds = false;
    if (s.kind === 'list' || s.kind === 'map') holds = s.elem!.holdsQuantity;
    else if (s.kind === 'struct' && !s.open) for (const f of s.fields.values()) holds ||= f.shape.holdsQuantity;
    if (holds) {
      s.holdsQuantity = true;
      changed = true;
    }
  }
}
