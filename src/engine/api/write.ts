/**
 * Create, update and patch: the write path of the generic registry, step by step as the real
 * apiserver runs it.
 *
 *   create:  decode (+ defaults) → namespace admission → namespace match → prepareForCreate →
 *            uid / creationTimestamp → generateName → validate → store
 *   update:  decode (+ defaults) → name/namespace match → resourceVersion precondition →
 *            system fields kept from the stored object → prepareForUpdate → validateUpdate →
 *            no-op check (an update that changes nothing writes nothing) → store
 *   patch:   the stored object + the patch → then exactly the update path
 *
 * Each failure is the Status the real server sends (`AlreadyExists`, `Conflict`, `Invalid`...).
 */
import type { Status } from 'kubernetes-types/meta/v1';
import { generateName } from '../sim/names';
import { clone } from './clone';
import { fail, failed, fields, metaOf, qualifiedKind, share, unknownError, uuid, type ServerContext } from './context';
import { decodeObject, fieldValidationOf, jsonSize, MAX_STORED_BYTES, type FieldValidation } from './decode';
import { alreadyExists, badRequest, conflict, forbidden, invalid, notFound, unsupportedMediaType } from './errors';
import { applyPatch, PatchError } from './patch';
import { qualifiedResource, resourceFor, type ResourceInfo } from './resources';
import { strategyFor } from './strategy';
import type { ApiResponse, KubeObject, PatchType } from './types';
import { PATCH_CONTENT_TYPES } from './types';

const NAMESPACES = resourceFor('', 'namespaces')!;
const GENERATE_NAME_ATTEMPTS = 8;
/** Kinds whose registry strategy allows creating an object with PUT. */
const CREATE_ON_UPDATE = new Set([
  '/endpoints',
  '/events',
  '/limitranges',
  '/services',
  'coordination.k8s.io/leases',
  'rbac.authorization.k8s.io/roles',
  'rbac.authorization.k8s.io/rolebindings',
  'rbac.authorization.k8s.io/clusterroles',
  'rbac.authorization.k8s.io/clusterrolebindings',
]);

export const CONFLICT_MESSAGE = 'the object has been modified; please apply your changes to the latest version and try again';

export interface WriteRequest {
  resource: ResourceInfo;
  namespace: string | undefined;
  query: Record<string, string>;
  body: unknown;
}

/** `dryRun=All` → true; absent → false; anything else → a BadRequest Status. */
export function dryRunOf(query: Record<string, string>): boolean | Status {
  const v = query.dryRun;
  if (v === undefined || v === '') return false;
  if (v === 'All') return true;
  return badRequest(`Invalid dry run value: ${v}; supported values: "All"`);
}

const withWarnings = (res: ApiResponse, warnings: string[]): ApiResponse => (warnings.length > 0 ? { ...res, warnings } : res);

/** NamespaceLifecycle admission: new objects need a namespace that exists and is not going away. */
export function admitNamespace(ctx: ServerContext, resource: ResourceInfo, namespace: string, name: string): Status | undefined {
  const ns = ctx.store.get(NAMESPACES, undefined, namespace);
  if (!ns) return notFound('namespaces', namespace);
  const phase = (fields(ns).status as { phase?: string } | undefined)?.phase;
  if (phase === 'Terminating' || ns.metadata?.deletionTimestamp) {
    const what = qualifiedResource(resource);
    const prefix = name ? `${what} "${name}" is forbidden` : `${what} is forbidden`;
    // The cause tells controllers this refusal is expected (they skip their FailedCreate events).
    return forbidden(`${prefix}: unable to create new content in namespace ${namespace} because it is being terminated`, {
      name,
      group: resource.group,
      kind: resource.plural,
      causes: [{ reason: 'NamespaceTerminating', message: `namespace ${namespace} is being terminated`, field: 'metadata.namespace' }],
    });
  }
  return undefined;
}

/**
 * The etcd request limit: larger objects cannot be stored whatever the kind. Defaults add
 * kilobytes, not hundreds of them, so only bodies already near the limit are measured again.
 */
function tooBigToStore(obj: KubeObject, bodySize: number): Status | undefined {
  if (bodySize < MAX_STORED_BYTES / 2) return undefined;
  return jsonSize(obj, MAX_STORED_BYTES) > MAX_STORED_BYTES ? unknownError('etcdserver: request is too large') : undefined;
}

