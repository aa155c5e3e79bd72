/**
 * The rollout staircase, as numbers and shapes: one column per step of the recorded history (a
 * moment when some ReplicaSet's counts or the Deployment's spec changed), each column a stack of the
 * ReplicaSets' pods — the available ones at the bottom, the not-yet-available ones above — with the
 * two bounds a RollingUpdate keeps: at most replicas + maxSurge pods, at least replicas −
 * maxUnavailable available. The bounds come from the deployment controller's own functions.
 */
import type { Deployment } from 'kubernetes-types/apps/v1';
import { maxSurge, maxUnavailable } from '../../../engine/controllers/deployment/rolling';
import type { CountSample, DeploymentHistory, ReplicaSetHistory, SpecSample } from '../history';

/** Older ReplicaSets than the newest few are dropped once they have no pods left. */
export const KEPT_REVISIONS = 3;

export interface Bounds {
  replicas: number;
  surge: number;
  unavailable: number;
  /** replicas + surge: the most pods the rollout may have at once. */
  maxPods: number;
  /** replicas − unavailable: the fewest available pods it may drop to. */
  minAvailable: number;
}

/**
 * The bounds for a Deployment spec, resolved exactly as the controller resolves them (percentages:
 * surge up, unavailable down); undefined for Recreate, which has none (it stops all old pods first).
 */
export function boundsOf(spec: Omit<SpecSample, 'at'>): Bounds | undefined {
  if (spec.strategy !== 'RollingUpdate') return undefined;
  const rollingUpdate = { maxSurge: spec.maxSurge || undefined, maxUnavailable: spec.maxUnavailable || undefined };
  const d: Deployment = { spec: { replicas: spec.replicas, selector: {}, template: {}, strategy: { type: spec.strategy, rollingUpdate } } };
  const surge = maxSurge(d);
  const unavailable = maxUnavailable(d);
  return { replicas: spec.replicas, surge, unavailable, maxPods: spec.replicas + surge, minAvailable: spec.replicas - unavailable };
}

const revisionNumber = (rs: ReplicaSetHistory): number => Number(rs.revision) || 0;

/** The ReplicaSets worth drawing for a Deployment, oldest revision first: the newest few, and any older one still holding pods. */
export function keptReplicaSets(deploymentUid: string, all: Iterable<ReplicaSetHistory>): ReplicaSetHistory[] {
  const own = [...all].filter((rs) => rs.deployment === deploymentUid).sort((a, b) => revisionNumber(a) - revisionNumber(b));
  return own.filter((rs, i) => i >= own.length - KEPT_REVISIONS || (rs.samples.at(-1)?.current ?? 0) > 0);
}

export interface Segment {
  uid: string;
  revision: string;
  current: number;
  available: number;
}

export interface Column {
  at: number;
  /** One per kept ReplicaSet that exists at `at`, oldest revision first. */
  segments: Segment[];
  total: number;
  available: number;
  bounds?: Bounds;
}

/** The sample in force at `at` (the last one at or before it). */
function sampleAt<T extends { at: number }>(samples: readonly T[], at: number): T | undefined {
  let found: T | undefined;
  for (const s of samples) {
    if (s.at > at) break;
    found = s;
  }
  return found;
}

const sameCounts = (a: Column, b: Column): boolean =>
  JSON.stringify([a.segments, a.bounds]) === JSON.stringify([b.segments, b.bounds]);

