/**
 * What to do with an object whose owners may be gone (attemptToDeleteItem, as a pure decision).
 *
 * Each owner reference is classified:
 * - *solid*: the owner exists (same uid) and is not waiting on its dependents;
 * - *dangling*: the owner is gone, or a different object now has its name (uid mismatch);
 * - *waiting*: the owner exists but is being deleted in the foreground and waits for dependents.
 *
 * Then:
 * - any solid owner keeps the object alive; references to dangling or waiting owners are removed;
 * - no solid owner, some waiting one, and the object has dependents of its own: delete it in the
 *   foreground too, so the wait propagates down the chain (Deployment → ReplicaSet → Pods);
 * - otherwise delete it, honouring a deletion policy it asked for itself (its own finalizers),
 *   else in the background.
 */
import { FINALIZER_FOREGROUND, FINALIZER_ORPHAN } from './graph';

export type OwnerState = 'solid' | 'dangling' | 'waiting';
export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

export type Decision =
  | { action: 'keep' }
  | { action: 'removeOwnerReferences'; uids: string[] }
  | { action: 'delete'; policy: PropagationPolicy };

export interface ItemFacts {
  owners: ReadonlyArray<{ uid: string; state: OwnerState }>;
  finalizers: readonly string[];
  hasDependents: boolean;
}

export function decide(item: ItemFacts): Decision {
  if (item.owners.length === 0) return { action: 'keep' };
  const solid = item.owners.filter((o) => o.state === 'solid');
  const waiting = item.owners.filter((o) => o.state === 'waiting');
  const dangling = item.owners.filter((o) => o.state === 'dangling');
  if (solid.length > 0) {
    const stale = [...dangling, ...waiting].map((o) => o.uid);
    return stale.length > 0 ? { action: 'removeOwnerReferences', uids: stale } : { action: 'keep' };
  }
  if (waiting.length > 0 && item.hasDependents) return { action: 'delete', policy: 'Foreground' };
  if (item.finalizers.includes(FINALIZER_ORPHAN)) return { action: 'delete', policy: 'Orphan' };
  if (item.finalizers.includes(FINALIZER_FOREGROUND)) return { action: 'delete', policy: 'Foreground' };
  return { action: 'delete', policy: 'Background' };
}
