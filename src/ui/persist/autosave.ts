/**
 * Keeps IndexedDB's copy of the cluster current: every few seconds the worker is asked for a
 * snapshot if anything changed, and once more when the page is hidden or left (a reload, a closed
 * tab). Saving is best effort: the page works the same without IndexedDB.
 */
import { requestSnapshot } from '../store';
import { gatherPageState } from './page-state';
import { writeSavedCluster } from './saved';

const EVERY_MS = 3000;

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
  const timer = setInterval(() => void saveNow(), EVERY_MS);
  const onHide = (): void => {
    if (document.visibilityState === 'hidden') void saveNow();
  };
  const onPageHide = (): void => void saveNow();
  document.addEventListener('visibilitychange', onHide);
  window.addEventListener('pagehide', onPageHide);
  return () => {
    clearInterval(timer);
    document.removeEventListener('visibilitychange', onHide);
    window.removeEventListener('pagehide', onPageHide);
  };
}
