/**
 * The top bar's Cluster menu — Reset, Export, Import — and the notice that says what happened to
 * the cluster (restored after a reload, unreadable save, crash recovery, import). An exported file
 * carries the page's settings and lesson progress too; an import brings them back. It also runs
 * the autosave to IndexedDB while the page is open.
 */
import { useEffect, useRef, type ChangeEvent } from 'react';
import { useStrings } from '../i18n';
import { checkSnapshot, requestSnapshot, restartCluster } from '../store';
import { unpackSnapshot } from '../../worker/packed-snapshot';
import { isPlainObject } from '../../engine/api/patch/safe';
import { startAutosave } from './autosave';
import { NoticeBanner } from './NoticeBanner';
import { showPersistNotice } from './notice';
import { applyPageState, checkPageState, gatherPageState } from './page-state';
import { forgetSavedCluster } from './saved';
import { PERSIST_STRINGS } from './strings';
import './persist.css';

export function ClusterMenu() {
  const t = useStrings(PERSIST_STRINGS);
  const menu = useRef<HTMLDetailsElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  useEffect(startAutosave, []);
  const close = (): void => menu.current?.removeAttribute('open');

  const reset = (): void => {
    close();
    if (!window.confirm(t.confirmReset)) return;
    void forgetSavedCluster().catch(() => undefined);
    restartCluster(undefined, { kind: 'reset' });
  };

  const exportSnapshot = async (): Promise<void> => {
    close();
    const snapshot = unpackSnapshot(await requestSnapshot(false)) as object;
    // The page's settings and progress go with the cluster, as a `page` section beside its fields.
    const file = { ...snapshot, page: gatherPageState() };
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([JSON.stringify(file)], { type: 'application/json' }));
    link.download = `kubeplay-${new Date().toISOString().slice(0, 10)}.json`;
    link.click();
    URL.revokeObjectURL(link.href);
  };

  const importSnapshot = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      return showPersistNotice({ kind: 'import-failed', name: file.name, problem: { code: 'not-json' } });
    }
    const page = isPlainObject(parsed) && parsed.page !== undefined ? checkPageState(parsed.page) : undefined;
    if (page && !page.ok) return showPersistNotice({ kind: 'import-failed', name: file.name, problem: page.problem });
    const problem = await checkSnapshot(parsed);
    if (problem !== undefined) return showPersistNotice({ kind: 'import-failed', name: file.name, problem });
    // Settings first: the new worker starts at the imported speed.
    if (page) applyPageState(page.page);
    restartCluster(parsed, { kind: 'imported', name: file.name });
  };

  return (
    <>
      <details className="cluster-menu" ref={menu}>
        <summary aria-label={t.menuLabel}>{t.menu}</summary>
        <div className="cluster-menu-items">
          <button type="button" onClick={reset}>{t.reset}</button>
          <button type="button" onClick={() => void exportSnapshot()}>{t.export}</button>
          <button type="button" onClick={() => (close(), picker.current?.click())}>{t.import}</button>
        </div>
      </details>
      <input ref={picker} type="file" accept=".json,application/json" hidden data-testid="snapshot-file" onChange={(e) => void importSnapshot(e)} />
      <NoticeBanner />
    </>
  );
}
