/**
 * DELETE, as the real registry does it. Deleting is often not immediate:
 *
 * - Pods are deleted gracefully: the apiserver only stamps `deletionTimestamp = now + grace` and
 *   `deletionGracePeriodSeconds`; the kubelet stops the containers and then deletes again with
 *   grace 0. A pod that was never scheduled, or has already finished, goes at once. A second
 *   delete may only shorten the grace period.
 * - Finalizers block removal: the object stays, marked with a deletionTimestamp, until a
 *   controller's update empties `metadata.finalizers` (the update path then removes it).
 * - `propagationPolicy`: Orphan adds the `orphan` finalizer, Foreground `foregroundDeletion`;
 *   the garbage collector does the rest. Background (the default) leaves dependents to the GC.
 * - Namespaces are never removed directly: they turn `Terminating` and the namespace controller
 *   empties them, finalizes them and deletes them once more.
 */
import type { Status } from 'kubernetes-types/meta/v1';
import { clone } from './clone';
import { fail, failed, fields, metaOf, type ServerContext } from './context';
import { badRequest, conflict, forbidden, notFound, success } from './errors';
import { groupVersion, qualifiedResource, type ResourceInfo } from './resources';
import type { ListFilter } from './store';
import { strategyFor } from './strategy';
import type { ApiResponse, KubeObject } from './types';
import { dryRunOf } from './write';

export interface DeleteOptionsBody {
  gracePeriodSeconds?: number;
  propagationPolicy?: string;
  orphanDependents?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: string[];
}

export interface DeleteRequest {
  resource: ResourceInfo;
  namespace: string | undefined;
  name: string;
  query: Record<string, string>;
  body?: unknown;
}

/** Kinds whose registry answers a finished delete with the object itself rather than a Status. */
const RETURNS_DELETED_OBJECT = new Set(['/pods', '/services', '/namespaces']);
/** Namespaces that hold the cluster's own machinery. */
const IMMORTAL_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

const ORPHAN = 'orphan';
const FOREGROUND = 'foregroundDeletion';

/** Options from the body (DeleteOptions) with query parameters as fallback, as kubectl may send either. */
export function deleteOptionsOf(query: Record<string, string>, body: unknown): DeleteOptionsBody | Status {
  const opts: DeleteOptionsBody = {};
  if (body !== undefined && body !== null) {
    if (typeof body !== 'object' || Array.isArray(body)) return badRequest('the body of the request was in an unknown format');
    Object.assign(opts, clone(body as DeleteOptionsBody));
  }
  if (opts.gracePeriodSeconds === undefined && query.gracePeriodSeconds !== undefined) {
    const n = Number(query.gracePeriodSeconds);
    if (!Number.isInteger(n)) return badRequest(`strconv.ParseInt: parsing ${JSON.stringify(query.gracePeriodSeconds)}: invalid syntax`);
    opts.gracePeriodSeconds = n;
  }
  if (opts.propagationPolicy === undefined && query.propagationPolicy !== undefined) opts.propagationPolicy = query.propagationPolicy;
  if (opts.gracePeriodSeconds !== undefined && typeof opts.gracePeriodSeconds !== 'number') {
    return badRequest(`json: cannot unmarshal ${typeof opts.gracePeriodSeconds} into Go struct field DeleteOptions.gracePeriodSeconds of type int64`);
  }
  const policy = opts.propagationPolicy;
  if (policy !== undefined && policy !== 'Orphan' && policy !== 'Background' && policy !== 'Foreground') {
    return {
      ...badRequest(''),
      code: 422,
      reason: 'Invalid',
      message: `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: ${JSON.stringify(policy)}: supported values: "Foreground", "Background", "Orphan", "nil"`,
    };
  }
  if (policy !== undefined && opts.orphanDependents !== undefined) {
    return {
      ...badRequest(''),
      code: 422,
      reason: 'Invalid',
      message: `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Invalid value: ${JSON.stringify(policy)}: orphanDependents and deletionPropagation cannot be both set`,
    };
  }
  return opts;
}

function preconditionFailure(resource: ResourceInfo, obj: KubeObject, opts: DeleteOptionsBody): Status | undefined {
  const pre = opts.preconditions;
  if (!pre) return undefined;
  const meta = obj.metadata ?? {};
  const what = qualifiedResource(resource);
  if (pre.uid !== undefined && pre.uid !== meta.uid) {
    return conflict(what, meta.name ?? '', `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${meta.uid ?? ''}`);
  }
  if (pre.resourceVersion !== undefined && pre.resourceVersion !== meta.resourceVersion) {
    return conflict(
      what,
      meta.name ?? '',
      `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${meta.resourceVersion ?? ''}`,
    );
  }
  return undefined;
}

