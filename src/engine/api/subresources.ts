/**
 * Subresources with their own shapes: `scale` (an autoscaling/v1 Scale view of a workload's
 * replicas), `binding` (how the scheduler assigns a node), `eviction` (a polite delete),
 * `finalize` (the namespace controller's last step) and the node streams `log`/`exec`/`attach`,
 * which the apiserver only forwards.
 */
import type { Status } from 'kubernetes-types/meta/v1';
import { clone } from './clone';
import { fail, failed, fields, type ServerContext } from './context';
import { decodeObject, fieldValidationOf, safeCopy } from './decode';
import { deleteOptionsOf, deleteWithOptions } from './delete';
import { badRequest, conflict, invalid, methodNotAllowed, notFound, success } from './errors';
import { applyPatch, PatchError } from './patch';
import { qualifiedResource, type ResourceInfo } from './resources';
import { formatLabelSelector, selectorFromSet } from './selectors';
import type { ApiResponse, HttpMethod, KubeObject, PodStreamHandlers } from './types';
import { CONFLICT_MESSAGE, dryRunOf, patchFailure, patchTypeOf, updateDecoded } from './write';

export interface SubresourceRequest {
  method: HttpMethod;
  resource: ResourceInfo;
  namespace: string | undefined;
  name: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
}

// ---------------------------------------------------------------------------------------------
// scale

/** The resource Scale objects travel as, for patching and errors (`Scale.autoscaling`). */
const SCALE_RESOURCE: ResourceInfo = {
  plural: 'scale',
  singular: 'scale',
  kind: 'Scale',
  group: 'autoscaling',
  version: 'v1',
  namespaced: true,
  shortNames: [],
  verbs: ['get', 'patch', 'update'],
  categories: [],
  subresources: [],
};

function scaleOf(resource: ResourceInfo, obj: KubeObject): KubeObject {
  const spec = (fields(obj).spec ?? {}) as { replicas?: number; selector?: unknown };
  const status = (fields(obj).status ?? {}) as { replicas?: number };
  // ReplicationControllers select with a plain map; the apps kinds with a LabelSelector.
  const selector =
    resource.kind === 'ReplicationController'
      ? selectorFromSet(spec.selector as Record<string, string> | undefined).toString()
      : formatLabelSelector(spec.selector as never).replace(/^<none>$/, '');
  const meta = obj.metadata ?? {};
  const scale = {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: meta.name,
      namespace: meta.namespace,
      uid: meta.uid,
      resourceVersion: meta.resourceVersion,
      creationTimestamp: meta.creationTimestamp,
    },
    spec: { replicas: spec.replicas ?? 0 },
    status: { replicas: status.replicas ?? 0, selector },
  };
  return scale as KubeObject;
}

export function handleScale(ctx: ServerContext, req: SubresourceRequest): ApiResponse {
  const { resource, name } = req;
  const current = ctx.store.get(resource, req.namespace, name);
  if (!current) return fail(notFound(qualifiedResource(resource), name));
  if (req.method === 'GET') return { status: 200, body: scaleOf(resource, current) };
  if (req.method !== 'PUT' && req.method !== 'PATCH') return fail(methodNotAllowed());
  const dryRun = dryRunOf(req.query);
  if (failed(dryRun)) return fail(dryRun);

  let body: unknown = req.body;
  if (req.method === 'PATCH') {
    const type = patchTypeOf(req.headers['content-type']);
    if (failed(type)) return fail(type);
    try {
      body = applyPatch(type, scaleOf(resource, current), req.body, SCALE_RESOURCE);
    } catch (e) {
      if (e instanceof PatchError) return fail(patchFailure(e));
      throw e;
    }
  }
  const decoded = decodeObject(SCALE_RESOURCE, body, 'Ignore');
  if (failed(decoded)) return fail(decoded);
  const scale = decoded.obj as KubeObject & { spec?: { replicas?: unknown } };
  if ((scale.metadata?.name ?? '') !== name) {
    return fail(badRequest(`the name of the object (${scale.metadata?.name ?? ''}) does not match the name on the URL (${name})`));
  }
  const replicas = scale.spec?.replicas ?? 0;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas)) {
    return fail(badRequest(`Scale in version "v1" cannot be handled as a Scale: json: cannot unmarshal ${typeof replicas} into Go struct field ScaleSpec.spec.replicas of type int32`));
  }
  if (replicas < 0) {
    return fail(
      invalid('Scale.autoscaling', name, [{ type: 'FieldValueInvalid', field: 'spec.replicas', value: replicas, detail: 'must be greater than or equal to 0' }]),
    );
  }
  const rv = scale.metadata?.resourceVersion;
  if (rv && rv !== current.metadata?.resourceVersion) return fail(conflict(qualifiedResource(resource), name, CONFLICT_MESSAGE));

  const next = clone(current);
  fields(next).spec = { ...(fields(next).spec as object | undefined), replicas };
  const res = updateDecoded(ctx, { resource, namespace: req.namespace, name, query: req.query, body: next }, next, [], dryRun);
  if (res.status >= 400) return res;
  return { status: 200, body: scaleOf(resource, res.body as KubeObject) };
}

