/**
 * A view of part of a volume, for `volumeMounts[].subPath`: the container sees `<volume>/<subPath>`
 * at its mountPath. If subPath names a file, the mount is that single file.
 */
import type { FsNode, NodeMeta } from './nodes';
import type { Rel, Tree } from './tree';

export class Subtree implements Tree {
  constructor(
    private readonly inner: Tree,
    private readonly prefix: Rel,
  ) {}

  private at(rel: Rel): Rel {
    return [...this.prefix, ...rel];
  }
  get(rel: Rel): FsNode | undefined {
    return this.inner.get(this.at(rel));
  }
  list(rel: Rel): string[] {
    return this.inner.list(this.at(rel));
  }
  writeFile(rel: Rel, data: string, now: number): void {
    this.inner.writeFile(this.at(rel), data, now);
  }
  mkdir(rel: Rel, mode: number, now: number): void {
    this.inner.mkdir(this.at(rel), mode, now);
  }
  symlink(rel: Rel, target: string, now: number): void {
    this.inner.symlink(this.at(rel), target, now);
  }
  remove(rel: Rel): void {
    this.inner.remove(this.at(rel));
  }
  rename(from: Rel, to: Rel, now: number): void {
    this.inner.rename(this.at(from), this.at(to), now);
  }
  setMeta(rel: Rel, patch: Partial<NodeMeta>): void {
    this.inner.setMeta(this.at(rel), patch);
  }
}