export function createObject(ctx: ServerContext, req: WriteRequest): ApiResponse {
  const { resource, query } = req;
  const validation = fieldValidationOf(query);
  if (failed(validation)) return fail(validation);
  const dryRun = dryRunOf(query);
  if (failed(dryRun)) return fail(dryRun);
  const decoded = decodeObject(resource, req.body, validation);
  if (failed(decoded)) return fail(decoded);
  const { obj, warnings } = decoded;
  const meta = metaOf(obj);
  const strategy = strategyFor(resource);
  const sctx = ctx.strategyContext();

  if (meta.resourceVersion) return fail(badRequest('resourceVersion should not be set on objects to be created'));

  // Namespace: the URL decides; a conflicting one in the body is an error, a missing one is filled.
  if (resource.namespaced) {
    const ns = req.namespace ?? '';
    const denied = admitNamespace(ctx, resource, ns, meta.name ?? '');
    if (denied) return fail(denied);
    if (meta.namespace && meta.namespace !== ns) {
      return fail(badRequest('the namespace of the provided object does not match the namespace sent on the request'));
    }
    meta.namespace = ns;
  } else {
    delete meta.namespace;
  }

  strategy.applyDefaults(obj, sctx);
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  strategy.prepareForCreate?.(obj, sctx);
  meta.uid = uuid(ctx.rng);
  meta.creationTimestamp = ctx.timestamp();
  const generated = Boolean(meta.generateName && !meta.name);
  if (generated) meta.name = generateName(meta.generateName!, ctx.rng);

  const errors = strategy.validate(obj, sctx);
  if (errors.length > 0) return fail(invalid(qualifiedKind(resource), meta.name ?? '', errors));
  if (!meta.name) {
    return fail(
      invalid(qualifiedKind(resource), '', [{ type: 'FieldValueRequired', field: 'metadata.name', detail: 'name or generateName is required' }]),
    );
  }
  const tooBig = tooBigToStore(obj, decoded.size);
  if (tooBig) return fail(tooBig);

  // A generated name may collide; draw again a few times before giving up, as the server retries.
  if (generated) {
    for (let i = 1; i < GENERATE_NAME_ATTEMPTS && ctx.store.get(resource, meta.namespace, meta.name); i++) {
      meta.name = generateName(meta.generateName!, ctx.rng);
    }
  }
  if (ctx.store.get(resource, meta.namespace, meta.name)) return fail(alreadyExists(qualifiedResource(resource), meta.name));
  if (dryRun) return withWarnings({ status: 201, body: obj }, warnings);
  const stored = ctx.store.create(resource, obj);
  return withWarnings({ status: 201, body: stored }, warnings);
}

export interface UpdateRequest extends WriteRequest {
  name: string;
  /** `status` for PUT …/status; undefined for the main resource. */
  subresource?: string;
}

/** Runs the update path for an object that has already been decoded (PUT, PATCH, scale). */
export function updateDecoded(
  ctx: ServerContext,
  req: UpdateRequest,
  obj: KubeObject,
  warnings: string[],
  dryRun: boolean,
  bodySize = Infinity,
): ApiResponse {
  const { resource, name } = req;
  const meta = metaOf(obj);
  const what = qualifiedResource(resource);

  if ((meta.name ?? '') !== name) {
    return fail(badRequest(`the name of the object (${meta.name ?? ''}) does not match the name on the URL (${name})`));
  }
  if (resource.namespaced) {
    const ns = req.namespace ?? '';
    if (meta.namespace && meta.namespace !== ns) {
      return fail(badRequest(`the namespace of the object (${meta.namespace}) does not match the namespace on the request (${ns})`));
    }
    meta.namespace = ns;
  } else delete meta.namespace;

  const old = ctx.store.get(resource, req.namespace, name);
  if (!old) return fail(notFound(what, name));
  const oldMeta = old.metadata ?? {};
  if (meta.resourceVersion && meta.resourceVersion !== oldMeta.resourceVersion) return fail(conflict(what, name, CONFLICT_MESSAGE));

  const strategy = strategyFor(resource);
  const sctx = ctx.strategyContext();
  // System fields belong to the server: an update never moves them.
  if (!meta.uid && oldMeta.uid) meta.uid = oldMeta.uid;
  if (oldMeta.creationTimestamp) meta.creationTimestamp = oldMeta.creationTimestamp;
  if (oldMeta.deletionTimestamp) meta.deletionTimestamp = oldMeta.deletionTimestamp;
  else delete meta.deletionTimestamp;
  if (oldMeta.deletionGracePeriodSeconds !== undefined) meta.deletionGracePeriodSeconds = oldMeta.deletionGracePeriodSeconds;
  else delete meta.deletionGracePeriodSeconds;
  if (oldMeta.generation !== undefined) meta.generation = oldMeta.generation;

  if (req.subresource === 'status' && strategy.applyStatusDefaults) strategy.applyStatusDefaults(obj, sctx);
  else strategy.applyDefaults(obj, sctx);
  if (strategy.prepareForUpdate) strategy.prepareForUpdate(obj, old, sctx, req.subresource);
  else keepOtherHalf(resource, obj, old, req.subresource);

  // Unchanged parts are shared with the stored object rather than stored again — and swapped in
  // before validation: checks of stored (frozen) values are remembered (validation/once.ts), so
  // an update pays for checking what it changed, not the whole object again.
  meta.resourceVersion = oldMeta.resourceVersion;
  const candidate = share(obj, old) as KubeObject;

  const errors = [...strategy.validateUpdate(candidate, old, sctx), ...newFinalizersWhileDeleting(candidate, old)];
  if (errors.length > 0) return fail(invalid(qualifiedKind(resource), name, errors));
  const tooBig = tooBigToStore(candidate, bodySize);
  if (tooBig) return fail(tooBig);

  // Nothing changed: no write, no new resourceVersion, no watch event (etcd skips identical writes).
  if (candidate === old) return withWarnings({ status: 200, body: old }, warnings);
  if (dryRun) return withWarnings({ status: 200, body: candidate }, warnings);

  // The last finalizer is gone from an object already marked for deletion: it goes now.
  if (meta.deletionTimestamp && (meta.finalizers ?? []).length === 0 && meta.deletionGracePeriodSeconds === 0) {
    const last = ctx.store.delete(resource, req.namespace, name);
    strategy.release?.(last);
    return withWarnings({ status: 200, body: last }, warnings);
  }
  return withWarnings({ status: 200, body: ctx.store.update(resource, candidate) }, warnings);
}

