/**
 * A node's disk in a snapshot: what its root filesystem's writable layer holds over the Rocky
 * image — files, directories and symlinks written or changed, and image paths deleted. /proc,
 * /sys, /dev and /run are not on disk (the last is a tmpfs), so a reboot starts them afresh.
 */
import { LayeredTree, type Rel, type Vfs } from '../runtime/fs';
import type { DirNode, FsNode, Whiteout } from '../runtime/fs/nodes';

export interface SavedEntry {
  /** Absolute, normalised: `/root/nginx.yaml`. */
  path: string;
  type: 'file' | 'dir' | 'symlink';
  mode: number;
  uid: number;
  gid: number;
  /** Simulated ms. */
  mtime: number;
  /** A file's contents. */
  data?: string;
  /** A symlink's target. */
  target?: string;
}

export interface SavedDisk {
  /** Parents before their children. */
  entries: SavedEntry[];
  /** Image paths that were deleted (an entry may put something else there again). */
  removed: string[];
}

/** Top-level directories that do not survive a reboot. */
const NOT_ON_DISK = new Set(['proc', 'sys', 'dev', 'run']);

const rootTree = (fs: Vfs): LayeredTree => {
  const tree = fs.mounts.find([]).mount.tree;
  if (!(tree instanceof LayeredTree)) throw new Error('a node root filesystem is an image with a writable layer');
  return tree;
};

const pathOf = (rel: Rel): string => '/' + rel.join('/');

/** Everything that differs from the image, walking only where the writable layer has something. */
export function captureDisk(fs: Vfs): SavedDisk {
  const tree = rootTree(fs);
  const disk: SavedDisk = { entries: [], removed: [] };
  const walk = (rel: string[], image: DirNode | undefined): void => {
    const names = tree.list(rel).sort();
    for (const name of image ? [...image.entries.keys()].sort() : []) {
      if (!names.includes(name) && !(rel.length === 0 && NOT_ON_DISK.has(name))) disk.removed.push(pathOf([...rel, name]));
    }
    for (const name of names) {
      if (rel.length === 0 && NOT_ON_DISK.has(name)) continue;
      const at = [...rel, name];
      const node = tree.get(at)!;
      const lower = imageChild(image, name);
      if (node === lower) continue; // untouched: the image's own node, and nothing below it changed
      disk.entries.push(saved(pathOf(at), node));
      if (node.kind === 'dir') walk(at, lower?.kind === 'dir' ? lower : undefined);
    }
  };
  walk([], tree.image.root);
  return disk;
}

function imageChild(dir: DirNode | undefined, name: string): FsNode | undefined {
  const entry: FsNode | Whiteout | undefined = dir?.entries.get(name);
  return entry?.kind === 'whiteout' ? undefined : entry;
}

function saved(path: string, node: FsNode): SavedEntry {
  const { mode, uid, gid, mtime } = node.meta;
  const entry: SavedEntry = { path, type: node.kind, mode, uid, gid, mtime };
  if (node.kind === 'file') entry.data = node.data;
  if (node.kind === 'symlink') entry.target = node.target;
  return entry;
}

/** Puts a saved disk back onto a node's freshly booted root filesystem. */
export function restoreDisk(fs: Vfs, disk: SavedDisk): void {
  const tree = rootTree(fs);
  for (const path of disk.removed) {
    const rel = path.split('/').slice(1);
    if (tree.get(rel)) tree.remove(rel);
  }
  for (const e of disk.entries) {
    const rel = e.path.split('/').slice(1);
    const existing = tree.get(rel);
    // Something else of that name (the fresh boot's own file, say): the saved one replaces it.
    if (existing && (existing.kind !== e.type || e.type === 'symlink')) tree.remove(rel);
    if (e.type === 'dir' && existing?.kind !== 'dir') tree.mkdir(rel, e.mode, e.mtime);
    if (e.type === 'file') tree.writeFile(rel, e.data ?? '', e.mtime);
    if (e.type === 'symlink') tree.symlink(rel, e.target ?? '', e.mtime);
    tree.setMeta(rel, { mode: e.mode, uid: e.uid, gid: e.gid, mtime: e.mtime });
  }
}
