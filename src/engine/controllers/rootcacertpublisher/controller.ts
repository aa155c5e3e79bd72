/**
 * The root CA certificate publisher (`root-ca-cert-publisher`): puts a ConfigMap named
 * `kube-root-ca.crt` into every namespace, holding the cluster CA certificate under `ca.crt`.
 * Every pod's service-account volume projects it to
 * `/var/run/secrets/kubernetes.io/serviceaccount/ca.crt`, which is how programs in pods verify the
 * apiserver. Deleted or edited, the ConfigMap is put back as it was.
 */
import type { ConfigMap, Namespace } from 'kubernetes-types/core/v1';
import { clone } from '../../api/clone';
import { resourceFor } from '../../api/resources';
import type { Informer } from '../../client/types';
import type { Rng } from '../../sim/rng';
import type { Controller, ControllerContext } from '../framework/context';
import { WorkQueue, type SyncResult } from '../framework/workqueue';

const NAMESPACES = resourceFor('', 'namespaces')!;
const CONFIGMAPS = resourceFor('', 'configmaps')!;
export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
export const DESCRIPTION_ANNOTATION = 'kubernetes.io/description';
export const DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

export interface RootCACertPublisherOptions {
  /** The cluster CA in PEM; by default a stand-in certificate derived from the seed. */
  caCert?: string;
}

/**
 * A PEM block with the shape of a kubeadm CA certificate (it opens like one — RSA 2048, CN
 * "kubernetes" — and has the usual length). It is not a valid certificate: nothing here does TLS.
 */
export function standInCACert(rng: Rng): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const body = 'MIIDBTCCAe2gAwIBAgIIQ' + rng.string(1432 - 21, alphabet) + '==';
  const lines: string[] = [];
  for (let i = 0; i < body.length; i += 64) lines.push(body.slice(i, i + 64));
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

export class RootCACertPublisher implements Controller {
  readonly name = 'root-ca-cert-publisher';
  private readonly namespaces: Informer<Namespace>;
  private readonly configmaps: Informer<ConfigMap>;
  private readonly queue: WorkQueue;
  private readonly caCert: string;

  constructor(private readonly ctx: ControllerContext, options: RootCACertPublisherOptions = {}) {
    this.namespaces = ctx.informers.for<Namespace>(NAMESPACES);
    this.configmaps = ctx.informers.for<ConfigMap>(CONFIGMAPS);
    this.queue = new WorkQueue(ctx.clock, (ns) => this.sync(ns));
    this.caCert = options.caCert ?? standInCACert(ctx.rng);
  }

  start(): void {
    this.namespaces.addHandlers({
      add: (ns) => this.queue.add(ns.metadata!.name!),
      update: (_old, ns) => this.queue.add(ns.metadata!.name!),
    });
    const mine = (cm: ConfigMap): void => {
      if (cm.metadata?.name === ROOT_CA_CONFIGMAP) this.queue.add(cm.metadata.namespace!);
    };
    this.configmaps.addHandlers({ update: (_old, cm) => mine(cm), delete: mine });
  }

  private sync(namespace: string): SyncResult {
    const ns = this.namespaces.get(undefined, namespace);
    if (!ns || ns.metadata?.deletionTimestamp || ns.status?.phase === 'Terminating') return;
    const data = { 'ca.crt': this.caCert };
    const existing = this.configmaps.get(namespace, ROOT_CA_CONFIGMAP);
    if (!existing) {
      const created = this.ctx.client.create<ConfigMap>(CONFIGMAPS, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: ROOT_CA_CONFIGMAP, namespace, annotations: { [DESCRIPTION_ANNOTATION]: DESCRIPTION } },
        data,
      });
      if (!created.ok && created.status.code !== 409 && created.status.code !== 403) return 'retry';
      return;
    }
    const same = existing.data?.['ca.crt'] === this.caCert && Object.keys(existing.data ?? {}).length === 1 &&
      existing.metadata?.annotations?.[DESCRIPTION_ANNOTATION] === DESCRIPTION;
    if (same) return;
    const next = clone(existing);
    next.data = data;
    next.metadata!.annotations = { ...next.metadata!.annotations, [DESCRIPTION_ANNOTATION]: DESCRIPTION };
    const updated = this.ctx.client.update(CONFIGMAPS, next);
    if (!updated.ok && updated.status.code === 409) return 'retry';
  }
}
