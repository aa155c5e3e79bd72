/**
 * The EndpointSlice controller (`endpointslice-controller.k8s.io`): the scalable successor of
 * Endpoints. For every Service with a selector it keeps EndpointSlices named `<service>-<5 random
 * chars>`, labelled `kubernetes.io/service-name=<service>` and
 * `endpointslice.kubernetes.io/managed-by=endpointslice-controller.k8s.io`, owned by the Service
 * (so the garbage collector removes them with it). Each slice holds up to 100 endpoints with
 * their conditions (ready / serving / terminating), node and pod reference; kube-proxy reads these.
 *
 * The work is a plan (see reconcile.ts) applied through the apiserver; a slice is only written
 * when its content changes.
 */
import type { Node, Pod, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { resourceFor } from '../../api/resources';
import type { Informer } from '../../client/types';
import type { Controller, ControllerContext } from '../framework/context';
import type { EventRecorder } from '../framework/recorder';
import { WorkQueue, keyOf, splitKey, type SyncResult } from '../framework/workqueue';
import { endpointRelevantChange, selects, servicesFor } from '../endpoints/services';
import { TriggerTimeTracker, withTriggerTime } from '../endpoints/trigger';
import { desiredEndpoints } from './desired';
import { CONTROLLER_NAME, LABEL_MANAGED_BY, LABEL_SERVICE_NAME, MAX_ENDPOINTS_PER_SLICE, planSlices } from './reconcile';
import { SliceTracker } from './tracker';

const SERVICES = resourceFor('', 'services')!;
const PODS = resourceFor('', 'pods')!;
const NODES = resourceFor('', 'nodes')!;
const SLICES = resourceFor('discovery.k8s.io', 'endpointslices')!;
const SLICES_BY_SERVICE = 'endpointslice:service';
const ZONE_LABEL = 'topology.kubernetes.io/zone';

export interface EndpointSliceControllerOptions {
  maxEndpointsPerSlice?: number;
  reactionMs?: number;
}

export class EndpointSliceController implements Controller {
  readonly name = 'endpointslice-controller';
  private readonly services: Informer<Service>;
  private readonly pods: Informer<Pod>;
  private readonly nodes: Informer<Node>;
  private readonly slices: Informer<EndpointSlice>;
  private readonly queue: WorkQueue;
  private readonly recorder: EventRecorder;
  private readonly tracker = new SliceTracker();
  private readonly triggers = new TriggerTimeTracker();
  private readonly maxEndpointsPerSlice: number;

  constructor(private readonly ctx: ControllerContext, options: EndpointSliceControllerOptions = {}) {
    this.services = ctx.informers.for<Service>(SERVICES);
    this.pods = ctx.informers.for<Pod>(PODS);
    this.nodes = ctx.informers.for<Node>(NODES);
    this.slices = ctx.informers.for<EndpointSlice>(SLICES);
    this.queue = new WorkQueue(ctx.clock, (key) => this.sync(key), { reactionMs: options.reactionMs ?? 0 });
    this.recorder = ctx.recorder({ component: 'endpoint-slice-controller' });
    this.maxEndpointsPerSlice = options.maxEndpointsPerSlice ?? MAX_ENDPOINTS_PER_SLICE;
  }

  start(): void {
    this.slices.addIndex(SLICES_BY_SERVICE, (s) =>
      s.metadata?.labels?.[LABEL_MANAGED_BY] === CONTROLLER_NAME && s.metadata.labels[LABEL_SERVICE_NAME]
        ? [`${s.metadata.namespace}/${s.metadata.labels[LABEL_SERVICE_NAME]}`]
        : [],
    );
    const enqueue = (obj: Service): void => this.queue.add(keyOf(obj));
    this.services.addHandlers({ add: enqueue, update: (_old, s) => enqueue(s), delete: enqueue });
    this.pods.addHandlers({
      add: (p) => this.podChanged(undefined, p),
      update: (old, p) => this.podChanged(old, p),
      delete: (p) => this.podChanged(p, undefined),
    });
    // Our slices changed (by us: the tracker lets the next sync through; by someone else: repair).
    const sliceChanged = (s: EndpointSlice): void => {
      const service = s.metadata?.labels?.[LABEL_SERVICE_NAME];
      if (service && s.metadata?.labels?.[LABEL_MANAGED_BY] === CONTROLLER_NAME) this.queue.add(`${s.metadata.namespace}/${service}`);
    };
    this.slices.addHandlers({ add: sliceChanged, update: (_old, s) => sliceChanged(s), delete: sliceChanged });
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
    const existing = this.slices.byIndex(SLICES_BY_SERVICE, key);
    if (!this.tracker.caughtUp(key, existing)) return; // our last writes are on their way: their events bring us back
    if (!service || service.metadata?.deletionTimestamp) {
      // The slices are owned by the Service: the garbage collector removes them.
      this.tracker.forget(key);
      this.triggers.forget(key);
      return;
    }
    if (!service.spec?.selector || Object.keys(service.spec.selector).length === 0) return;
    if (service.spec.type === 'ExternalName') return;

    const pods = this.pods.list(namespace).filter((p) => selects(service, p.metadata?.labels));
    const triggerTime = this.triggers.compute(key, service, pods);
    const zoneOf = (node: string): string | undefined => this.nodes.get(undefined, node)?.metadata?.labels?.[ZONE_LABEL];
    const plan = planSlices(service, desiredEndpoints(service, pods, zoneOf), existing, this.maxEndpointsPerSlice);

    let failed = false;
    for (const slice of plan.delete) {
      const deleted = this.ctx.client.delete(SLICES, namespace, slice.metadata!.name!, { preconditions: { uid: slice.metadata?.uid } });
      if (deleted.ok || deleted.status.code === 404) this.tracker.deleted(key, slice.metadata!.name!);
      else failed = true;
    }
    for (const slice of plan.update) {
      slice.metadata = { ...slice.metadata, annotations: withTriggerTime(slice.metadata?.annotations, triggerTime) };
      const written = this.ctx.client.update<EndpointSlice>(SLICES, slice);
      if (written.ok) this.tracker.wrote(key, written.value);
      else failed = true;
    }
    for (const slice of plan.create) {
      slice.metadata = { ...slice.metadata, annotations: withTriggerTime(slice.metadata?.annotations, triggerTime) };
      const written = this.ctx.client.create<EndpointSlice>(SLICES, slice);
      if (written.ok) this.tracker.wrote(key, written.value);
      else if (written.status.code === 403) return; // namespace terminating
      else {
        failed = true;
        this.recorder.event(service, 'Warning', 'FailedToUpdateEndpointSlices', `Error updating Endpoint Slices for Service ${key}: ${written.status.message ?? ''}`);
      }
    }
    return failed ? 'retry' : undefined;
  }
}
