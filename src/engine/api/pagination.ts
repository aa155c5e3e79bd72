/**
 * Lists in chunks (`?limit=500`, then `&continue=<token>`), as kube-apiserver serves them from
 * etcd: objects in key order, at most `limit` at a time, with a continue token naming the key just
 * after the last one given and, for an unfiltered list, how many remain. kubectl asks for 500 at a
 * time, so a list of 1,200 pods takes it three requests (`-v=6` shows them).
 *
 * The token is etcd3's own: base64url (unpadded) of `{"v":"meta.k8s.io/v1","rv":N,"start":"<key>\u0000"}`.
 * A real server reads the later chunks at the token's revision; this one reads the store as it is
 * now, as a real one does after its revision was compacted and the client goes on regardless.
 */
import { badRequest } from './errors';
import { base64Encode, base64Text, utf8Bytes } from './strategy/validation/bytes';
import type { Status } from 'kubernetes-types/meta/v1';

const TOKEN_VERSION = 'meta.k8s.io/v1';

export interface Page<T> {
  items: T[];
  /** Where the next chunk starts; absent on the last one. */
  continue?: string;
  /** Objects after this chunk, when the list is not filtered by a selector. */
  remainingItemCount?: number;
}

export interface PageRequest {
  /** The `limit` parameter; absent, empty or 0: everything at once. */
  limit?: string;
  /** The `continue` parameter. */
  continue?: string;
  /** The store's resourceVersion, written into tokens. */
  resourceVersion: number;
  /** Whether a label or field selector filtered the list (no remaining count then). */
  filtered: boolean;
}

/** The chunk of `items` (in key order, each named by `keyOf`) that the request asks for, or a 400 Status. */
export function pageOf<T>(items: readonly T[], keyOf: (item: T) => string, request: PageRequest): Page<T> | Status {
  let from = 0;
  if (request.continue) {
    const start = startKey(request.continue);
    if (typeof start !== 'string') return start;
    from = firstAtOrAfter(items, keyOf, start);
  }
  const limit = Number(request.limit ?? 0);
  const rest = items.slice(from);
  if (!(limit > 0) || rest.length <= limit) return { items: rest };
  const page = rest.slice(0, limit);
  const next = encodeToken(`${keyOf(page.at(-1)!)}\u0000`, request.resourceVersion);
  return request.filtered ? { items: page, continue: next } : { items: page, continue: next, remainingItemCount: rest.length - limit };
}

/** The continue token for `start` at `resourceVersion` (storage.EncodeContinue). */
export function encodeToken(start: string, resourceVersion: number): string {
  const json = JSON.stringify({ v: TOKEN_VERSION, rv: resourceVersion, start });
  return base64Encode(utf8Bytes(json)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The key a token starts at, or the apiserver's 400 for a token it cannot read (storage.DecodeContinue). */
function startKey(token: string): string | Status {
  const invalid = (why: string): Status => badRequest(`invalid continue token: continue key is not valid${why}`);
  const bad = token.search(/[^A-Za-z0-9_-]/);
  if (bad >= 0 || token.length % 4 === 1) return invalid(`: illegal base64 data at input byte ${bad >= 0 ? bad : token.length - 1}`);
  const json = base64Text(token.replace(/-/g, '+').replace(/_/g, '/'));
  let decoded: { v?: unknown; rv?: unknown; start?: unknown };
  try {
    decoded = JSON.parse(json);
  } catch {
    const first = json.trimStart()[0];
    return invalid(first === undefined ? ': unexpected end of JSON input' : `: invalid character '${first}' looking for beginning of value`);
  }
  if (decoded.v !== TOKEN_VERSION) return invalid(`: server does not recognize this encoded version ${String(decoded.v ?? '')}`);
  if (!decoded.rv) return invalid(': incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  if (typeof decoded.start !== 'string' || decoded.start === '') return invalid(': encoded start key empty (version meta.k8s.io/v1)');
  return decoded.start;
}

/** Index of the first item whose key is at or after `start` (items come in key order). */
function firstAtOrAfter<T>(items: readonly T[], keyOf: (item: T) => string, start: string): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keyOf(items[mid]!) < start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
