/**
 * `kubectl label` and `kubectl annotate`: the `key=value` / `key-` arguments, the overwrite rule,
 * and the JSON merge patch sent for one object (`{"metadata":{"labels":{"a":"1","old":null}}}`).
 */
import { KubectlError } from '../framework/errors';

export type MetadataField = 'labels' | 'annotations';

export interface MetadataChanges {
  readonly set: ReadonlyMap<string, string>;
  readonly remove: readonly string[];
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_VALUE_MESSAGE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

/** kubectl's test for which arguments are changes rather than resource names. */
export const isMetadataChange = (arg: string): boolean => arg.includes('=') || arg.endsWith('-');

/**
 * Reads the change arguments. Label values are checked here (keys only by the server); an
 * annotation value may contain `=` and anything else.
 */
export function parseMetadataChanges(field: MetadataField, args: readonly string[]): MetadataChanges {
  const noun = field === 'labels' ? 'label' : 'annotation';
  if (args.length === 0) throw new KubectlError(`at least one ${noun} update is required`);
  const set = new Map<string, string>();
  const remove: string[] = [];
  for (const arg of args) {
    if (arg.includes('=')) {
      const parts = field === 'labels' ? arg.split('=') : [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)];
      if (parts.length !== 2 || parts[0] === '') throw new KubectlError(`invalid ${noun} spec: ${arg}`);
      const [key, value] = parts as [string, string];
      if (field === 'labels' && (value.length > 63 || !LABEL_VALUE.test(value))) {
        const reasons = [value.length > 63 ? 'must be no more than 63 characters' : '', LABEL_VALUE.test(value) ? '' : LABEL_VALUE_MESSAGE];
        throw new KubectlError(`invalid label value: "${arg}": ${reasons.filter(Boolean).join(';')}`);
      }
      set.set(key, value);
    } else if (arg.endsWith('-')) {
      remove.push(arg.slice(0, -1));
    } else {
      throw new KubectlError(`unknown ${noun} spec: ${arg}`);
    }
  }
  const both = remove.filter((key) => set.has(key));
  if (both.length > 0) {
    throw new KubectlError(
      field === 'labels'
        ? 'can not both modify and remove a label in the same command'
        : `can not both modify and remove the following annotation(s) in the same command: ${both.join(', ')}`,
    );
  }
  return { set, remove };
}

export interface MetadataUpdate {
  /** The JSON merge patch; `{}` when nothing changes (kubectl still sends it). */
  patch: { metadata?: Partial<Record<MetadataField, Record<string, string | null>>> };
  /** Keys to remove that the object does not have: kubectl says `label "x" not found.` */
  missing: string[];
  /** `labeled`, `unlabeled` or `not labeled` (annotate always says `annotated`). */
  verb: string;
}

/** The update of one object's labels or annotations, or kubectl's error when it would overwrite. */
export function metadataUpdate(
  field: MetadataField,
  current: Readonly<Record<string, string>> | undefined,
  changes: MetadataChanges,
  overwrite: boolean,
): MetadataUpdate {
  const before = new Map(Object.entries(current ?? {}));
  const clashes = [...changes.set].filter(([key, value]) => before.has(key) && before.get(key) !== value);
  if (!overwrite && clashes.length > 0) {
    const described = clashes.map(([key]) => `'${key}' already has a value (${before.get(key)})`);
    throw new KubectlError(
      field === 'labels'
        ? `${described[0]}, and --overwrite is false`
        : `--overwrite is false but found the following declared annotation(s): ${described.join('; ')}`,
    );
  }
  const after = new Map(before);
  const missing: string[] = [];
  for (const key of changes.remove) {
    if (after.has(key)) after.delete(key);
    else missing.push(key);
  }
  for (const [key, value] of changes.set) after.set(key, value);

  const diff = new Map<string, string | null>();
  for (const [key, value] of after) if (before.get(key) !== value) diff.set(key, value);
  for (const key of before.keys()) if (!after.has(key)) diff.set(key, null);
  const patch = diff.size === 0 ? {} : { metadata: { [field]: Object.fromEntries([...diff].sort(([a], [b]) => (a < b ? -1 : 1))) } };
  return { patch, missing, verb: field === 'annotations' ? 'annotated' : labelVerb(before, after, overwrite) };
}

/**
 * kubectl compares the object's JSON before and after: any change is `labeled`, unless the JSON
 * got shorter without --overwrite (only removals), which is `unlabeled`.
 */
function labelVerb(before: Map<string, string>, after: Map<string, string>, overwrite: boolean): string {
  const json = (m: Map<string, string>) => (m.size === 0 ? '' : JSON.stringify(Object.fromEntries([...m].sort())));
  const [old, now] = [json(before), json(after)];
  if (old === now) return 'not labeled';
  return !overwrite && now.length < old.length ? 'unlabeled' : 'labeled';
}
