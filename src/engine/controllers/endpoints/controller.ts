/**
 * The Endpoints controller (`endpoint-controller`): for every Service with a selector, keeps an
 * Endpoints object of the same name listing the pods behind it — ready ones under `addresses`,
 * the others under `notReadyAddresses`, terminating ones not at all — which is what kube-proxy
 * (and `kubectl describe svc`) read. A Service without a selector is left alone: its Endpoints
 * are whatever the user writes. When the Service goes, so do its Endpoints.
 *
 * Writes happen only when the computed subsets (or labels) differ from the stored ones: a pod
 * update that changes nothing visible, or a periodic resync, writes nothing.
 */
import type { Endpoints, Pod, Service } from 'kubernetes-types/core/v1';
import { clone } from '../../api/clone';
import { resourceFor } from '../../api/resources';
import type { Informer } from '../../client/types';
import { sameCanonicalJson } from '../../sim/names';
import type { Controller, ControllerContext } from '../framework/context';
import type { EventRecorder } from '../framework/recorder';
import { WorkQueue, keyOf, splitKey, type SyncResult } from '../framework/workqueue';
import { endpointRelevantChange, selects, servicesFor } from './services';
import { computeSubsets, countAddresses } from './subsets';
import { TriggerTimeTracker, withTriggerTime } from './trigger';

const SERVICES = resourceFor('', 'services')!;
const PODS = resourceFor('', 'pods')!;
const ENDPOINTS = resourceFor('', 'endpoints')!;
export const LABEL_HEADLESS = 'service.kubernetes.io/headless';
export const OVER_CAPACITY_ANNOTATION = 'endpoints.kubernetes.io/over-capacity';
/** Endpoints objects hold at most 1000 addresses; beyond that, EndpointSlices are the answer. */
export const MAX_ENDPOINTS = 1000;

export interface EndpointsControllerOptions {
  /** Delay between a change and the sync (batches bursts of pod updates). */
  reactionMs?: number;
}

export class EndpointsController implements Controller {
  readonly name = 'endpoint-controller';
  private readonly services: Informer<Service>;
  private readonly pods: Informer<Pod>;
  private readonly endpoints: Informer<Endpoints>;
  private readonly queue: WorkQueue;
  private readonly recorder: EventRecorder;
  private readonly triggers = new TriggerTimeTracker();

  constructor(private readonly ctx: ControllerContext, options: EndpointsControllerOptions = {}) {
    this.services = ctx.informers.for<Service>(SERVICES);
    this.pods = ctx.informers.for<Pod>(PODS);
    this.endpoints = ctx.informers.for<Endpoints>(ENDPOINTS);
    this.queue = new WorkQueue(ctx.clock, (key) => this.sync(key), { reactionMs: options.reactionMs ?? 0 });
    this.recorder = ctx.recorder({ component: 'endpoint-controller' });
  }

  start(): void {
    const enqueue = (obj: { metadata?: { namespace?: string; name?: string } }): void => this.queue.add(keyOf(obj));
    this.services.addHandlers({ add: enqueue, update: (_old, s) => enqueue(s), delete: enqueue });
    this.pods.addHandlers({
      add: (p) => this.podChanged(undefined, p),
      update: (old, p) => this.podChanged(old, p),
      delete: (p) => this.podChanged(p, undefined),
    });
    // Someone deleted an Endpoints object we manage: put it back. (Edits are not watched, as
    // upstream: they last until the next change to the Service or its pods.)
    this.endpoints.addHandlers({ delete: enqueue });
  }

  private podChanged(old: Pod | undefined, pod: Pod | undefined): void {
    // Most pods back no Service at all: ask that first, it is the cheaper question.
    const keys = servicesFor(this.services, [old, pod]);
    if (keys.length === 0 || (old && pod && !endpointRelevantChange(old, pod))) return;
    for (const key of keys) this.queue.add(key);
  }

