/**
 * The JSON schema the YAML editor completes and validates manifests with, built from the same
 * generated data as `kubectl explain` (scripts/gen-schema.ts): field types from schema-fields.json,
 * and, once the large schema-docs.json has loaded, the descriptions (hovers) and enum values.
 *
 * One schema serves every document of a multi-document file: `apiVersion` and `kind` are offered
 * from the kinds the apiserver serves, and together they choose the document's type (an if/then
 * per kind), so `spec:` of a Pod completes `containers` and an unknown field is flagged as the
 * apiserver's strict decoding would refuse it.
 */
import type { JSONSchema } from 'monaco-yaml';
import type { SchemaDocs } from '../../engine/api/schema';

/** schema-fields.json: kind (`apps/v1/Deployment`) → type name, and each type's fields. */
export interface SchemaFields {
  readonly kinds: Readonly<Record<string, string>>;
  readonly types: Readonly<Record<string, { readonly fields: Readonly<Record<string, string>>; readonly required?: readonly string[] }>>;
}

/** The types `kubectl explain` names that are not objects of their own, as JSON values. */
const SCALARS: Readonly<Record<string, JSONSchema>> = {
  string: { type: 'string' },
  integer: { type: 'integer' },
  boolean: { type: 'boolean' },
  number: { type: 'number' },
  // `cpu: 500m` and `cpu: 1` are both quantities; `port: 80` and `port: http` both IntOrString.
  Quantity: { type: ['string', 'number'] },
  IntOrString: { type: ['integer', 'string'] },
  Time: { type: 'string' },
  MicroTime: { type: 'string' },
  Object: {},
};

const ref = (type: string): string => `#/definitions/${type}`;

/** The schema of a field type as explain spells it: `[]core.v1.Container`, `map[string]string`, a scalar or a type name. */
function typeSchema(type: string): JSONSchema {
  if (type.startsWith('[]')) return { type: 'array', items: typeSchema(type.slice(2)) };
  if (type.startsWith('map[string]')) return { type: 'object', additionalProperties: typeSchema(type.slice('map[string]'.length)) };
  return SCALARS[type] ?? { $ref: ref(type) };
}

/** An object type: its fields, none other (strict decoding), those it requires, and the words of explain. */
function objectSchema(name: string, fields: SchemaFields['types'][string], docs: SchemaDocs | undefined): JSONSchema {
  const typeDocs = docs?.[name];
  // A type without fields (FieldsV1, JSON) holds free-form JSON.
  if (Object.keys(fields.fields).length === 0) return typeDocs ? { description: typeDocs.description } : {};
  const properties: Record<string, JSONSchema> = {};
  for (const [field, type] of Object.entries(fields.fields)) {
    const schema = typeSchema(type);
    const description = typeDocs?.fields[field];
    const values = typeDocs?.enums?.[field];
    // A $ref's siblings are ignored by draft-07 validators: the description goes around it.
    properties[field] = {
      ...(schema.$ref ? { allOf: [schema] } : schema),
      ...(description ? { description } : {}),
      ...(values ? { enum: [...values] } : {}),
    };
  }
  return {
    type: 'object',
    properties,
    additionalProperties: false,
    ...(fields.required?.length ? { required: [...fields.required] } : {}),
    ...(typeDocs ? { description: typeDocs.description } : {}),
  };
}

/** `apps/v1/Deployment` → ['apps/v1', 'Deployment']. */
function splitKind(key: string): [apiVersion: string, kind: string] {
  const slash = key.lastIndexOf('/');
  return [key.slice(0, slash), key.slice(slash + 1)];
}

/** The editor's schema for Kubernetes manifests; `docs` adds descriptions and enums when they are here. */
export function kubernetesSchema(fields: SchemaFields, docs?: SchemaDocs): JSONSchema {
  const definitions: Record<string, JSONSchema> = {};
  for (const [name, type] of Object.entries(fields.types)) definitions[name] = objectSchema(name, type, docs);
  const kinds = Object.entries(fields.kinds).map(([key, type]) => [...splitKind(key), type] as const);
  const sorted = (values: Iterable<string>): string[] => [...new Set(values)].sort();
  return {
    type: 'object',
    required: ['apiVersion', 'kind'],
    properties: {
      apiVersion: { type: 'string', enum: sorted(kinds.map(([apiVersion]) => apiVersion)) },
      kind: { type: 'string', enum: sorted([...kinds, LIST].map(([, kind]) => kind)) },
    },
    allOf: [...kinds, LIST].map(([apiVersion, kind, type]) => ({
      if: { properties: { apiVersion: { const: apiVersion }, kind: { const: kind } }, required: ['apiVersion', 'kind'] },
      then: { $ref: ref(type) },
    })),
    definitions: { ...definitions, [LIST[2]]: LIST_SCHEMA },
  };
}

/** What `kubectl edit` of several objects opens (and `kubectl get -o yaml` prints): a List of whole manifests. */
const LIST = ['v1', 'List', 'v1.List'] as const;
const LIST_SCHEMA: JSONSchema = {
  type: 'object',
  properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, items: { type: 'array', items: { $ref: '#' } } },
  additionalProperties: false,
};
