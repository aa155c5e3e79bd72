/**
 * A container's root filesystem: a shared, read-only image layer under a private writable layer,
 * the way containerd's overlayfs snapshotter builds it.
 *
 * - Reads look in the writable layer first, then in the image.
 * - The first write to an image file copies it up (cheap: contents are shared strings).
 * - Deleting something that exists in the image leaves a WHITEOUT that hides it.
 * - A directory created in the writable layer is opaque: the image's same-named dir stays hidden.
 *
 * A restarted container gets a new LayeredTree over the same image: every write and whiteout is
 * gone and a deleted index.html is back — the liveness-probe lesson.
 *
 * With an empty image layer this is simply a writable tree, which is what an emptyDir is.
 */
import type { ImageLayer } from './image-layer';
import {
  DEFAULT_FILE_MODE,
  SYMLINK_MODE,
  WHITEOUT,
  newDir,
  type DirNode,
  type FsNode,
  type NodeMeta,
  type Whiteout,
} from './nodes';
import { bumpFsGeneration } from './generation';
import type { Rel, Tree } from './tree';

interface Located {
  /** The node in the writable layer, if any. */
  upper: FsNode | undefined;
  /** The image's node, only if it shows through (not whited out, not under an opaque dir). */
  lower: FsNode | undefined;
}

export class LayeredTree implements Tree {
  /** Created on the first write, so a container that never writes costs one small object. */
  private upperRoot: DirNode | undefined;

  constructor(readonly image: ImageLayer) {}

  /** True when nothing has been written: handy for tests and memory accounting. */
  get pristine(): boolean {
    return this.upperRoot === undefined;
  }

  get(rel: Rel): FsNode | undefined {
    const { upper, lower } = this.locate(rel);
    return upper ?? lower;
  }

  list(rel: Rel): string[] {
    const { upper, lower } = this.locate(rel);
    const names = new Set<string>();
    if (upper?.kind === 'dir') {
      for (const [name, entry] of upper.entries) if (entry !== WHITEOUT) names.add(name);
    }
    if (lower?.kind === 'dir') {
      // Whiteouts in the upper dir hide lower names; locate() already dropped `lower` if opaque.
      const upperEntries = upper?.kind === 'dir' ? upper.entries : undefined;
      for (const name of lower.entries.keys()) if (!upperEntries?.has(name)) names.add(name);
    }
    return [...names];
  }

  writeFile(rel: Rel, data: string, now: number): void {
    bumpFsGeneration();
    const { parent, name } = this.upperParent(rel);
    const existing = this.locate(rel);
    if (existing.upper?.kind === 'file') {
      existing.upper.data = data;
      existing.upper.meta.mtime = now;
      return;
    }
    const meta = existing.lower ? { ...existing.lower.meta, mtime: now } : owned(DEFAULT_FILE_MODE, now);
    parent.entries.set(name, { kind: 'file', data, meta });
  }

  mkdir(rel: Rel, mode: number, now: number): void {
    bumpFsGeneration();
    const { parent, name } = this.upperParent(rel);
    parent.entries.set(name, newDir(owned(mode, now), true));
  }

  symlink(rel: Rel, target: string, now: number): void {
    bumpFsGeneration();
    const { parent, name } = this.upperParent(rel);
    parent.entries.set(name, { kind: 'symlink', target, meta: owned(SYMLINK_MODE, now) });
  }

  remove(rel: Rel): void {
    bumpFsGeneration();
    const { parent, name } = this.upperParent(rel);
    if (this.locate(rel).lower !== undefined) parent.entries.set(name, WHITEOUT);
    else parent.entries.delete(name);
  }

  rename(from: Rel, to: Rel, now: number): void {
    bumpFsGeneration();
    // Real overlayfs answers EXDEV for image directories and lets `mv` copy; copying the merged
    // view into the writable layer gives the same visible result in one step.
    const moved = this.materialize(this.get(from)!, from);
    this.remove(from);
    const { parent, name } = this.upperParent(to);
    parent.entries.set(name, moved);
    this.upperParent(from).parent.meta.mtime = now;
    parent.meta.mtime = now;
  }

  setMeta(rel: Rel, patch: Partial<NodeMeta>): void {
    bumpFsGeneration();
    const node = rel.length === 0 ? this.upperDirAt(rel) : this.copyUp(rel);
    Object.assign(node.meta, patch);
  }

