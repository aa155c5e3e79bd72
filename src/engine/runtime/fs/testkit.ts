// Test helper: what an operation did, as a user would see it — 'ok' or the errno it failed with.
import { FsError } from './errors';

export function errnoOf(f: () => unknown): string {
  try {
    f();
    return 'ok';
  } catch (e) {
    if (e instanceof FsError) return e.code;
    throw e;
  }
}
