/**
 * OpenAPI v3 component schemas built from the engine's generated API schema, shaped the way the
 * real apiserver publishes them, so the real kubectl's `explain` template and its strategic-merge
 * patch code read them exactly as they read a real cluster's:
 *
 * - object fields are `allOf: [{$ref}]` with the description beside it; lists are `type: array`
 *   with `items`; maps `type: object` with `additionalProperties`;
 * - Quantity and IntOrString are `oneOf` schemas without a `type` (explain prints their names),
 *   Time and MicroTime are strings with `format: date-time` (explain prints `string`);
 * - each kind's schema carries `x-kubernetes-group-version-kind` (a list), lists that merge by key
 *   carry `x-kubernetes-patch-merge-key` / `x-kubernetes-patch-strategy`;
 * - enum fields carry their allowed values as `enum` (explain prints them under ENUM: / enum:).
 *
 * Not reproduced: int32/int64 formats.
 */
import { patchMeta } from '../engine/api/patch/strategies';
import { schemaType, type TypeDocs } from '../engine/api/schema';

type Schema = Record<string, unknown>;

const REF = '#/components/schemas/';

/** Group part of a generated type name → the Go package prefix real schema names use. */
function componentName(typeName: string): string {
  const [group, version, ...rest] = typeName.split('.');
  const name = rest.join('.');
  if (group === 'meta') return `io.k8s.apimachinery.pkg.apis.meta.${version}.${name}`;
  return `io.k8s.api.${group}.${version}.${name}`;
}

/** The named scalar types, as the real apiserver defines them. */
const SCALARS: Record<string, { name: string; schema: Schema }> = {
  Quantity: {
    name: 'io.k8s.apimachinery.pkg.api.resource.Quantity',
    schema: { oneOf: [{ type: 'string' }, { type: 'number' }] },
  },
  IntOrString: {
    name: 'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
    schema: { format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }] },
  },
  Time: { name: 'io.k8s.apimachinery.pkg.apis.meta.v1.Time', schema: { type: 'string', format: 'date-time' } },
  MicroTime: { name: 'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime', schema: { type: 'string', format: 'date-time' } },
  Object: { name: 'io.k8s.apimachinery.pkg.runtime.RawExtension', schema: { type: 'object' } },
};

const PRIMITIVES: Record<string, Schema> = {
  string: { type: 'string' },
  integer: { type: 'integer', format: 'int32' },
  number: { type: 'number', format: 'double' },
  boolean: { type: 'boolean' },
};

export interface ComponentBuilder {
  /** Adds a type (and everything it references); returns its component name. */
  add(typeName: string): string;
  /** Marks a type as the schema of a kind. */
  markKind(typeName: string, gvk: { group: string; version: string; kind: string }): void;
  readonly schemas: Record<string, Schema>;
}

export function componentBuilder(docs: Record<string, TypeDocs>): ComponentBuilder {
  const schemas: Record<string, Schema> = {};

  /** The schema of a value of `type`; `described` adds the field description beside a $ref. */
  const valueSchema = (type: string, description?: string): Schema => {
    const withDescription = (s: Schema): Schema => (description ? { ...s, description } : s);
    if (type.startsWith('[]')) return withDescription({ type: 'array', items: valueSchema(type.slice(2)) });
    if (type.startsWith('map[string]')) {
      return withDescription({ type: 'object', additionalProperties: valueSchema(type.slice('map[string]'.length)) });
    }
    const primitive = PRIMITIVES[type];
    if (primitive) return withDescription({ ...primitive });
    const name = add(type);
    const ref = { $ref: `${REF}${name}` };
    return description ? { allOf: [ref], description } : ref;
  };

  function add(type: string): string {
    const scalar = SCALARS[type];
    if (scalar) {
      schemas[scalar.name] ??= { ...scalar.schema };
      return scalar.name;
    }
    const name = componentName(type);
    if (schemas[name]) return name;
    const t = schemaType(type);
    const typeDocs = docs[type];
    const schema: Schema = { description: typeDocs?.description ?? '', type: 'object' };
    // Registered before its fields so recursive types (JSONSchemaProps-like) terminate.
    schemas[name] = schema;
    if (t && !t.open) {
      const properties: Record<string, Schema> = {};
      for (const [field, fieldType] of [...t.fields].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const prop = valueSchema(fieldType, typeDocs?.fields[field] ?? '');
        const values = typeDocs?.enums?.[field];
        if (values) prop.enum = [...values];
        const meta = patchMeta(type, field);
        const strategy = [meta.merge ? 'merge' : '', meta.retainKeys ? 'retainKeys' : ''].filter(Boolean).join(',');
        if (meta.mergeKey) prop['x-kubernetes-patch-merge-key'] = meta.mergeKey;
        if (strategy) prop['x-kubernetes-patch-strategy'] = strategy;
        properties[field] = prop;
      }
      schema.properties = properties;
      if (t.required.length > 0) schema.required = [...t.required];
    }
    return name;
  }

  return {
    add,
    markKind(typeName, gvk) {
      const schema = schemas[add(typeName)]!;
      schema['x-kubernetes-group-version-kind'] = [gvk];
    },
    schemas,
  };
}
