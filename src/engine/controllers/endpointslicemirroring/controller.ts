/**
 * The EndpointSlice mirroring controller (`endpointslicemirroring-controller.k8s.io`). A Service
 * without a selector gets no endpoints from the control plane: the user writes its Endpoints by
 * hand (say, a database outside the cluster at 192.168.1.200:8080). kube-proxy and CoreDNS read
 * EndpointSlices, though, so this controller copies such Endpoints into slices — the "mirror".
 *
 * An Endpoints object is mirrored when a Service of the same name exists, that Service has no
 * selector, and the Endpoints do not carry `endpointslice.kubernetes.io/skip-mirror: "true"` (as
 * the apiserver's own `kubernetes` Endpoints do). In every other case — Endpoints gone, Service
 * gone, Service given a selector, skip label added — the mirrored slices are deleted: for a
 * selector Service the EndpointSlice controller makes the slices.
 */
import type { Endpoints, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { resourceFor } from '../../api/resources';
import type { Informer } from '../../client/types';
import type { Controller, ControllerContext } from '../framework/context';
import type { EventRecorder } from '../framework/recorder';
import { WorkQueue, keyOf, splitKey, type SyncResult } from '../framework/workqueue';
import { LABEL_MANAGED_BY, LABEL_SERVICE_NAME } from '../endpointslice/reconcile';
import { SliceTracker } from '../endpointslice/tracker';
import { MAX_ENDPOINTS_PER_SUBSET, desiredMirror } from './desired';
import { CONTROLLER_NAME, planMirror, shouldMirror } from './reconcile';

const SERVICES = resourceFor('', 'services')!;
const ENDPOINTS = resourceFor('', 'endpoints')!;
const SLICES = resourceFor('discovery.k8s.io', 'endpointslices')!;
const SLICES_BY_ENDPOINTS = 'endpointslicemirroring:endpoints';

const hasSelector = (service: Service): boolean => Object.keys(service.spec?.selector ?? {}).length > 0;

export interface EndpointSliceMirroringOptions {
  maxEndpointsPerSubset?: number;
  reactionMs?: number;
}

export class EndpointSliceMirroringController implements Controller {
  readonly name = 'endpointslice-mirroring-controller';
  private readonly services: Informer<Service>;
  private readonly endpoints: Informer<Endpoints>;
  private readonly slices: Informer<EndpointSlice>;
  private readonly queue: WorkQueue;
  private readonly recorder: EventRecorder;
  private readonly tracker = new SliceTracker();
  private readonly maxEndpointsPerSubset: number;

  constructor(private readonly ctx: ControllerContext, options: EndpointSliceMirroringOptions = {}) {
    this.services = ctx.informers.for<Service>(SERVICES);
    this.endpoints = ctx.informers.for<Endpoints>(ENDPOINTS);
    this.slices = ctx.informers.for<EndpointSlice>(SLICES);
    // Upstream backs off harder than most controllers (1 s doubling to 100 s): slices are big writes.
    this.queue = new WorkQueue(ctx.clock, (key) => this.sync(key), { reactionMs: options.reactionMs ?? 0, retryBaseMs: 1000, retryMaxMs: 100_000 });
    this.recorder = ctx.recorder({ component: 'endpoint-slice-mirroring-controller' });
    this.maxEndpointsPerSubset = options.maxEndpointsPerSubset ?? MAX_ENDPOINTS_PER_SUBSET;
  }

  start(): void {
    this.slices.addIndex(SLICES_BY_ENDPOINTS, (s) =>
      s.metadata?.labels?.[LABEL_MANAGED_BY] === CONTROLLER_NAME && s.metadata.labels[LABEL_SERVICE_NAME]
        ? [`${s.metadata.namespace}/${s.metadata.labels[LABEL_SERVICE_NAME]}`]
        : [],
    );
    const enqueue = (obj: Service | Endpoints): void => this.queue.add(keyOf(obj));
    // Services matter only while selector-less, or when they stop or start being so.
    this.services.addHandlers({
      add: (s) => !hasSelector(s) && enqueue(s),
      update: (old, s) => hasSelector(old) !== hasSelector(s) && enqueue(s),
      delete: (s) => !hasSelector(s) && enqueue(s),
    });
    this.endpoints.addHandlers({
      add: (e) => shouldMirror(e) && enqueue(e),
      update: (old, e) => (shouldMirror(old) || shouldMirror(e)) && enqueue(e),
      delete: (e) => shouldMirror(e) && enqueue(e),
    });
    // Our slices changed (by us: the tracker lets the next sync through; by someone else: repair).
    const sliceChanged = (s: EndpointSlice): void => {
      const name = s.metadata?.labels?.[LABEL_SERVICE_NAME];
      if (name && s.metadata?.labels?.[LABEL_MANAGED_BY] === CONTROLLER_NAME) this.queue.add(`${s.metadata.namespace}/${name}`);
    };
    this.slices.addHandlers({
      add: sliceChanged,
      // A slice whose managed-by or service-name label was edited now belongs elsewhere: both sides look.
      update: (old, s) => {
        sliceChanged(old);
        sliceChanged(s);
      },
      delete: sliceChanged,
    });
  }

  private sync(key: string): SyncResult {
    const { namespace, name } = splitKey(key);
    const endpoints = this.endpoints.get(namespace, name);
    const service = this.services.get(namespace, name);
    const existing = this.slices.byIndex(SLICES_BY_ENDPOINTS, key);
    if (!endpoints || !shouldMirror(endpoints) || !service || hasSelector(service)) return this.deleteMirrored(key, existing);
    if (!this.tracker.caughtUp(key, existing)) return; // our last writes are on their way: their events bring us back

    const desired = desiredMirror(endpoints, this.maxEndpointsPerSubset);
    if (desired.invalid > 0) {
      this.recorder.event(endpoints, 'Warning', 'InvalidIPAddress', `Skipped ${desired.invalid} invalid IP addresses when mirroring to EndpointSlices`);
    }
    if (desired.skipped > desired.invalid) {
      this.recorder.event(
        endpoints,
        'Warning',
        'TooManyAddressesToMirror',
        `A max of ${this.maxEndpointsPerSubset} addresses can be mirrored to EndpointSlices per Endpoints subset. ${desired.skipped} addresses were skipped`,
      );
    }
    const plan = planMirror(endpoints, desired.groups, existing);

    // Endpoints on their way out get no new slices (the garbage collector would only delete them).
    if (!endpoints.metadata?.deletionTimestamp) {
      for (const slice of plan.create) {
        const written = this.ctx.client.create<EndpointSlice>(SLICES, slice);
        if (written.ok) this.tracker.wrote(key, written.value);
        else if (written.status.code === 403) return; // namespace terminating
        else return 'retry';
      }
    }
    for (const slice of plan.update) {
      const written = this.ctx.client.update<EndpointSlice>(SLICES, slice);
      if (!written.ok) return 'retry';
      this.tracker.wrote(key, written.value);
    }
    return this.deleteSlices(key, plan.delete);
  }

  /** Nothing to mirror (any more): remove every slice we made for this name. */
  private deleteMirrored(key: string, slices: readonly EndpointSlice[]): SyncResult {
    this.tracker.forget(key);
    return this.deleteSlices(key, slices);
  }

  private deleteSlices(key: string, slices: readonly EndpointSlice[]): SyncResult {
    let failed = false;
    for (const slice of slices) {
      const deleted = this.ctx.client.delete(SLICES, slice.metadata!.namespace, slice.metadata!.name!);
      if (deleted.ok || deleted.status.code === 404) this.tracker.deleted(key, slice.metadata!.name!);
      else failed = true;
    }
    return failed ? 'retry' : undefined;
  }
}
