/**
 * `vi`/`vim` and `nano`: the file goes to the editor the viewer attached to this terminal (see
 * `lib/editor.ts`) and comes back when the user saves; with none attached (a script, a test) it
 * is edited in kubeplay's line mode (`lib/ex-editor.ts`). Options are accepted and ignored.
 */
import { FsError } from '../../engine/runtime/fs';
import { sys, type Proc, type Program, type Sys } from '../../engine/runtime/process';
import { editorFor, waitForEdit, type EditResult } from '../lib/editor';
import { exEditor, fileSummary } from '../lib/ex-editor';

const absolute = (proc: Proc, path: string): string => (path.startsWith('/') ? path : `${proc.cwd.replace(/\/$/, '')}/${path}`);

/** One program under several names; it calls itself as it was called (`vi`, `vim`, `nano`). */
const editor: Program = function* (proc): Sys<number> {
  const name = (proc.argv[0] ?? 'vi').replace(/^.*\//, '');
  const file = proc.argv.slice(1).find((a) => !a.startsWith('-') && !a.startsWith('+')) ?? '';
  const path = file === '' ? '' : absolute(proc, file);
  let content = '';
  let isNew = false;
  if (path !== '') {
    try {
      content = proc.fs.readFile(path);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      if (e.code !== 'ENOENT') {
        yield* sys.write(2, `${name}: ${file}: ${e.text}\n`);
        return 1;
      }
      isNew = true;
    }
  }
  const viewer = editorFor(proc);
  let result: EditResult & { name?: string };
  if (viewer) {
    result = yield* waitForEdit(proc, viewer, { path, content, title: `${name} ${file}`.trim() });
  } else {
    if (file !== '') yield* sys.write(1, isNew ? `"${file}" [New]\n` : `${fileSummary(file, content)}\n`);
    yield* sys.write(1, 'kubeplay: no full-screen editor on this terminal, editing in line mode (type help for the commands)\n');
    result = yield* exEditor(file, content);
  }
  if (!result.saved) return 0;
  const target = result.name ?? file;
  if (target === '') {
    yield* sys.write(2, 'E32: No file name\n');
    return 1;
  }
  try {
    proc.fs.writeFile(absolute(proc, target), result.content, proc.now());
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
    yield* sys.write(2, `"${target}" E212: Can't open file for writing\n`);
    return 1;
  }
  return 0;
};

export const EDITOR_PROGRAMS: Readonly<Record<string, Program>> = { vim: editor, 'busybox:vi': editor, nano: editor };
