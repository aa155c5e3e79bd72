/**
 * Generates the API schema the playground needs from the real API types in `kubernetes-types`
 * (TypeScript declarations with the upstream doc comments), using the TypeScript compiler API.
 *
 * Output (git-ignored, rebuilt by `npm run prepare`, which `npm ci` / `npm install` run):
 *
 *   src/generated/schema-fields.json  small: per type its fields, their types and which are required.
 *                                     Loaded up front (strict decoding, patch strategies).
 *   src/generated/schema-docs.json    large: the descriptions and the allowed values of enum fields,
 *                                     loaded lazily (`kubectl explain`, the editor's hovers).
 *
 * Types are named `<group>.<version>.<Name>` (`core.v1.Container`, `meta.v1.ObjectMeta`). Field
 * types are spelled the way `kubectl explain` prints them, with qualified names for object types:
 * `string`, `integer`, `boolean`, `[]core.v1.Container`, `map[string]string`, `Quantity`,
 * `IntOrString`, `Time`, `MicroTime`, `Object` (free-form JSON).
 *
 * Only types reachable from the kinds the apiserver serves (`RESOURCES`) are emitted.
 *
 * kubernetes-types has no enums: the fields whose Go type is a `+enum` string type, their values
 * and each value's doc line come from `src/engine/api/schema/enums.json` (v1.30's types.go). As
 * the real apiserver's OpenAPI does, each such field's description gains a "Possible enum values:"
 * paragraph listing them.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { RESOURCES } from '../src/engine/api/resources';
import enumNotes from '../src/engine/api/schema/enums.json';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TYPES_DIR = join(ROOT, 'node_modules', 'kubernetes-types');
const OUT_DIR = join(ROOT, 'src', 'generated');

interface Field {
  name: string;
  type: string;
  required: boolean;
  description: string;
}

interface TypeDecl {
  description: string;
  fields: Field[];
}

/** Aliases in kubernetes-types that stand for API types with their own name in `kubectl explain`. */
const NAMED_ALIASES: Record<string, string> = {
  'meta.v1.Time': 'Time',
  'meta.v1.MicroTime': 'MicroTime',
  'api.resource.Quantity': 'Quantity',
};

/** Empty interfaces that hold arbitrary JSON. */
const FREE_FORM: Record<string, string> = {
  'runtime.RawExtension': 'Object',
};

const moduleId = (file: string): string => relative(TYPES_DIR, file).replace(/\.d\.ts$/, '').split(/[\\/]/).join('.');

function listDeclarationFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...listDeclarationFiles(path));
    else if (entry.endsWith('.d.ts')) out.push(path);
  }
  return out.sort();
}

/** The text of a node's JSDoc comment, joined into one paragraph per blank line. */
function docOf(node: ts.Node): string {
  const docs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc;
  if (!docs || docs.length === 0) return '';
  const comment = docs[docs.length - 1]!.comment;
  const text = typeof comment === 'string' ? comment : (comment ?? []).map((c) => c.text).join('');
  return text.trim();
}

interface Module {
  id: string;
  imports: Map<string, string>;
  interfaces: Map<string, ts.InterfaceDeclaration>;
  aliases: Map<string, ts.TypeAliasDeclaration>;
}

function parseModule(file: string): Module {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const id = moduleId(file);
  const mod: Module = { id, imports: new Map(), interfaces: new Map(), aliases: new Map() };
  for (const stmt of source.statements) {
    if (ts.isImportDeclaration(stmt) && ts.isStringLiteral(stmt.moduleSpecifier)) {
      const target = moduleId(resolve(dirname(file), `${stmt.moduleSpecifier.text}.d.ts`));
      const bindings = stmt.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) for (const el of bindings.elements) mod.imports.set(el.name.text, target);
    } else if (ts.isInterfaceDeclaration(stmt)) {
      mod.interfaces.set(stmt.name.text, stmt);
    } else if (ts.isTypeAliasDeclaration(stmt)) {
      mod.aliases.set(stmt.name.text, stmt);
    }
  }
  return mod;
}

const modules = new Map(listDeclarationFiles(TYPES_DIR).map((f) => [moduleId(f), parseModule(f)]));

/** `core.v1` + `Container` → `core.v1.Container`, following imports. */
function qualify(mod: Module, name: string): string {
  const from = mod.imports.get(name);
  return `${from ?? mod.id}.${name}`;
}

const reachable = new Map<string, TypeDecl>();
const queue: string[] = [];

function typeString(mod: Module, node: ts.TypeNode): string {
  if (node.kind === ts.SyntaxKind.StringKeyword) return 'string';
  if (node.kind === ts.SyntaxKind.NumberKeyword) return 'integer';
  if (node.kind === ts.SyntaxKind.BooleanKeyword) return 'boolean';
  if (ts.isLiteralTypeNode(node)) return ts.isStringLiteral(node.literal) ? 'string' : 'integer';
  if (ts.isParenthesizedTypeNode(node)) return typeString(mod, node.type);
  if (ts.isArrayTypeNode(node)) return `[]${typeString(mod, node.elementType)}`;
  if (ts.isUnionTypeNode(node)) {
    const kinds = node.types.map((t) => t.kind).sort();
    // int-or-string is the only union the API uses.
    if (kinds.length === 2 && kinds.includes(ts.SyntaxKind.NumberKeyword) && kinds.includes(ts.SyntaxKind.StringKeyword)) return 'IntOrString';
    return 'Object';
  }
  if (ts.isTypeLiteralNode(node)) {
    const index = node.members.find(ts.isIndexSignatureDeclaration);
    return index?.type ? `map[string]${typeString(mod, index.type)}` : 'Object';
  }
  if (ts.isTypeReferenceNode(node)) {
    const name = node.typeName.getText();
    if (name === 'Array' && node.typeArguments?.[0]) return `[]${typeString(mod, node.typeArguments[0])}`;
    if (name === 'Record' && node.typeArguments?.[1]) return `map[string]${typeString(mod, node.typeArguments[1])}`;
    const q = qualify(mod, name);
    if (NAMED_ALIASES[q]) return NAMED_ALIASES[q]!;
    if (FREE_FORM[q]) return FREE_FORM[q]!;
    const [targetId, localName] = [q.slice(0, q.lastIndexOf('.')), q.slice(q.lastIndexOf('.') + 1)];
    const target = modules.get(targetId);
    const alias = target?.aliases.get(localName);
    if (target && alias) return typeString(target, alias.type);
    if (target?.interfaces.has(localName) && !reachable.has(q) && !queue.includes(q)) queue.push(q);
    return q;
  }
  return 'Object';
}

