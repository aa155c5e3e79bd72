/**
 * A single file mounted on its own, as the kubelet does for /etc/hosts, /etc/hostname and
 * /etc/resolv.conf (and as a configMap key with `subPath` looks). The mount point *is* the file,
 * so it cannot be removed or renamed (EBUSY), only rewritten.
 */
import { FsError } from './errors';
import { DEFAULT_FILE_MODE, type FileNode, type FsNode, type NodeMeta } from './nodes';
import { bumpFsGeneration } from './generation';
import type { Rel, Tree } from './tree';

export class FileVolume implements Tree {
  private readonly node: FileNode;

  constructor(data: string, meta: Partial<NodeMeta> = {}) {
    this.node = { kind: 'file', data, meta: { mode: DEFAULT_FILE_MODE, uid: 0, gid: 0, mtime: 0, ...meta } };
  }

  get(rel: Rel): FsNode | undefined {
    return rel.length === 0 ? this.node : undefined;
  }
  list(): string[] {
    return [];
  }
  writeFile(rel: Rel, data: string, now: number): void {
    bumpFsGeneration();
    this.onlyRoot(rel);
    this.node.data = data;
    this.node.meta.mtime = now;
  }
  setMeta(rel: Rel, patch: Partial<NodeMeta>): void {
    bumpFsGeneration();
    this.onlyRoot(rel);
    Object.assign(this.node.meta, patch);
  }
  // The VFS never gets here (a file has no children and mount points are busy); guard anyway.
  mkdir(): void {
    throw new FsError('ENOTDIR', '');
  }
  symlink(): void {
    throw new FsError('ENOTDIR', '');
  }
  remove(): void {
    throw new FsError('EBUSY', '');
  }
  rename(): void {
    throw new FsError('EBUSY', '');
  }
  private onlyRoot(rel: Rel): void {
    if (rel.length !== 0) throw new FsError('ENOTDIR', '');
  }
}
