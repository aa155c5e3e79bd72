/** What the page says about the cluster's persistence: one notice at a time, until dismissed. */
import { create } from 'zustand';
import type { SnapshotProblem } from '../../engine/cluster/snapshot-validate';
import type { PageStateProblem } from './page-state';

/** Why an imported file was refused; worded in the page's language when shown (problem-text.ts). */
export type ImportProblem = SnapshotProblem | PageStateProblem | { code: 'not-json' };

export type PersistNotice =
  /** Restored from the saved cluster (savedAt: wall ms, if known). */
  | { kind: 'restored'; savedAt: number | undefined }
  /** The saved cluster could not be read; a fresh one runs. */
  | { kind: 'unreadable'; problem: SnapshotProblem }
  /** The worker crashed and was started again from the last snapshot (or fresh, if there was none). */
  | { kind: 'crashed'; fromSnapshot: boolean }
  | { kind: 'reset' }
  | { kind: 'imported'; name: string }
  /** An import refused: the running cluster is untouched. */
  | { kind: 'import-failed'; name: string; problem: ImportProblem };

export const usePersistNotice = create<{ notice: PersistNotice | undefined }>(() => ({ notice: undefined }));

export const showPersistNotice = (notice: PersistNotice | undefined): void => usePersistNotice.setState({ notice });
