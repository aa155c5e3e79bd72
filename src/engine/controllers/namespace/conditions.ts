/**
 * The conditions a Terminating namespace carries while the namespace controller empties it
 * (`kubectl describe ns` / `get ns -o yaml` show them). Each problem type is False ("all good")
 * unless something is wrong; the two "remaining" conditions say what the controller still waits
 * for: objects not yet gone, and finalizers holding some of them.
 */
import type { NamespaceCondition } from 'kubernetes-types/core/v1';

const OK: ReadonlyArray<{ type: string; reason: string; message: string }> = [
  { type: 'NamespaceDeletionDiscoveryFailure', reason: 'ResourcesDiscovered', message: 'All resources successfully discovered' },
  { type: 'NamespaceDeletionGroupVersionParsingFailure', reason: 'ParsedGroupVersions', message: 'All legacy kube types successfully parsed' },
  { type: 'NamespaceDeletionContentFailure', reason: 'ContentDeleted', message: 'All content successfully deleted, may be waiting on finalization' },
  { type: 'NamespaceContentRemaining', reason: 'ContentRemoved', message: 'All content successfully removed' },
  { type: 'NamespaceFinalizersRemaining', reason: 'ContentRemoved', message: 'All content successfully removed' },
];

export interface Remaining {
  /** `pods.` / `deployments.apps` → objects still present. */
  resources: ReadonlyMap<string, number>;
  /** finalizer → objects still carrying it. */
  finalizers: ReadonlyMap<string, number>;
  /** Resources whose content could not be deleted, with the error. */
  failures?: readonly string[];
}

/** The desired condition list, in the controller's fixed order. */
export function namespaceConditions(remaining: Remaining): Array<Pick<NamespaceCondition, 'type' | 'status' | 'reason' | 'message'>> {
  const out = OK.map((c) => ({ type: c.type, status: 'False', reason: c.reason, message: c.message }));
  const set = (type: string, reason: string, message: string): void => {
    const c = out.find((x) => x.type === type)!;
    c.status = 'True';
    c.reason = reason;
    c.message = message;
  };
  const resources = [...remaining.resources].filter(([, n]) => n > 0).map(([r, n]) => `${r} has ${n} resource instances`).sort();
  if (resources.length > 0) set('NamespaceContentRemaining', 'SomeResourcesRemain', `Some resources are remaining: ${resources.join(', ')}`);
  const finalizers = [...remaining.finalizers].filter(([, n]) => n > 0).map(([f, n]) => `${f} in ${n} resource instances`).sort();
  if (finalizers.length > 0) set('NamespaceFinalizersRemaining', 'SomeFinalizerRemain', `Some finalizers are remaining: ${finalizers.join(', ')}`);
  if (remaining.failures && remaining.failures.length > 0) {
    const msgs = [...remaining.failures].sort();
    set('NamespaceDeletionContentFailure', 'ContentDeletionFailed', `Failed to delete all resource types, ${msgs.length} remaining: ${msgs.join(', ')}`);
  }
  return out;
}

/**
 * Merges the desired conditions into the current ones: lastTransitionTime moves only when a
 * condition's status changes. Returns undefined when nothing changed (nothing to write).
 */
export function mergeConditions(
  current: readonly NamespaceCondition[] | undefined,
  desired: ReturnType<typeof namespaceConditions>,
  now: string,
): NamespaceCondition[] | undefined {
  let changed = false;
  const out: NamespaceCondition[] = (current ?? []).map((c) => ({ ...c }));
  for (const d of desired) {
    const old = out.find((c) => c.type === d.type);
    if (!old) {
      out.push({ ...d, lastTransitionTime: now });
      changed = true;
    } else if (old.status !== d.status || old.reason !== d.reason || old.message !== d.message) {
      if (old.status !== d.status) old.lastTransitionTime = now;
      old.status = d.status;
      old.reason = d.reason;
      old.message = d.message;
      changed = true;
    }
  }
  return changed ? out : undefined;
}
