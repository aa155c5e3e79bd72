/**
 * Keeps IndexedDB's copy of the cluster current: every few seconds the worker is asked for a
 * snapshot if anything changed, and once more when the page is hidden or left (a reload, a closed
 * tab). While the learner types, the timer's saves wait for a pause (a save of a big cluster
 * holds the worker and the page for a few milliseconds, felt mid-command), but the last one is
 * never more than 15 s old. Saving is best effort: the page works the same without IndexedDB.
 */
import { requestSnapshot } from '../store';
import { gatherPageState } from './page-state';
import { writeSavedCluster } from './saved';

const EVERY_MS = 3000;
/** A timed save waits until no key was pressed for this long… */
export const QUIET_MS = 1000;
/** …unless the last one is this old. */
export const AT_MOST_MS = 15_000;

/** Whether the timer saves now (times in ms on one clock; lastSaveAt is when the last timed save began). */
export function timeToSave(now: number, lastKeyAt: number, lastSaveAt: number): boolean {
  return now - lastKeyAt >= QUIET_MS || now - lastSaveAt >= AT_MOST_MS;
}

let saving: Promise<void> | undefined;

/** Saves the cluster now if it changed since the last save. */
export function saveNow(): Promise<void> {
  // One save at a time: a hidden page right after a timer tick does not ask twice.
  saving ??= requestSnapshot(true)
    .then((snapshot) => (snapshot ? writeSavedCluster(snapshot, Date.now(), gatherPageState()) : undefined))
    .catch(() => undefined)
    .finally(() => (saving = undefined));
  return saving;
}

/** Starts autosaving; returns the stop. */
export function startAutosave(): () => void {
  let lastKeyAt = -Infinity;
  let lastSaveAt = performance.now();
  const onKey = (): void => void (lastKeyAt = performance.now());
  const timer = setInterval(() => {
    const now = performance.now();
    if (!timeToSave(now, lastKeyAt, lastSaveAt)) return;
    lastSaveAt = now;
    void saveNow();
  }, EVERY_MS);
  const onHide = (): void => {
    if (document.visibilityState === 'hidden') void saveNow();
  };
  const onPageHide = (): void => void saveNow();
  document.addEventListener('keydown', onKey, { capture: true, passive: true });
  document.addEventListener('visibilitychange', onHide);
  window.addEventListener('pagehide', onPageHide);
  return () => {
    clearInterval(timer);
    document.removeEventListener('keydown', onKey, { capture: true });
    document.removeEventListener('visibilitychange', onHide);
    window.removeEventListener('pagehide', onPageHide);
  };
}
