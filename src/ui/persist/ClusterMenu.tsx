/**
 * The top bar's Cluster menu — Reset, Export, Import — and the notice that says what happened to
 * the cluster (restored after a reload, unreadable save, crash recovery, import). An exported file
 * carries the page's settings and lesson progress too; an import brings them back. It also runs
 * the autosave to IndexedDB while the page is open.
 */
import { useEffect, useRef, type ChangeEvent } from 'react';
import { useLanguage, useStrings } from '../i18n';
import { checkSnapshot, requestSnapshot, restartCluster } from '../store';
import { startAutosave } from './autosave';
import { usePersistNotice, showPersistNotice, type PersistNotice } from './notice';
import { applyPageState, checkPageState, gatherPageState, type PageStateProblem } from './page-state';
import { forgetSavedCluster } from './saved';
import { PERSIST_STRINGS } from './strings';
import './persist.css';

type Strings = (typeof PERSIST_STRINGS)['en'];

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
    const snapshot = await requestSnapshot(false);
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
      return showPersistNotice({ kind: 'import-failed', name: file.name, reason: t.notJson });
    }
    const page = isObject(parsed) && parsed.page !== undefined ? checkPageState(parsed.page) : undefined;
    if (page && !page.ok) return showPersistNotice({ kind: 'import-failed', name: file.name, reason: pageProblemText(t, page.problem) });
    const reason = await checkSnapshot(parsed);
    if (reason !== undefined) return showPersistNotice({ kind: 'import-failed', name: file.name, reason });
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

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function pageProblemText(t: Strings, problem: PageStateProblem): string {
  return problem.code === 'page-not-object' ? t.pageNotObject : t.pageFieldType(problem.field, problem.expected);
}

function NoticeBanner() {
  const t = useStrings(PERSIST_STRINGS);
  const language = useLanguage((s) => s.language);
  const shown = usePersistNotice((s) => s.notice);
  if (!shown) return null;
  const failed = shown.kind === 'unreadable' || shown.kind === 'import-failed';
  return (
    <div className={failed ? 'persist-notice failed' : 'persist-notice'} role={failed ? 'alert' : 'status'}>
      <span>{noticeText(t, shown, language)}</span>
      <button type="button" onClick={() => showPersistNotice(undefined)}>{t.dismiss}</button>
    </div>
  );
}

function noticeText(t: Strings, notice: PersistNotice, language: string): string {
  switch (notice.kind) {
    case 'restored':
      return notice.savedAt === undefined ? t.restoredUnknown : t.restored(new Date(notice.savedAt).toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB'));
    case 'unreadable':
      return t.unreadable(notice.reason);
    case 'crashed':
      return notice.fromSnapshot ? t.crashedRestored : t.crashedFresh;
    case 'reset':
      return t.resetDone;
    case 'imported':
      return t.imported(notice.name);
    case 'import-failed':
      return t.importFailed(notice.name, notice.reason);
  }
}
