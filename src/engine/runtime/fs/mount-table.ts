/**
 * Which tree answers for which path. A container has its rootfs at `/` plus one mount per
 * volumeMount and kubelet-managed file; the longest mount path that prefixes a path wins, so
 * `/usr/share/nginx/html` (an emptyDir) beats `/` (the image) for `/usr/share/nginx/html/index.html`.
 */
import { normalizeComponents } from './path';
import type { Tree } from './tree';

export interface Mount {
  /** Mount point as components: [] is `/`. */
  readonly at: readonly string[];
  readonly tree: Tree;
  /** `readOnly: true`, or a configMap/secret/projected volume: every write is EROFS. */
  readonly readOnly: boolean;
}

export interface MountRequest {
  path: string;
  tree: Tree;
  readOnly?: boolean;
}

export class MountTable {
  /** Sorted deepest first, so the first prefix match is the longest. */
  private readonly mounts: readonly Mount[];

  constructor(rootfs: Tree, requests: readonly MountRequest[] = [], rootReadOnly = false) {
    const mounts: Mount[] = [{ at: [], tree: rootfs, readOnly: rootReadOnly }];
    for (const r of requests) {
      const at = normalizeComponents(r.path);
      // A later mount at the same path shadows an earlier one, as with mount(8).
      const same = mounts.findIndex((m) => sameComponents(m.at, at));
      const mount = { at, tree: r.tree, readOnly: r.readOnly ?? false };
      if (same >= 0) mounts[same] = mount;
      else mounts.push(mount);
    }
    this.mounts = mounts.sort((a, b) => b.at.length - a.at.length);
  }

  /** The mount serving `abs` and the path relative to that mount's root. */
  find(abs: readonly string[]): { mount: Mount; rel: readonly string[] } {
    for (const mount of this.mounts) {
      if (isPrefix(mount.at, abs)) return { mount, rel: abs.slice(mount.at.length) };
    }
    throw new Error('mount table has no root mount'); // unreachable: `/` prefixes everything
  }

  isMountPoint(abs: readonly string[]): boolean {
    return abs.length > 0 && this.mounts.some((m) => sameComponents(m.at, abs));
  }

  /** Names of mount points directly inside `dir`, so `ls /etc` shows `hosts` even if the image lacks it. */
  mountPointsIn(dir: readonly string[]): string[] {
    return this.mounts
      .filter((m) => m.at.length === dir.length + 1 && isPrefix(dir, m.at))
      .map((m) => m.at[dir.length]!);
  }
}

function isPrefix(prefix: readonly string[], path: readonly string[]): boolean {
  if (prefix.length > path.length) return false;
  for (let i = 0; i < prefix.length; i++) if (prefix[i] !== path[i]) return false;
  return true;
}

const sameComponents = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && isPrefix(a, b);
