/**
 * What a static web server finds for a URL path under its document root. nginx, Apache httpd and
 * busybox httpd agree on the lookup (index files for directories, a redirect for a directory
 * named without its trailing slash) and differ in how they answer, which is theirs to decide.
 */
import { ERRNO_TEXT, type FileStat, type FsErrorCode, type MountTable, type Vfs } from '../../engine/runtime/fs';
import { fsGeneration } from '../../engine/runtime/fs/generation';

export type StaticLookup =
  | { readonly kind: 'file'; readonly path: string; readonly content: string; readonly stat: FileStat }
  /** A directory asked for without the trailing slash: redirect to `path/`. */
  | { readonly kind: 'directory'; readonly path: string }
  /** A directory without any of the index files. */
  | { readonly kind: 'no-index'; readonly path: string }
  | { readonly kind: 'missing'; readonly path: string; readonly errno: FsErrorCode };

export type StaticFile = Extract<StaticLookup, { kind: 'file' }>;

/** `%20` and friends in a request path; undefined when the escapes are malformed. */
export function decodePath(path: string): string | undefined {
  if (!path.includes('%')) return path;
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}

/** Per mount table (one per container): the answers of this filesystem generation, by path. */
const lookups = new WeakMap<MountTable, { generation: number; entries: Map<string, RememberedLookup> }>();
const LOOKUPS_KEPT = 256;

/** An answer and what else it depended on: the view's working directory and user, the index names. */
interface RememberedLookup {
  readonly cwd: string;
  readonly uid: number;
  readonly gid: number;
  readonly indexNames: readonly string[];
  readonly found: StaticLookup;
}

const sameNames = (a: readonly string[], b: readonly string[]): boolean => a === b || (a.length === b.length && a.every((name, i) => name === b[i]));

/**
 * Looks `file` up (an absolute filesystem path, or one relative to the view's working directory);
 * `indexNames` are tried when it ends with `/`.
 *
 * A server asks for the same few paths all day (a probed pod: every few seconds), so answers are
 * remembered per filesystem until any tree changes (every write, creation, removal, rename and
 * chmod bumps `fsGeneration`; contents are never changed in place without one).
 */
export function lookupStatic(fs: Vfs, file: string, indexNames: readonly string[]): StaticLookup {
  let cache = lookups.get(fs.mounts);
  const generation = fsGeneration();
  if (!cache || cache.generation !== generation || cache.entries.size >= LOOKUPS_KEPT) {
    cache = { generation, entries: new Map() };
    lookups.set(fs.mounts, cache);
  }
  const known = cache.entries.get(file);
  if (known && known.cwd === fs.cwd && known.uid === fs.cred.uid && known.gid === fs.cred.gid && sameNames(known.indexNames, indexNames)) return known.found;
  const found = findStatic(fs, file, indexNames);
  cache.entries.set(file, { cwd: fs.cwd, uid: fs.cred.uid, gid: fs.cred.gid, indexNames, found });
  return found;
}

/** The lookup itself. Uses `tryStat`: a web server answers misses all day, and they should not cost an exception. */
function findStatic(fs: Vfs, file: string, indexNames: readonly string[]): StaticLookup {
  if (file.endsWith('/')) {
    for (const name of indexNames) {
      const found = findStatic(fs, file + name, []);
      if (found.kind === 'file') return found;
    }
    const dir = fs.tryStat(file);
    if (typeof dir === 'string') return { kind: 'missing', path: file, errno: dir };
    return dir.type === 'dir' ? { kind: 'no-index', path: file } : { kind: 'missing', path: file, errno: 'ENOTDIR' };
  }
  const stat = fs.tryStat(file);
  if (typeof stat === 'string') return { kind: 'missing', path: file, errno: stat };
  if (stat.type === 'dir') return { kind: 'directory', path: file };
  try {
    return { kind: 'file', path: file, content: fs.readFile(file), stat };
  } catch {
    return { kind: 'missing', path: file, errno: 'EACCES' };
  }
}

/** The strerror() text of a lookup's errno. */
export const errnoText = (errno: FsErrorCode): string => ERRNO_TEXT[errno];

/** The errno number nginx prints in `open() "…" failed (2: No such file or directory)`. */
export const ERRNO_NUMBER: Readonly<Record<string, number>> = { ENOENT: 2, EACCES: 13, ENOTDIR: 20, EISDIR: 21, ELOOP: 40 };

const MIME_TYPES: Readonly<Record<string, string>> = {
  html: 'text/html',
  htm: 'text/html',
  shtml: 'text/html',
  css: 'text/css',
  xml: 'text/xml',
  txt: 'text/plain',
  js: 'application/javascript',
  json: 'application/json',
  gif: 'image/gif',
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
  png: 'image/png',
  svg: 'image/svg+xml',
  ico: 'image/x-icon',
  pdf: 'application/pdf',
  zip: 'application/zip',
  gz: 'application/gzip',
  tar: 'application/x-tar',
  woff: 'font/woff',
  woff2: 'font/woff2',
};

/** Content type by extension, as the mime.types tables shipped with web servers map them. */
export function mimeType(path: string): string | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? undefined : MIME_TYPES[base.slice(dot + 1).toLowerCase()];
}
