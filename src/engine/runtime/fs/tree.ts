/**
 * What a mount needs from whatever backs it (an overlay, an emptyDir, a configMap's files, a single
 * kubelet-written file). Paths here are already resolved component lists relative to the mount's
 * root: the VFS has followed symlinks, handled `..`, checked that parents exist and are
 * directories, and checked read-only and permissions. Backends only store.
 */
import type { FsNode, NodeMeta } from './nodes';

export type Rel = readonly string[];

export interface Tree {
  /** The visible node at `rel`, without following a final symlink. Treat it as read-only. */
  get(rel: Rel): FsNode | undefined;
  /** Visible names in a directory, unsorted. */
  list(rel: Rel): string[];
  /** Create or replace a regular file's content; keeps ownership/mode if it existed. */
  writeFile(rel: Rel, data: string, now: number): void;
  mkdir(rel: Rel, mode: number, now: number): void;
  symlink(rel: Rel, target: string, now: number): void;
  /** Remove one entry (the VFS has checked a directory is empty). */
  remove(rel: Rel): void;
  /** Move within this tree (the VFS has checked the POSIX replace rules). */
  rename(from: Rel, to: Rel, now: number): void;
  setMeta(rel: Rel, patch: Partial<NodeMeta>): void;
}
