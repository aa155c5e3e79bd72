/**
 * The editor's place beside the terminal: a slim "Editor" toggle, and the panel itself, fetched on
 * the first click (Monaco is a large chunk the first screen does without). Once loaded it stays
 * mounted while hidden, so unsaved edits survive closing and reopening it.
 */
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useCluster } from '../store';
import { useStrings } from '../i18n';
import { EDITOR_STRINGS } from './strings';
import './slot.css';

const loadPanel = () => import('./EditorPanel');
const EditorPanel = lazy(() => loadPanel().then((m) => ({ default: m.EditorPanel })));

export interface EditorSlotProps {
  /** Types a command line into the shown terminal (ending in `\r` runs it). */
  onCommand(line: string): void;
}

export function EditorSlot({ onCommand }: EditorSlotProps) {
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const t = useStrings(EDITOR_STRINGS);
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
