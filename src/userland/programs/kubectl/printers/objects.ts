/**
 * `-o json`, `-o yaml` and `-o name`. kubectl decodes what it gets into unstructured maps, so
 * keys come out sorted; JSON is indented by four spaces. Several objects become a `List` with an
 * empty resourceVersion, exactly as kubectl wraps them.
 */
import type { KubeObject } from '../../../../engine/api/types';
import { toYaml } from './yaml';

/** Object keys sorted at every depth, as Go marshals a map. */
export function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortedKeys((value as Record<string, unknown>)[key]);
  return out;
}

export const listOf = (items: readonly KubeObject[]): unknown => ({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } });

export function printObject(format: 'json' | 'yaml', value: unknown): string {
  return format === 'json' ? `${JSON.stringify(sortedKeys(value), null, 4)}\n` : toYaml(value);
}
