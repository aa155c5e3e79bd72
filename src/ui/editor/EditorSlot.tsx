/**
 * The editor's place beside the terminal: a slim "Editor" toggle, and the panel itself, run on the
 * first click (Monaco is a large chunk the first screen does without). Once loaded it stays
 * mounted while hidden, so unsaved edits survive closing and reopening it.
 */
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useCluster } from '../store';
import { useStrings } from '../i18n';
import { EDITOR_STRINGS } from './strings';
import './slot.css';
import panelChunk from './EditorPanel.tsx?chunk-url';

const loadPanel = () => import('./EditorPanel');
const EditorPanel = lazy(() => loadPanel().then((m) => ({ default: m.EditorPanel })));

/** After the cluster has run this long (wall ms), the browser may fetch Monaco in the background. */
const PRELOAD_AFTER_MS = 2_000;

/**
 * Once the first screen has settled, the browser fetches and compiles the panel's chunk when it is
 * idle, off the main thread (a modulepreload does not run it): the first click then only runs it.
 */
function preloadPanelWhenIdle(): () => void {
  let idle: number | undefined;
  const timer = setTimeout(() => {
    idle = requestIdleCallback(() => {
      const link = document.createElement('link');
      link.rel = 'modulepreload';
      link.href = panelChunk;
      document.head.append(link);
    });
  }, PRELOAD_AFTER_MS);
  return () => {
    clearTimeout(timer);
    if (idle !== undefined) cancelIdleCallback(idle);
  };
}

export interface EditorSlotProps {
  /** Types a command line into the shown terminal (ending in `\r` runs it). */
  onCommand(line: string): void;
}

export function EditorSlot({ onCommand }: EditorSlotProps) {
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const t = useStrings(EDITOR_STRINGS);
  const running = useCluster((s) => s.status === 'running');
  useEffect(() => (running ? preloadPanelWhenIdle() : undefined), [running]);
  // A program in the terminal handed over a file (`vi pod.yaml`): the panel opens, loading Monaco if it must.
  const edits = useCluster((s) => s.edits.length);
  const editsSeen = useRef(0);
  useEffect(() => {
    if (edits > editsSeen.current) {
      setOpen(true);
      setLoaded(true);
    }
    editsSeen.current = edits;
  }, [edits]);
  const toggle = (): void => {
    setOpen(!open);
    setLoaded(true);
  };
  return (
    <>
      <button
        className="editor-toggle"
        aria-pressed={open}
        onClick={toggle}
        // A pointer on its way to the button starts the download: a head start on the click.
        onPointerEnter={() => void loadPanel()} title={open ? t.hideTitle : t.showTitle}>
        {t.toggle}
      </button>
      {loaded && (
        <div className="editor-slot" hidden={!open}>
          <Suspense fallback={<p className="editor-loading">{t.loading}</p>}>
            <EditorPanel onCommand={onCommand} />
          </Suspense>
        </div>
      )}
    </>
  );
}
