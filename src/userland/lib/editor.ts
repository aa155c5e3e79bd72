/**
 * The editor contract: how `vi`, `vim` and `nano` hand a file to the editor the viewer provides
 * (Monaco in the browser, `$EDITOR` in `npx kubeplay`) instead of drawing a full-screen editor in
 * the terminal. Whoever opens a terminal session attaches an `Editor` to that session's terminal;
 * a program running on that terminal finds it with `editorFor(proc)`, calls `open`, and waits in
 * simulated time until the viewer calls `done` (`waitForEdit`). Without an attached editor the
 * programs fall back to a line-mode editor on the terminal itself (`ex-editor.ts`).
 *
 *   attachEditor(kernel, tty, { open(request, done) { monaco.show(request.content, (text) => done({ saved: true, content: text })) } });
 */
import { Facility, SourceFile, sys, type Kernel, type OpenFile, type Proc, type Sys } from '../../engine/runtime/process';

export interface EditRequest {
  /** The file as the program names it (absolute). */
  readonly path: string;
  /** The text to show: the file's content, or '' for a new file. */
  readonly content: string;
  /** What a tab or window title shows (`vi pod.yaml`). */
  readonly title: string;
}

/** Saved: the text to write back. Not saved: the user quit without saving. */
export type EditResult = { readonly saved: true; readonly content: string } | { readonly saved: false };

export interface Editor {
  /**
   * Shows the text; calls `done` once, when the user saves and closes or abandons it. May return
   * a function to withdraw the request: called if the program ends before an answer (Ctrl-C).
   */
  open(request: EditRequest, done: (result: EditResult) => void): (() => void) | void;
}

/** Editors by the terminal they belong to (a browser tab's session, the CLI's session). */
export const EDITORS = new Facility<Map<OpenFile, Editor>>('editors');

/** Makes `editor` the one programs on `terminal` use; returns a function that detaches it. */
export function attachEditor(kernel: Kernel, terminal: OpenFile, editor: Editor): () => void {
  let editors = kernel.facilities.get(EDITORS) as Map<OpenFile, Editor> | undefined;
  if (!editors) {
    editors = new Map();
    kernel.provide(EDITORS, editors);
  }
  editors.set(terminal, editor);
  const attached = editors;
  return () => {
    if (attached.get(terminal) === editor) attached.delete(terminal);
  };
}

/** The editor of the terminal this process runs on (its stdin, stdout or stderr), if any. */
export function editorFor(proc: Proc): Editor | undefined {
  const editors = proc.facility(EDITORS);
  if (!editors) return undefined;
  for (const fd of [0, 1, 2]) {
    const file = proc.file(fd);
    const editor = file && editors.get(file);
    if (editor) return editor;
  }
  return undefined;
}

/** The waiting program's end of an edit: closed unanswered (the program was killed), it withdraws the request. */
class EditWait extends SourceFile {
  withdraw: (() => void) | void = undefined;
  answered = false;

  protected override closed(): void {
    if (!this.answered) this.withdraw?.();
  }
}

/** Opens the request in `editor` and sleeps in simulated time until the viewer is done with it. */
export function* waitForEdit(proc: Proc, editor: Editor, request: EditRequest): Sys<EditResult> {
  // The viewer answers from outside the simulation; a source file that ends wakes this process.
  const signal = new EditWait();
  let result: EditResult | undefined;
  signal.withdraw = editor.open(request, (answer) => {
    result ??= answer;
    signal.answered = true;
    signal.end();
  });
  const fd = proc.install(signal);
  try {
    while (result === undefined) yield* sys.read(fd);
  } finally {
    proc.close(fd);
  }
  return result;
}
