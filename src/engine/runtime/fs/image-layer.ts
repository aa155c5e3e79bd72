/**
 * An image layer: the read-only bottom of a container's filesystem, built once from plain data and
 * shared by every container of that image. Nodes are frozen so a bug that tries to write into the
 * image throws instead of silently changing every container at once.
 */
import {
  DEFAULT_DIR_MODE,
  DEFAULT_FILE_MODE,
  SYMLINK_MODE,
  newDir,
  type DirNode,
  type FsNode,
  type NodeMeta,
} from './nodes';
import { normalizeComponents } from './path';

interface Owner {
  mode?: number;
  uid?: number;
  gid?: number;
}

/** One path's description; a bare string is a regular file with that content. */
export type LayerEntry =
  | string
  | ({ file: string } & Owner)
  | ({ dir: true } & Owner)
  | { symlink: string };

/** path → entry, e.g. `{ '/usr/share/nginx/html/index.html': '<!DOCTYPE html>…', '/bin/sh': { symlink: 'busybox' } }`. */
export type LayerSpec = Readonly<Record<string, LayerEntry>>;

export interface ImageLayer {
  /** Never mutated: the type is the contract, Object.freeze the guard. */
  readonly root: DirNode;
}

export interface LayerOptions {
  /** mtime for every node (image build time, in simulated ms). */
  mtime?: number;
  /** Mode of the root directory: 0o755 for images, 0o777 for emptyDir. */
  rootMode?: number;
}

export function buildImageLayer(spec: LayerSpec, options: LayerOptions = {}): ImageLayer {
  const mtime = options.mtime ?? 0;
  const meta = (o: Owner, mode: number): NodeMeta => ({
    mode: o.mode ?? mode,
    uid: o.uid ?? 0,
    gid: o.gid ?? 0,
    mtime,
  });
  const root = newDir(meta({}, options.rootMode ?? DEFAULT_DIR_MODE));

  // Sorting makes "/a" come before "/a/b", so an explicit dir entry sets its mode before children
  // would otherwise create it implicitly with defaults.
  for (const path of Object.keys(spec).sort()) {
    const entry = spec[path]!;
    const components = normalizeComponents(path);
    const name = components.pop();
    let dir = root;
    for (const c of components) {
      let child = dir.entries.get(c);
      if (child === undefined) {
        child = newDir(meta({}, DEFAULT_DIR_MODE));
        dir.entries.set(c, child);
      }
      if (child.kind !== 'dir') throw new Error(`image layer: ${path}: parent is not a directory`);
      dir = child;
    }
    if (name === undefined) {
      if (typeof entry === 'object' && 'dir' in entry) root.meta = meta(entry, root.meta.mode);
      continue;
    }
    dir.entries.set(name, toNode(entry, meta));
  }
  return { root: deepFreeze(root) };
}

function toNode(entry: LayerEntry, meta: (o: Owner, mode: number) => NodeMeta): FsNode {
  if (typeof entry === 'string') return { kind: 'file', data: entry, meta: meta({}, DEFAULT_FILE_MODE) };
  if ('file' in entry) return { kind: 'file', data: entry.file, meta: meta(entry, DEFAULT_FILE_MODE) };
  if ('symlink' in entry) return { kind: 'symlink', target: entry.symlink, meta: meta({}, SYMLINK_MODE) };
  return newDir(meta(entry, DEFAULT_DIR_MODE));
}

function deepFreeze(dir: DirNode): DirNode {
  for (const child of dir.entries.values()) {
    if (child.kind === 'whiteout') continue; // never in an image layer
    if (child.kind === 'dir') deepFreeze(child);
    else {
      Object.freeze(child.meta);
      Object.freeze(child);
    }
  }
  Object.freeze(dir.meta);
  return Object.freeze(dir);
}

/** The lower layer of an emptyDir: nothing but a world-writable root, as the kubelet creates it. */
export const emptyLayer = (mtime = 0): ImageLayer => buildImageLayer({}, { mtime, rootMode: 0o777 });
