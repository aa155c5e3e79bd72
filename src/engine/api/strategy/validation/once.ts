/**
 * Checks of stored values, remembered. Stored objects are deeply frozen and never change, and the
 * checks wrapped here depend on nothing but the value and its path — so a frozen value that passed
 * once at a path passes there forever. Updates carry most of the stored object along unchanged
 * (a kubelet's status write: the same labels, owner references, tolerations), and the apiserver still
 * validates every write; it just does not redo the work for parts it has already seen.
 */
import type { FieldError } from '../../errors';

export type Check<T> = (value: T, path: string) => FieldError[];

const isFrozenObject = (value: unknown): value is object => value !== null && typeof value === 'object' && Object.isFrozen(value);

/**
 * `check`, answering from memory for frozen values that already passed at the same path. Meant
 * for values the store shares between objects (labels, owner references, tolerations: one
 * interned object for all pods of a ReplicaSet), so the memory holds a few entries, not one per
 * object — a pod's spec, unique per pod, is simply checked again.
 */
export function checkedOnce<T>(check: Check<T>): Check<T> {
  const passed = new WeakMap<object, string>();
  return (value, path) => {
    if (!isFrozenObject(value)) return check(value, path);
    if (passed.get(value) === path) return [];
    const errs = check(value, path);
    if (errs.length === 0) passed.set(value, path);
    return errs;
  };
}
