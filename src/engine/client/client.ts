/**
 * `ApiClient`: the in-process client-go. Every method builds the same REST request kubectl would
 * send (`collectionPath` / `objectPath` from the resource table) and calls the apiserver's one door,
 * so the scheduler's bindings and a kubelet's status updates show up in the request log exactly
 * like a learner's `kubectl apply`.
 */
import type { Status } from 'kubernetes-types/meta/v1';
import { isStatus } from '../api/errors';
import { collectionPath, objectPath, type ResourceInfo } from '../api/resources';
import type { ApiServer } from '../api/server';
import type { ApiRequest, ApiResponse, KubeObject, PatchType, WatchEvent, WatchHandle } from '../api/types';
import { PATCH_CONTENT_TYPES } from '../api/types';
import type { Client, DeleteOptions, ListOptions, ObjectList, Result, WatchOptions, WriteOptions } from './types';

/** The part of ApiServer a client needs (lets tests stand in a fake). */
export type ApiDoor = Pick<ApiServer, 'request' | 'watch'>;

function toResult<T>(res: ApiResponse): Result<T> {
  if (res.status < 400) return { ok: true, value: res.body as T };
  const status: Status = isStatus(res.body)
    ? res.body
    : { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: res.status, message: String(res.body) };
  return { ok: false, status };
}

function selectorQuery(options: ListOptions | undefined): Record<string, string> {
  const query: Record<string, string> = {};
  if (options?.labelSelector) query.labelSelector = options.labelSelector;
  if (options?.fieldSelector) query.fieldSelector = options.fieldSelector;
  return query;
}

const namespaceOf = (resource: ResourceInfo, obj: KubeObject): string | undefined =>
  resource.namespaced ? (obj.metadata?.namespace ?? 'default') : undefined;

export class ApiClient implements Client {
  constructor(
    private readonly api: ApiDoor,
    readonly userAgent: string,
  ) {}

  /** The methods below label their requests themselves; a request from outside gets our user agent. */
  request(req: ApiRequest): ApiResponse {
    return this.api.request(req.userAgent ? req : { ...req, userAgent: this.userAgent });
  }

  get<T extends KubeObject>(resource: ResourceInfo, namespace: string | undefined, name: string): Result<T> {
    return toResult(this.request({ method: 'GET', path: objectPath(resource, namespace, name), userAgent: this.userAgent }));
  }

  list<T extends KubeObject>(resource: ResourceInfo, options?: ListOptions): Result<ObjectList<T>> {
    const res = this.request({ method: 'GET', path: collectionPath(resource, options?.namespace), query: selectorQuery(options), userAgent: this.userAgent });
    const result = toResult<{ items: T[]; metadata?: { resourceVersion?: string } }>(res);
    if (!result.ok) return result;
    return { ok: true, value: { items: result.value.items, resourceVersion: result.value.metadata?.resourceVersion ?? '' } };
  }

  create<T extends KubeObject>(resource: ResourceInfo, obj: T, options?: WriteOptions): Result<T> {
    const namespace = namespaceOf(resource, obj);
    const path = options?.subresource
      ? objectPath(resource, namespace, obj.metadata?.name ?? '', options.subresource)
      : collectionPath(resource, namespace);
    return toResult(this.request({ method: 'POST', path, query: writeQuery(options), body: obj, userAgent: this.userAgent }));
  }

  update<T extends KubeObject>(resource: ResourceInfo, obj: T, options?: WriteOptions): Result<T> {
    const path = objectPath(resource, namespaceOf(resource, obj), obj.metadata?.name ?? '', options?.subresource);
    return toResult(this.request({ method: 'PUT', path, query: writeQuery(options), body: obj, userAgent: this.userAgent }));
  }

  patch<T extends KubeObject>(
    resource: ResourceInfo,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    patch: unknown,
    options?: WriteOptions,
  ): Result<T> {
    return toResult(
      this.request({
        method: 'PATCH',
        path: objectPath(resource, namespace, name, options?.subresource),
        query: writeQuery(options),
        headers: { 'content-type': PATCH_CONTENT_TYPES[type] },
        body: patch,
        userAgent: this.userAgent,
      }),
    );
  }

  delete(resource: ResourceInfo, namespace: string | undefined, name: string, options?: DeleteOptions): Result<KubeObject | Status> {
    const body: Record<string, unknown> = { kind: 'DeleteOptions', apiVersion: 'v1' };
    if (options?.gracePeriodSeconds !== undefined) body.gracePeriodSeconds = options.gracePeriodSeconds;
    if (options?.propagationPolicy !== undefined) body.propagationPolicy = options.propagationPolicy;
    if (options?.preconditions !== undefined) body.preconditions = options.preconditions;
    if (options?.dryRun) body.dryRun = ['All'];
    return toResult(this.request({ method: 'DELETE', path: objectPath(resource, namespace, name), body, userAgent: this.userAgent }));
  }

  bind(namespace: string, pod: string, node: string): Result<Status> {
    return toResult(
      this.request({
        method: 'POST',
        path: `/api/v1/namespaces/${namespace}/pods/${pod}/binding`,
        body: { kind: 'Binding', apiVersion: 'v1', metadata: { name: pod, namespace }, target: { kind: 'Node', apiVersion: 'v1', name: node } },
        userAgent: this.userAgent,
      }),
    );
  }

  watch<T extends KubeObject>(resource: ResourceInfo, options: WatchOptions, onEvent: (event: WatchEvent<T>) => void): Result<WatchHandle> {
    const query = selectorQuery(options);
    query.watch = 'true';
    if (options.resourceVersion !== undefined) query.resourceVersion = options.resourceVersion;
    const res = this.api.watch(
      { method: 'GET', path: collectionPath(resource, options.namespace), query, userAgent: this.userAgent },
      onEvent as (event: WatchEvent) => void,
    );
    if (res.status >= 400 || !res.handle) return toResult(res);
    return { ok: true, value: res.handle };
  }
}

function writeQuery(options: WriteOptions | undefined): Record<string, string> {
  return options?.dryRun ? { dryRun: 'All' } : {};
}
