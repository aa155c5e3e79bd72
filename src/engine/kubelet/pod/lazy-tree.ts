/**
 * A volume whose contents are only built when a program first looks at it. Ten thousand pods
 * each carry a service-account token, a CA bundle and an /etc/hosts that almost nobody reads:
 * building them on demand keeps the idle cluster small, and reads see exactly the same files.
 */
import type { Rel, Tree } from '../../runtime/fs';
import type { FsNode, NodeMeta } from '../../runtime/fs/nodes';

export class LazyTree implements Tree {
  private tree: Tree | undefined;
  private build: (() => Tree) | undefined;

  constructor(build: () => Tree) {
    this.build = build;
  }

  private get real(): Tree {
    if (!this.tree) {
      this.tree = this.build!();
      this.build = undefined;
    }
    return this.tree;
  }

  get(rel: Rel): FsNode | undefined {
    return this.real.get(rel);
  }
  list(rel: Rel): string[] {
    return this.real.list(rel);
  }
  writeFile(rel: Rel, data: string, now: number): void {
    this.real.writeFile(rel, data, now);
  }
  mkdir(rel: Rel, mode: number, now: number): void {
    this.real.mkdir(rel, mode, now);
  }
  symlink(rel: Rel, target: string, now: number): void {
    this.real.symlink(rel, target, now);
  }
  remove(rel: Rel): void {
    this.real.remove(rel);
  }
  rename(from: Rel, to: Rel, now: number): void {
    this.real.rename(from, to, now);
  }
  setMeta(rel: Rel, patch: Partial<NodeMeta>): void {
    this.real.setMeta(rel, patch);
  }
}
