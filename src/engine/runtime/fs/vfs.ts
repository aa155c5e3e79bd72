/**
 * The filesystem API programs use (cat, ls, rm, mkdir, touch, test, shell redirections, nginx,
 * httpd). It resolves paths the way the kernel does — component by component, consulting the mount
 * table at each step, following symlinks (at most 40, then ELOOP) — and enforces read-only mounts
 * and permission bits. The trees underneath only store.
 *
 * A Vfs value is cheap: `at(cwd)` gives each process its own working directory over the same mounts.
 */
import { FsError, type FsErrorCode } from './errors';
import { fsGeneration } from './generation';
import type { Mount, MountTable } from './mount-table';
import { DEFAULT_DIR_MODE, nodeSize, type FileType, type FsNode, type NodeMeta } from './nodes';
import { isAbsolute, joinPath, splitPath } from './path';

/** Path resolutions a mount table remembers before starting over. */
const MAX_CACHED_RESOLUTIONS = 512;

/** Per mount table (one per container), shared by every process's view of it. */
const resolutionCaches = new WeakMap<MountTable, { generation: number; entries: Map<string, Resolved | FsErrorCode> }>();

/** Linux's MAXSYMLINKS. */
const MAX_SYMLINKS = 40;

export interface FileStat {
  type: FileType;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  mtime: number;
}

export interface Credentials {
  uid: number;
  gid: number;
}

/** Where a path landed: the mount, the path inside it, and the node (undefined: parent exists, name doesn't). */
interface Resolved {
  abs: string[];
  mount: Mount;
  rel: readonly string[];
  node: FsNode | undefined;
}

const ROOT: Credentials = { uid: 0, gid: 0 };
const R = 4;
const W = 2;

export class Vfs {
  constructor(
    readonly mounts: MountTable,
    readonly cwd: string = '/',
    readonly cred: Credentials = ROOT,
  ) {}

  /** Same filesystem, another working directory (per process, per `cd`). */
  at(cwd: string): Vfs {
    return new Vfs(this.mounts, this.realpath(cwd), this.cred);
  }

  as(cred: Credentials): Vfs {
    return new Vfs(this.mounts, this.cwd, cred);
  }

  // ---- reading ----------------------------------------------------------------------------

  stat(path: string): FileStat {
    return toStat(this.existing(path, true).node);
  }

  lstat(path: string): FileStat {
    return toStat(this.existing(path, false).node);
  }

  /** `stat` that answers a missing or unreachable path with its errno instead of throwing. */
  tryStat(path: string): FileStat | FsErrorCode {
    const r = this.walkCached(path, true);
    if (typeof r === 'string') return r;
    return r.node ? toStat(r.node) : 'ENOENT';
  }

  /** `test -e`: follows symlinks, so a dangling link does not exist. */
  exists(path: string): boolean {
    return typeof this.tryStat(path) !== 'string';
  }

  /** Absolute path with every symlink, `.` and `..` resolved (`realpath`, `cd`). */
  realpath(path: string): string {
    return joinPath(this.existing(path, true).abs);
  }

  readFile(path: string): string {
    const { node } = this.existing(path, true);
    if (node.kind === 'dir') throw new FsError('EISDIR', path);
    this.require(node.meta, R, path);
    return node.kind === 'file' ? node.data : '';
  }

  /** Sorted names, without `.` and `..`, including mount points that live in this directory. */
  readdir(path: string): string[] {
    const r = this.existing(path, true);
    if (r.node.kind !== 'dir') throw new FsError('ENOTDIR', path);
    this.require(r.node.meta, R, path);
    const names = new Set(r.mount.tree.list(r.rel));
    for (const name of this.mounts.mountPointsIn(r.abs)) names.add(name);
    return [...names].sort(byteOrder);
  }

  readlink(path: string): string {
    const { node } = this.existing(path, false);
    if (node.kind !== 'symlink') throw new FsError('EINVAL', path);
    return node.target;
  }

  // ---- writing ----------------------------------------------------------------------------

  /** `>`: create or truncate. A symlink is written through, as open(O_CREAT) does. */
  writeFile(path: string, data: string, now: number): void {
    const r = this.resolve(path, true);
    if (r.node?.kind === 'dir') throw new FsError('EISDIR', path);
    this.writable(r, path);
    if (r.node) this.require(r.node.meta, W, path);
    else this.requireParentWritable(r, path);
    r.mount.tree.writeFile(r.rel, data, now);
    if (!r.node) this.chown(r);
  }

  /** `>>`. */
  appendFile(path: string, data: string, now: number): void {
    const r = this.resolve(path, true);
    const before = r.node?.kind === 'file' ? r.node.data : '';
    this.writeFile(path, before + data, now);
  }

  /** `touch`: create empty, or bump mtime of what exists. */
  touch(path: string, now: number): void {
    const r = this.resolve(path, true);
    if (!r.node) return this.writeFile(path, '', now);
    this.writable(r, path);
    r.mount.tree.setMeta(r.rel, { mtime: now });
  }