// ---------------------------------------------------------------------------------------------
// binding

/**
 * POST pods/<name>/binding (or POST bindings): sets spec.nodeName and the PodScheduled condition.
 * Errors come back as Conflicts on `pods/binding`, exactly what the scheduler logs.
 */
const bindingConflict = (name: string, why: string): ApiResponse => fail(conflict('pods/binding', name, why));

export function handleBinding(ctx: ServerContext, pods: ResourceInfo, namespace: string, urlName: string | undefined, rawBody: unknown): ApiResponse {
  if (rawBody === null || typeof rawBody !== 'object' || Array.isArray(rawBody)) return fail(badRequest('Binding in version "v1" cannot be handled as a Binding: the body is not an object'));
  const binding = safeCopy(rawBody) as KubeObject & { target?: { kind?: string; name?: string } };
  const name = binding.metadata?.name ?? '';
  if (urlName !== undefined && name !== urlName) return fail(badRequest('name in URL does not match name in Binding object'));
  const errors = [];
  const target = binding.target ?? {};
  if (target.kind && target.kind !== 'Node') {
    errors.push({ type: 'FieldValueNotSupported' as const, field: 'target.kind', value: target.kind, supported: ['Node', '<empty>'] });
  }
  if (!target.name) errors.push({ type: 'FieldValueRequired' as const, field: 'target.name', detail: '' });
  if (errors.length > 0) return fail(invalid('Binding', name, errors));

  const pod = ctx.store.get(pods, namespace, name);
  if (!pod) return fail(notFound('pods', name));
  const uid = binding.metadata?.uid;
  if (uid && uid !== pod.metadata?.uid) {
    return bindingConflict(name, `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${pod.metadata?.uid ?? ''}`);
  }
  if (pod.metadata?.deletionTimestamp) return bindingConflict(name, `pod ${name} is being deleted, cannot be assigned to a host`);
  const nodeName = (fields(pod).spec as { nodeName?: string } | undefined)?.nodeName;
  if (nodeName) return bindingConflict(name, `pod ${name} is already assigned to node "${nodeName}"`);

  // Only spec.nodeName, the PodScheduled condition (and maybe annotations) change: copy just the
  // path to them and share the rest of the stored (frozen) pod, so the store compares and freezes
  // a few fields instead of the whole pod.
  const stored = pod as KubeObject & { spec?: object; status?: { conditions?: readonly Record<string, unknown>[] } };
  const next = { ...stored, spec: { ...stored.spec, nodeName: target.name } } as KubeObject & {
    spec: { nodeName?: string };
    status: { conditions: Record<string, unknown>[] };
  };
  const annotations = binding.metadata?.annotations;
  if (annotations && Object.keys(annotations).length > 0) {
    next.metadata = { ...next.metadata, annotations: { ...next.metadata?.annotations, ...annotations } };
  }
  const conditions = [...(stored.status?.conditions ?? [])];
  next.status = { ...stored.status, conditions };
  let at = 0;
  while (at < conditions.length && conditions[at]!.type !== 'PodScheduled') at++;
  if (at === conditions.length) conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: ctx.timestamp() });
  else if (conditions[at]!.status !== 'True') {
    const scheduled: Record<string, unknown> = { ...conditions[at]!, status: 'True', lastTransitionTime: ctx.timestamp() };
    delete scheduled.reason;
    delete scheduled.message;
    conditions[at] = scheduled;
  }
  ctx.store.update(pods, next);
  return { status: 201, body: { ...success(), code: 201 } };
}

