/**
 * The strategic-merge metadata of the API types (the `patchStrategy` / `patchMergeKey` struct tags
 * in k8s.io/api): which lists merge by a key instead of being replaced — containers by `name`,
 * container ports by `containerPort`, Service ports by `port`, conditions by `type` — which lists
 * of strings are sets, and which structs are "retainKeys" unions (a Deployment strategy, a volume).
 * Field types come from the generated schema, so a path is followed through any kind.
 */
import { elementType, fieldType, typeNameOfKind } from '../schema';
import { groupVersion, type ResourceInfo } from '../resources';

export interface PatchMeta {
  /** Lists: merge element by element (by `mergeKey`, or as a set of primitives). */
  merge: boolean;
  mergeKey?: string;
  /** Structs (or list elements) that are unions: keys not named in `$retainKeys` are cleared. */
  retainKeys: boolean;
}

const M = (mergeKey?: string, retainKeys = false): PatchMeta => ({ merge: true, mergeKey, retainKeys });
const CONDITIONS = M('type');

const TABLE: Record<string, PatchMeta> = {
  'meta.v1.ObjectMeta.finalizers': M(),
  'meta.v1.ObjectMeta.ownerReferences': M('uid'),
  'core.v1.PodSpec.volumes': M('name', true),
  'core.v1.PodSpec.initContainers': M('name'),
  'core.v1.PodSpec.containers': M('name'),
  'core.v1.PodSpec.ephemeralContainers': M('name'),
  'core.v1.PodSpec.imagePullSecrets': M('name'),
  'core.v1.PodSpec.hostAliases': M('ip'),
  'core.v1.PodSpec.topologySpreadConstraints': M('topologyKey'),
  'core.v1.PodSpec.schedulingGates': M('name'),
  'core.v1.PodSpec.resourceClaims': M('name', true),
  'core.v1.Container.ports': M('containerPort'),
  'core.v1.Container.env': M('name'),
  'core.v1.Container.volumeMounts': M('mountPath'),
  'core.v1.Container.volumeDevices': M('devicePath'),
  'core.v1.EphemeralContainer.ports': M('containerPort'),
  'core.v1.EphemeralContainer.env': M('name'),
  'core.v1.EphemeralContainer.volumeMounts': M('mountPath'),
  'core.v1.EphemeralContainer.volumeDevices': M('devicePath'),
  'core.v1.PodStatus.conditions': CONDITIONS,
  'core.v1.PodStatus.podIPs': M('ip'),
  'core.v1.PodStatus.hostIPs': M('ip'),
  'core.v1.PodStatus.resourceClaimStatuses': M('name', true),
  'core.v1.ServiceSpec.ports': M('port'),
  'core.v1.ServiceStatus.conditions': CONDITIONS,
  'core.v1.NodeSpec.podCIDRs': M(),
  'core.v1.NodeStatus.conditions': CONDITIONS,
  'core.v1.NodeStatus.addresses': M('type'),
  'core.v1.NamespaceStatus.conditions': CONDITIONS,
  'core.v1.ReplicationControllerStatus.conditions': CONDITIONS,
  'core.v1.ServiceAccount.secrets': M('name'),
  'apps.v1.DeploymentSpec.strategy': { merge: false, retainKeys: true },
  'apps.v1.DeploymentStatus.conditions': CONDITIONS,
  'apps.v1.ReplicaSetStatus.conditions': CONDITIONS,
  'apps.v1.DaemonSetStatus.conditions': CONDITIONS,
  'apps.v1.StatefulSetStatus.conditions': CONDITIONS,
  'batch.v1.JobStatus.conditions': CONDITIONS,
  'autoscaling.v2.HorizontalPodAutoscalerStatus.conditions': CONDITIONS,
};

const REPLACE: PatchMeta = { merge: false, retainKeys: false };

export function patchMeta(type: string | undefined, field: string): PatchMeta {
  if (!type) return REPLACE;
  return Object.prototype.hasOwnProperty.call(TABLE, `${type}.${field}`) ? TABLE[`${type}.${field}`]! : REPLACE;
}

/** The schema type of the value under `field` of a value of `type` (map values share one type). */
export function childType(type: string | undefined, field: string): string | undefined {
  if (!type) return undefined;
  if (type.startsWith('map[string]')) return elementType(type);
  return fieldType(type, field);
}

export { elementType };

export function rootType(resource: ResourceInfo): string | undefined {
  return typeNameOfKind(groupVersion(resource), resource.kind);
}
