/**
 * Field selectors (`--field-selector spec.nodeName=worker01`): equality tests on a few fields that
 * each kind chooses to expose. Unlike label selectors they only know `=`, `==` and `!=`, and a
 * field a kind does not expose is an error (`field label not supported: foo`), not a non-match.
 *
 * Parsing follows apimachinery `fields.ParseSelector`: terms split on unescaped commas, `\,`
 * `\=` and `\\` escapes in values.
 */
import type { KubeObject } from './types';
import type { ResourceInfo } from './resources';

export interface FieldRequirement {
  field: string;
  /** `==` is folded into `=`. */
  op: '=' | '!=';
  value: string;
}

export interface FieldSelector {
  readonly requirements: readonly FieldRequirement[];
  readonly empty: boolean;
  toString(): string;
}

export class FieldSelectorError extends Error {}

function splitTerms(text: string): string[] {
  if (text.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(text.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(text.slice(start));
  return terms;
}

/** First operator found scanning left to right; at each position `!=` and `==` win over `=`. */
function splitTerm(term: string): [string, '=' | '!=' | '==', string] | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of ['!=', '==', '='] as const) {
      if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)];
    }
  }
  return undefined;
}

function unescapeValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c === '\\' || c === ',' || c === '=') out += c;
      else throw new FieldSelectorError(`invalid field selector: invalid escape sequence: \\${c}`);
      inSlash = false;
      continue;
    }
    if (c === '\\') inSlash = true;
    else if (c === ',' || c === '=') throw new FieldSelectorError(`invalid field selector: unescaped character in value: ${c}`);
    else out += c;
  }
  if (inSlash) throw new FieldSelectorError('invalid field selector: invalid escape sequence: \\');
  return out;
}

const escapeValue = (s: string): string => s.replace(/[\\,=]/g, (c) => `\\${c}`);

export function fieldSelectorOf(requirements: FieldRequirement[]): FieldSelector {
  return {
    requirements,
    empty: requirements.length === 0,
    toString: () => requirements.map((r) => `${r.field}${r.op}${escapeValue(r.value)}`).join(','),
  };
}

export function parseFieldSelector(text: string): FieldSelector {
  const terms = splitTerms(text).sort();
  const requirements: FieldRequirement[] = [];
  for (const term of terms) {
    if (term === '') continue;
    const parts = splitTerm(term);
    if (!parts) throw new FieldSelectorError(`invalid selector: '${text}'; can't understand '${term}'`);
    const [field, op, raw] = parts;
    requirements.push({ field, op: op === '!=' ? '!=' : '=', value: unescapeValue(raw) });
  }
  return fieldSelectorOf(requirements);
}

// ---------------------------------------------------------------------------------------------
// Which fields each kind exposes, and how their values read (Go zero values when unset).

type Getter = (obj: KubeObject) => string;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): string => (typeof v === 'number' ? String(v) : '0');
const bool = (v: unknown): string => (v === true ? 'true' : 'false');
const top = (obj: KubeObject, key: string): unknown => (obj as unknown as Record<string, unknown>)[key];
const sub = (obj: KubeObject, key: string): Record<string, unknown> => {
  const v = top(obj, key);
  return v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {};
};

const META_FIELDS: Record<string, Getter> = {
  'metadata.name': (o) => str(o.metadata?.name),
  'metadata.namespace': (o) => str(o.metadata?.namespace),
};

const KIND_FIELDS: Record<string, Record<string, Getter>> = {
  Pod: {
    'spec.nodeName': (o) => str(sub(o, 'spec').nodeName),
    'spec.restartPolicy': (o) => str(sub(o, 'spec').restartPolicy),
    'spec.schedulerName': (o) => str(sub(o, 'spec').schedulerName),
    'spec.serviceAccountName': (o) => str(sub(o, 'spec').serviceAccountName),
    'spec.hostNetwork': (o) => bool(sub(o, 'spec').hostNetwork),
    'status.phase': (o) => str(sub(o, 'status').phase),
    'status.podIP': (o) => str(sub(o, 'status').podIP),
    'status.nominatedNodeName': (o) => str(sub(o, 'status').nominatedNodeName),
  },
  Event: {
    'involvedObject.kind': (o) => str(sub(o, 'involvedObject').kind),
    'involvedObject.namespace': (o) => str(sub(o, 'involvedObject').namespace),
    'involvedObject.name': (o) => str(sub(o, 'involvedObject').name),
    'involvedObject.uid': (o) => str(sub(o, 'involvedObject').uid),
    'involvedObject.apiVersion': (o) => str(sub(o, 'involvedObject').apiVersion),
    'involvedObject.resourceVersion': (o) => str(sub(o, 'involvedObject').resourceVersion),
    'involvedObject.fieldPath': (o) => str(sub(o, 'involvedObject').fieldPath),
    reason: (o) => str(top(o, 'reason')),
    reportingComponent: (o) => str(top(o, 'reportingComponent')),
    source: (o) => str(sub(o, 'source').component),
    type: (o) => str(top(o, 'type')),
  },
  Node: { 'spec.unschedulable': (o) => bool(sub(o, 'spec').unschedulable) },
  Namespace: { 'status.phase': (o) => str(sub(o, 'status').phase) },
  Secret: { type: (o) => str(top(o, 'type')) },
  ReplicaSet: { 'status.replicas': (o) => num(sub(o, 'status').replicas) },
  ReplicationController: { 'status.replicas': (o) => num(sub(o, 'status').replicas) },
  Job: { 'status.successful': (o) => num(sub(o, 'status').succeeded) },
};

function getterFor(resource: ResourceInfo, field: string): Getter | undefined {
  return META_FIELDS[field] ?? (Object.prototype.hasOwnProperty.call(KIND_FIELDS, resource.kind) ? KIND_FIELDS[resource.kind]![field] : undefined);
}

/** The fields a kind can be selected by, for docs and tests. */
export function supportedFieldLabels(resource: ResourceInfo): string[] {
  return [...Object.keys(META_FIELDS), ...Object.keys(KIND_FIELDS[resource.kind] ?? {})];
}

/** The message for the first field the kind does not expose, or undefined when all are fine. */
export function unsupportedFieldError(resource: ResourceInfo, selector: FieldSelector): string | undefined {
  for (const r of selector.requirements) {
    if (!getterFor(resource, r.field)) return `field label not supported: ${r.field}`;
  }
  return undefined;
}

/** The value a field selector compares for this object, or undefined when the kind lacks the field. */
export function fieldValue(resource: ResourceInfo, obj: KubeObject, field: string): string | undefined {
  return getterFor(resource, field)?.(obj);
}

/** Call unsupportedFieldError first: an unsupported field never matches here. */
export function fieldSelectorMatches(resource: ResourceInfo, selector: FieldSelector, obj: KubeObject): boolean {
  for (const r of selector.requirements) {
    const getter = getterFor(resource, r.field);
    if (!getter) return false;
    const equal = getter(obj) === r.value;
    if (equal !== (r.op === '=')) return false;
  }
  return true;
}

/** The value a selector pins a field to with `=`, if any (`spec.nodeName=worker01` → `worker01`). */
export function exactFieldValue(selector: FieldSelector, field: string): string | undefined {
  for (const r of selector.requirements) if (r.field === field && r.op === '=') return r.value;
  return undefined;
}
