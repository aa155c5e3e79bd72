/**
 * Field descriptions for `kubectl explain` and the editor, loaded on first use so the first
 * screen does not pay for ~300 KiB of documentation.
 */

export interface TypeDocs {
  description: string;
  /** Field → its description, as the apiserver's OpenAPI publishes it. */
  fields: Record<string, string>;
  /** Field → its allowed values (sorted), for the fields whose Go type is an enum. */
  enums?: Record<string, readonly string[]>;
}

let loading: Promise<Record<string, TypeDocs>> | undefined;

export function loadSchemaDocs(): Promise<Record<string, TypeDocs>> {
  loading ??= import('../../../generated/schema-docs.json').then((m) => (m as unknown as { default: Record<string, TypeDocs> }).default);
  return loading;
}
