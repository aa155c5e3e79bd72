/**
 * What `kubectl wait --for=…` waits for: `delete`, `condition=Ready[=true]` (a status condition,
 * names and values compared without regard to case) or `jsonpath={.status.phase}[=Running]`
 * (a simple field path; without a value, the field only has to be there).
 */
import { KubectlError } from '../framework/errors';

export type WaitFor =
  | { kind: 'delete' }
  | { kind: 'condition'; type: string; value: string }
  | { kind: 'jsonpath'; path: (string | number)[]; value?: string };

export function parseWaitFor(given: string): WaitFor {
  const lower = given.toLowerCase();
  if (lower === 'delete') return { kind: 'delete' };
  if (lower.startsWith('condition=')) {
    const [type = '', value = 'true'] = given.slice('condition='.length).split('=');
    return { kind: 'condition', type, value };
  }
  if (lower.startsWith('jsonpath=')) {
    const expression = given.slice('jsonpath='.length);
    const close = expression.lastIndexOf('}');
    if (!expression.startsWith('{') || close < 0) throw new KubectlError(`unrecognized condition: ${JSON.stringify(given)}`);
    const rest = expression.slice(close + 1);
    if (rest !== '' && !rest.startsWith('=')) throw new KubectlError(`unrecognized condition: ${JSON.stringify(given)}`);
    return { kind: 'jsonpath', path: fieldPath(expression.slice(1, close)), ...(rest ? { value: rest.slice(1) } : {}) };
  }
  throw new KubectlError(`unrecognized condition: ${JSON.stringify(given)}`);
}

/** `.status.conditions[0].type` → ['status', 'conditions', 0, 'type']. */
function fieldPath(text: string): (string | number)[] {
  const steps: (string | number)[] = [];
  for (const match of text.matchAll(/\.([^.[\]]+)|\[(\d+)\]/g)) steps.push(match[1] ?? Number(match[2]));
  return steps;
}

/** Does the object meet a condition or jsonpath wait? (`delete` is decided by the object being gone.) */
export function conditionMet(object: unknown, wait: Exclude<WaitFor, { kind: 'delete' }>): boolean {
  if (wait.kind === 'condition') {
    const conditions = (object as { status?: { conditions?: { type?: string; status?: string }[] } }).status?.conditions ?? [];
    return conditions.some((c) => (c.type ?? '').toLowerCase() === wait.type.toLowerCase() && (c.status ?? '').toLowerCase() === wait.value.toLowerCase());
  }
  let value: unknown = object;
  for (const step of wait.path) value = value === null || typeof value !== 'object' ? undefined : (value as Record<string | number, unknown>)[step];
  if (value === undefined) return false;
  if (wait.value === undefined) return true;
  return (typeof value === 'object' ? JSON.stringify(value) : String(value)) === wait.value;
}

/** A Go duration (`30s`, `1m30s`, `500ms`, `0`) in milliseconds; the flag parser already checked its form. */
export function durationMs(text: string): number {
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  for (const [, number, unit] of text.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)) total += Number(number) * units[unit!]!;
  return text.startsWith('-') ? -total : total;
}
