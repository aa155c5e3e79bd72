/**
 * `strategyFor(resource)`: what the apiserver runs for a kind before storing an object (defaults,
 * server-managed fields, validation). Kinds without their own rules get the generic strategy:
 * metadata checks with a DNS-1123 subdomain name, a cleared status on create, a kept one on update.
 */
import type { ResourceInfo } from '../resources';
import type { Strategy } from './contract';
import { configMapRules, secretRules } from './configmap';
import { cronJobRules } from './cronjob';
import { daemonSetRules } from './daemonset';
import { deploymentRules } from './deployment';
import { eventRules } from './event';
import { defineStrategy, type KindRules } from './generic';
import { jobRules } from './job';
import { endpointSliceRules, ingressRules, podTemplateRules } from './misc';
import { namespaceRules } from './namespace';
import { nodeRules } from './node';
import { podRules } from './pod';
import { replicaSetRules, replicationControllerRules } from './replicaset';
import { serviceRules } from './service';
import { statefulSetRules } from './statefulset';
import { nameIsPathSegment } from './validation/names';

/** Per kind (keyed `group/Kind`): the rules that differ from the generic strategy. */
const KIND_RULES: Record<string, (r: ResourceInfo) => KindRules> = {
  '/Pod': podRules,
  '/Service': serviceRules,
  '/Namespace': namespaceRules,
  '/Node': nodeRules,
  '/ConfigMap': configMapRules,
  '/Secret': secretRules,
  '/Event': eventRules,
  '/PodTemplate': podTemplateRules,
  '/ReplicationController': replicationControllerRules,
  'apps/Deployment': deploymentRules,
  'apps/ReplicaSet': replicaSetRules,
  'apps/DaemonSet': daemonSetRules,
  'apps/StatefulSet': statefulSetRules,
  'batch/Job': jobRules,
  'batch/CronJob': cronJobRules,
  'discovery.k8s.io/EndpointSlice': endpointSliceRules,
  'networking.k8s.io/Ingress': ingressRules,
};

/** RBAC objects may be named like path segments (`system:controller:...`). */
const PATH_SEGMENT_NAMED = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

const cache = new Map<ResourceInfo, Strategy>();

export function strategyFor(resource: ResourceInfo): Strategy {
  let s = cache.get(resource);
  if (!s) {
    s = defineStrategy(resource, rulesFor(resource));
    cache.set(resource, s);
  }
  return s;
}

function rulesFor(resource: ResourceInfo): KindRules {
  const specific = KIND_RULES[`${resource.group}/${resource.kind}`];
  if (specific) return specific(resource);
  return {
    nameFn: PATH_SEGMENT_NAMED.has(resource.kind) ? nameIsPathSegment : undefined,
    hasStatus: resource.subresources.includes('status'),
  };
}

export type { Strategy, StrategyContext, StoreView } from './contract';
export { SERVICE_ACCOUNT_MOUNT_PATH } from './pod';
export { podQosClass } from './qos';
export { parseQuantity, formatQuantity, compareQuantity } from './validation/quantity';
export { selectorMatches } from './validation/selector';
