/**
 * TEMPORARY stand-in created by the apiserver engineer so the server compiles and its tests run
 * before the real patch module lands: JSON merge patch (RFC 7386) for `merge` and `strategic`, and
 * the basic RFC 6902 operations for `json`. The kinds engineer owns this file: replace it freely.
 */
import { clone } from '../clone';
import type { ResourceInfo } from '../resources';
import type { KubeObject, PatchType } from '../types';

export class PatchError extends Error {}

function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return clone(patch);
  const out: Record<string, unknown> =
    target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new PatchError(`invalid JSON pointer: ${path}`);
  return path.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function jsonPatch(original: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw new PatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  const doc = clone(original) as unknown;
  for (const op of ops as { op: string; path: string; value?: unknown }[]) {
    const parts = pointer(op.path);
    const last = parts.pop();
    let parent = doc as Record<string, unknown>;
    for (const p of parts) {
      parent = parent?.[p] as Record<string, unknown>;
      if (parent === undefined || parent === null) throw new PatchError(`doc is missing path: "${op.path}": missing value`);
    }
    if (last === undefined) throw new PatchError('unsupported root operation');
    const isArray = Array.isArray(parent);
    switch (op.op) {
      case 'add':
        if (isArray) (parent as unknown as unknown[]).splice(last === '-' ? (parent as unknown as unknown[]).length : Number(last), 0, clone(op.value));
        else parent[last] = clone(op.value);
        break;
      case 'replace':
        if (!(last in parent)) throw new PatchError(`doc is missing key: ${op.path}: missing value`);
        parent[last] = clone(op.value);
        break;
      case 'remove':
        if (!(last in parent)) throw new PatchError(`doc is missing key: ${op.path}: missing value`);
        if (isArray) (parent as unknown as unknown[]).splice(Number(last), 1);
        else delete parent[last];
        break;
      case 'test':
        if (JSON.stringify(parent[last]) !== JSON.stringify(op.value)) throw new PatchError(`testing value ${op.path} failed: test failed`);
        break;
      default:
        throw new PatchError(`Unexpected kind: ${op.op}`);
    }
  }
  return doc;
}

export function applyPatch(type: PatchType, original: KubeObject, patch: unknown, _resource: ResourceInfo): KubeObject {
  if (type === 'json') return jsonPatch(original, patch) as KubeObject;
  return mergePatch(original, patch) as KubeObject;
}
