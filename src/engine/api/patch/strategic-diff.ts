/**
 * Creating strategic merge patches, as kubectl does for `apply`, `edit` and `set image`:
 * a two-way patch (old → new) and a three-way one (last applied → new config, against live).
 */
import { childType, elementType, patchMeta } from './strategies';
import { isPlainObject, jsonEqual, own, put, safeClone, type Json } from './safe';

const isEmpty = (o: Json): boolean => Object.keys(o).length === 0;

interface DiffOptions {
  /** Emit `null` / `$patch: delete` for what `from` has and `to` lacks. */
  deletions: boolean;
  /** Emit additions and changes. */
  changes: boolean;
}

function diffMap(from: Json, to: Json, type: string | undefined, opts: DiffOptions): Json {
  const patch: Json = {};
  for (const key of Object.keys(to)) {
    const b = to[key];
    if (b === undefined) continue;
    const a = own(from, key);
    const ft = childType(type, key);
    const meta = type && !type.startsWith('map[string]') ? patchMeta(type, key) : patchMeta(undefined, key);
    // A null left as null is no change (a `lastProbeTime: null` in both).
    if (jsonEqual(a, b)) continue;
    if (a === undefined || a === null) {
      if (opts.changes) put(patch, key, safeClone(b));
      continue;
    }
    if (isPlainObject(a) && isPlainObject(b)) {
      const sub = diffMap(a, b, ft, opts);
      if (!isEmpty(sub)) {
        if (meta.retainKeys && opts.changes) put(sub, '$retainKeys', Object.keys(b).sort());
        put(patch, key, sub);
      }
    } else if (Array.isArray(a) && Array.isArray(b) && meta.merge) {
      diffList(patch, key, a, b, elementType(ft), meta.mergeKey, meta.retainKeys, opts);
    } else if (opts.changes) {
      put(patch, key, safeClone(b));
    }
  }
  if (opts.deletions) {
    for (const key of Object.keys(from)) {
      if (from[key] !== undefined && own(to, key) === undefined) put(patch, key, null);
    }
  }
  return patch;
}

function diffList(
  patch: Json,
  key: string,
  a: unknown[],
  b: unknown[],
  elemType: string | undefined,
  mergeKey: string | undefined,
  retainKeys: boolean,
  opts: DiffOptions,
): void {
  if (!mergeKey || !b.every(isPlainObject) || !a.every(isPlainObject)) {
    // A set of primitives.
    const added = b.filter((v) => !a.some((o) => jsonEqual(o, v)));
    const removed = a.filter((v) => !b.some((o) => jsonEqual(o, v)));
    if (opts.changes && added.length > 0) put(patch, key, safeClone(added));
    if (opts.deletions && removed.length > 0) put(patch, `$deleteFromPrimitiveList/${key}`, safeClone(removed));
    const reordered = !jsonEqual(
      a.filter((v) => b.some((o) => jsonEqual(o, v))),
      b.filter((v) => a.some((o) => jsonEqual(o, v))),
    );
    if ((opts.changes && (added.length > 0 || reordered)) || (opts.deletions && removed.length > 0)) put(patch, `$setElementOrder/${key}`, safeClone(b));
    return;
  }
  const keyOf = (v: unknown): unknown => own(v as Json, mergeKey);
  const items: unknown[] = [];
  for (const item of b as Json[]) {
    const old = (a as Json[]).find((o) => jsonEqual(keyOf(o), keyOf(item)));
    if (!old) {
      if (opts.changes) items.push(safeClone(item));
      continue;
    }
    const sub = diffMap(old, item, elemType, opts);
    if (!isEmpty(sub)) {
      if (retainKeys && opts.changes) put(sub, '$retainKeys', Object.keys(item).sort());
      const entry: Json = {};
      put(entry, mergeKey, safeClone(keyOf(item)));
      for (const k of Object.keys(sub)) put(entry, k, sub[k]);
      items.push(entry);
    }
  }
  if (opts.deletions) {
    for (const old of a as Json[]) {
      if (!(b as Json[]).some((n) => jsonEqual(keyOf(n), keyOf(old)))) {
        const entry: Json = { $patch: 'delete' };
        put(entry, mergeKey, safeClone(keyOf(old)));
        items.push(entry);
      }
    }
  }
  const reordered = !jsonEqual(
    (a as Json[]).map(keyOf).filter((k) => (b as Json[]).some((n) => jsonEqual(keyOf(n), k))),
    (b as Json[]).map(keyOf).filter((k) => (a as Json[]).some((o) => jsonEqual(keyOf(o), k))),
  );
  if (items.length > 0) put(patch, key, items);
  if (items.length > 0 || (reordered && opts.changes)) {
    put(
      patch,
      `$setElementOrder/${key}`,
      (b as Json[]).map((n) => {
        const e: Json = {};
        put(e, mergeKey, safeClone(keyOf(n)));
        return e;
      }),
    );
  }
}

/** The strategic merge patch that turns `original` into `modified` (kubectl edit, set image). */
export function createTwoWayPatch(original: unknown, modified: unknown, type: string | undefined): Json {
  if (!isPlainObject(original) || !isPlainObject(modified)) return isPlainObject(modified) ? safeClone(modified) : {};
  return diffMap(original, modified, type, { deletions: true, changes: true });
}

/**
 * kubectl apply's patch: deletions are what the last applied configuration had and the new
 * configuration dropped (so fields set by others survive); additions and changes are where the
 * live object differs from the new configuration.
 */
export function createThreeWayPatch(lastApplied: unknown, modified: unknown, current: unknown, type: string | undefined): Json {
  const mod = isPlainObject(modified) ? modified : {};
  const deletions = diffMap(isPlainObject(lastApplied) ? lastApplied : {}, mod, type, { deletions: true, changes: false });
  const changes = diffMap(isPlainObject(current) ? current : {}, mod, type, { deletions: false, changes: true });
  return mergePatches(deletions, changes);
}

/** Combines two patches of disjoint intent; nested maps are combined, lists concatenated. */
function mergePatches(a: Json, b: Json): Json {
  const out = safeClone(a);
  for (const k of Object.keys(b)) {
    const av = own(out, k);
    const bv = b[k];
    if (isPlainObject(av) && isPlainObject(bv)) put(out, k, mergePatches(av, bv));
    else if (Array.isArray(av) && Array.isArray(bv) && !k.startsWith('$setElementOrder/')) put(out, k, mergeListPatches(av, bv));
    else put(out, k, safeClone(bv));
  }
  return out;
}

function mergeListPatches(a: unknown[], b: unknown[]): unknown[] {
  const out = a.map((v) => safeClone(v));
  for (const v of b) if (!out.some((o) => jsonEqual(o, v))) out.push(safeClone(v));
  return out;
}
