import { lazy, Suspense, useEffect } from 'react';
import { showLessonChecks, startCluster, useCluster } from './store';
import { EditorSlot } from './editor/EditorSlot';
import { TerminalPanel } from './terminal/TerminalPanel';
import { TimeControls, TimePausedNotice } from './time/TimeControls';
import { typeIntoTerminal } from './terminal/TerminalView';
import { LanguageSwitch, useStrings } from './i18n';
import { FRAME_STRINGS } from './frame-strings';
import { recallLessonOpen } from './remember';
import { DiagramPanel } from './diagrams/DiagramPanel';
import { ThemeToggle } from './theme';
import { ClusterMenu } from './persist/ClusterMenu';
import { ObjectView } from './object-view/ObjectView';

// The lesson panel (markdown-it, the lesson parser and the lessons) loads after the first screen:
// an empty panel of the same size stands in meanwhile.
const LessonSlot = lazy(() => import('./LessonSlot').then((m) => ({ default: m.LessonSlot })));

export function App() {
  useEffect(startCluster, []);
  const status = useCluster((s) => s.status);
  const error = useCluster((s) => s.error);
  const checkOutcomes = useCluster((s) => s.checkOutcomes);
  const t = useStrings(FRAME_STRINGS);
  const lessonPanel = (
    <Suspense fallback={<aside className={recallLessonOpen() ? 'lesson' : 'lesson folded'} aria-label={t.lesson} />}>
      <LessonSlot onCommand={typeIntoTerminal} outcomes={checkOutcomes} onLessonShown={showLessonChecks} />
    </Suspense>
  );
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
        {lessonPanel}
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
