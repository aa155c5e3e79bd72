/**
 * `--overrides='{"spec":{…}}'` of `run` and `expose`: inline JSON merged into the generated object
 * (the default `--override-type=merge`, a JSON merge patch: lists are replaced, null removes).
 */
import { applyMergePatch } from '../../../../engine/api/patch/merge';
import type { KubeObject } from '../../../../engine/api/types';
import { KubectlError } from '../framework/errors';

export function withOverrides<T extends KubeObject>(object: T, overrides: string): T {
  let patch: unknown;
  try {
    patch = JSON.parse(overrides);
  } catch {
    throw new KubectlError('Invalid JSON Patch');
  }
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) throw new KubectlError('Invalid JSON Patch');
  return applyMergePatch(object, patch) as T;
}
