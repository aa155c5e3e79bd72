/**
 * The body `kubectl patch -p` sends. kubectl converts the text with apimachinery's `yaml.ToJSON`:
 * text that starts with `{` is taken as JSON and sent as typed (the server judges it), anything
 * else is read as YAML — so `-p 'spec: {replicas: 3}'` works as well as the JSON form.
 */
import { CORE_SCHEMA, load } from 'js-yaml';
import type { Status } from 'kubernetes-types/meta/v1';
import { ApiStatusError, KubectlError } from '../framework/errors';

export const PATCH_TYPES = ['json', 'merge', 'strategic'] as const;
export type PatchTypeName = (typeof PATCH_TYPES)[number];
export const PATCH_SUBRESOURCES = ['status', 'scale'] as const;

/** `--type` as typed (any case), or kubectl's error. */
export function patchTypeOf(given: string): PatchTypeName {
  const type = given.toLowerCase();
  if (!(PATCH_TYPES as readonly string[]).includes(type)) throw new KubectlError(`--type must be one of [${PATCH_TYPES.join(' ')}], not ${JSON.stringify(given)}`);
  return type as PatchTypeName;
}

/** `--subresource`: empty, `status` or `scale`. */
export function checkSubresource(given: string): void {
  if (given !== '' && !(PATCH_SUBRESOURCES as readonly string[]).includes(given)) {
    throw new KubectlError(`invalid subresource value: ${JSON.stringify(given)}. Must be one of [${PATCH_SUBRESOURCES.join(' ')}]`);
  }
}

/** The decoded body, as the server would decode the bytes kubectl sends. */
export function patchBody(text: string): unknown {
  if (text.trimStart().startsWith('{')) {
    try {
      return JSON.parse(text) as unknown;
    } catch (e) {
      // kubectl sends the bytes unchanged and the server refuses them; this is what
      // `kubeplay serve` (the oracle) answers for a body that is not JSON.
      const status: Status = { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'BadRequest', code: 400, message: `couldn't decode the request body as JSON: ${(e as Error).message}` };
      throw new ApiStatusError(status);
    }
  }
  try {
    return load(text, { schema: CORE_SCHEMA, json: true }) ?? null;
  } catch (e) {
    throw new KubectlError(`unable to parse ${JSON.stringify(text)}: yaml: ${(e as { reason?: string }).reason ?? String(e)}`);
  }
}