// ---------------------------------------------------------------------------------------------
// eviction

/** POST pods/<name>/eviction: a delete with the eviction's options (no disruption budgets here). */
export function handleEviction(ctx: ServerContext, req: SubresourceRequest): ApiResponse {
  if (req.method !== 'POST') return fail(methodNotAllowed());
  const body = (req.body ?? {}) as KubeObject & { deleteOptions?: unknown };
  if ((body.metadata?.name ?? '') !== req.name) return fail(badRequest('name in URL does not match name in Eviction object'));
  const opts = deleteOptionsOf({}, body.deleteOptions);
  if (failed(opts)) return fail(opts);
  const dryRun = dryRunOf(req.query);
  if (failed(dryRun)) return fail(dryRun);
  const res = deleteWithOptions(ctx, req.resource, req.namespace, req.name, opts, dryRun);
  if (res.status >= 400) return res;
  return { status: 201, body: { ...success(), code: 201 } };
}

// ---------------------------------------------------------------------------------------------
// namespace finalize

/** PUT namespaces/<name>/finalize: only `spec.finalizers` changes, as the namespace controller needs. */
export function handleFinalize(ctx: ServerContext, req: SubresourceRequest): ApiResponse {
  if (req.method !== 'PUT') return fail(methodNotAllowed());
  const validation = fieldValidationOf(req.query);
  if (failed(validation)) return fail(validation);
  const decoded = decodeObject(req.resource, req.body, validation);
  if (failed(decoded)) return fail(decoded);
  const current = ctx.store.get(req.resource, undefined, req.name);
  if (!current) return fail(notFound('namespaces', req.name));
  if ((decoded.obj.metadata?.name ?? '') !== req.name) {
    return fail(badRequest(`the name of the object (${decoded.obj.metadata?.name ?? ''}) does not match the name on the URL (${req.name})`));
  }
  const rv = decoded.obj.metadata?.resourceVersion;
  if (rv && rv !== current.metadata?.resourceVersion) return fail(conflict('namespaces', req.name, CONFLICT_MESSAGE));
  const finalizers = (fields(decoded.obj).spec as { finalizers?: string[] } | undefined)?.finalizers;
  const next = clone(current);
  const spec: Record<string, unknown> = { ...(fields(next).spec as object | undefined), finalizers: finalizers ?? [] };
  if (!finalizers || finalizers.length === 0) delete spec.finalizers;
  fields(next).spec = spec;
  return { status: 200, body: ctx.store.update(req.resource, next) };
}

// ---------------------------------------------------------------------------------------------
// log / exec / attach

export type StreamKind = 'log' | 'exec' | 'attach';

/** Checks what the apiserver itself can check, then hands the request to the node side. */
export function handlePodStream(ctx: ServerContext, req: SubresourceRequest, sub: StreamKind, handlers: PodStreamHandlers): ApiResponse {
  const allowed: HttpMethod[] = sub === 'log' ? ['GET'] : ['GET', 'POST'];
  if (!allowed.includes(req.method)) return fail(methodNotAllowed());
  const pod = ctx.store.get(req.resource, req.namespace, req.name);
  if (!pod) return fail(notFound('pods', req.name));
  if (!(fields(pod).spec as { nodeName?: string } | undefined)?.nodeName) return fail(badRequest(`pod ${req.name} does not have a host assigned`));
  const handler = handlers[sub];
  if (!handler) return fail(streamUnavailable(sub));
  return handler.call(handlers, req.namespace ?? '', req.name, req.query);
}

export function streamUnavailable(sub: StreamKind): Status {
  return badRequest(`pods/${sub} is not available: no node agent has registered a ${sub} handler`);
}