  chmod(path: string, mode: number): void {
    const r = this.existing(path, true);
    this.writable(r, path);
    if (this.cred.uid !== 0 && this.cred.uid !== r.node.meta.uid) throw new FsError('EACCES', path);
    r.mount.tree.setMeta(r.rel, { mode: mode & 0o7777 });
  }

  /** `mkdir` / `mkdir -p` (parents: create missing parents, and an existing directory is fine). */
  mkdir(path: string, now: number, options: { parents?: boolean; mode?: number } = {}): void {
    const mode = options.mode ?? DEFAULT_DIR_MODE;
    if (options.parents) {
      const absolute = isAbsolute(path) ? '' : this.cwd;
      let prefix = absolute === '/' ? '' : absolute;
      for (const c of splitPath(path)) {
        prefix += '/' + c;
        const r = this.resolve(prefix, true);
        if (r.node?.kind === 'dir') continue;
        if (r.node) throw new FsError('EEXIST', path);
        this.createDir(r, prefix, mode, now);
      }
      return;
    }
    const r = this.resolve(path, false);
    if (r.node) throw new FsError('EEXIST', path);
    this.createDir(r, path, mode, now);
  }

  symlink(target: string, path: string, now: number): void {
    const r = this.resolve(path, false);
    if (r.node) throw new FsError('EEXIST', path);
    this.writable(r, path);
    this.requireParentWritable(r, path);
    r.mount.tree.symlink(r.rel, target, now);
    this.chown(r);
  }

  /** unlink(2): files and symlinks; Linux answers EISDIR for a directory. */
  unlink(path: string): void {
    const r = this.existing(path, false);
    if (r.node.kind === 'dir') throw new FsError('EISDIR', path);
    this.removeEntry(r, path);
  }

  rmdir(path: string): void {
    const r = this.existing(path, false);
    if (r.node.kind !== 'dir') throw new FsError('ENOTDIR', path);
    // The kernel refuses a mount point before it looks at the contents.
    if (this.mounts.isMountPoint(r.abs)) throw new FsError('EBUSY', path);
    if (this.readdir(joinPath(r.abs)).length > 0) throw new FsError('ENOTEMPTY', path);
    this.removeEntry(r, path);
  }

  /** `rm [-r] [-f]`. Recursion stops at nothing: mount points inside fail with EBUSY, as in Linux. */
  rm(path: string, options: { recursive?: boolean; force?: boolean } = {}): void {
    let r: Resolved & { node: FsNode };
    try {
      r = this.existing(path, false);
    } catch (e) {
      if (options.force && e instanceof FsError && e.code === 'ENOENT') return;
      throw e;
    }
    if (r.node.kind !== 'dir') return this.removeEntry(r, path);
    if (!options.recursive) throw new FsError('EISDIR', path);
    const dir = joinPath(r.abs);
    for (const name of this.readdir(dir)) this.rm(`${dir === '/' ? '' : dir}/${name}`, options);
    this.rmdir(dir);
  }

  /** rename(2) with its replace rules; across mounts it is EXDEV (mv then copies). */
  rename(from: string, to: string, now: number): void {
    const src = this.existing(from, false);
    const dst = this.resolve(to, false);
    if (src.mount !== dst.mount || this.mounts.isMountPoint(src.abs) || this.mounts.isMountPoint(dst.abs)) {
      throw new FsError(src.mount !== dst.mount ? 'EXDEV' : 'EBUSY', from);
    }
    if (sameOrInside(dst.abs, src.abs)) {
      if (dst.abs.length === src.abs.length) return; // rename onto itself: nothing to do
      throw new FsError('EINVAL', to);
    }
    if (dst.node) {
      if (src.node.kind === 'dir' && dst.node.kind !== 'dir') throw new FsError('ENOTDIR', to);
      if (src.node.kind !== 'dir' && dst.node.kind === 'dir') throw new FsError('EISDIR', to);
      if (dst.node.kind === 'dir' && this.readdir(joinPath(dst.abs)).length > 0) throw new FsError('ENOTEMPTY', to);
    }
    this.writable(src, from);
    this.requireParentWritable(src, from);
    this.requireParentWritable(dst, to);
    if (dst.node) dst.mount.tree.remove(dst.rel);
    src.mount.tree.rename(src.rel, dst.rel, now);
  }

  // ---- path resolution ----------------------------------------------------------------------

  /**
   * Walk `path`. Intermediate symlinks are always followed; the last one only if `followLast`.
   * Throws ENOENT/ENOTDIR/ELOOP for a broken route; a missing *last* component is returned with
   * `node: undefined` so creating calls know where to create.
   */
  private resolve(path: string, followLast: boolean): Resolved {
    const r = this.walkCached(path, followLast);
    if (typeof r === 'string') throw new FsError(r, path);
    return r;
  }

