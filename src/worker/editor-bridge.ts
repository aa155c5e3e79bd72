/**
 * The page's editor panel as the `Editor` of the worker's terminal sessions: when `vi pod.yaml` or
 * `kubectl edit` asks for an editor (src/userland/lib/editor.ts), the request goes to the page as
 * `editor-open` and the program sleeps until the page answers `editor-done`. A request that ends
 * without an answer — Ctrl-C killed the program, the terminal tab closed — is withdrawn from the
 * page with `editor-close`.
 */
import type { Editor, EditResult } from '../userland/lib/editor';
import type { FromWorker, SessionId } from './protocol';

type EditorMessage = Extract<FromWorker, { type: 'editor-open' | 'editor-close' }>;

interface OpenEdit {
  readonly session: SessionId;
  readonly done: (result: EditResult) => void;
}

export class EditorBridge {
  private readonly edits = new Map<number, OpenEdit>();
  private nextRequest = 1;

  constructor(private readonly post: (message: EditorMessage) => void) {}

  /** The editor programs on `session`'s terminal use. */
  editorFor(session: SessionId): Editor {
    return {
      open: (request, done) => {
        const id = this.nextRequest++;
        this.edits.set(id, { session, done });
        this.post({ type: 'editor-open', request: id, session, path: request.path, title: request.title, content: request.content });
        return () => this.withdraw(id);
      },
    };
  }

  /** The page's answer; an answer to a request already over is ignored. */
  answer(request: number, result: EditResult): void {
    const edit = this.edits.get(request);
    if (!edit) return;
    this.edits.delete(request);
    edit.done(result);
  }

  /** The session hung up: its open edits end as not saved, and their tabs close. */
  closeSession(session: SessionId): void {
    for (const [id, edit] of [...this.edits]) {
      if (edit.session !== session) continue;
      this.withdraw(id);
      edit.done({ saved: false });
    }
  }

  private withdraw(request: number): void {
    if (this.edits.delete(request)) this.post({ type: 'editor-close', request });
  }
}
