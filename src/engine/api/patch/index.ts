/**
 * PATCH as the apiserver applies it, for the three content types kubectl sends:
 * `json` (RFC 6902 operations), `merge` (RFC 7386) and `strategic` (Kubernetes' strategic merge
 * patch, kubectl's default). Plus the creation side kubectl needs for `apply` and `edit`.
 *
 * Every function returns new objects; the inputs are never modified.
 */
import type { ResourceInfo } from '../resources';
import type { KubeObject, PatchType } from '../types';
import { PatchError } from './errors';
import { applyJsonPatch } from './json-patch';
import { applyMergePatch, createMergePatch } from './merge';
import { isPlainObject } from './safe';
import { applyStrategicMergePatch } from './strategic';
import { createThreeWayPatch, createTwoWayPatch } from './strategic-diff';
import { rootType } from './strategies';

export { PatchError, createMergePatch };
export { safeClone, jsonEqual } from './safe';

export function applyPatch(type: PatchType, original: KubeObject, patch: unknown, resource: ResourceInfo): KubeObject {
  let result: unknown;
  switch (type) {
    case 'json':
      result = applyJsonPatch(original, patch);
      break;
    case 'merge':
      if (!isPlainObject(patch)) throw new PatchError(`json: cannot unmarshal ${Array.isArray(patch) ? 'array' : typeof patch} into Go value of type map[string]interface {}`);
      result = applyMergePatch(original, patch);
      break;
    case 'strategic':
      result = applyStrategicMergePatch(original, patch, rootType(resource));
      break;
    default:
      throw new PatchError(`unsupported patch type: ${String(type)}`, 415, 'UnsupportedMediaType');
  }
  if (!isPlainObject(result)) throw new PatchError('the patched object is not a JSON object', 422);
  return result as KubeObject;
}

/** The strategic merge patch that turns `original` into `modified` (`kubectl edit`, `set image`). */
export function createStrategicMergePatch(original: KubeObject, modified: KubeObject, resource: ResourceInfo): Record<string, unknown> {
  return createTwoWayPatch(original, modified, rootType(resource));
}

/** `kubectl apply`'s patch from the last-applied configuration, the new one and the live object. */
export function createThreeWayMergePatch(
  lastApplied: KubeObject | undefined,
  modified: KubeObject,
  current: KubeObject,
  resource: ResourceInfo,
): Record<string, unknown> {
  return createThreeWayPatch(lastApplied ?? {}, modified, current, rootType(resource));
}
