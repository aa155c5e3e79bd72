/**
 * How the worker cuts a view (views.ts) out of an API object: pure functions, the same object always
 * gives the same view. Pod STATUS and READY come from kubectl's own reading of a pod (tables/pod.ts).
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Container, ContainerStatus, Endpoints, Event, Node, Pod, Service } from 'kubernetes-types/core/v1';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../engine/api/types';
import { summarizePod } from '../engine/api/tables/pod';
import type {
  ContainerView,
  DeploymentView,
  EndpointAddressView,
  EndpointsView,
  EventView,
  NodeView,
  OwnerView,
  PodView,
  ReplicaSetView,
  ServiceView,
  ViewBase,
  ViewKind,
  ViewOf,
} from './views';

const time = (stamp: string | undefined): number => (stamp ? Date.parse(stamp) : NaN);

function base(obj: KubeObject): ViewBase {
  const meta = obj.metadata;
  return { namespace: meta?.namespace ?? '', name: meta?.name ?? '', uid: meta?.uid ?? '', createdAt: time(meta?.creationTimestamp) };
}

function controllerOf(refs: readonly OwnerReference[] | undefined): OwnerView | undefined {
  const ref = refs?.find((r) => r.controller) ?? refs?.[0];
  return ref && { kind: ref.kind, name: ref.name, uid: ref.uid };
}

const REVISION = 'deployment.kubernetes.io/revision';
const ROLE = 'node-role.kubernetes.io/';

export function nodeView(node: Node): NodeView {
  return {
    kind: 'Node',
    ...base(node),
    ready: node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
    unschedulable: node.spec?.unschedulable ?? false,
    roles: Object.keys(node.metadata?.labels ?? {})
      .filter((label) => label.startsWith(ROLE))
      .map((label) => label.slice(ROLE.length)),
    internalIP: node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '',
    podCIDR: node.spec?.podCIDR ?? '',
  };
}

function containerView(status: ContainerStatus | undefined, name: string, image: string, init: boolean): ContainerView {
  const state = status?.state;
  const running = state?.running;
  const terminated = state?.terminated;
  const last = status?.lastState?.terminated;
  return {
    name,
    image,
    init,
    state: running ? 'running' : terminated ? 'terminated' : 'waiting',
    reason: terminated?.reason ?? state?.waiting?.reason ?? '',
    ready: status?.ready ?? false,
    restartCount: status?.restartCount ?? 0,
    startedAt: time(running?.startedAt),
    ...(terminated && { exitCode: terminated.exitCode }),
    ...(last && { lastExit: { reason: last.reason ?? '', exitCode: last.exitCode } }),
  };
}

export function podView(pod: Pod): PodView {
  const summary = summarizePod(pod);
  const status = pod.status;
  const containers = (specs: readonly Container[], statuses: readonly ContainerStatus[] | undefined, init: boolean) =>
    specs.map((c) => containerView(statuses?.find((s) => s.name === c.name), c.name, c.image ?? '', init));
  return {
    kind: 'Pod',
    ...base(pod),
    node: pod.spec?.nodeName ?? '',
    phase: status?.phase ?? 'Pending',
    status: summary.status,
    ready: summary.ready,
    total: summary.total,
    restarts: summary.restarts,
    ip: status?.podIP ?? '',
    labels: { ...pod.metadata?.labels },
    owner: controllerOf(pod.metadata?.ownerReferences),
    terminating: pod.metadata?.deletionTimestamp !== undefined,
    containers: [...containers(pod.spec?.initContainers ?? [], status?.initContainerStatuses, true), ...containers(pod.spec?.containers ?? [], status?.containerStatuses, false)],
  };
}

export function serviceView(service: Service): ServiceView {
  const spec = service.spec;
  return {
    kind: 'Service',
    ...base(service),
    type: spec?.type ?? 'ClusterIP',
    clusterIP: spec?.clusterIP ?? '',
    ports: (spec?.ports ?? []).map((p) => ({
      port: p.port,
      targetPort: String(p.targetPort ?? p.port),
      nodePort: p.nodePort,
      protocol: p.protocol ?? 'TCP',
    })),
    selector: spec?.selector ? { ...spec.selector } : null,
  };
}

export function endpointsView(endpoints: Endpoints): EndpointsView {
  const addresses: EndpointAddressView[] = [];
  for (const subset of endpoints.subsets ?? []) {
    for (const [list, ready] of [
      [subset.addresses, true],
      [subset.notReadyAddresses, false],
    ] as const) {
      for (const a of list ?? []) {
        addresses.push({ ip: a.ip, pod: a.targetRef?.kind === 'Pod' ? (a.targetRef.name ?? '') : '', node: a.nodeName ?? '', ready });
      }
    }
  }
  return { kind: 'Endpoints', ...base(endpoints), addresses };
}

const images = (template: { spec?: { containers?: { image?: string }[] } } | undefined): string[] =>
  (template?.spec?.containers ?? []).map((c) => c.image ?? '');

export function deploymentView(deployment: Deployment): DeploymentView {
  const spec = deployment.spec;
  const status = deployment.status;
  const rolling = spec?.strategy?.rollingUpdate;
  return {
    kind: 'Deployment',
    ...base(deployment),
    replicas: spec?.replicas ?? 1,
    current: status?.replicas ?? 0,
    updated: status?.updatedReplicas ?? 0,
    ready: status?.readyReplicas ?? 0,
    available: status?.availableReplicas ?? 0,
    strategy: spec?.strategy?.type ?? 'RollingUpdate',
    maxSurge: rolling?.maxSurge === undefined ? '' : String(rolling.maxSurge),
    maxUnavailable: rolling?.maxUnavailable === undefined ? '' : String(rolling.maxUnavailable),
    revision: deployment.metadata?.annotations?.[REVISION] ?? '',
    images: images(spec?.template),
  };
}

export function replicaSetView(rs: ReplicaSet): ReplicaSetView {
  return {
    kind: 'ReplicaSet',
    ...base(rs),
    owner: controllerOf(rs.metadata?.ownerReferences),
    desired: rs.spec?.replicas ?? 1,
    current: rs.status?.replicas ?? 0,
    ready: rs.status?.readyReplicas ?? 0,
    available: rs.status?.availableReplicas ?? 0,
    revision: rs.metadata?.annotations?.[REVISION] ?? '',
    images: images(rs.spec?.template),
  };
}

/** `spec.containers{web}` → `web` (also init and ephemeral containers); anything else → `''`. */
const CONTAINER_PATH = /^spec\.(?:initContainers|containers|ephemeralContainers)\{(.+)\}$/;

export function eventView(event: Event): EventView {
  const first = time(event.firstTimestamp ?? event.eventTime);
  const last = time(event.lastTimestamp ?? event.eventTime ?? event.firstTimestamp);
  const involved = event.involvedObject;
  return {
    kind: 'Event',
    ...base(event),
    involved: { kind: involved.kind ?? '', namespace: involved.namespace ?? '', name: involved.name ?? '', uid: involved.uid ?? '' },
    container: CONTAINER_PATH.exec(involved.fieldPath ?? '')?.[1] ?? '',
    type: event.type ?? 'Normal',
    reason: event.reason ?? '',
    message: event.message ?? '',
    count: event.count ?? 1,
    firstAt: first,
    lastAt: Number.isNaN(last) ? first : last,
    source: event.source?.component ?? event.reportingComponent ?? '',
  };
}

/** The view of an object of `kind` (the API object as the apiserver stores it). */
export const VIEWS: { [K in ViewKind]: (obj: never) => ViewOf<K> } = {
  Node: nodeView,
  Pod: podView,
  Service: serviceView,
  Endpoints: endpointsView,
  Deployment: deploymentView,
  ReplicaSet: replicaSetView,
  Event: eventView,
};

