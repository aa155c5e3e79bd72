/**
 * The in-memory tree nodes every layer is made of. Image layers hold frozen nodes shared by all
 * containers of that image; writable layers hold their own mutable nodes. File contents are
 * JavaScript strings, which are immutable, so a copy-up shares the string rather than copying bytes.
 */

export interface NodeMeta {
  /** Permission bits only, e.g. 0o644 (the type lives in `kind`). */
  mode: number;
  uid: number;
  gid: number;
  /** Simulated milliseconds, supplied by the caller (the engine has no wall clock). */
  mtime: number;
}

export interface FileNode {
  readonly kind: 'file';
  data: string;
  meta: NodeMeta;
}

export interface SymlinkNode {
  readonly kind: 'symlink';
  target: string;
  meta: NodeMeta;
}

export interface DirNode {
  readonly kind: 'dir';
  /** In a writable layer an entry can be WHITEOUT: "deleted here, hide the image's copy". */
  readonly entries: Map<string, FsNode | Whiteout>;
  meta: NodeMeta;
  /**
   * Opaque (overlayfs' term): this directory was created in the writable layer, so nothing of a
   * same-named directory in the image shows through it.
   */
  opaque: boolean;
}

export type FsNode = FileNode | SymlinkNode | DirNode;

/** overlayfs records a deletion as a special "whiteout" entry; one shared marker is enough here. */
export const WHITEOUT = Object.freeze({ kind: 'whiteout' as const });
export type Whiteout = typeof WHITEOUT;

export type FileType = FsNode['kind'];

export const DEFAULT_FILE_MODE = 0o644;
export const DEFAULT_DIR_MODE = 0o755;
/** Symlink permissions are ignored by Linux and always shown as lrwxrwxrwx. */
export const SYMLINK_MODE = 0o777;

export const newDir = (meta: NodeMeta, opaque = false): DirNode => ({
  kind: 'dir',
  entries: new Map(),
  meta,
  opaque,
});

/** Size in bytes as `ls -l` and Content-Length report it: UTF-8, not UTF-16 code units. */
export function utf8Length(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4; // a surrogate pair is one 4-byte code point
      i++;
    } else bytes += 3;
  }
  return bytes;
}

export function nodeSize(node: FsNode): number {
  switch (node.kind) {
    case 'file':
      return utf8Length(node.data);
    case 'symlink':
      return utf8Length(node.target);
    case 'dir':
      return 4096; // what ext4 reports for a small directory
  }
}
