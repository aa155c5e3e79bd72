/**
 * What a static web server finds for a URL path under its document root. nginx, Apache httpd and
 * busybox httpd agree on the lookup (index files for directories, a redirect for a directory
 * named without its trailing slash) and differ in how they answer, which is theirs to decide.
 */
import { ERRNO_TEXT, type FileStat, type FsErrorCode, type Vfs } from '../../engine/runtime/fs';

export type StaticLookup =
  | { readonly kind: 'file'; readonly path: string; readonly content: string; readonly stat: FileStat }
  /** A directory asked for without the trailing slash: redirect to `path/`. */
  | { readonly kind: 'directory'; readonly path: string }
  /** A directory without any of the index files. */
  | { readonly kind: 'no-index'; readonly path: string }
  | { readonly kind: 'missing'; readonly path: string; readonly errno: FsErrorCode };

/** `%20` and friends in a request path; undefined when the escapes are malformed. */
export function decodePath(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}

/**
 * Looks `file` up (an absolute filesystem path); `indexNames` are tried when it ends with `/`.
 * Uses `tryStat`: a web server answers misses all day, and they should not cost an exception.
 */
export function lookupStatic(fs: Vfs, file: string, indexNames: readonly string[]): StaticLookup {
  if (file.endsWith('/')) {
    for (const name of indexNames) {
      const found = lookupStatic(fs, file + name, []);
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
