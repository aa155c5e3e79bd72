import { useEffect } from 'react';
import { showLessonChecks, startCluster, useCluster } from './store';
import { EditorSlot } from './editor/EditorSlot';
import { TerminalPanel } from './terminal/TerminalPanel';
import { TimeControls, TimePausedNotice } from './time/TimeControls';
import { typeIntoTerminal } from './terminal/TerminalView';
import { LanguageSwitch, useLanguage, useStrings } from './i18n';
import { LessonSlot } from './LessonSlot';
import { loadLessons } from './lesson/catalog';
import { FRAME_STRINGS } from './frame-strings';
import { DiagramPanel } from './diagrams/DiagramPanel';
import { ThemeToggle } from './theme';
import { ClusterMenu } from './persist/ClusterMenu';
import { ObjectView } from './object-view/ObjectView';

// The lesson is the largest thing on the first screen: its data (a small chunk per lesson, parsed
// when the page was built) is asked for now, while React renders the rest.
void loadLessons(useLanguage.getState().language);

export function App() {
  useEffect(startCluster, []);
  const status = useCluster((s) => s.status);
  const error = useCluster((s) => s.error);
  const checkOutcomes = useCluster((s) => s.checkOutcomes);
  const t = useStrings(FRAME_STRINGS);
  return (
    <div className="shell">
      <header className="topbar">
        <h1>kubeplay</h1>
        <span className="tagline">{t.tagline}</span>
        <TimeControls />
        <ClusterMenu />
        <div className="page-settings" role="group" aria-label={t.settings}>
          <LanguageSwitch />
          <ThemeToggle />
        </div>
      </header>
      <div className="workspace">
        <LessonSlot onCommand={typeIntoTerminal} outcomes={checkOutcomes} onLessonShown={showLessonChecks} />
        <main>
          {status === 'starting' && <p className="notice">{t.starting}</p>}
          {status === 'failed' && <p className="notice" role="alert">{t.failed(error ?? '')}</p>}
          <DiagramPanel />
          <TimePausedNotice />
          <div className="terminal-row">
            <TerminalPanel />
            <EditorSlot onCommand={typeIntoTerminal} />
          </div>
        </main>
      </div>
      {/* One drawer for the page: an object clicked in any map (its tab's, a lesson's) opens here. */}
      <ObjectView />
    </div>
  );
}
