/**
 * Informer indexes the workload controllers share, so a sync looks at its own objects instead of
 * scanning every pod in the cluster:
 *
 * - `controller-uid` — objects by the uid of their controller (pods by ReplicaSet, ReplicaSets by
 *   Deployment);
 * - `orphans-by-namespace` — objects with no controller, by namespace (adoption candidates).
 */
import type { Informer } from '../../client/types';
import type { KubeObject } from '../../api/types';
import { controllerRef } from './pods';

export const BY_CONTROLLER_UID = 'controller-uid';
export const ORPHANS_BY_NAMESPACE = 'orphans-by-namespace';

const added = new WeakMap<object, Set<string>>();

function ensure<T extends KubeObject>(informer: Informer<T>, name: string, keysOf: (obj: T) => readonly string[]): void {
  let names = added.get(informer);
  if (!names) added.set(informer, (names = new Set()));
  if (names.has(name)) return;
  names.add(name);
  informer.addIndex(name, keysOf);
}

/** Adds both indexes to a shared informer once, however many controllers ask. */
export function ensureOwnershipIndexes<T extends KubeObject>(informer: Informer<T>): void {
  ensure(informer, BY_CONTROLLER_UID, (obj) => {
    const ref = controllerRef(obj);
    return ref?.uid ? [ref.uid] : [];
  });
  ensure(informer, ORPHANS_BY_NAMESPACE, (obj) => (controllerRef(obj) ? [] : [obj.metadata?.namespace ?? '']));
}
