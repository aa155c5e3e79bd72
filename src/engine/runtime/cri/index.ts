/** The container runtime below the CRI: containerd, its image store, sandboxes and containers. */
export * from './types';
export { Containerd, type ContainerdOptions } from './containerd';
export { MAX_LOG_LINES } from './container-log';
export type { CriListener, CriMethod, CriRequest } from './observe';
