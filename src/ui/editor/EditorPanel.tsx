/**
 * The YAML editor beside the terminal: a list of master01's files in /root, Monaco on the chosen
 * file, Save (Ctrl-S) writing it back through the worker — the very file `cat` and `vim` see in the
 * terminal — and Apply, which types `kubectl apply -f <file>` into the terminal so the learner sees
 * the command run. Loaded on first use only: Monaco is most of this chunk.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { fileCall } from '../store';
import type { FileEntry } from '../../worker/protocol';
import { EDITOR_OPTIONS, monaco } from './monaco';
import { EditTabs } from './EditTabs';
import { enableKubernetesYaml, modelUri } from './yaml-language';
import { useStrings } from '../i18n';
import { EDITOR_STRINGS } from './strings';
import { currentTheme, onThemeChange } from '../theme';
import './editor.css';

const NODE = 'master01';
const DIR = '/root';

export interface EditorPanelProps {
  /** Types a command line into the shown terminal (ending in `\r` runs it). */
  onCommand(line: string): void;
}

interface OpenFile {
  name: string;
  /** The text as last read or saved: the editor differs from it when there are unsaved edits. */
  saved: string;
}

const MONACO_THEMES = { light: 'vs', dark: 'vs-dark' } as const;
const languageOf = (name: string): string => (/\.ya?ml$/.test(name) ? 'yaml' : 'plaintext');
/** A program given its file back writes it when it next runs, a frame or two later: the list is read again after that. */
const AFTER_ANSWER_MS = 300;

export function EditorPanel({ onCommand }: EditorPanelProps) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor>(undefined);
  const [files, setFiles] = useState<FileEntry[]>([]);
  const [file, setFile] = useState<OpenFile>();
  const [dirty, setDirty] = useState(false);
  const [message, setMessage] = useState('');
  const t = useStrings(EDITOR_STRINGS);

  const refresh = useCallback(async () => {
    const reply = await fileCall(NODE, { op: 'list', path: DIR });
    if (!reply.ok) return setMessage(reply.error);
    setFiles(reply.entries!.filter((e) => e.kind === 'file'));
  }, []);

  const open = async (name: string): Promise<void> => {
    if (dirty && file && !confirm(t.discard(file.name))) return;
    const reply = await fileCall(NODE, { op: 'read', path: `${DIR}/${name}` });
    if (!reply.ok) return setMessage(reply.error);
    // The model is named by the file's path (the schema applies to *.yaml): the old one goes first.
    editor.current?.getModel()?.dispose();
    const model = monaco.editor.createModel(reply.text!, languageOf(name), modelUri(NODE, `${DIR}/${name}`));
    editor.current?.setModel(model);
    editor.current?.updateOptions({ readOnly: false });
    editor.current?.focus();
    setFile({ name, saved: reply.text! });
    setDirty(false);
    setMessage('');
  };

  // Save and Apply are also reached from Monaco's Ctrl-S binding, which keeps the first closure it
  // was given: it calls through this ref to see the current file.
  const save = async (): Promise<boolean> => {
    const text = editor.current?.getValue();
    if (!file || text === undefined) return false;
    const reply = await fileCall(NODE, { op: 'write', path: `${DIR}/${file.name}`, text });
    if (!reply.ok) {
      setMessage(reply.error);
      return false;
    }
    setFile({ name: file.name, saved: text });
    setDirty(editor.current?.getValue() !== text);
    setMessage(t.saved(`${DIR}/${file.name}`));
    void refresh();
    return true;
  };
  const saveRef = useRef(save);
  saveRef.current = save;

  const apply = async (): Promise<void> => {
    if (!file || !(await save())) return;
    onCommand(`kubectl apply -f ${file.name}\r`);
  };

  const create = async (): Promise<void> => {
    const name = prompt(t.createPrompt(DIR), 'pod.yaml')?.trim();
    if (!name) return;
    if (name.includes('/')) return setMessage(t.noSlash(DIR));
    if (!files.some((f) => f.name === name)) {
      const reply = await fileCall(NODE, { op: 'write', path: `${DIR}/${name}`, text: '' });
      if (!reply.ok) return setMessage(reply.error);
      await refresh();
    }
    await open(name);
  };

  // The terminal may have changed the files since: the list, and the open file unless edited here.
  const reload = (): void => {
    void refresh();
    if (file && !dirty) void open(file.name);
  };
  const reloadRef = useRef(reload);
  reloadRef.current = reload;

  useEffect(() => {
    const instance = monaco.editor.create(host.current!, {
      value: '',
      language: 'yaml',
      theme: MONACO_THEMES[currentTheme()],
      readOnly: true,
      ...EDITOR_OPTIONS,
    });
    editor.current = instance;
    // An action bound to this editor (a command's key binding would be global, and edit tabs save their own way).
    instance.addAction({ id: 'kubeplay.save', label: 'Save', keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS], run: () => void saveRef.current() });
    const edits = instance.onDidChangeModelContent(() => setDirty(true));
    const stopFollowingTheme = onThemeChange((theme) => monaco.editor.setTheme(MONACO_THEMES[theme]));
    enableKubernetesYaml();
    host.current!.dataset.ready = 'true';
    void refresh();
    return () => {
      stopFollowingTheme();
      edits.dispose();
      instance.getModel()?.dispose();
      instance.dispose();
    };
  }, [refresh]);

  useEffect(() => editor.current?.updateOptions({ placeholder: t.placeholder }), [t]);

  return (
    <section className="editor-panel" aria-label={t.panel}>
      <EditTabs onAnswered={() => setTimeout(() => reloadRef.current(), AFTER_ANSWER_MS)}>
        <div className="editor-bar">
          <span className="editor-title" title={file ? `${NODE}:${DIR}/${file.name}` : undefined}>
            {file ? `${file.name}${dirty ? ' •' : ''}` : t.noFile}
          </span>
          <button onClick={() => void save()} disabled={!file} title={t.saveTitle}>
            {t.save}
          </button>
          <button onClick={() => void apply()} disabled={!file} title={t.applyTitle}>
            {t.apply}
          </button>
        </div>
        <div className="editor-body">
          <nav className="editor-files" aria-label={t.files(DIR)}>
            <div className="editor-files-bar">
              <span className="muted">{DIR}</span>
              <button onClick={reload} aria-label={t.refresh} title={t.refreshTitle}>
                ↻
              </button>
              <button onClick={() => void create()} title={t.createTitle(DIR)}>
                {t.create}
              </button>
            </div>
            <ul>
              {files.map((f) => (
                <li key={f.name}>
                  <button className={f.name === file?.name ? 'current' : undefined} onClick={() => void open(f.name)} title={t.size(f.size)}>
                    {f.name}
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <div className="editor-monaco" ref={host} data-testid="monaco" />
        </div>
      </EditTabs>
      {message && (
        <p className="editor-message" role="status">
          {message}
        </p>
      )}
    </section>
  );
}
