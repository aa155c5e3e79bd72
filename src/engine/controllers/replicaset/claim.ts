/**
 * Adoption and release — how a controller decides which objects are *its* (upstream
 * `ControllerRefManager`). Ownership is recorded in `metadata.ownerReferences` with
 * `controller: true`; the selector decides what *should* be owned:
 *
 * - owned and still matching → keep;
 * - owned but no longer matching (someone relabelled the pod) → **release**: remove the reference,
 *   and the pod becomes an orphan that no longer counts (so the ReplicaSet makes a replacement);
 * - an orphan that matches → **adopt**: add a controller reference. A bare pod created with
 *   `app=nginx` is adopted by a ReplicaSet selecting `app=nginx` — and then counts as a replica.
 *
 * Objects controlled by someone else are never touched. A controller that is being deleted adopts
 * nothing, and before its first adoption it re-reads itself from the apiserver, so a stale cache
 * cannot make a just-deleted controller grab orphans.
 */
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import type { Selector } from '../../api/selectors';
import type { KubeObject } from '../../api/types';
import { controllerRef } from './pods';

export interface ClaimRequest<T extends KubeObject> {
  owner: KubeObject;
  selector: Selector;
  /** Objects whose controller reference points at the owner's uid. */
  owned: readonly T[];
  /** Objects in the namespace with no controller at all. */
  orphans: readonly T[];
  /** A fresh check that the owner still exists under the same uid and is not being deleted. */
  canAdopt(): boolean;
  /** Adds the controller reference (a patch); returns the updated object, or undefined on failure. */
  adopt(obj: T, ref: OwnerReference): T | undefined;
  /** Removes the owner's reference (a patch). */
  release(obj: T): void;
  ownerRef: OwnerReference;
}

/** The objects the owner controls after adopting and releasing as needed. */
export function claim<T extends KubeObject>(req: ClaimRequest<T>): T[] {
  const claimed: T[] = [];
  const ownerUid = req.owner.metadata?.uid;
  const ownerDeleting = !!req.owner.metadata?.deletionTimestamp;
  let adoptable: boolean | undefined;
  const mayAdopt = (): boolean => (adoptable ??= !ownerDeleting && req.canAdopt());

  for (const obj of req.owned) {
    if (controllerRef(obj)?.uid !== ownerUid) continue;
    if (req.selector.matches(obj.metadata?.labels)) claimed.push(obj);
    else if (!ownerDeleting) req.release(obj);
  }
  for (const obj of req.orphans) {
    if (controllerRef(obj) || obj.metadata?.deletionTimestamp) continue;
    if (!req.selector.matches(obj.metadata?.labels)) continue;
    if (!mayAdopt()) break;
    const adopted = req.adopt(obj, req.ownerRef);
    if (adopted) claimed.push(adopted);
  }
  return claimed;
}

/** The merge patch that adds `ref` to an object's owner references. */
export function adoptPatch(obj: KubeObject, ref: OwnerReference): unknown {
  const others = (obj.metadata?.ownerReferences ?? []).filter((r) => r.uid !== ref.uid);
  return { metadata: { ownerReferences: [...others, ref] } };
}

/** The merge patch that removes the owner's reference. */
export function releasePatch(obj: KubeObject, ownerUid: string): unknown {
  const rest = (obj.metadata?.ownerReferences ?? []).filter((r) => r.uid !== ownerUid);
  return { metadata: { ownerReferences: rest.length > 0 ? rest : null } };
}
