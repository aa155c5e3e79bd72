/**
 * `kubectl taint` arguments and their effect on a node's taints, with kubectl's rules: a taint is
 * `key=value:Effect` or `key:Effect` to add, `key-` or `key:Effect-` to remove; a key already
 * tainted with the same effect needs `--overwrite`; the verb reports what happened overall
 * (`tainted`, `untainted`, or `modified` when both, or under --overwrite).
 */
import type { Taint } from 'kubernetes-types/core/v1';
import { isQualifiedName, isValidLabelValue } from '../../../../engine/api/strategy/validation/names';
import { KubectlError, UsageError } from '../framework/errors';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** Taint.ToString: `key=value:effect`, dropping the parts that are empty. */
export function taintText(t: Taint): string {
  const value = t.value ? `=${t.value}` : '';
  if (!t.effect) return t.value ? `${t.key}${value}:` : t.key;
  return `${t.key}${value}:${t.effect}`;
}

/** Is this argument a taint change rather than a resource or a name? */
export const isTaintArg = (arg: string): boolean => arg.includes('=') || arg.includes(':') || arg.endsWith('-');

/** One spec without its trailing `-`; the effect may be absent (then only removal allows it). */
function parseTaint(spec: string): Taint {
  const parts = spec.split(':');
  let key: string;
  let value = '';
  let effect = '';
  if (parts.length === 1) key = parts[0]!;
  else if (parts.length === 2) {
    effect = parts[1]!;
    if (!EFFECTS.includes(effect)) throw new UsageError(`invalid taint effect: ${effect}, unsupported taint effect`);
    const kv = parts[0]!.split('=');
    if (kv.length > 2) throw new UsageError(`invalid taint spec: ${spec}`);
    key = kv[0]!;
    if (kv.length === 2) {
      value = kv[1]!;
      const errors = isValidLabelValue(value);
      if (errors.length > 0) throw new UsageError(`invalid taint spec: ${spec}, ${errors.join('; ')}`);
    }
  } else throw new UsageError(`invalid taint spec: ${spec}`);
  const errors = isQualifiedName(key);
  if (errors.length > 0) throw new UsageError(`invalid taint spec: ${spec}, ${errors.join('; ')}`);
  return { key, ...(value ? { value } : {}), effect };
}

export interface TaintChanges {
  add: Taint[];
  /** An empty effect removes every taint with the key. */
  remove: Taint[];
}

export function parseTaintChanges(specs: readonly string[]): TaintChanges {
  const add: Taint[] = [];
  const remove: Taint[] = [];
  for (const spec of specs) {
    if (spec.endsWith('-')) {
      const t = parseTaint(spec.slice(0, -1));
      remove.push({ key: t.key, effect: t.effect });
      continue;
    }
    const t = parseTaint(spec);
    if (!t.effect) throw new UsageError(`invalid taint spec: ${spec}`);
    if (add.some((a) => a.key === t.key && a.effect === t.effect)) {
      throw new UsageError(`duplicated taints with the same key and effect: {${t.key} ${t.value ?? ''} ${t.effect} <nil>}`);
    }
    add.push(t);
  }
  const conflicts = remove.filter((r) => add.some((a) => a.key === r.key && (!r.effect || a.effect === r.effect)));
  if (conflicts.length > 0) {
    throw new KubectlError(`can not both modify and remove the following taint(s) in the same command: ${conflicts.map((r) => `${r.key}=${r.effect}`).join(', ')}`);
  }
  return { add, remove };
}

export interface TaintUpdate {
  verb: 'tainted' | 'untainted' | 'modified';
  taints: Taint[];
}

const sameTaint = (a: Taint, b: Taint): boolean => a.key === b.key && a.effect === b.effect;

/** The node's new taints; throws kubectl's errors for an overwrite without --overwrite or a missing taint. */
export function updateTaints(node: string, current: readonly Taint[], changes: TaintChanges, overwrite: boolean): TaintUpdate {
  if (!overwrite) {
    const existing = changes.add.filter((t) => current.some((c) => sameTaint(c, t))).map((t) => t.key);
    if (existing.length > 0) throw new KubectlError(`node ${node} already has ${existing.join(',')} taint(s) with same effect(s) and --overwrite is false`);
  }
  // New taints first, then the old ones they do not replace (kubectl keeps this order).
  let taints = [...changes.add, ...current.filter((c) => !changes.add.some((t) => sameTaint(t, c)))];
  const added = taints.length !== current.length;
  const missing: string[] = [];
  let removed = false;
  for (const r of changes.remove) {
    const kept = taints.filter((t) => (r.effect ? !sameTaint(t, r) : t.key !== r.key));
    removed = kept.length !== taints.length;
    if (!removed) missing.push(`taint ${JSON.stringify(taintText(r))} not found`);
    taints = kept;
  }
  if (missing.length === 1) throw new KubectlError(missing[0]!);
  if (missing.length > 1) throw new KubectlError(`[${missing.join(', ')}]`);
  const verb = (added && removed) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  return { verb, taints };
}
