/**
 * The `kubernetes` Service in `default` has no selector: its endpoints are the apiservers
 * themselves, and in a real cluster each apiserver keeps them up to date (the "master endpoints
 * reconciler", every 10 s). This is that loop, for the single apiserver of the simulated cluster:
 * it writes `endpoints/kubernetes` and `endpointslice/kubernetes` pointing at <ip>:6443 and puts
 * them back if someone deletes or edits them.
 */
import type { Endpoints } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { clone } from '../../api/clone';
import { resourceFor } from '../../api/resources';
import type { KubeObject } from '../../api/types';
import { canonicalJson } from '../../sim/names';
import type { Controller, ControllerContext } from '../framework/context';

const ENDPOINTS = resourceFor('', 'endpoints')!;
const SLICES = resourceFor('discovery.k8s.io', 'endpointslices')!;

export interface MasterEndpointsOptions {
  /** The apiserver's advertise address (master01's InternalIP). */
  apiserverIP: string;
  /** Secure port, 6443 with kubeadm. */
  port?: number;
  /** How often to re-check (the apiserver's endpoint reconciler interval, 10 s). */
  intervalMs?: number;
}

export function kubernetesEndpoints(ip: string, port = 6443): Endpoints {
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip }], ports: [{ name: 'https', port, protocol: 'TCP' }] }],
  };
}

export function kubernetesEndpointSlice(ip: string, port = 6443): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: [ip], conditions: { ready: true } }],
    ports: [{ name: 'https', port, protocol: 'TCP' }],
  };
}

export class MasterEndpointsReconciler implements Controller {
  readonly name = 'master-endpoints-reconciler';
  private readonly desired: Array<{ resource: typeof ENDPOINTS; object: KubeObject; content: (o: KubeObject) => unknown }>;

  constructor(private readonly ctx: ControllerContext, private readonly options: MasterEndpointsOptions) {
    const port = options.port ?? 6443;
    this.desired = [
      { resource: ENDPOINTS, object: kubernetesEndpoints(options.apiserverIP, port), content: (o) => (o as Endpoints).subsets },
      {
        resource: SLICES,
        object: kubernetesEndpointSlice(options.apiserverIP, port),
        content: (o) => [(o as EndpointSlice).endpoints, (o as EndpointSlice).ports],
      },
    ];
  }

  start(): void {
    this.reconcile();
    const tick = (): void => {
      this.reconcile();
      this.ctx.clock.schedule(this.options.intervalMs ?? 10_000, tick, { background: true });
    };
    this.ctx.clock.schedule(this.options.intervalMs ?? 10_000, tick, { background: true });
  }

  /** One pass: create what is missing, repair what drifted, leave what is right untouched. */
  reconcile(): void {
    for (const { resource, object, content } of this.desired) {
      const got = this.ctx.client.get<KubeObject>(resource, 'default', 'kubernetes');
      if (!got.ok) {
        if (got.status.code === 404) this.ctx.client.create(resource, object);
        continue;
      }
      if (canonicalJson(content(got.value)) === canonicalJson(content(object))) continue;
      const next = { ...clone(got.value), ...clone(object), metadata: { ...clone(got.value).metadata, labels: object.metadata?.labels } };
      this.ctx.client.update(resource, next);
    }
  }
}
