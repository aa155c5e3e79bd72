/**
 * Planning the mirrored EndpointSlices of one Endpoints object (the mirroring reconciler).
 *
 * Simpler than the EndpointSlice controller's plan: a subset holds at most 1000 addresses, which
 * is also the most a slice may hold, so every (address type, port set) gets exactly one slice.
 *  - a group with endpoints and no slice yet: create one (`generateName: <endpoints>-`);
 *  - a group with slices: the first (by name) is kept and rewritten only if its endpoints, labels
 *    or annotations differ from the Endpoints' ones; any further slices are deleted;
 *  - slices of a port set the Endpoints no longer have are deleted;
 *  - a create and a delete of the same address type become one update of the doomed slice
 *    ("recycling"), so changing a port keeps the slice's name.
 * Mirrored slices are owned by the Endpoints object and copy its labels and annotations (but not
 * the trigger-time and last-applied-configuration annotations, which describe the Endpoints).
 */
import type { Endpoints } from 'kubernetes-types/core/v1';
import type { Endpoint, EndpointSlice } from 'kubernetes-types/discovery/v1';
import { canonicalJson, sameCanonicalJson } from '../../sim/names';
import { TRIGGER_TIME_ANNOTATION } from '../endpoints/trigger';
import { LABEL_MANAGED_BY, LABEL_SERVICE_NAME, type SlicePlan } from '../endpointslice/reconcile';
import { groupKey, type MirrorGroup } from './desired';

export const CONTROLLER_NAME = 'endpointslicemirroring-controller.k8s.io';
export const LABEL_SKIP_MIRROR = 'endpointslice.kubernetes.io/skip-mirror';
/** Endpoints used as a leader-election lock (old-style) are not a Service's endpoints. */
export const LEADER_ANNOTATION = 'control-plane.alpha.kubernetes.io/leader';
const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** Mirror unless the Endpoints opt out (`skip-mirror: "true"`) or are a leader-election lock. */
export function shouldMirror(endpoints: Endpoints | undefined): boolean {
  if (!endpoints) return false;
  if (endpoints.metadata?.labels?.[LABEL_SKIP_MIRROR] === 'true') return false;
  return endpoints.metadata?.annotations?.[LEADER_ANNOTATION] === undefined;
}

/** The Endpoints' labels, with the two the controller owns set to their values. */
export function mirroredLabels(endpoints: Endpoints): Record<string, string> {
  return { ...endpoints.metadata?.labels, [LABEL_SERVICE_NAME]: endpoints.metadata?.name ?? '', [LABEL_MANAGED_BY]: CONTROLLER_NAME };
}

export function mirroredAnnotations(endpoints: Endpoints): Record<string, string> {
  const annotations = { ...endpoints.metadata?.annotations };
  delete annotations[TRIGGER_TIME_ANNOTATION];
  delete annotations[LAST_APPLIED_ANNOTATION];
  return annotations;
}

/** A slice for `group`: named `name` when rewriting an existing one, else generated. */
export function mirroredSlice(endpoints: Endpoints, group: MirrorGroup, name?: string): EndpointSlice {
  const annotations = mirroredAnnotations(endpoints);
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      ...(name ? { name } : { generateName: `${endpoints.metadata?.name ?? ''}-` }),
      namespace: endpoints.metadata?.namespace,
      labels: mirroredLabels(endpoints),
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
      ownerReferences: [
        { apiVersion: 'v1', kind: 'Endpoints', name: endpoints.metadata?.name ?? '', uid: endpoints.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true },
      ],
    },
    addressType: group.addressType,
    endpoints: group.endpoints,
    ports: group.ports,
  };
}

/** Same endpoints in any order (the order of a slice's endpoints carries no meaning). */
const sameEndpoints = (a: readonly Endpoint[], b: readonly Endpoint[]): boolean =>
  a.length === b.length && sameCanonicalJson(a.map(canonicalJson).sort(), b.map(canonicalJson).sort());

/** Does the slice already say what the Endpoints say? */
function upToDate(slice: EndpointSlice, endpoints: Endpoints, group: MirrorGroup): boolean {
  const { [LABEL_SERVICE_NAME]: _name, [LABEL_MANAGED_BY]: _by, ...labels } = slice.metadata?.labels ?? {};
  return (
    sameEndpoints(slice.endpoints ?? [], group.endpoints) &&
    sameCanonicalJson(labels, endpoints.metadata?.labels ?? {}) &&
    sameCanonicalJson(slice.metadata?.annotations ?? {}, mirroredAnnotations(endpoints))
  );
}

export function planMirror(endpoints: Endpoints, desired: ReadonlyMap<string, MirrorGroup>, existing: readonly EndpointSlice[]): SlicePlan {
  const plan: SlicePlan = { create: [], update: [], delete: [] };
  const existingByKey = new Map<string, EndpointSlice[]>();
  for (const slice of [...existing].sort((a, b) => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1))) {
    const key = groupKey(slice.addressType, slice.ports);
    existingByKey.set(key, [...(existingByKey.get(key) ?? []), slice]);
  }

  for (const [key, group] of desired) {
    const [first, ...extra] = existingByKey.get(key) ?? [];
    existingByKey.delete(key);
    plan.delete.push(...extra);
    if (!first) plan.create.push(mirroredSlice(endpoints, group));
    else if (!upToDate(first, endpoints, group)) {
      // Rewritten whole, keeping only the identity and version of the stored slice.
      const fresh = mirroredSlice(endpoints, group, first.metadata?.name);
      plan.update.push({ ...fresh, metadata: { ...first.metadata, ...fresh.metadata, annotations: fresh.metadata?.annotations } });
    }
  }
  for (const stale of existingByKey.values()) plan.delete.push(...stale);
  recycle(plan);
  return plan;
}

/** Creates that can reuse a slice about to be deleted (same address type) update it instead. */
function recycle(plan: SlicePlan): void {
  for (const created of [...plan.create]) {
    const doomed = plan.delete.findIndex((s) => s.addressType === created.addressType);
    if (doomed < 0) continue;
    const [old] = plan.delete.splice(doomed, 1);
    plan.create.splice(plan.create.indexOf(created), 1);
    const { generateName: _generated, ...metadata } = created.metadata ?? {};
    plan.update.push({ ...created, metadata: { ...old!.metadata, ...metadata, annotations: metadata.annotations, name: old!.metadata?.name } });
  }
}
