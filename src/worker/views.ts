/**
 * What the page knows of each API object: a small view, cut from the object in the worker
 * (to-view.ts). The page draws its diagrams from these; the whole object (for the YAML view) is
 * asked for on demand. This module is shared by both sides: types and pure functions only.
 */

/** The kinds the page is told about. */
export type ViewKind = 'Node' | 'Pod' | 'Service' | 'Endpoints' | 'Deployment' | 'ReplicaSet' | 'Event';

export interface ViewBase {
  /** `''` for cluster-scoped objects (nodes). */
  namespace: string;
  name: string;
  uid: string;
  /** creationTimestamp as Unix ms (second precision, as the API stores it). */
  createdAt: number;
}

export interface OwnerView {
  kind: string;
  name: string;
  uid: string;
}

export interface NodeView extends ViewBase {
  kind: 'Node';
  ready: boolean;
  /** `kubectl cordon`ed. */
  unschedulable: boolean;
  roles: string[];
  internalIP: string;
  podCIDR: string;
}

export interface ContainerView {
  name: string;
  image: string;
  /** Init containers run to completion before the others start. */
  init: boolean;
  state: 'waiting' | 'running' | 'terminated';
  /** The waiting or terminated reason (`ContainerCreating`, `CrashLoopBackOff`, `Completed`, `Error`). */
  reason: string;
  ready: boolean;
  restartCount: number;
  /** Unix ms the current run started; NaN when not running. */
  startedAt: number;
  /** The current run's exit code, when terminated. */
  exitCode?: number;
  /** How the previous run ended (status.lastState): what a restart followed. */
  lastExit?: { reason: string; exitCode: number };
}

export interface PodView extends ViewBase {
  kind: 'Pod';
  /** `''` until the scheduler has bound it. */
  node: string;
  phase: string;
  /** kubectl's STATUS cell: `Running`, `ContainerCreating`, `CrashLoopBackOff`, `Terminating`… */
  status: string;
  ready: number;
  total: number;
  restarts: number;
  ip: string;
  labels: Record<string, string>;
  /** The controller that owns it (a ReplicaSet, a DaemonSet, a Node for a static pod's mirror). */
  owner?: OwnerView;
  terminating: boolean;
  containers: ContainerView[];
}

export interface ServicePortView {
  port: number;
  targetPort: string;
  nodePort?: number;
  protocol: string;
}

export interface ServiceView extends ViewBase {
  kind: 'Service';
  type: string;
  clusterIP: string;
  ports: ServicePortView[];
  /** null: a Service without selector (its endpoints are managed by hand or by the apiserver). */
  selector: Record<string, string> | null;
}

export interface EndpointAddressView {
  ip: string;
  /** The pod behind the address, when the address names one. */
  pod: string;
  node: string;
  ready: boolean;
}

export interface EndpointsView extends ViewBase {
  kind: 'Endpoints';
  addresses: EndpointAddressView[];
}

export interface DeploymentView extends ViewBase {
  kind: 'Deployment';
  /** spec.replicas: what was asked for. */
  replicas: number;
  /** status: what the controller sees. */
  current: number;
  updated: number;
  ready: number;
  available: number;
  strategy: string;
  /** As written in the spec (`25%`, `1`); empty for Recreate. */
  maxSurge: string;
  maxUnavailable: string;
  revision: string;
  images: string[];
}

export interface ReplicaSetView extends ViewBase {
  kind: 'ReplicaSet';
  owner?: OwnerView;
  desired: number;
  current: number;
  ready: number;
  available: number;
  revision: string;
  images: string[];
}

export interface EventView extends ViewBase {
  kind: 'Event';
  involved: { kind: string; namespace: string; name: string; uid: string };
  /** The container the event is about (from involvedObject.fieldPath `spec.containers{name}`); `''` for the whole object. */
  container: string;
  /** `Normal` or `Warning`. */
  type: string;
  reason: string;
  message: string;
  count: number;
  /** Unix ms of the first and the last occurrence. */
  firstAt: number;
  lastAt: number;
  /** Who reported it: `kubelet`, `default-scheduler`, `deployment-controller`… */
  source: string;
}

export type ObjectView = NodeView | PodView | ServiceView | EndpointsView | DeploymentView | ReplicaSetView | EventView;
export type ViewOf<K extends ViewKind> = Extract<ObjectView, { kind: K }>;

/**
 * What changed since the last batch: a view to put (added or updated) or a key to drop, and `at`
 * what simulated time (the last change in the frame, when there were several).
 */
export type ObjectChange = ({ op: 'put'; view: ObjectView } | { op: 'delete'; kind: ViewKind; key: string }) & { at: number };

/** The key `changeTimes` uses for an object: `Kind|namespace/name`. */
export const changeKey = (kind: ViewKind, key: string): string => `${kind}|${key}`;

/** When each object in a batch changed, by `changeKey`. */
export function changeTimes(changes: readonly ObjectChange[]): ReadonlyMap<string, number> {
  return new Map(changes.map((c) => (c.op === 'put' ? [changeKey(c.view.kind, viewKey(c.view)), c.at] : [changeKey(c.kind, c.key), c.at])));
}

/** How views are keyed: `namespace/name` (`/name` for nodes). */
export const viewKey = (view: { namespace: string; name: string }): string => `${view.namespace}/${view.name}`;

/** The page's views by kind, each a map keyed by `viewKey`. */
export type ViewMaps = { readonly [K in ViewKind]: ReadonlyMap<string, ViewOf<K>> };

export const emptyViewMaps = (): ViewMaps => ({
  Node: new Map(),
  Pod: new Map(),
  Service: new Map(),
  Endpoints: new Map(),
  Deployment: new Map(),
  ReplicaSet: new Map(),
  Event: new Map(),
});

/**
 * `maps` with a batch applied. Only the kinds the batch touches get new maps, so a component that
 * selects the pods does not re-render when only events arrived.
 */
export function applyChanges(maps: ViewMaps, changes: readonly ObjectChange[]): ViewMaps {
  const next: Partial<Record<ViewKind, Map<string, ObjectView>>> = {};
  for (const change of changes) {
    const kind = change.op === 'put' ? change.view.kind : change.kind;
    const map = (next[kind] ??= new Map<string, ObjectView>(maps[kind]));
    if (change.op === 'put') map.set(viewKey(change.view), change.view);
    else map.delete(change.key);
  }
  return { ...maps, ...next } as ViewMaps;
}