  /** Walk both layers side by side, applying whiteouts and opaque directories. */
  private locate(rel: Rel): Located {
    let upper: FsNode | undefined = this.upperRoot;
    let lower: FsNode | undefined = this.image.root;
    for (const name of rel) {
      const upperEntry: FsNode | Whiteout | undefined = upper?.kind === 'dir' ? upper.entries.get(name) : undefined;
      if (upperEntry?.kind === 'whiteout') return { upper: undefined, lower: undefined };
      const lowerHidden = upper !== undefined && (upper.kind !== 'dir' || upper.opaque);
      let lowerEntry: FsNode | undefined = !lowerHidden && lower?.kind === 'dir' ? asNode(lower.entries.get(name)) : undefined;
      // An upper file or symlink shadows whatever the image has; an upper dir only merges with a dir.
      // An opaque dir shows nothing of the image's same-named dir.
      if (
        upperEntry !== undefined &&
        (upperEntry.kind !== 'dir' || upperEntry.opaque || lowerEntry?.kind !== 'dir')
      ) {
        lowerEntry = undefined;
      }
      upper = upperEntry;
      lower = lowerEntry;
    }
    return { upper, lower };
  }

  /** The writable-layer directory holding `rel`'s last component, copying parents up as needed. */
  private upperParent(rel: Rel): { parent: DirNode; name: string } {
    return { parent: this.upperDirAt(rel.slice(0, -1)), name: rel[rel.length - 1]! };
  }

  /** Ensure `rel` (a visible directory) exists in the writable layer; returns it. */
  private upperDirAt(rel: Rel): DirNode {
    const node = this.copyUp(rel);
    if (node.kind !== 'dir') throw new Error(`layered tree: /${rel.join('/')} is not a directory`);
    return node;
  }

  /**
   * Copy-up: give `rel` a node of its own in the writable layer. Directories are copied without
   * their entries (the image's entries keep showing through); files share the content string.
   */
  private copyUp(rel: Rel): FsNode {
    this.upperRoot ??= newDir({ ...this.image.root.meta });
    let dir = this.upperRoot;
    let lowerDir: FsNode | undefined = dir.opaque ? undefined : this.image.root;
    for (let i = 0; i < rel.length; i++) {
      const name = rel[i]!;
      const entry = dir.entries.get(name);
      const lowerEntry: FsNode | Whiteout | undefined = lowerDir?.kind === 'dir' ? lowerDir.entries.get(name) : undefined;
      let node: FsNode;
      if (entry !== undefined && entry.kind !== 'whiteout') {
        node = entry;
      } else {
        if (lowerEntry === undefined || lowerEntry.kind === 'whiteout') {
          throw new Error(`layered tree: copy-up of missing /${rel.join('/')}`);
        }
        node = shallowCopy(lowerEntry);
        dir.entries.set(name, node);
      }
      if (i === rel.length - 1) return node;
      if (node.kind !== 'dir') throw new Error(`layered tree: /${rel.join('/')}: not a directory`);
      lowerDir = node.opaque || lowerEntry?.kind !== 'dir' ? undefined : lowerEntry;
      dir = node;
    }
    return dir;
  }

  /** A fresh, writable-layer-owned copy of the merged view at `rel` (used by rename). */
  private materialize(node: FsNode, rel: Rel): FsNode {
    if (node.kind !== 'dir') return shallowCopy(node);
    const copy = newDir({ ...node.meta }, true);
    for (const name of this.list(rel)) {
      const childRel = [...rel, name];
      copy.entries.set(name, this.materialize(this.get(childRel)!, childRel));
    }
    return copy;
  }
}

/** Image layers hold no whiteouts; this narrows the type without a cast. */
const asNode = (entry: FsNode | Whiteout | undefined): FsNode | undefined =>
  entry?.kind === 'whiteout' ? undefined : entry;

const owned = (mode: number, mtime: number): NodeMeta => ({ mode, uid: 0, gid: 0, mtime });

function shallowCopy(node: FsNode): FsNode {
  const meta = { ...node.meta };
  switch (node.kind) {
    case 'file':
      return { kind: 'file', data: node.data, meta };
    case 'symlink':
      return { kind: 'symlink', target: node.target, meta };
    case 'dir':
      return newDir(meta);
  }
}
