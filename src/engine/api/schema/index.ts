/**
 * The API schema, generated from `kubernetes-types` (scripts/gen-schema.ts): strict decoding
 * (unknown fields, wrong JSON types), field types for `kubectl explain` and the patch strategies,
 * and the lazily loaded descriptions.
 */
export { strictDecodeErrors, decodeTypeError, typeOfResource } from './decode';
export { canonicalizeQuantities } from './canonical';
export {
  typeNameOfKind,
  schemaType,
  fieldType,
  elementType,
  explainTypeName,
  goTypeName,
  isListType,
  isMapType,
  isObjectType,
  resolveFieldPath,
  type ResolvedField,
  type SchemaType,
} from './types';
export { loadSchemaDocs, provideSchemaDocs, SCHEMA_DOCS, SchemaDocsShelf, type SchemaDocs, type TypeDocs } from './docs';