/** The finalizers the propagation policy asks for, or undefined when it changes nothing. */
function finalizersFor(current: readonly string[], opts: DeleteOptionsBody): string[] | undefined {
  let policy = opts.propagationPolicy;
  if (policy === undefined && opts.orphanDependents !== undefined) policy = opts.orphanDependents ? 'Orphan' : 'Background';
  if (policy === undefined) return undefined;
  let next = [...current];
  const add = (f: string): void => {
    if (!next.includes(f)) next.push(f);
  };
  const drop = (f: string): void => {
    next = next.filter((x) => x !== f);
  };
  if (policy === 'Orphan') {
    add(ORPHAN);
    drop(FOREGROUND);
  } else if (policy === 'Foreground') {
    add(FOREGROUND);
    drop(ORPHAN);
  } else {
    drop(ORPHAN);
    drop(FOREGROUND);
  }
  const same = next.length === current.length && next.every((f, i) => f === current[i]);
  return same ? undefined : next;
}

/** Grace period for a pod delete, as the pod strategy's CheckGracefulDelete computes it. */
function podGracePeriod(pod: KubeObject, requested: number | undefined): number {
  const spec = (fields(pod).spec ?? {}) as { nodeName?: string; terminationGracePeriodSeconds?: number };
  const phase = (fields(pod).status as { phase?: string } | undefined)?.phase;
  let period = requested ?? spec.terminationGracePeriodSeconds ?? 0;
  if (!spec.nodeName) period = 0; // never scheduled: nothing to stop
  if (phase === 'Failed' || phase === 'Succeeded') period = 0; // already finished
  return period;
}

/** What a finished delete answers with. */
function deletedResponse(resource: ResourceInfo, last: KubeObject): ApiResponse {
  if (RETURNS_DELETED_OBJECT.has(`${resource.group}/${resource.plural}`)) return { status: 200, body: last };
  return {
    status: 200,
    body: success({ name: last.metadata?.name ?? '', group: resource.group, kind: resource.plural, uid: last.metadata?.uid }),
  };
}

export function deleteObject(ctx: ServerContext, req: DeleteRequest): ApiResponse {
  const { resource, name } = req;
  const opts = deleteOptionsOf(req.query, req.body);
  if (failed(opts)) return fail(opts);
  const dryRunQuery = dryRunOf(req.query);
  if (failed(dryRunQuery)) return fail(dryRunQuery);
  const dryRun = dryRunQuery || (opts.dryRun ?? []).includes('All');
  return deleteWithOptions(ctx, resource, req.namespace, name, opts, dryRun);
}

export function deleteWithOptions(
  ctx: ServerContext,
  resource: ResourceInfo,
  namespace: string | undefined,
  name: string,
  opts: DeleteOptionsBody,
  dryRun: boolean,
): ApiResponse {
  const what = qualifiedResource(resource);
  const existing = ctx.store.get(resource, namespace, name);
  if (!existing) return fail(notFound(what, name));
  const pre = preconditionFailure(resource, existing, opts);
  if (pre) return fail(pre);
  if (resource.group === '' && resource.plural === 'namespaces') {
    const early = deleteNamespace(ctx, resource, existing, opts, dryRun);
    if (early) return early;
    // Finalized: from here a namespace is deleted like any other object.
  }

  // Negative grace periods count as one second on the delete path.
  const requested = opts.gracePeriodSeconds !== undefined && opts.gracePeriodSeconds < 0 ? 1 : opts.gracePeriodSeconds;
  const meta = existing.metadata ?? {};
  const graceful = resource.group === '' && resource.plural === 'pods';
  const next = clone(existing);
  const nextMeta = metaOf(next);
  let changed = false;
  let pendingGrace = false;

  if (graceful) {
    if (meta.deletionTimestamp) {
      const current = meta.deletionGracePeriodSeconds;
      if (current !== undefined && current > 0) {
        if (requested !== undefined && requested < current) {
          // Only a shorter grace period is accepted, counted from when the deletion started.
          const started = ctx.clock.toSim(meta.deletionTimestamp) - current * 1000;
          nextMeta.deletionTimestamp = ctx.clock.timestamp(Math.max(started + requested * 1000, 0));
          nextMeta.deletionGracePeriodSeconds = requested;
          changed = true;
        }
        pendingGrace = (nextMeta.deletionGracePeriodSeconds ?? 0) > 0;
      }
    } else {
      const period = podGracePeriod(existing, requested);
      nextMeta.deletionTimestamp = ctx.clock.timestamp(ctx.clock.now() + period * 1000);
      nextMeta.deletionGracePeriodSeconds = period;
      if (nextMeta.generation !== undefined && nextMeta.generation > 0) nextMeta.generation++;
      changed = true;
      pendingGrace = period > 0;
    }
  }

  const finalizers = finalizersFor(meta.finalizers ?? [], opts);
  if (finalizers) {
    nextMeta.finalizers = finalizers;
    changed = true;
  }
  const pendingFinalizers = (nextMeta.finalizers ?? []).length > 0;
  if (pendingFinalizers && !graceful) {
    // Not graceful, but finalizers must run first: marked as deleting now (upstream
    // markAsDeleting), with no grace period left, so the last finalizer's removal deletes it.
    if (!nextMeta.deletionTimestamp) {
      nextMeta.deletionTimestamp = ctx.timestamp();
      if (nextMeta.generation !== undefined && nextMeta.generation > 0) nextMeta.generation++;
    }
    nextMeta.deletionGracePeriodSeconds = 0;
    changed = changed || meta.deletionGracePeriodSeconds !== 0 || !meta.deletionTimestamp;
  } else if (pendingFinalizers && !nextMeta.deletionTimestamp) {
    nextMeta.deletionTimestamp = ctx.timestamp();
    nextMeta.deletionGracePeriodSeconds = 0;
    changed = true;
  }
  if (finalizers && finalizers.length === 0) delete nextMeta.finalizers;

  if (pendingFinalizers || pendingGrace) {
    if (!changed || dryRun) return { status: 200, body: changed ? next : existing };
    return { status: 200, body: ctx.store.update(resource, next) };
  }
  // Nothing to wait for: remove it now.
  if (dryRun) return deletedResponse(resource, existing);
  const last = ctx.store.delete(resource, namespace, name);
  strategyFor(resource).release?.(last);
  return deletedResponse(resource, last);
}

