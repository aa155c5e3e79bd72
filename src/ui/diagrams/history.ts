/**
 * What the diagrams remember of the past: the projection (store.ts) only holds each object as it is
 * now, but a rollout is a staircase of counts and a pod's life is a run of container states. The
 * recorder keeps, per ReplicaSet, Deployment and Pod, a sample each time one of those facts changed,
 * stamped with the simulated time the worker saw the change, and the pods' events as marks.
 *
 * It listens from the page's start (tabs.ts starts it), so a rollout begun before the Rollout tab
 * was first opened is still drawn. The projection sends each object once a frame, as it is then:
 * states it passed through within one frame are not seen (while fast-forwarding a frame covers seconds).
 */
import { create } from 'zustand';
import { useCluster } from '../store';
import { changeKey, type ContainerView, type DeploymentView, type EventView, type ObjectView, type PodView, type ReplicaSetView, type ViewKind, type ViewMaps } from '../../worker/views';

/** A ReplicaSet's counts from `at` until the next sample. */
export interface CountSample {
  at: number;
  desired: number;
  current: number;
  ready: number;
  available: number;
}

export interface ReplicaSetHistory {
  uid: string;
  namespace: string;
  name: string;
  /** The owning Deployment's uid (`''` for a bare ReplicaSet). */
  deployment: string;
  /** Its revision now, and the ones it had before (`rollout undo` gives an old ReplicaSet a new revision). */
  revision: string;
  earlierRevisions: string[];
  images: string[];
  samples: CountSample[];
}

/** A Deployment's spec from `at` on: what the rollout's bounds are computed from. */
export interface SpecSample {
  at: number;
  replicas: number;
  strategy: string;
  maxSurge: string;
  maxUnavailable: string;
}

export interface DeploymentHistory {
  uid: string;
  namespace: string;
  name: string;
  specs: SpecSample[];
  changedAt: number;
}

/** A container's state from `at` until the next sample. */
export interface ContainerSample extends Pick<ContainerView, 'state' | 'reason' | 'ready' | 'restartCount' | 'exitCode' | 'lastExit'> {
  at: number;
}

/** An event about a pod, arrived at `at`; `times` is how many occurrences it stands for (a count that rose by 3 in one frame). */
export interface EventMark {
  at: number;
  reason: string;
  /** `Normal` or `Warning`. */
  type: string;
  message: string;
  /** `''`: about the pod as a whole (Scheduled). */
  container: string;
  times: number;
}

export interface PodHistory {
  uid: string;
  namespace: string;
  name: string;
  /** Container names in spec order (init containers first). */
  containers: string[];
  states: Readonly<Record<string, readonly ContainerSample[]>>;
  marks: EventMark[];
  changedAt: number;
  /** When the pod was deleted; undefined while it exists. */
  goneAt?: number;
}

export interface History {
  /** The simulated time of the last batch. */
  at: number;
  replicaSets: ReadonlyMap<string, ReplicaSetHistory>;
  deployments: ReadonlyMap<string, DeploymentHistory>;
  pods: ReadonlyMap<string, PodHistory>;
  /** Each event's count as last seen (key `namespace/name`), so a repeat adds a mark. */
  eventCounts: ReadonlyMap<string, number>;
  /** Uids of deleted pods, oldest first, kept for a while to still be looked at. */
  gonePods: readonly string[];
}

/** How much is kept: a long-running page must not grow without end. */
export const LIMITS = { samples: 400, marks: 300, gonePods: 30 };

export const emptyHistory = (): History => ({ at: 0, replicaSets: new Map(), deployments: new Map(), pods: new Map(), eventCounts: new Map(), gonePods: [] });

const keep = <T>(list: readonly T[], item: T, limit: number): T[] => [...list.slice(Math.max(0, list.length - limit + 1)), item];

function sameFields<T extends object>(a: T | undefined, b: T, fields: readonly (keyof T)[]): boolean {
  return a !== undefined && fields.every((f) => JSON.stringify(a[f]) === JSON.stringify(b[f]));
}

const COUNT_FIELDS = ['desired', 'current', 'ready', 'available'] as const;
const SPEC_FIELDS = ['replicas', 'strategy', 'maxSurge', 'maxUnavailable'] as const;
const STATE_FIELDS = ['state', 'reason', 'ready', 'restartCount', 'exitCode', 'lastExit'] as const;

function recordReplicaSet(h: Map<string, ReplicaSetHistory>, rs: ReplicaSetView, at: number): void {
  const before = h.get(rs.uid);
  const sample: CountSample = { at, desired: rs.desired, current: rs.current, ready: rs.ready, available: rs.available };
  const moved = !sameFields(before?.samples.at(-1), sample, COUNT_FIELDS);
  const renumbered = before !== undefined && before.revision !== rs.revision;
  if (before && !moved && !renumbered) return;
  h.set(rs.uid, {
    uid: rs.uid,
    namespace: rs.namespace,
    name: rs.name,
    deployment: rs.owner?.kind === 'Deployment' ? rs.owner.uid : '',
    revision: rs.revision,
    earlierRevisions: renumbered ? [...before.earlierRevisions, before.revision] : (before?.earlierRevisions ?? []),
    images: rs.images,
    samples: moved ? keep(before?.samples ?? [], sample, LIMITS.samples) : before!.samples,
  });
}