  /** `walk`, remembered per mount table until some tree changes shape (see generation.ts). */
  private walkCached(path: string, followLast: boolean): Resolved | FsErrorCode {
    let cache = resolutionCaches.get(this.mounts);
    if (!cache) resolutionCaches.set(this.mounts, (cache = { generation: -1, entries: new Map() }));
    const generation = fsGeneration();
    if (cache.generation !== generation || cache.entries.size > MAX_CACHED_RESOLUTIONS) {
      cache.generation = generation;
      cache.entries.clear();
    }
    const key = `${followLast ? 'L' : 'N'}${isAbsolute(path) ? '' : this.cwd}\0${path}`;
    let r = cache.entries.get(key);
    if (r === undefined) {
      r = this.walk(path, followLast);
      cache.entries.set(key, r);
    }
    return r;
  }

  /** `resolve` reporting a broken route as its errno instead of throwing (PATH searches miss a lot). */
  private walk(path: string, followLast: boolean): Resolved | FsErrorCode {
    if (path === '') return 'ENOENT';
    const abs = isAbsolute(path) ? [] : splitPath(this.cwd);
    const pending = splitPath(path).reverse(); // a stack: pop() gives the next component
    const trailingSlash = path.endsWith('/');
    let links = 0;
    let here = this.lookup(abs);
    while (pending.length > 0) {
      const name = pending.pop()!;
      if (here.node?.kind !== 'dir') return here.node ? 'ENOTDIR' : 'ENOENT';
      if (name === '.') continue;
      if (name === '..') {
        abs.pop(); // physical parent: after a symlink this is the link target's parent
        here = this.lookup(abs);
        continue;
      }
      abs.push(name);
      here = this.lookup(abs);
      const last = pending.length === 0;
      if (here.node?.kind === 'symlink' && (!last || followLast || trailingSlash)) {
        if (++links > MAX_SYMLINKS) return 'ELOOP';
        const target = here.node.target;
        abs.pop();
        if (isAbsolute(target)) abs.length = 0;
        pending.push(...splitPath(target).reverse());
        here = this.lookup(abs);
        continue;
      }
      if (!last && here.node === undefined) return 'ENOENT';
    }
    if (trailingSlash && here.node && here.node.kind !== 'dir') return 'ENOTDIR';
    return here;
  }

  private existing(path: string, followLast: boolean): Resolved & { node: FsNode } {
    const r = this.resolve(path, followLast);
    if (!r.node) throw new FsError('ENOENT', path);
    return r as Resolved & { node: FsNode };
  }

  private lookup(abs: string[]): Resolved {
    const { mount, rel } = this.mounts.find(abs);
    return { abs: [...abs], mount, rel, node: mount.tree.get(rel) };
  }

  // ---- checks ------------------------------------------------------------------------------

  private createDir(r: Resolved, path: string, mode: number, now: number): void {
    this.writable(r, path);
    this.requireParentWritable(r, path);
    r.mount.tree.mkdir(r.rel, mode, now);
    this.chown(r);
  }

  private removeEntry(r: Resolved, path: string): void {
    if (r.abs.length === 0 || this.mounts.isMountPoint(r.abs)) throw new FsError('EBUSY', path);
    this.writable(r, path);
    this.requireParentWritable(r, path);
    r.mount.tree.remove(r.rel);
  }

  private writable(r: Resolved, path: string): void {
    if (r.mount.readOnly) throw new FsError('EROFS', path);
  }

  private requireParentWritable(r: Resolved, path: string): void {
    const parent = this.lookup(r.abs.slice(0, -1));
    if (parent.node) this.require(parent.node.meta, W, path);
  }

  /** Owner bits if we own it, else group bits if our group, else other bits; root skips the check. */
  private require(meta: NodeMeta, want: number, path: string): void {
    if (this.cred.uid === 0) return;
    const shift = meta.uid === this.cred.uid ? 6 : meta.gid === this.cred.gid ? 3 : 0;
    if (((meta.mode >> shift) & want) !== want) throw new FsError('EACCES' satisfies FsErrorCode, path);
  }

  /** New files belong to the process that made them. */
  private chown(r: Resolved): void {
    if (this.cred.uid !== 0 || this.cred.gid !== 0) r.mount.tree.setMeta(r.rel, { uid: this.cred.uid, gid: this.cred.gid });
  }
}

function toStat(node: FsNode): FileStat {
  const { mode, uid, gid, mtime } = node.meta;
  return { type: node.kind, size: nodeSize(node), mode, uid, gid, mtime };
}

/** `ls` in the C locale sorts by bytes; code-unit order matches that for ASCII names. */
const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function sameOrInside(path: readonly string[], dir: readonly string[]): boolean {
  return path.length >= dir.length && dir.every((c, i) => path[i] === c);
}
