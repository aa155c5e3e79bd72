/** The persistence notice under the top bar: what happened to the cluster, in the page's language, until dismissed. */
import { useLanguage, type Language } from '../i18n';
import { usePersistNotice, showPersistNotice, type PersistNotice } from './notice';
import { problemText } from './problem-text';
import { PERSIST_STRINGS, PROBLEM_STRINGS } from './strings';

type Strings = (typeof PERSIST_STRINGS)['en'];
type ProblemStrings = (typeof PROBLEM_STRINGS)['en'];

export function NoticeBanner() {
  const language = useLanguage((s) => s.language);
  const shown = usePersistNotice((s) => s.notice);
  return shown ? <NoticeView notice={shown} language={language} onDismiss={() => showPersistNotice(undefined)} /> : null;
}

/** One notice, worded in `language`. */
export function NoticeView({ notice, language, onDismiss }: { notice: PersistNotice; language: Language; onDismiss?: () => void }) {
  const t = PERSIST_STRINGS[language];
  const failed = notice.kind === 'unreadable' || notice.kind === 'import-failed';
  return (
    <div className={failed ? 'persist-notice failed' : 'persist-notice'} role={failed ? 'alert' : 'status'}>
      <span>{noticeText(t, PROBLEM_STRINGS[language], notice, language)}</span>
      <button type="button" onClick={onDismiss}>{t.dismiss}</button>
    </div>
  );
}

function noticeText(t: Strings, problems: ProblemStrings, notice: PersistNotice, language: Language): string {
  switch (notice.kind) {
    case 'restored':
      return notice.savedAt === undefined ? t.restoredUnknown : t.restored(new Date(notice.savedAt).toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB'));
    case 'unreadable':
      return t.unreadable(problemText(problems, notice.problem));
    case 'crashed':
      return notice.fromSnapshot ? t.crashedRestored : t.crashedFresh;
    case 'reset':
      return t.resetDone;
    case 'imported':
      return t.imported(notice.name);
    case 'import-failed':
      return t.importFailed(notice.name, problemText(problems, notice.problem));
  }
}
