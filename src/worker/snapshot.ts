/**
 * The worker's side of persistence: start a cluster from a saved snapshot (or fresh, saying why
 * the saved one could not be used), and take snapshots for the page only when something changed.
 */
import { Cluster, type ClusterOptions } from '../engine/cluster/cluster';
import { restoreCluster, takeSnapshot, type ClusterSnapshot } from '../engine/cluster/snapshot';
import { validateSnapshot, type SnapshotProblem } from '../engine/cluster/snapshot-validate';
import type { Kernel } from '../engine/runtime/process';
import { HISTORY_SAVERS, HistorySavers } from '../userland/shell/history-file';
import { unpackSnapshot } from './packed-snapshot';

export type Started =
  | { cluster: Cluster; restored: false; unreadable?: SnapshotProblem }
  | { cluster: Cluster; restored: true };

/** A cluster from `saved` (packed, or as an object) if it is a valid snapshot, else a fresh one and why (undefined when nothing was saved). */
export function startCluster(fresh: Pick<ClusterOptions, 'seed' | 'workers' | 'epochMs'>, saved: unknown): Started {
  const started = start(fresh, saved);
  historySavers(started.cluster.kernel);
  return started;
}

function start(fresh: Pick<ClusterOptions, 'seed' | 'workers' | 'epochMs'>, saved: unknown): Started {
  if (saved === undefined) return { cluster: Cluster.create(fresh), restored: false };
  const validated = validateSnapshot(unpackSnapshot(saved));
  if (!validated.ok) return { cluster: Cluster.create(fresh), restored: false, unreadable: validated.problem };
  return { cluster: restoreCluster(validated.snapshot), restored: true };
}

/** The terminals' shells register here, so that a snapshot can have them save their history first. */
function historySavers(kernel: Kernel): HistorySavers {
  let savers = kernel.facilities.get(HISTORY_SAVERS) as HistorySavers | undefined;
  if (!savers) kernel.provide(HISTORY_SAVERS, (savers = new HistorySavers()));
  return savers;
}

/**
 * Snapshots for the page's autosave: a new one only when the store's version moved or the page
 * sent something (keys typed, a file saved) since the last one. A page reload ends no shell, so
 * before each snapshot every terminal's bash writes its new history lines to ~/.bash_history, as
 * a clean shutdown would have it do: the next login reads them back.
 */
export class SnapshotTaker {
  private lastKey: string | undefined;

  take(cluster: Cluster, pageMessages: number, onlyIfChanged: boolean): ClusterSnapshot | undefined {
    const key = `${cluster.api.store.resourceVersion}/${pageMessages}`;
    if (onlyIfChanged && key === this.lastKey) return undefined;
    this.lastKey = key;
    historySavers(cluster.kernel).saveAll();
    return takeSnapshot(cluster);
  }
}