/** Fallback when a strategy has no prepareForUpdate: status and spec belong to different doors. */
function keepOtherHalf(resource: ResourceInfo, obj: KubeObject, old: KubeObject, subresource: string | undefined): void {
  if (subresource === 'status') {
    const o = fields(obj);
    const prev = fields(old);
    for (const key of Object.keys(o)) if (key !== 'status' && key !== 'metadata') delete o[key];
    for (const key of Object.keys(prev)) if (key !== 'status' && key !== 'metadata') o[key] = prev[key];
    const rv = obj.metadata?.resourceVersion;
    obj.metadata = { ...clone(old.metadata ?? {}), resourceVersion: rv };
  } else if (resource.subresources.includes('status')) {
    if (fields(old).status === undefined) delete fields(obj).status;
    else fields(obj).status = fields(old).status;
  }
}

/** `metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted` */
function newFinalizersWhileDeleting(obj: KubeObject, old: KubeObject) {
  if (!old.metadata?.deletionTimestamp) return [];
  const before = new Set(old.metadata.finalizers ?? []);
  const added = (obj.metadata?.finalizers ?? []).filter((f) => !before.has(f));
  if (added.length === 0) return [];
  return [
    {
      type: 'FieldValueForbidden' as const,
      field: 'metadata.finalizers',
      detail: `no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map((f) => JSON.stringify(f)).join(', ')}}`,
    },
  ];
}

export function updateObject(ctx: ServerContext, req: UpdateRequest): ApiResponse {
  const validation = fieldValidationOf(req.query);
  if (failed(validation)) return fail(validation);
  const dryRun = dryRunOf(req.query);
  if (failed(dryRun)) return fail(dryRun);
  const stored = ctx.store.get(req.resource, req.namespace, req.name);
  if (!stored && !req.subresource && CREATE_ON_UPDATE.has(`${req.resource.group}/${req.resource.plural}`)) {
    // These kinds may be created by PUT (their strategies AllowCreateOnUpdate), answering 201.
    const name = (req.body as KubeObject | null | undefined)?.metadata?.name ?? '';
    if (name !== req.name) return fail(badRequest(`the name of the object (${name}) does not match the name on the URL (${req.name})`));
    return createObject(ctx, req);
  }
  const decoded = decodeObject(req.resource, req.body, validation, stored, req.subresource === 'status');
  if (failed(decoded)) return fail(decoded);
  return updateDecoded(ctx, req, decoded.obj, decoded.warnings, dryRun, decoded.size);
}

/** The patch flavour from the content type, or a 415 Status. */
export function patchTypeOf(contentType: string | undefined): PatchType | Status {
  const ct = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  for (const [type, mime] of Object.entries(PATCH_CONTENT_TYPES)) if (ct === mime) return type as PatchType;
  return unsupportedMediaType();
}

/** Turns a thrown PatchError into the Status it describes (its code and reason, 400 by default). */
export function patchFailure(e: PatchError): Status {
  const { code, reason } = e as unknown as { code?: unknown; reason?: unknown };
  const status = badRequest(e.message);
  if (typeof code === 'number') status.code = code;
  if (typeof reason === 'string') status.reason = reason;
  return status;
}

export function patchObject(ctx: ServerContext, req: UpdateRequest, contentType: string | undefined): ApiResponse {
  const type = patchTypeOf(contentType);
  if (failed(type)) return fail(type);
  const validation: FieldValidation | Status = fieldValidationOf(req.query);
  if (failed(validation)) return fail(validation);
  const dryRun = dryRunOf(req.query);
  if (failed(dryRun)) return fail(dryRun);
  const current = ctx.store.get(req.resource, req.namespace, req.name);
  if (!current) return fail(notFound(qualifiedResource(req.resource), req.name));
  let patched: KubeObject;
  try {
    patched = applyPatch(type, current, req.body, req.resource);
  } catch (e) {
    if (e instanceof PatchError) return fail(patchFailure(e));
    throw e;
  }
  const decoded = decodeObject(req.resource, patched, validation, current);
  if (failed(decoded)) return fail(decoded);
  return updateDecoded(ctx, req, decoded.obj, decoded.warnings, dryRun, decoded.size);
}
