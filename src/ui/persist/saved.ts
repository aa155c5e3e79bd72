/**
 * The cluster saved in IndexedDB: the latest snapshot the worker took, when (wall clock), and the
 * page's settings and progress beside it. The record is read before the worker starts; whether
 * the snapshot inside is usable is the worker's call (validateSnapshot), so this only tells
 * "nothing saved" from "something saved".
 */
import type { PackedSnapshot } from '../../worker/packed-snapshot';
import { idbDelete, idbGet, idbPut } from './idb';
import type { PageState } from './page-state';

const KEY = 'cluster';

export interface SavedCluster {
  /** What IndexedDB held: a packed snapshot if all went well, possibly anything (an older format, damage). */
  snapshot: unknown;
  /** Wall-clock ms when it was saved; undefined when the record itself is damaged. */
  savedAt: number | undefined;
  /** The page's settings and progress as saved with it (page-state.ts checks them). */
  page: unknown;
}

/** The saved record, or undefined when there is none or IndexedDB cannot be used (private windows). */
export async function readSavedCluster(): Promise<SavedCluster | undefined> {
  let record: unknown;
  try {
    record = await idbGet(KEY);
  } catch {
    return undefined;
  }
  if (record === undefined) return undefined;
  const { snapshot, savedAt, page } = (typeof record === 'object' && record !== null ? record : { snapshot: record }) as Record<string, unknown>;
  // A damaged record still goes to the worker, which says why it cannot be read.
  return { snapshot: snapshot ?? record, savedAt: typeof savedAt === 'number' ? savedAt : undefined, page };
}

export async function writeSavedCluster(snapshot: PackedSnapshot, savedAt: number, page: PageState): Promise<void> {
  await idbPut(KEY, { snapshot, savedAt, page });
}

export async function forgetSavedCluster(): Promise<void> {
  await idbDelete(KEY);
}
