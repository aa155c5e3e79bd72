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
  /** `clock.timestamp()` for now, cached per simulated second (every write stamps one). */
  timestamp(): string;
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

/**
 * Structural sharing: returns `prev` when `next` equals it, else `next` with every subtree that
 * equals prev's counterpart replaced by prev's (frozen, already stored) one. An update then stores
 * only what changed, the watch history holds no duplicate copies, and "nothing changed" is simply
 * `share(next, prev) === prev`. Mutates `next` (the server's own working copy) in place.
 */
export function share(next: unknown, prev: unknown): unknown {
  if (next === prev) return prev;
  if (next === null || prev === null || typeof next !== 'object' || typeof prev !== 'object') return next;
  if (Array.isArray(next) !== Array.isArray(prev)) return next;
  if (Object.isFrozen(next)) return deepEqual(next, prev) ? prev : next;
  if (Array.isArray(next)) {
    const p = prev as unknown[];
    let same = next.length === p.length;
    for (let i = 0; i < next.length; i++) {
      const s = i < p.length ? share(next[i], p[i]) : next[i];
      next[i] = s;
      if (s !== p[i]) same = false;
    }
    return same ? prev : next;
  }
  const n = next as Record<string, unknown>;
  const p = prev as Record<string, unknown>;
  let same = true;
  let count = 0;
  for (const key of Object.keys(n)) {
    const v = n[key];
    if (v === undefined) continue;
    count++;
    if (!Object.prototype.hasOwnProperty.call(p, key)) {
      same = false;
      continue;
    }
    const s = share(v, p[key]);
    if (s !== v) n[key] = s;
    if (s !== p[key]) same = false;
  }
  if (same) for (const key of Object.keys(p)) if (p[key] !== undefined && --count < 0) return next;
  return same && count === 0 ? prev : next;
}

const HEX = '0123456789abcdef';
/** Two hex digits per byte value: every write draws a uid, so it is built from whole bytes. */
const BYTE_HEX = Array.from({ length: 256 }, (_, b) => HEX[b >> 4]! + HEX[b & 15]!);

/** `n` as 8 lowercase hex digits (Number#toString(16) is slow for values past 2^31). */
function hex8(n: number): string {
  return BYTE_HEX[n >>> 24]! + BYTE_HEX[(n >>> 16) & 255]! + BYTE_HEX[(n >>> 8) & 255]! + BYTE_HEX[n & 255]!;
}

/** A v4 UUID from the seeded rng (`8-4-4-4-12` hex, version nibble 4, variant 10xx). */
export function uuid(rng: Rng): string {
  const a = hex8(rng.uint32());
  const b = hex8(rng.uint32());
  const cWord = rng.uint32();
  const c = hex8(cWord);
  const d = hex8(rng.uint32());
  // The variant digit comes from the character code of c's first hex digit.
  const variant = '89ab'[HEX.charCodeAt((cWord >>> 28) & 15) & 3]!;
  // join() yields one flat string; a template literal would keep a tree of pieces per uid.
  return [a, '-', b.slice(0, 4), '-4', b.slice(5, 8), '-', variant, c.slice(1, 4), '-', c.slice(4), d].join('');
}

/** `Pod`, `Deployment.apps`: how Invalid errors name a kind. */
export const qualifiedKind = (r: ResourceInfo): string => (r.group ? `${r.kind}.${r.group}` : r.kind);

/** The plain-error Status the real apiserver sends for failures that are not API errors. */
export function unknownError(message: string, code = 500): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'Unknown', code };
}

export const resourceName = qualifiedResource;