/** The steps of the rollout: a column per moment something changed, the last `maxColumns` of them. */
export function rolloutColumns(deployment: DeploymentHistory, replicaSets: readonly ReplicaSetHistory[], maxColumns: number): Column[] {
  const moments = new Set<number>(deployment.specs.map((s) => s.at));
  for (const rs of replicaSets) for (const s of rs.samples) moments.add(s.at);
  const columns: Column[] = [];
  for (const at of [...moments].sort((a, b) => a - b)) {
    const spec = sampleAt(deployment.specs, at) ?? deployment.specs[0];
    if (!spec) break;
    const segments = replicaSets.flatMap((rs) => {
      const s: CountSample | undefined = sampleAt(rs.samples, at);
      return s ? [{ uid: rs.uid, revision: rs.revision, current: s.current, available: s.available }] : [];
    });
    const column: Column = {
      at,
      segments,
      total: segments.reduce((n, s) => n + s.current, 0),
      available: segments.reduce((n, s) => n + s.available, 0),
      bounds: boundsOf(spec),
    };
    const last = columns.at(-1);
    if (last && sameCounts(last, column)) continue;
    columns.push(column);
  }
  return columns.slice(-maxColumns);
}

export interface Block {
  uid: string;
  revision: string;
  /** Available pods (drawn solid) or pods not available yet (drawn light). */
  available: boolean;
  count: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Chart {
  /** The count at the top of the chart. */
  top: number;
  /** The y of a count (0 at the bottom). */
  yOf: (count: number) => number;
  columns: { x: number; width: number; at: number; blocks: Block[] }[];
  /** Step lines across the columns: the most pods allowed, the fewest available allowed. */
  maxPods: string;
  minAvailable: string;
}

export interface Frame {
  width: number;
  height: number;
  /** Room above the plot, so the top tick's label is not cut. */
  top: number;
  /** Room on the left for the count axis and at the bottom for the times. */
  left: number;
  bottom: number;
}

/**
 * Columns into shapes. In each column the available pods of every ReplicaSet are stacked first, so
 * the solid part's top is the available total (to read against the lower bound) and the whole
 * stack's top is the pod total (to read against the upper bound).
 */
export function chart(columns: readonly Column[], frame: Frame): Chart {
  const top = Math.max(1, ...columns.flatMap((c) => [c.total, c.bounds?.maxPods ?? 0])) + 1;
  const plotHeight = frame.height - frame.bottom - frame.top;
  const yOf = (count: number) => frame.top + plotHeight - (count / top) * plotHeight;
  const step = (frame.width - frame.left) / Math.max(1, columns.length);
  const width = step * 0.7;
  const placed = columns.map((column, i) => {
    const x = frame.left + i * step + (step - width) / 2;
    let stacked = 0;
    const blocks: Block[] = [];
    for (const available of [true, false]) {
      for (const s of column.segments) {
        const count = available ? s.available : Math.max(0, s.current - s.available);
        if (count === 0) continue;
        blocks.push({ uid: s.uid, revision: s.revision, available, count, x, y: yOf(stacked + count), width, height: yOf(stacked) - yOf(stacked + count) });
        stacked += count;
      }
    }
    return { x, width, at: column.at, blocks };
  });
  // A step line: level across each column, a vertical step between columns, a gap where there is no bound (Recreate).
  const line = (value: (b: Bounds) => number) =>
    columns
      .map((c, i) => {
        if (!c.bounds) return '';
        const x = frame.left + i * step;
        const y = yOf(value(c.bounds));
        return `${i > 0 && columns[i - 1]!.bounds ? `L${x},${y}` : `M${x},${y}`} H${x + step}`;
      })
      .filter(Boolean)
      .join(' ');
  return { top, yOf, columns: placed, maxPods: line((b) => b.maxPods), minAvailable: line((b) => b.minAvailable) };
}

/** Where a Deployment's rollout stands, from its status (what `kubectl rollout status` waits on). */
export type Progress =
  | { state: 'updating'; updated: number; replicas: number }
  | { state: 'terminating'; old: number }
  | { state: 'waiting'; available: number; updated: number }
  | { state: 'complete'; replicas: number };

export function progressOf(d: { replicas: number; current: number; updated: number; available: number }): Progress {
  if (d.updated < d.replicas) return { state: 'updating', updated: d.updated, replicas: d.replicas };
  if (d.current > d.updated) return { state: 'terminating', old: d.current - d.updated };
  if (d.available < d.updated) return { state: 'waiting', available: d.available, updated: d.updated };
  return { state: 'complete', replicas: d.replicas };
}
