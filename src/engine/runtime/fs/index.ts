/** The simulated container filesystem: image layers, writable layers, volumes, mounts, and the Vfs API. */
export { ERRNO_TEXT, FsError, isFsError, type FsErrorCode } from './errors';
export { buildImageLayer, emptyLayer, type ImageLayer, type LayerEntry, type LayerSpec } from './image-layer';
export { LayeredTree } from './layered-tree';
export { FileVolume } from './file-volume';
export { Subtree } from './subtree';
export { MountTable, type Mount, type MountRequest } from './mount-table';
export type { Tree, Rel } from './tree';
export type { FileType } from './nodes';
export { Vfs, type Credentials, type FileStat } from './vfs';
export {
  createContainerFs,
  emptyDirVolume,
  fileVolume,
  readOnlyVolume,
  type ContainerFsOptions,
  type VolumeMount,
} from './container-fs';
