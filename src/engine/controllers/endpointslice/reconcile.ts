/**
 * Planning EndpointSlice writes for one Service (the EndpointSlice reconciler, simplified).
 *
 * Endpoints are grouped by the set of ports they serve; each group lives in slices of at most
 * `maxEndpointsPerSlice` (100) endpoints. The plan disturbs as little as possible:
 *  1. every existing slice keeps the endpoints it already has that are still wanted (refreshed),
 *     drops the ones that are not, and is deleted when nothing is left;
 *  2. new endpoints first go into slices that are being rewritten anyway, then into the one
 *     untouched slice they would fill most exactly, and only then into new slices;
 *  3. a Service whose selector matches nothing still gets one empty "placeholder" slice.
 * A slice is written only if its content actually changed, so a resync of an unchanged cluster
 * writes nothing.
 */
import type { Endpoint, EndpointPort, EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Service } from 'kubernetes-types/core/v1';
import { sameCanonicalJson } from '../../sim/names';
import { compareIPs } from '../endpoints/pods';
import { endpointKey, portSetKey } from './endpoints';

export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
export const LABEL_HEADLESS = 'service.kubernetes.io/headless';
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
export const MAX_ENDPOINTS_PER_SLICE = 100;

export interface PortGroup {
  ports: EndpointPort[];
  endpoints: Endpoint[];
}

export interface SlicePlan {
  create: EndpointSlice[];
  update: EndpointSlice[];
  delete: EndpointSlice[];
}

/** The slice's labels: the Service's own labels plus the reserved ones the controller owns. */
export function sliceLabels(service: Service): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(service.metadata?.labels ?? {})) {
    if (k !== LABEL_SERVICE_NAME && k !== LABEL_MANAGED_BY && k !== LABEL_HEADLESS) labels[k] = v;
  }
  const clusterIP = service.spec?.clusterIP;
  if (!clusterIP || clusterIP === 'None') labels[LABEL_HEADLESS] = '';
  labels[LABEL_SERVICE_NAME] = service.metadata?.name ?? '';
  labels[LABEL_MANAGED_BY] = CONTROLLER_NAME;
  return labels;
}

export function newSlice(service: Service, ports: EndpointPort[] | undefined, endpoints: Endpoint[]): EndpointSlice {
  const name = service.metadata?.name ?? '';
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: `${name}-`,
      namespace: service.metadata?.namespace,
      labels: sliceLabels(service),
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name, uid: service.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true }],
    },
    addressType: 'IPv4',
    endpoints,
    ...(ports ? { ports } : {}),
  };
}

const isPlaceholder = (s: EndpointSlice): boolean => (s.endpoints ?? []).length === 0 && (s.ports ?? []).length === 0;
const same = sameCanonicalJson;
const byAddress = (a: Endpoint, b: Endpoint): number =>
  compareIPs(a.addresses[0] ?? '', b.addresses[0] ?? '') || (endpointKey(a) < endpointKey(b) ? -1 : 1);

interface Draft {
  slice: EndpointSlice;
  portKey: string;
  endpoints: Endpoint[];
}

export function planSlices(
  service: Service,
  desired: ReadonlyMap<string, PortGroup>,
  existing: readonly EndpointSlice[],
  maxEndpointsPerSlice = MAX_ENDPOINTS_PER_SLICE,
): SlicePlan {
  const plan: SlicePlan = { create: [], update: [], delete: [] };
  const labels = sliceLabels(service);
  // What still needs a home: port key -> endpoint key -> endpoint.
  const remaining = new Map<string, Map<string, Endpoint>>();
  for (const [key, group] of desired) remaining.set(key, new Map(group.endpoints.map((e) => [endpointKey(e), e])));
  const wantsAny = [...desired.values()].some((g) => g.endpoints.length > 0);

  const rewritten: Draft[] = [];
  const untouched: Draft[] = [];
  const placeholders: EndpointSlice[] = [];
  const sorted = [...existing].sort((a, b) => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1));

  // 1. Existing slices keep what is still wanted.
  for (const slice of sorted) {
    if (isPlaceholder(slice)) {
      placeholders.push(slice);
      continue;
    }
    const portKey = portSetKey(slice.ports);
    const wanted = remaining.get(portKey);
    if (!wanted) {
      plan.delete.push(slice);
      continue;
    }
    let changed = !same(slice.metadata?.labels ?? {}, labels);
    const kept: Endpoint[] = [];
    for (const endpoint of slice.endpoints ?? []) {
      const key = endpointKey(endpoint);
      const fresh = wanted.get(key);
      if (!fresh) {
        changed = true;
        continue;
      }
      wanted.delete(key);
      if (!same(fresh, endpoint)) changed = true;
      kept.push(fresh);
    }
    if (kept.length === 0) plan.delete.push(slice);
    else (changed ? rewritten : untouched).push({ slice, portKey, endpoints: kept });
  }

  // 2. New endpoints: slices being rewritten anyway, then the best-fitting untouched one, then new slices.
  const created: Draft[] = [];
  for (const [portKey, wanted] of remaining) {
    if (wanted.size === 0) continue;
    const pending = [...wanted.values()].sort(byAddress);
    const candidates = rewritten.filter((d) => d.portKey === portKey).sort((a, b) => b.endpoints.length - a.endpoints.length);
    for (const draft of candidates) {
      while (pending.length > 0 && draft.endpoints.length < maxEndpointsPerSlice) draft.endpoints.push(pending.shift()!);
    }
    if (pending.length > 0 && pending.length < maxEndpointsPerSlice) {
      const fit = closestToFull(untouched.filter((d) => d.portKey === portKey), pending.length, maxEndpointsPerSlice);
      if (fit) {
        untouched.splice(untouched.indexOf(fit), 1);
        fit.endpoints.push(...pending.splice(0));
        rewritten.push(fit);
      }
    }
    const ports = desired.get(portKey)!.ports;
    while (pending.length > 0) {
      created.push({ slice: newSlice(service, ports, []), portKey, endpoints: pending.splice(0, maxEndpointsPerSlice) });
    }
  }

  for (const draft of rewritten) {
    plan.update.push({
      ...draft.slice,
      metadata: { ...draft.slice.metadata, labels },
      endpoints: draft.endpoints,
    });
  }
  for (const draft of created) plan.create.push({ ...draft.slice, endpoints: draft.endpoints });

  // 3. Exactly one placeholder when nothing else exists, none otherwise.
  const anySliceLeft = plan.create.length + plan.update.length + untouched.length > 0;
  if (!wantsAny && !anySliceLeft) {
    const [keep, ...extra] = placeholders;
    if (keep) {
      if (!same(keep.metadata?.labels ?? {}, labels)) plan.update.push({ ...keep, metadata: { ...keep.metadata, labels } });
    } else {
      plan.create.push(newSlice(service, undefined, []));
    }
    plan.delete.push(...extra);
  } else {
    plan.delete.push(...placeholders);
  }
  return plan;
}

/** The untouched slice that `count` more endpoints would fill most exactly without overflowing. */
function closestToFull(drafts: readonly Draft[], count: number, max: number): Draft | undefined {
  let best: Draft | undefined;
  let bestGap = max;
  for (const d of drafts) {
    const gap = max - (d.endpoints.length + count);
    if (gap >= 0 && gap < bestGap) {
      best = d;
      bestGap = gap;
    }
  }
  return best;
}