function declare(qualified: string): void {
  const i = qualified.lastIndexOf('.');
  const mod = modules.get(qualified.slice(0, i))!;
  const decl = mod.interfaces.get(qualified.slice(i + 1))!;
  const fields: Field[] = [];
  for (const member of decl.members) {
    if (!ts.isPropertySignature(member) || !member.type) continue;
    const name = ts.isStringLiteral(member.name) ? member.name.text : member.name.getText();
    fields.push({ name, type: typeString(mod, member.type), required: !member.questionToken, description: docOf(member) });
  }
  fields.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  reachable.set(qualified, { description: docOf(decl), fields });
}

/** `apps` → `apps.v1`, `rbac.authorization.k8s.io` → `rbac.v1`, core → `core.v1`. */
const moduleOfGroup = (group: string, version: string): string => `${group ? group.split('.')[0] : 'core'}.${version}`;

const kinds: Record<string, string> = {};
const roots = RESOURCES.map((r) => ({ gv: r.group ? `${r.group}/${r.version}` : r.version, kind: r.kind, type: `${moduleOfGroup(r.group, r.version)}.${r.kind}` }));
// The scale subresource speaks autoscaling/v1 Scale.
roots.push({ gv: 'autoscaling/v1', kind: 'Scale', type: 'autoscaling.v1.Scale' });
for (const root of roots) {
  const [modId, name] = [root.type.slice(0, root.type.lastIndexOf('.')), root.type.slice(root.type.lastIndexOf('.') + 1)];
  if (!modules.get(modId)?.interfaces.has(name)) throw new Error(`gen-schema: ${root.type} not found in kubernetes-types`);
  kinds[`${root.gv}/${root.kind}`] = root.type;
  if (!queue.includes(root.type)) queue.push(root.type);
}
while (queue.length > 0) declare(queue.shift()!);

const names = [...reachable.keys()].sort();
const fieldsOut = {
  kinds,
  types: Object.fromEntries(
    names.map((n) => {
      const t = reachable.get(n)!;
      const required = t.fields.filter((f) => f.required).map((f) => f.name);
      const entry: { fields: Record<string, string>; required?: string[] } = { fields: Object.fromEntries(t.fields.map((f) => [f.name, f.type])) };
      if (required.length > 0) entry.required = required;
      return [n, entry];
    }),
  ),
};
/** `type.field` → value → what the value means, in the order the OpenAPI lists them (sorted). */
const ENUMS = enumNotes as Record<string, Record<string, string>>;
for (const key of Object.keys(ENUMS)) {
  const i = key.lastIndexOf('.');
  if (!reachable.get(key.slice(0, i))?.fields.some((f) => f.name === key.slice(i + 1))) throw new Error(`gen-schema: enum field ${key} is not in the schema`);
}

/** The field description as the apiserver publishes it: with its enum values' meanings appended. */
function describeField(typeName: string, field: Field): string {
  const notes = ENUMS[`${typeName}.${field.name}`];
  if (!notes) return field.description;
  const lines = Object.entries(notes).map(([value, note]) => ` - \`${JSON.stringify(value)}\` ${note}`);
  return [field.description, '', 'Possible enum values:', ...lines].join('\n');
}

const docsOut = Object.fromEntries(
  names.map((n) => {
    const t = reachable.get(n)!;
    const enums = Object.fromEntries(t.fields.filter((f) => ENUMS[`${n}.${f.name}`]).map((f) => [f.name, Object.keys(ENUMS[`${n}.${f.name}`]!)]));
    const entry: { description: string; fields: Record<string, string>; enums?: Record<string, string[]> } = {
      description: t.description,
      fields: Object.fromEntries(t.fields.map((f) => [f.name, describeField(n, f)])),
    };
    if (Object.keys(enums).length > 0) entry.enums = enums;
    return [n, entry];
  }),
);

mkdirSync(OUT_DIR, { recursive: true });
const fieldsJson = JSON.stringify(fieldsOut);
const docsJson = JSON.stringify(docsOut);
writeFileSync(join(OUT_DIR, 'schema-fields.json'), `${fieldsJson}\n`);
writeFileSync(join(OUT_DIR, 'schema-docs.json'), `${docsJson}\n`);
console.log(
  `gen-schema: ${names.length} types for ${Object.keys(kinds).length} kinds → src/generated/schema-fields.json (${Math.round(fieldsJson.length / 1024)} KiB), schema-docs.json (${Math.round(docsJson.length / 1024)} KiB)`,
);
