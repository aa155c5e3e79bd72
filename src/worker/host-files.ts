/**
 * The editor's window on a node's host filesystem: list a directory, read a file, write one. The
 * same Vfs the node's shell uses, so `vim pod.yaml` in the terminal and the editor see one file.
 * Failures come back as the sentence a learner should read, never as an exception.
 */
import { isFsError, type Vfs } from '../engine/runtime/fs';
import type { FileCall, FileEntry, FileReply } from './protocol';

/** The editor opens and saves text files up to this size (bytes). */
export const MAX_EDITOR_FILE = 1024 * 1024;

export function answerFileCall(fs: Vfs, call: FileCall, now: number): FileReply {
  try {
    if (call.op === 'list') return { ok: true, entries: list(fs, call.path) };
    if (call.op === 'read') {
      // readFile answers a directory with EISDIR; the size is checked before the text is copied.
      const stat = fs.stat(call.path);
      if (stat.type !== 'dir' && stat.size > MAX_EDITOR_FILE) return { ok: false, error: tooLarge(call.path) };
      return { ok: true, text: fs.readFile(call.path) };
    }
    if (new TextEncoder().encode(call.text).length > MAX_EDITOR_FILE) return { ok: false, error: tooLarge(call.path) };
    fs.writeFile(call.path, call.text, now);
    return { ok: true };
  } catch (error) {
    if (isFsError(error)) return { ok: false, error: error.message };
    throw error;
  }
}

function list(fs: Vfs, dir: string): FileEntry[] {
  const base = dir.endsWith('/') ? dir : `${dir}/`;
  return fs
    .readdir(dir)
    .map((name): FileEntry => {
      // A symlink is shown as what it points to; a dangling one as a file that will not open.
      const stat = fs.tryStat(base + name);
      return typeof stat === 'string' ? { name, kind: 'file', size: 0 } : { name, kind: stat.type === 'dir' ? 'dir' : 'file', size: stat.size };
    })
    .sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'dir' ? -1 : 1));
}

const tooLarge = (path: string): string => `${path}: File too large for the editor (over 1 MB)`;
