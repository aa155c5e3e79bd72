/**
 * runc's check before it starts a container's process (or an exec): Go's `exec.LookPath` on the
 * first word of argv, inside the container, with the container's PATH. Its error is what a learner
 * reads in `kubectl describe` when a command is mistyped, so the texts follow Go exactly:
 *
 *   foo           exec: "foo": executable file not found in $PATH
 *   /bin/x        exec: "/bin/x": stat /bin/x: no such file or directory
 *   /etc/hosts    exec: "/etc/hosts": permission denied        (not executable)
 *   /bin          exec: "/bin": is a directory
 */
import { DEFAULT_PATH } from '../process';
import { ERRNO_TEXT, type Vfs } from '../fs';

export type LookPathResult = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly error: string };

export function lookPath(fs: Vfs, name: string, pathVariable: string | undefined): LookPathResult {
  if (name.includes('/')) {
    const problem = findExecutable(fs, name);
    return problem === undefined ? { ok: true, path: name } : { ok: false, error: `exec: ${goQuote(name)}: ${problem}` };
  }
  // An empty name never matches: Go tries "<dir>/" which is a directory.
  for (const dir of (pathVariable ?? DEFAULT_PATH).split(':')) {
    const candidate = `${dir === '' ? '.' : dir}/${name}`;
    if (name !== '' && findExecutable(fs, candidate) === undefined) return { ok: true, path: candidate };
  }
  return { ok: false, error: `exec: ${goQuote(name)}: executable file not found in $PATH` };
}

/** Go's `findExecutable`: undefined when `path` can be executed, else the Go error text. */
function findExecutable(fs: Vfs, path: string): string | undefined {
  const stat = fs.tryStat(path);
  if (typeof stat === 'string') return `stat ${path}: ${goErrorText(ERRNO_TEXT[stat])}`;
  if (stat.type === 'dir') return 'is a directory';
  return (stat.mode & 0o111) === 0 ? 'permission denied' : undefined;
}

/** Go spells strerror() texts in lower case: `No such file or directory` → `no such file or directory`. */
export const goErrorText = (strerror: string): string => strerror.toLowerCase();

/** Go's %q for the printable text an argv word normally holds. */
export const goQuote = (text: string): string => JSON.stringify(text);
