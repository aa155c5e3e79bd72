/**
 * Files handed over by programs in the terminal (`vi pod.yaml`, `kubectl edit deploy/web`), each in
 * a tab beside the file browser until the learner answers: "Save & close" (Ctrl-S) gives the text
 * back to the program, as `:wq` does in vim; "Close without saving" is `:q!`. The program waits in
 * the worker meanwhile; Ctrl-C there closes the tab (the store drops the request). The tab strip
 * shows only while there are such files: the browser alone looks as it always did.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { answerEdit, useCluster, type EditRequest } from '../store';
import { useStrings } from '../i18n';
import { EDITOR_STRINGS } from './strings';
import { EDITOR_OPTIONS, monaco } from './monaco';
import { modelUri } from './yaml-language';

const FILES = 'files';
const languageOf = (path: string): string => (/\.ya?ml$/.test(path) ? 'yaml' : 'plaintext');

export interface EditTabsProps {
  /** The file browser: the first tab. */
  children: ReactNode;
  /** A program got its file back: the browser's list (and open file) may be stale soon. */
  onAnswered(): void;
}

export function EditTabs({ children, onAnswered }: EditTabsProps) {
  const edits = useCluster((s) => s.edits);
  const t = useStrings(EDITOR_STRINGS);
  const [shown, setShown] = useState<number | typeof FILES>(FILES);
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor>(undefined);
  const models = useRef(new Map<number, monaco.editor.ITextModel>());
  const current = edits.find((e) => e.request === shown);

  // Each new request gets a model and is shown; a request gone (answered, Ctrl-C) loses its model.
  useEffect(() => {
    const live = new Set(edits.map((e) => e.request));
    for (const [request, model] of models.current) {
      if (live.has(request)) continue;
      model.dispose();
      models.current.delete(request);
    }
    const fresh = edits.filter((e) => !models.current.has(e.request));
    for (const e of fresh) models.current.set(e.request, monaco.editor.createModel(e.content, languageOf(e.path), modelUri('edit', e.path, e.request)));
    if (fresh.length > 0) setShown(fresh.at(-1)!.request);
    else if (shown !== FILES && !live.has(shown)) setShown(edits.at(-1)?.request ?? FILES);
  }, [edits, shown]);

  const answer = (edit: EditRequest, saved: boolean): void => {
    const model = models.current.get(edit.request);
    answerEdit(edit.request, saved && model ? { saved: true, content: model.getValue() } : { saved: false });
    onAnswered();
  };
  // Monaco's Ctrl-S keeps the first closure it was given: it goes through this ref.
  const saveShown = useRef<() => void>(() => {});
  saveShown.current = () => current && answer(current, true);

  // Made the first time a program hands over a file: the file browser alone does without it.
  useEffect(() => {
    if (!current) return;
    editor.current ??= createEditor(host.current!, () => saveShown.current());
    editor.current.setModel(models.current.get(current.request) ?? null);
    editor.current.focus();
  }, [current]);
  useEffect(() => () => editor.current?.dispose(), []);

  return (
    <>
      {edits.length > 0 && (
        <div className="edit-tabs" role="tablist" aria-label={t.tabs}>
          <button role="tab" aria-selected={shown === FILES} onClick={() => setShown(FILES)}>
            {t.filesTab}
          </button>
          {edits.map((e) => (
            <button key={e.request} role="tab" aria-selected={shown === e.request} onClick={() => setShown(e.request)} title={e.path}>
              {e.title}
            </button>
          ))}
        </div>
      )}
      <div className="edit-files" hidden={current !== undefined}>
        {children}
      </div>
      <div className="edit-request" hidden={current === undefined}>
        <div className="editor-bar">
          <span className="edit-title" title={current?.path}>
            {current?.path}
          </span>
          <button onClick={() => current && answer(current, true)} title={t.saveCloseTitle}>
            {t.saveClose}
          </button>
          <button onClick={() => current && answer(current, false)} title={t.discardCloseTitle}>
            {t.discardClose}
          </button>
        </div>
        <div className="editor-monaco" ref={host} data-testid="monaco-edit" />
      </div>
    </>
  );
}

function createEditor(host: HTMLElement, saveAndClose: () => void): monaco.editor.IStandaloneCodeEditor {
  // No theme here: Monaco's theme is global, and the file browser's editor keeps it in step with the page.
  const instance = monaco.editor.create(host, EDITOR_OPTIONS);
  // An action, not addCommand: a command's key binding is global, and the file browser's editor has its own Ctrl-S.
  instance.addAction({ id: 'kubeplay.save-and-close', label: 'Save & close', keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS], run: saveAndClose });
  return instance;
}
