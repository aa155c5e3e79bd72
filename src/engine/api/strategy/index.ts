/**
 * `strategyFor(resource)`: what the apiserver runs for a kind before storing an object (defaults,
 * server-managed fields, validation). Kinds without their own rules get the generic strategy:
 * metadata checks with a DNS-1123 subdomain name, a cleared status on create, a kept one on update.
 */
import type { ResourceInfo } from '../resources';
import type { Strategy } from './contract';
import { defineStrategy, type KindRules } from './generic';
import { nameIsPathSegment } from './validation/names';

/** Per kind (keyed `group/Kind`): the rules that differ from the generic strategy. */
const KIND_RULES: Record<string, (r: ResourceInfo) => KindRules> = {};

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
