/**
 * Assembling what one container sees: a fresh writable layer over its image at `/`, then the pod's
 * volumes at their mountPaths. The kubelet keeps the volume trees per pod (an emptyDir lives as long
 * as the pod), and calls this again on every container (re)start — which is exactly why files
 * written outside volumes vanish on restart while emptyDir contents survive.
 */
import { buildImageLayer, emptyLayer, type ImageLayer, type LayerSpec } from './image-layer';
import { FileVolume } from './file-volume';
import { LayeredTree } from './layered-tree';
import { MountTable, type MountRequest } from './mount-table';
import { normalizeComponents } from './path';
import { Subtree } from './subtree';
import type { Tree } from './tree';
import { Vfs, type Credentials } from './vfs';

/** An emptyDir: writable, shared by every container of the pod that mounts it. */
export const emptyDirVolume = (now = 0): Tree => new LayeredTree(emptyLayer(now));

/** configMap / secret / projected contents (key → file). Always mounted read-only. */
export const readOnlyVolume = (files: LayerSpec, now = 0): Tree =>
  new LayeredTree(buildImageLayer(files, { mtime: now }));

/** One kubelet-written file such as /etc/hosts. */
export const fileVolume = (content: string, now = 0): Tree => new FileVolume(content, { mtime: now });

export interface VolumeMount {
  mountPath: string;
  volume: Tree;
  readOnly?: boolean;
  subPath?: string;
}

export interface ContainerFsOptions {
  image: ImageLayer;
  mounts?: readonly VolumeMount[];
  cwd?: string;
  cred?: Credentials;
  /** Used when a writable volume's subPath directory has to be created. */
  now?: number;
}

export function createContainerFs(options: ContainerFsOptions): Vfs {
  const requests: MountRequest[] = (options.mounts ?? []).map((m) => ({
    path: m.mountPath,
    tree: m.subPath ? subPathOf(m.volume, m.subPath, !m.readOnly, options.now ?? 0) : m.volume,
    readOnly: m.readOnly ?? false,
  }));
  const rootfs = new LayeredTree(options.image);
  for (const request of requests) createMountPointParents(rootfs, request.path, options.now ?? 0);
  const table = new MountTable(rootfs, requests);
  return new Vfs(table, '/', options.cred).at(options.cwd ?? '/');
}

/**
 * Like runc, create the directories leading to a mount point that the image lacks (busybox has no
 * /var/run, yet the service-account token is mounted at /var/run/secrets/kubernetes.io/…).
 */
function createMountPointParents(rootfs: LayeredTree, mountPath: string, now: number): void {
  const components = normalizeComponents(mountPath);
  for (let i = 1; i < components.length; i++) {
    const rel = components.slice(0, i);
    const node = rootfs.get(rel);
    if (node === undefined) rootfs.mkdir(rel, 0o755, now);
    else if (node.kind !== 'dir') return;
  }
}

/** Like the kubelet, create a missing subPath directory in a writable volume. */
function subPathOf(volume: Tree, subPath: string, writable: boolean, now: number): Tree {
  const prefix = normalizeComponents(subPath);
  if (writable) {
    for (let i = 1; i <= prefix.length; i++) {
      const rel = prefix.slice(0, i);
      if (volume.get(rel) === undefined) volume.mkdir(rel, 0o777, now);
    }
  }
  return new Subtree(volume, prefix);
}
