/**
 * The namespace controller (`namespace-controller`): empties a namespace that is being deleted.
 *
 * `kubectl delete ns dev` only marks the namespace (deletionTimestamp, phase Terminating); the
 * `kubernetes` entry in `spec.finalizers` keeps it alive. The controller then deletes every
 * namespaced object in it — pods, services, deployments, configmaps, events, everything the
 * apiserver serves — and reports progress in the namespace's conditions. Pods take their grace
 * period, objects with finalizers wait for their controllers; only when nothing is left does the
 * controller remove its finalizer through the `finalize` subresource and delete the namespace
 * once more, which now really removes it.
 */
import type { Namespace } from 'kubernetes-types/core/v1';
import { clone } from '../../api/clone';
import { RESOURCES, resourceFor, type ResourceInfo } from '../../api/resources';
import type { KubeObject } from '../../api/types';
import type { Informer } from '../../client/types';
import type { Controller, ControllerContext } from '../framework/context';
import { WorkQueue, type SyncResult } from '../framework/workqueue';
import { mergeConditions, namespaceConditions } from './conditions';

const NAMESPACES = resourceFor('', 'namespaces')!;
export const FINALIZER_KUBERNETES = 'kubernetes';

/** Every namespaced kind whose objects can be listed and deleted. */
export function namespacedContent(): ResourceInfo[] {
  return RESOURCES.filter((r) => r.namespaced && r.verbs.includes('list') && r.verbs.includes('delete'));
}

export class NamespaceController implements Controller {
  readonly name = 'namespace-controller';
  private readonly namespaces: Informer<Namespace>;
  private readonly queue: WorkQueue;

  constructor(private readonly ctx: ControllerContext) {
    this.namespaces = ctx.informers.for<Namespace>(NAMESPACES);
    this.queue = new WorkQueue(ctx.clock, (name) => this.sync(name));
  }

  start(): void {
    const terminating = (ns: Namespace): void => {
      if (ns.metadata?.deletionTimestamp) this.queue.add(ns.metadata.name!);
    };
    this.namespaces.addHandlers({ add: terminating, update: (_old, ns) => terminating(ns) });
    // Content leaving a terminating namespace may be the last thing it waited for.
    for (const resource of namespacedContent()) {
      this.ctx.informers.for<KubeObject>(resource).addHandlers({
        delete: (obj) => {
          const ns = obj.metadata?.namespace;
          if (ns && this.namespaces.get(undefined, ns)?.metadata?.deletionTimestamp) this.queue.add(ns);
        },
      });
    }
  }

  private sync(name: string): SyncResult {
    const got = this.ctx.client.get<Namespace>(NAMESPACES, undefined, name);
    if (!got.ok) return got.status.code === 404 ? undefined : 'retry';
    const ns = got.value;
    if (!ns.metadata?.deletionTimestamp) return;
    if (!(ns.spec?.finalizers ?? []).includes(FINALIZER_KUBERNETES)) return this.deleteWhenFinalized(ns);

    const remaining = this.deleteContent(name);
    const conditions = mergeConditions(ns.status?.conditions, namespaceConditions(remaining), this.ctx.clock.timestamp());
    if (conditions) {
      const next = clone(ns);
      next.status = { ...next.status, conditions };
      this.ctx.client.update(NAMESPACES, next, { subresource: 'status' });
    }
    if ([...remaining.resources.values()].some((n) => n > 0)) return; // the delete events bring us back
    if (remaining.failures && remaining.failures.length > 0) return 'retry';
    return this.finalize(name);
  }

  /**
   * Deletes, kind by kind, what is not yet being deleted, then lists again to count what is still
   * there (graceful pods, objects held by finalizers) and which finalizers hold it.
   */
  private deleteContent(namespace: string): { resources: Map<string, number>; finalizers: Map<string, number>; failures: string[] } {
    const resources = new Map<string, number>();
    const finalizers = new Map<string, number>();
    const failures: string[] = [];
    for (const resource of namespacedContent()) {
      const label = `${resource.plural}.${resource.group}`;
      let listed = this.ctx.client.list<KubeObject>(resource, { namespace });
      if (!listed.ok) {
        failures.push(`${label}: ${listed.status.message ?? ''}`);
        continue;
      }
      let deletedSome = false;
      for (const obj of listed.value.items) {
        if (obj.metadata?.deletionTimestamp) continue;
        const deleted = this.ctx.client.delete(resource, namespace, obj.metadata!.name!, {
          propagationPolicy: 'Background',
          preconditions: { uid: obj.metadata?.uid },
        });
        deletedSome = true;
        if (!deleted.ok && deleted.status.code !== 404 && deleted.status.code !== 409) failures.push(`${label}: ${deleted.status.message ?? ''}`);
      }
      if (deletedSome) listed = this.ctx.client.list<KubeObject>(resource, { namespace });
      if (!listed.ok || listed.value.items.length === 0) continue;
      resources.set(label, listed.value.items.length);
      for (const obj of listed.value.items) {
        for (const f of obj.metadata?.finalizers ?? []) finalizers.set(f, (finalizers.get(f) ?? 0) + 1);
      }
    }
    return { resources, finalizers, failures };
  }

  /** Content gone: drop our finalizer through the `finalize` subresource, then delete for good. */
  private finalize(name: string): SyncResult {
    const got = this.ctx.client.get<Namespace>(NAMESPACES, undefined, name);
    if (!got.ok) return got.status.code === 404 ? undefined : 'retry';
    const next = clone(got.value);
    next.spec = { ...next.spec, finalizers: (next.spec?.finalizers ?? []).filter((f) => f !== FINALIZER_KUBERNETES) };
    const finalized = this.ctx.client.update<Namespace>(NAMESPACES, next, { subresource: 'finalize' });
    if (!finalized.ok) return finalized.status.code === 409 ? 'retry' : undefined;
    return this.deleteWhenFinalized(finalized.value);
  }

  private deleteWhenFinalized(ns: Namespace): SyncResult {
    if ((ns.spec?.finalizers ?? []).length > 0 || (ns.metadata?.finalizers ?? []).length > 0) return;
    const deleted = this.ctx.client.delete(NAMESPACES, undefined, ns.metadata!.name!);
    if (!deleted.ok && deleted.status.code !== 404) return 'retry';
  }
}
