/**
 * Path text handling. Only splitting happens here: `.` and `..` are resolved while walking the
 * tree (see vfs.ts), because after a symlink `..` means the parent of where the link pointed,
 * not a textual parent — the same rule the kernel follows.
 */

export const isAbsolute = (path: string): boolean => path.startsWith('/');

/** "/a//b/./c/" → ["a", "b", ".", "c"]; empty components vanish, `.`/`..` stay for the walker. */
export const splitPath = (path: string): string[] => path.split('/').filter((c) => c !== '');

/** ["a", "b"] → "/a/b"; [] → "/". */
export const joinPath = (components: readonly string[]): string => '/' + components.join('/');

/** Lexical normalisation for paths that contain no symlinks (mount points, subPaths). */
export function normalizeComponents(path: string): string[] {
  const out: string[] = [];
  for (const c of splitPath(path)) {
    if (c === '.') continue;
    if (c === '..') out.pop();
    else out.push(c);
  }
  return out;
}
