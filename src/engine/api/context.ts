/**
 * What the request handlers (write, delete, subresources) share: the store, simulated time, the
 * seeded rng and a few helpers that several of them need.
 */
import type { ObjectMeta, Status } from 'kubernetes-types/meta/v1';
import type { Clock } from '../sim/clock';
import type { Rng } from '../sim/rng';
import { isStatus } from './errors';
import { qualifiedResource, type ResourceInfo } from './resources';
import type { Store } from './store';
import type { StrategyContext } from './strategy/contract';
import type { ApiResponse, KubeObject, Mutable } from './types';

export interface ServerContext {
  readonly store: Store;
  readonly clock: Clock;
  readonly rng: Rng;
  strategyContext(): StrategyContext;
}

/** A failure Status as a response, with its code as the HTTP status. */
export function fail(status: Status): ApiResponse {
  return { status: status.code ?? 500, body: status };
}

/** Narrows "a value or a failure Status" results. */
export const failed = (v: unknown): v is Status => isStatus(v);

/** The object's fields as a plain record (KubeObject only declares the shared ones). */
export const fields = (obj: KubeObject): Record<string, unknown> => obj as unknown as Record<string, unknown>;

/** Writable metadata of an object we own (created by the decoder or cloned). */
export function metaOf(obj: KubeObject): Mutable<ObjectMeta> {
  if (obj.metadata === undefined || obj.metadata === null) obj.metadata = {};
  return obj.metadata as Mutable<ObjectMeta>;
}

/** Structural equality of JSON data, short-circuiting on shared (frozen) subtrees. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], bb[i])) return false;
    return true;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra).filter((k) => ra[k] !== undefined);
  const kb = Object.keys(rb).filter((k) => rb[k] !== undefined);
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (!Object.prototype.hasOwnProperty.call(rb, k) || !deepEqual(ra[k], rb[k])) return false;
  return true;
}

/** A v4 UUID from the seeded rng (`8-4-4-4-12` hex, version nibble 4, variant 10xx). */
export function uuid(rng: Rng): string {
  const hex = rng.hex(32).split('');
  hex[12] = '4';
  hex[16] = '89ab'[rng.int(4)]!;
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** `Pod`, `Deployment.apps`: how Invalid errors name a kind. */
export const qualifiedKind = (r: ResourceInfo): string => (r.group ? `${r.kind}.${r.group}` : r.kind);

/** The plain-error Status the real apiserver sends for failures that are not API errors. */
export function unknownError(message: string, code = 500): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'Unknown', code };
}

export const resourceName = qualifiedResource;
