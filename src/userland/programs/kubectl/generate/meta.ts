import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { KubectlError } from '../framework/errors';

/**
 * Go's encoding/json writes map keys sorted, so the maps kubectl prints with `-o json` (labels,
 * selectors, data) come out in key order; building them sorted here keeps our output identical.
 */
export function sortedRecord(entries: Iterable<readonly [string, string]>): Record<string, string> {
  const map = new Map(entries);
  // fromEntries defines own properties, so a key such as `__proto__` stays an ordinary key.
  return Object.fromEntries([...map.keys()].sort().map((key) => [key, map.get(key)!]));
}

/**
 * `a=b,c=d` as kubectl's generators read `--labels` and `--selector`: every comma-separated item
 * must be exactly one `key=value`.
 */
export function parseLabelSpec(spec: string): Record<string, string> {
  if (spec === '') throw new KubectlError('no label spec passed');
  const entries: [string, string][] = [];
  for (const item of spec.split(',')) {
    const parts = item.split('=');
    if (parts.length !== 2) throw new KubectlError(`unexpected label spec: ${item}`);
    if (parts[0] === '') throw new KubectlError('unexpected empty label key');
    entries.push([parts[0]!, parts[1]!]);
  }
  return sortedRecord(entries);
}

/**
 * The metadata of an object kubectl builds on the client: a Go `metav1.Time` zero value is written
 * as `creationTimestamp: null`, and real kubectl sends and prints it that way.
 */
export function clientObjectMeta(name: string | undefined, labels?: Record<string, string>): ObjectMeta {
  return {
    ...(name === undefined ? {} : { name }),
    creationTimestamp: null as unknown as string,
    ...(labels ? { labels } : {}),
  };
}

/**
 * A patch kubectl computes is a Go map, which it writes with sorted keys at every level
 * (`{"spec":{"template":{"spec":{"$setElementOrder/containers":…,"containers":…}}}}`); sorting
 * ours the same way makes the request bodies `-v=8` shows identical.
 */
export function sortedDeep<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => sortedDeep(v)) as T;
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(Object.keys(record).sort().map((key) => [key, sortedDeep(record[key])])) as T;
}
