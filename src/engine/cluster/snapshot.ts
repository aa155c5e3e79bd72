/**
 * A cluster saved as plain JSON, and brought back. Running processes cannot be frozen, so a
 * snapshot keeps what a real cluster keeps on disk through a power cut: etcd (every stored object,
 * with its uid, timestamps and resourceVersion), each node's root filesystem changes and its image
 * cache. Restoring is a reboot of every node at once: the control plane answers from the stored
 * objects, and each kubelet finds its pods and starts their containers again.
 *
 * A snapshot may come from a file a learner picked, so `validateSnapshot` (snapshot-validate.ts)
 * checks every part and says what is wrong before anything is built from it.
 */
import type { KubeObject } from '../api/types';
import { Cluster, type ClusterOptions } from './cluster';
import { captureDisk, type SavedDisk } from './snapshot-files';

export const SNAPSHOT_FORMAT = 'kubeplay-snapshot';
export const SNAPSHOT_VERSION = 1;

export interface SnapshotObject {
  /** The resource it is stored under: '' and `pods`, `apps` and `deployments`. */
  group: string;
  plural: string;
  object: KubeObject;
}

export interface SnapshotNode {
  name: string;
  /** The images in its containerd (normalised references): a reboot does not pull them again. */
  images: string[];
  disk: SavedDisk;
}

export interface ClusterSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: number;
  seed: number;
  /** Worker nodes beside master01 (the default layout). */
  workers: number;
  /** The wall-clock instant simulated time 0 stands for. */
  epochMs: number;
  /** Simulated time when it was taken: the restored clock goes on from here. */
  simTimeMs: number;
  /** The store's last resourceVersion: the restored store continues after it. */
  resourceVersion: number;
  objects: SnapshotObject[];
  nodes: SnapshotNode[];
}

export function takeSnapshot(cluster: Cluster): ClusterSnapshot {
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    seed: cluster.seed,
    workers: cluster.nodes.length - 1,
    epochMs: cluster.clock.epochMs,
    simTimeMs: cluster.clock.now(),
    resourceVersion: cluster.api.store.resourceVersion,
    objects: cluster.api.store.dump().map(({ resource, object }) => ({ group: resource.group, plural: resource.plural, object })),
    nodes: cluster.nodes.map(({ name }) => {
      const machine = cluster.machines.get(name)!;
      return { name, images: machine.containerd.images.listImages().map((image) => image.ref), disk: captureDisk(machine.host.fs) };
    }),
  };
}

/** A new cluster from a (validated) snapshot: every node boots at once, as after a power cut. */
export function restoreCluster(snapshot: ClusterSnapshot, options: Pick<ClusterOptions, 'settleMs' | 'timing'> = {}): Cluster {
  return Cluster.create({ ...options, seed: snapshot.seed, workers: snapshot.workers, epochMs: snapshot.epochMs, restore: snapshot });
}
