/**
 * A few values printed the way Go's `%#v` / `String()` print them in real field errors
 * (`v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, ...}`), and a way to put such
 * pre-rendered text into a FieldError without changing the shared error renderer: the text goes
 * in front of the detail, which yields exactly `<field>: Invalid value: <text>: <detail>`.
 */
import type { FieldError } from '../../errors';

export function invalidGo(field: string, goText: string, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field, detail: `${goText}: ${detail}` };
}

export function duplicateGo(field: string, goText: string): FieldError {
  return { type: 'FieldValueDuplicate', field, detail: goText };
}

const q = (s: string): string => JSON.stringify(s);

export function goStringMap(m: Record<string, string> | undefined | null): string {
  if (!m) return 'map[string]string(nil)';
  const keys = Object.keys(m).sort();
  return `map[string]string{${keys.map((k) => `${q(k)}:${q(String(m[k]))}`).join(', ')}}`;
}

export function goStringSlice(s: readonly string[] | undefined | null): string {
  if (!s) return '[]string(nil)';
  return `[]string{${s.map(q).join(', ')}}`;
}

interface SelectorLike {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** `v1.LabelSelector{...}`: how an immutable or invalid selector appears in messages. */
export function goLabelSelector(sel: SelectorLike | undefined | null): string {
  if (!sel) return '(*v1.LabelSelector)(nil)';
  const exprs = sel.matchExpressions
    ? `[]v1.LabelSelectorRequirement{${sel.matchExpressions
        .map((e) => `v1.LabelSelectorRequirement{Key:${q(e.key)}, Operator:${q(e.operator)}, Values:${goStringSlice(e.values)}}`)
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${goStringMap(sel.matchLabels)}, MatchExpressions:${exprs}}`;
}

/** IntOrString prints through its String() method: `25%` or `1`, unquoted. */
export const goIntOrString = (v: unknown): string => (v === undefined || v === null ? '0' : String(v));
