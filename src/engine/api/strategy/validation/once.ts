/**
 * Checks of stored values, remembered. Stored objects are deeply frozen and never change, and the
 * checks wrapped here depend on nothing but the value and its path — so a frozen value that passed
 * once at a path passes there forever. Updates carry most of the stored object along unchanged
 * (a kubelet's status write: the same labels, owner references, spec), and the apiserver still
 * validates every write; it just does not redo the work for parts it has already seen.
 */
import type { FieldError } from '../../errors';

export type Check<T> = (value: T, path: string) => FieldError[];

export interface CheckedOnce<T> extends Check<T> {
  /** Whether this frozen value is known to pass at `path`. */
  passed(value: unknown, path: string): boolean;
  /**
   * Records that a frozen value passes at `path`, for callers that know it without running the
   * check (the value is a stored copy of one that passed, or differs from one only in a part
   * that passes its own separate check).
   */
  remember(value: unknown, path: string): void;
}

const isFrozenObject = (value: unknown): value is object => value !== null && typeof value === 'object' && Object.isFrozen(value);

/** `check`, answering from memory for frozen values that already passed at the same path. */
export function checkedOnce<T>(check: Check<T>): CheckedOnce<T> {
  const passed = new WeakMap<object, string>();
  const once = ((value, path) => {
    if (!isFrozenObject(value)) return check(value, path);
    if (passed.get(value) === path) return [];
    const errs = check(value, path);
    if (errs.length === 0) passed.set(value, path);
    return errs;
  }) as CheckedOnce<T>;
  once.passed = (value, path) => isFrozenObject(value) && passed.get(value) === path;
  once.remember = (value, path) => {
    if (isFrozenObject(value)) passed.set(value, path);
  };
  return once;
}
