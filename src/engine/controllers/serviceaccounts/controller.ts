/**
 * The service account controller (`service-account-controller`): makes sure every namespace has a
 * ServiceAccount named `default` — the identity a pod runs as when it names none. Delete it and it
 * comes straight back. (Since 1.24 no token Secret is created for it; pods get short-lived
 * projected tokens instead.)
 */
import type { Namespace, ServiceAccount } from 'kubernetes-types/core/v1';
import { resourceFor } from '../../api/resources';
import type { Informer } from '../../client/types';
import type { Controller, ControllerContext } from '../framework/context';
import { WorkQueue, type SyncResult } from '../framework/workqueue';

const NAMESPACES = resourceFor('', 'namespaces')!;
const SERVICE_ACCOUNTS = resourceFor('', 'serviceaccounts')!;

export interface ServiceAccountsOptions {
  /** Accounts every namespace gets (default: just `default`). */
  accounts?: readonly string[];
}

export class ServiceAccountsController implements Controller {
  readonly name = 'serviceaccount-controller';
  private readonly namespaces: Informer<Namespace>;
  private readonly serviceAccounts: Informer<ServiceAccount>;
  private readonly queue: WorkQueue;
  private readonly accounts: readonly string[];

  constructor(private readonly ctx: ControllerContext, options: ServiceAccountsOptions = {}) {
    this.namespaces = ctx.informers.for<Namespace>(NAMESPACES);
    this.serviceAccounts = ctx.informers.for<ServiceAccount>(SERVICE_ACCOUNTS);
    this.queue = new WorkQueue(ctx.clock, (ns) => this.sync(ns));
    this.accounts = options.accounts ?? ['default'];
  }

  start(): void {
    this.namespaces.addHandlers({
      add: (ns) => this.queue.add(ns.metadata!.name!),
      update: (_old, ns) => this.queue.add(ns.metadata!.name!),
    });
    this.serviceAccounts.addHandlers({
      delete: (sa) => {
        if (this.accounts.includes(sa.metadata!.name!)) this.queue.add(sa.metadata!.namespace!);
      },
    });
  }

  private sync(namespace: string): SyncResult {
    const ns = this.namespaces.get(undefined, namespace);
    if (!ns || ns.metadata?.deletionTimestamp || ns.status?.phase === 'Terminating') return;
    for (const name of this.accounts) {
      if (this.serviceAccounts.get(namespace, name)) continue;
      const created = this.ctx.client.create<ServiceAccount>(SERVICE_ACCOUNTS, {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name, namespace },
      });
      if (!created.ok && created.status.code !== 409 && created.status.code !== 403) return 'retry';
    }
  }
}