  private sync(key: string): SyncResult {
    const { namespace, name } = splitKey(key);
    const service = this.services.get(namespace, name);
    if (!service) {
      this.triggers.forget(key);
      if (!this.endpoints.get(namespace, name)) return;
      const deleted = this.ctx.client.delete(ENDPOINTS, namespace, name);
      return !deleted.ok && deleted.status.code !== 404 ? 'retry' : undefined;
    }
    // Services without a selector get their Endpoints from the user; ExternalName ones need none.
    if (!service.spec?.selector || Object.keys(service.spec.selector).length === 0) return;
    if (service.spec.type === 'ExternalName') return;

    const pods = this.pods.list(namespace).filter((p) => selects(service, p.metadata?.labels));
    const triggerTime = this.triggers.compute(key, service, pods);
    const subsets = truncate(computeSubsets(service, pods));
    const labels = endpointsLabels(service);
    const current = this.endpoints.get(namespace, name);
    if (
      current &&
      sameCanonicalJson(current.subsets ?? [], subsets.subsets) &&
      sameCanonicalJson(current.metadata?.labels ?? {}, labels) &&
      (current.metadata?.annotations?.[OVER_CAPACITY_ANNOTATION] !== undefined) === subsets.truncated
    ) {
      return;
    }

    const next: Endpoints = current ? clone(current) : { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace } };
    next.subsets = subsets.subsets.length > 0 ? subsets.subsets : undefined;
    next.metadata = { ...next.metadata, labels: Object.keys(labels).length > 0 ? labels : undefined };
    let annotations = withTriggerTime(next.metadata.annotations, triggerTime);
    if (subsets.truncated) annotations = { ...annotations, [OVER_CAPACITY_ANNOTATION]: 'truncated' };
    else if (annotations) delete annotations[OVER_CAPACITY_ANNOTATION];
    next.metadata.annotations = annotations && Object.keys(annotations).length > 0 ? annotations : undefined;

    const written = current ? this.ctx.client.update<Endpoints>(ENDPOINTS, next) : this.ctx.client.create<Endpoints>(ENDPOINTS, next);
    if (written.ok) return;
    if (written.status.code === 403) return; // namespace terminating: nothing to publish any more
    if (written.status.code === 409) return 'retry';
    const reason = current ? 'FailedToUpdateEndpoint' : 'FailedToCreateEndpoint';
    const message = current
      ? `Failed to update endpoint ${namespace}/${name}: ${written.status.message ?? ''}`
      : `Failed to create endpoint for service ${namespace}/${name}: ${written.status.message ?? ''}`;
    this.recorder.event(next, 'Warning', reason, message);
    return 'retry';
  }
}

/** The Service's labels, plus the headless marker when it has no cluster IP. */
export function endpointsLabels(service: Service): Record<string, string> {
  const labels: Record<string, string> = { ...(service.metadata?.labels ?? {}) };
  const ip = service.spec?.clusterIP;
  if (!ip || ip === 'None') labels[LABEL_HEADLESS] = '';
  else delete labels[LABEL_HEADLESS];
  return labels;
}

/** Keeps at most 1000 addresses, ready ones first (the rest would not fit an Endpoints object). */
function truncate(subsets: ReturnType<typeof computeSubsets>): { subsets: ReturnType<typeof computeSubsets>; truncated: boolean } {
  if (countAddresses(subsets) <= MAX_ENDPOINTS) return { subsets, truncated: false };
  let room = MAX_ENDPOINTS;
  const ready = subsets.map((s) => {
    const addresses = (s.addresses ?? []).slice(0, room);
    room -= addresses.length;
    return addresses;
  });
  const out = subsets.map((s, i) => {
    const notReady = (s.notReadyAddresses ?? []).slice(0, room);
    room -= notReady.length;
    return { ...s, addresses: ready[i]!.length ? ready[i] : undefined, notReadyAddresses: notReady.length ? notReady : undefined };
  });
  return { subsets: out.filter((s) => s.addresses || s.notReadyAddresses), truncated: true };
}