function recordDeployment(h: Map<string, DeploymentHistory>, d: DeploymentView, at: number): void {
  const before = h.get(d.uid);
  const spec: SpecSample = { at, replicas: d.replicas, strategy: d.strategy, maxSurge: d.maxSurge, maxUnavailable: d.maxUnavailable };
  const specs = sameFields(before?.specs.at(-1), spec, SPEC_FIELDS) ? before!.specs : keep(before?.specs ?? [], spec, LIMITS.samples);
  // Any status change counts as a change: it is how "the deployment that changed last" is found.
  h.set(d.uid, { uid: d.uid, namespace: d.namespace, name: d.name, specs, changedAt: at });
}

function recordPod(h: Map<string, PodHistory>, pod: PodView, at: number): void {
  const before: PodHistory = h.get(pod.uid) ?? { uid: pod.uid, namespace: pod.namespace, name: pod.name, containers: [], states: {}, marks: [], changedAt: at };
  let states = before.states;
  for (const c of pod.containers) {
    const sample: ContainerSample = { at, state: c.state, reason: c.reason, ready: c.ready, restartCount: c.restartCount, exitCode: c.exitCode, lastExit: c.lastExit };
    const list = states[c.name] ?? [];
    if (!sameFields(list.at(-1), sample, STATE_FIELDS)) states = { ...states, [c.name]: keep(list, sample, LIMITS.samples) };
  }
  const containers = pod.containers.map((c) => c.name);
  if (states === before.states && h.has(pod.uid) && containers.join() === before.containers.join()) return;
  h.set(pod.uid, { ...before, containers, states, changedAt: at });
}

function recordEvent(h: Map<string, PodHistory>, counts: Map<string, number>, event: EventView, at: number): void {
  const key = `${event.namespace}/${event.name}`;
  const times = event.count - (counts.get(key) ?? 0);
  counts.set(key, event.count);
  if (event.involved.kind !== 'Pod' || times <= 0) return;
  // Events of pods never seen (deleted before the page looked) have nowhere to go.
  const before = h.get(event.involved.uid);
  if (!before) return;
  const mark: EventMark = { at, reason: event.reason, type: event.type, message: event.message, container: event.container, times };
  h.set(before.uid, { ...before, marks: keep(before.marks, mark, LIMITS.marks), changedAt: at });
}

const RECORDED: readonly ViewKind[] = ['Deployment', 'ReplicaSet', 'Pod', 'Event'];

/**
 * The history with one batch recorded: `before` and `after` are the store's views around the
 * batch. The store keeps an untouched kind's map as the same map and a changed object's view as a
 * new object, so comparing them finds what the batch changed (a deleted view still has its uid in
 * `before`). Each change is recorded at the simulated time the worker saw it (`changedAt`, by
 * `changeKey`), else at the batch's time `at`. Untouched parts of the history stay the same objects.
 */
export function recordBatch(history: History, before: ViewMaps, after: ViewMaps, at: number, changedAt?: ReadonlyMap<string, number>): History {
  if (RECORDED.every((kind) => before[kind] === after[kind])) return history;
  const replicaSets = new Map(history.replicaSets);
  const deployments = new Map(history.deployments);
  const pods = new Map(history.pods);
  const eventCounts = new Map(history.eventCounts);
  let gonePods = history.gonePods;
  for (const kind of RECORDED) {
    const was = before[kind] as ReadonlyMap<string, ObjectView>;
    const now = after[kind] as ReadonlyMap<string, ObjectView>;
    if (was === now) continue;
    const timeOf = (key: string): number => changedAt?.get(changeKey(kind, key)) ?? at;
    for (const [key, view] of now) {
      if (was.get(key) === view) continue;
      const t = timeOf(key);
      if (view.kind === 'ReplicaSet') recordReplicaSet(replicaSets, view, t);
      if (view.kind === 'Deployment') recordDeployment(deployments, view, t);
      if (view.kind === 'Pod') recordPod(pods, view, t);
      if (view.kind === 'Event') recordEvent(pods, eventCounts, view, t);
    }
    for (const [key, view] of was) {
      if (now.has(key)) continue;
      const t = timeOf(key);
      if (view.kind === 'ReplicaSet') replicaSets.delete(view.uid);
      if (view.kind === 'Deployment') deployments.delete(view.uid);
      if (view.kind === 'Event') eventCounts.delete(key);
      const pod = view.kind === 'Pod' ? pods.get(view.uid) : undefined;
      if (pod && pod.goneAt === undefined) {
        pods.set(pod.uid, { ...pod, goneAt: t, changedAt: t });
        gonePods = [...gonePods, pod.uid];
      }
    }
  }
  // Deleted pods are kept for a while; the oldest go first.
  while (gonePods.length > LIMITS.gonePods) {
    pods.delete(gonePods[0]!);
    gonePods = gonePods.slice(1);
  }
  return { at, replicaSets, deployments, pods, eventCounts, gonePods };
}

/** The recorded history, for the diagrams: `useHistory(h => h.pods)`. */
export const useHistory = create<History>(() => emptyHistory());

let stop: (() => void) | undefined;

/** Starts recording the store's batches (once; later calls do nothing). */
export function startHistory(): void {
  stop ??= useCluster.subscribe((now, before) => {
    if (now.objects === before.objects) return;
    useHistory.setState(recordBatch(useHistory.getState(), before.objects, now.objects, now.simTimeMs, now.changedAt), true);
  });
}

/** What a diagram shows unless the learner picks: the one that changed last (of equals, the one seen last). */
export function lastChanged<T extends { changedAt: number }>(items: Iterable<T>): T | undefined {
  let last: T | undefined;
  for (const item of items) if (!last || item.changedAt >= last.changedAt) last = item;
  return last;
}