/**
 * The namespace registry's own first steps. The first delete only marks the namespace
 * Terminating (the namespace controller then empties it and clears `spec.finalizers` through
 * `finalize`); a later delete is refused until that is done, then falls through to the generic
 * path (which still honours `metadata.finalizers`). Returns undefined to fall through.
 */
function deleteNamespace(ctx: ServerContext, resource: ResourceInfo, ns: KubeObject, opts: DeleteOptionsBody, dryRun: boolean): ApiResponse | undefined {
  const name = ns.metadata?.name ?? '';
  if (IMMORTAL_NAMESPACES.has(name)) return fail(forbidden(`namespaces "${name}" is forbidden: this namespace may not be deleted`));
  const specFinalizers = (fields(ns).spec as { finalizers?: string[] } | undefined)?.finalizers ?? [];
  if (ns.metadata?.deletionTimestamp) {
    if (specFinalizers.length === 0) return undefined;
    return fail(
      conflict(
        'namespaces',
        name,
        'The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.',
      ),
    );
  }
  const next = clone(ns);
  const meta = metaOf(next);
  meta.deletionTimestamp = ctx.timestamp();
  const finalizers = finalizersFor(meta.finalizers ?? [], opts);
  if (finalizers) meta.finalizers = finalizers;
  if (meta.finalizers?.length === 0) delete meta.finalizers;
  const status = Object.assign({}, fields(next).status as object | undefined) as Record<string, unknown>;
  status.phase = 'Terminating';
  fields(next).status = status;
  if (dryRun) return { status: 200, body: next };
  return { status: 200, body: ctx.store.update(resource, next) };
}

/** DELETE on a collection: every matching object, each with the same options. */
export function deleteCollection(ctx: ServerContext, req: Omit<DeleteRequest, 'name'>, filter: ListFilter): ApiResponse {
  const opts = deleteOptionsOf(req.query, req.body);
  if (failed(opts)) return fail(opts);
  const dryRunQuery = dryRunOf(req.query);
  if (failed(dryRunQuery)) return fail(dryRunQuery);
  const dryRun = dryRunQuery || (opts.dryRun ?? []).includes('All');
  const items: KubeObject[] = [];
  for (const obj of ctx.store.list(req.resource, filter)) {
    const res = deleteWithOptions(ctx, req.resource, obj.metadata?.namespace, obj.metadata?.name ?? '', opts, dryRun);
    if (res.status >= 400) {
      // Already gone or blocked: the rest still goes, as the real registry keeps going.
      continue;
    }
    items.push(obj);
  }
  return {
    status: 200,
    body: {
      kind: `${req.resource.kind}List`,
      apiVersion: groupVersion(req.resource),
      metadata: { resourceVersion: String(ctx.store.resourceVersion) },
      items,
    },
  };
}
