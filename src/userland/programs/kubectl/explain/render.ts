/**
 * `kubectl explain` in kubectl 1.27+'s plaintext layout (pkg/explain/v2 templates): the
 * GROUP/KIND/VERSION header, the FIELD line for a dotted path, the DESCRIPTION wrapped at 76
 * columns and indented by 4 (an object field adds its type's own description), then FIELDS in
 * alphabetical order — `  name\t<type>` with ` -required-`, each with its description, or with
 * `--recursive` the whole tree of names and types, two spaces deeper per level. A field with allowed
 * values lists them: all of them under `ENUM:` in its FIELD header, the first four on an `enum:`
 * line in a FIELDS list.
 */
import { explainTypeName, resolveFieldPath, schemaType, type SchemaDocs } from '../../../../engine/api/schema';
import { indent, wordWrap } from './wrap';

export interface ExplainRequest {
  group: string;
  version: string;
  kind: string;
  /** The kind's schema type (`core.v1.Pod`). */
  typeName: string;
  /** Field names after the resource (`spec`, `containers`). */
  path: readonly string[];
  recursive: boolean;
}

/** What explain prints: stdout, and the error that follows it when a field does not exist. */
export interface ExplainOutput {
  text: string;
  error?: string;
}

const WIDTH = 76;

/** `<[]Container>` as explain names types: Time is a string in the published schema. */
function typeLabel(type: string): string {
  const name = explainTypeName(type).replace(/\b(Micro)?Time$/, 'string');
  return `<${name}>`;
}

function header(r: ExplainRequest): string {
  return `${r.group ? `GROUP:      ${r.group}\n` : ''}KIND:       ${r.kind}\nVERSION:    ${r.version}\n\n`;
}

/** An empty string is shown as `""`, so it can be told apart from nothing. */
const enumValue = (value: string): string => (value === '' ? '""' : value);

/** The FIELD header's list: every value on its own line. */
const enumBlock = (values: readonly string[] | undefined): string => (values ? `ENUM:${values.map((v) => `\n    ${enumValue(v)}`).join('')}` : '');

/** A FIELDS entry's line: the first four values, then `, ....` when there are more. */
const ENUM_LINE_LIMIT = 4;
function enumLine(values: readonly string[], depth: number): string {
  const shown = values.slice(0, ENUM_LINE_LIMIT).map(enumValue).join(', ');
  return `${' '.repeat(depth)}enum: ${shown}${values.length > ENUM_LINE_LIMIT ? ', ....' : ''}`;
}

function description(paragraphs: readonly string[]): string {
  const body = paragraphs.filter(Boolean).map((p) => wordWrap(p, WIDTH)).join('\n');
  return `DESCRIPTION:\n${indent(4, `${body}\n`)}\n`;
}

/** The FIELDS section of an object type. */
function fields(typeName: string, docs: SchemaDocs, recursive: boolean): string {
  const lines: string[] = [];
  const walk = (name: string, depth: number, seen: ReadonlySet<string>): void => {
    const t = schemaType(name);
    if (!t) return;
    for (const [field, type] of [...t.fields].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const required = t.required.includes(field) ? ' -required-' : '';
      lines.push(`${' '.repeat(depth)}${field}\t${typeLabel(type)}${required}`);
      const values = docs[name]?.enums?.[field];
      if (values) lines.push(enumLine(values, depth));
      if (!recursive) {
        const text = docs[name]?.fields[field] ?? '';
        if (text) lines.push(indent(depth + 2, wordWrap(text, WIDTH)));
        lines.push('');
        continue;
      }
      const inner = resolveFieldPath(name, [field]);
      if (inner && 'type' in inner && inner.objectType && !seen.has(inner.objectType)) {
        walk(inner.objectType, depth + 2, new Set([...seen, inner.objectType]));
      }
    }
  };
  walk(typeName, 2, new Set([typeName]));
  return `FIELDS:\n${lines.map((l) => `${l}\n`).join('')}`;
}

export function renderExplain(r: ExplainRequest, docs: SchemaDocs): ExplainOutput {
  if (r.path.length === 0) {
    return { text: `${header(r)}${description([docs[r.typeName]?.description ?? ''])}${fields(r.typeName, docs, r.recursive)}\n` };
  }
  const resolved = resolveFieldPath(r.typeName, r.path);
  if (!resolved || !('type' in resolved)) {
    const missing = resolved && 'failedAt' in resolved ? resolved.failedAt : r.path.at(-1)!;
    return { text: header(r), error: `field ${JSON.stringify(missing)} does not exist` };
  }
  const object = resolved.objectType;
  const paragraphs = [docs[resolved.parentType]?.fields[resolved.field] ?? '', object ? (docs[object]?.description ?? '') : ''];
  const values = docs[resolved.parentType]?.enums?.[resolved.field];
  const body = `FIELD: ${resolved.field} ${typeLabel(resolved.type)}\n${enumBlock(values)}\n\n${description(paragraphs)}`;
  return { text: `${header(r)}${body}${object ? fields(object, docs, r.recursive) : ''}\n` };
}
