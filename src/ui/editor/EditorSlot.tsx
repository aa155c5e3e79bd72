/**
 * The editor's place beside the terminal: a slim "Editor" toggle, and the panel itself, fetched on
 * the first click (Monaco is a large chunk the first screen does without). Once loaded it stays
 * mounted while hidden, so unsaved edits survive closing and reopening it.
 */
import { lazy, Suspense, useState } from 'react';
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
