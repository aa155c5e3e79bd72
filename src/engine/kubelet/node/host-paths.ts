/**
 * hostPath volumes are the node's own files: a pod that writes to its hostPath mount writes to the
 * machine's filesystem, where `ls` on the node (and every other pod mounting the same path) sees
 * it — how flannel's init container installs the CNI config into /etc/cni/net.d.
 */
import { Subtree, type Tree, type Vfs } from '../../runtime/fs';
import { splitPath } from '../../runtime/fs/path';

/**
 * The node's directory (or, for `File`/`FileOrCreate`, file) at `path` as a volume tree. A missing
 * directory is created, as containerd creates a bind mount's missing source; a missing file is
 * created empty, as the kubelet does for `FileOrCreate`.
 */
export function hostPathTree(fs: Vfs, path: string, file: boolean, now: number): Tree {
  if (!fs.exists(path)) {
    if (file) {
      fs.mkdir(path.replace(/\/[^/]*$/, '') || '/', now, { parents: true });
      fs.writeFile(path, '', now);
    } else {
      fs.mkdir(path, now, { parents: true });
    }
  }
  const { mount, rel } = fs.mounts.find(splitPath(fs.realpath(path)));
  return new Subtree(mount.tree, [...rel]);
}
