/**
 * Field descriptions for `kubectl explain` and the editor, loaded on first use so the first
 * screen does not pay for ~300 KiB of documentation.
 */

export interface TypeDocs {
  description: string;
  fields: Record<string, string>;
}

let loading: Promise<Record<string, TypeDocs>> | undefined;

export function loadSchemaDocs(): Promise<Record<string, TypeDocs>> {
  loading ??= import('../../../generated/schema-docs.json').then((m) => (m as unknown as { default: Record<string, TypeDocs> }).default);
  return loading;
}
