/**
 * The apiserver: the only door into the cluster. kubectl, the scheduler, the controllers, the
 * kubelets and the UI all call `request` (and `watch`) with the same REST shapes a real
 * kube-apiserver speaks, so every change to the cluster is a request a learner can see.
 *
 *   const api = new ApiServer({ clock, rng });
 *   api.request({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: pod });
 *   api.watch({ method: 'GET', path: '/api/v1/pods', query: { watch: 'true', fieldSelector: 'spec.nodeName=worker01' } },
 *             (event) => ...);   // events arrive later, on the simulated clock
 *
 * This file routes and answers reads (get, list, watch, discovery, Tables); the write paths live
 * in write.ts, delete.ts and subresources.ts, storage in store.ts, watch fan-out in watch.ts.
 */
import type { Status } from 'kubernetes-types/meta/v1';
import type { Clock } from '../sim/clock';
import type { Rng } from '../sim/rng';
import { fail, failed, type ServerContext } from './context';
import { deleteCollection, deleteObject } from './delete';
import { apiGroupInfo, apiGroupList, apiResourceList, apiVersions, VERSION_INFO } from './discovery';
import { badRequest, internalError, methodNotAllowed, notFound, pageNotFound } from './errors';
import { FieldSelectorError, fieldSelectorOf, parseFieldSelector, unsupportedFieldError, type FieldSelector } from './fieldselectors';
import { pageOf } from './pagination';
import { groupVersion, qualifiedResource, resourceFor, type ResourceInfo } from './resources';
import { route, splitPath, type Route } from './routing';
import { EVERYTHING, SelectorParseError, parseLabelSelector, type Selector } from './selectors';
import { Store, type StoreOptions } from './store';
import type { StoreView, StrategyContext } from './strategy/contract';
import { handleBinding, handleEviction, handleFinalize, handlePodStream, handleScale, type SubresourceRequest } from './subresources';
import { buildTable } from './tables';
import type { IncludeObject } from './tables/types';
import type { ApiRequest, ApiResponse, KubeObject, PodStreamHandlers, Verb, WatchEvent, WatchHandle } from './types';
import { answerReview, isReview } from './reviews';
import { WatchHub } from './watch';
import { createObject, patchObject, updateObject } from './write';

export interface ApiServerOptions extends StoreOptions {
  clock: Clock;
  rng: Rng;
}

/** Everything an observer (the UI's request log, a diagram) learns about one call. */
export interface RequestRecord {
  request: ApiRequest;
  response: ApiResponse;
  /** `get`, `list`, `watch`, `create`... or undefined for discovery and unknown paths. */
  verb?: Verb;
  /** Simulated time of the call. */
  at: number;
}

export type RequestListener = (record: RequestRecord) => void;

export type WatchResponse = ApiResponse & { handle?: WatchHandle };

interface ResolvedResource {
  resource: ResourceInfo;
  namespace?: string;
  name?: string;
  subresource?: string;
}

const PODS = resourceFor('', 'pods')!;

function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

const isWatch = (query: Record<string, string>): boolean => query.watch === 'true' || query.watch === '1';

export class ApiServer implements ServerContext {
  readonly clock: Clock;
  readonly rng: Rng;
  readonly store: Store;
  readonly watches: WatchHub;
  private streams: PodStreamHandlers = {};
  private readonly listeners: RequestListener[] = [];

  constructor(options: ApiServerOptions) {
    this.clock = options.clock;
    this.rng = options.rng;
    this.store = new Store(options);
    this.watches = new WatchHub(this.store, this.clock);
  }

  /** What strategies may read: the stored objects, never the write methods. */
  private readonly storeView: StoreView = {
    list: (resource, namespace) => this.store.list(resource, namespace === undefined ? {} : { namespace }),
    get: (resource, namespace, name) => this.store.get(resource, namespace, name),
  };

  strategyContext(): StrategyContext {
    return { rng: this.rng, store: this.storeView, now: this.timestamp() };
  }

  private stampedSecond = -1;
  private stampedText = '';

  timestamp(): string {
    const second = Math.floor(this.clock.now() / 1000);
    if (second !== this.stampedSecond) {
      this.stampedSecond = second;
      this.stampedText = this.clock.timestamp();
    }
    return this.stampedText;
  }

  /** Where `pods/log`, `pods/exec` and `pods/attach` go; until set they answer 400. */
  setPodStreamHandlers(handlers: PodStreamHandlers): void {
    this.streams = handlers;
  }

  /**
   * Observe every request and its response (including watch starts). Costs nothing while nobody
   * listens. Returns an unsubscribe function.
   */
  onRequest(listener: RequestListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  private notify(request: ApiRequest, response: ApiResponse, verb: Verb | undefined): void {
    if (this.listeners.length === 0) return;
    const record: RequestRecord = { request, response, verb, at: this.clock.now() };
    for (const l of [...this.listeners]) l(record);
  }

  /** A synchronous REST call. Watch requests must use `watch` instead. */
  request(req: ApiRequest): ApiResponse {
    let verb: Verb | undefined;
    let response: ApiResponse;
    try {
      const parsed = this.parse(req);
      if ('response' in parsed) response = parsed.response;
      else {
        verb = parsed.verb;
        response = this.dispatch(req, parsed.route, parsed.query, verb);
      }
    } catch (e) {
      response = fail(internalError(e instanceof Error ? e.message : String(e)));
    }
    this.notify(req, response, verb);
    return response;
  }

  /**
   * Starts a watch (`GET <collection>?watch=true`, or a single object's URL). The response is
   * immediate; events follow asynchronously on the clock until `handle.stop()`. A resourceVersion
   * that is too old produces a single ERROR event (410 Expired), as from a real apiserver.
   */
  watch(req: ApiRequest, onEvent: (event: WatchEvent) => void): WatchResponse {
    let response: WatchResponse;
    try {
      response = this.startWatch(req, onEvent);
    } catch (e) {
      response = fail(internalError(e instanceof Error ? e.message : String(e)));
    }
    this.notify(req, response, response.status < 400 ? 'watch' : undefined);
    return response;
  }

  // -------------------------------------------------------------------------------------------

  private parse(req: ApiRequest): { response: ApiResponse } | { route: Route; query: Record<string, string>; verb?: Verb } {
    const split = splitPath(req.path);
    if (!split) return { response: fail(badRequest(`invalid URL escape in ${JSON.stringify(req.path)}`)) };
    // split.query is a fresh object; only a request that brings its own query needs merging.
    const query = req.query && hasKeys(req.query) ? { ...split.query, ...req.query } : split.query;
    const r = route(split.segments);
    return { route: r, query, verb: r.type === 'resource' ? verbOf(req.method, r, query) : undefined };
  }

  private dispatch(req: ApiRequest, r: Route, query: Record<string, string>, verb: Verb | undefined): ApiResponse {
    switch (r.type) {
      case 'notFound':
        return fail(pageNotFound());
      case 'discovery':
      case 'groupDiscovery':
      case 'resourceList':
        if (req.method !== 'GET') return fail(methodNotAllowed());
        return { status: 200, body: discoveryBody(r) };
      case 'resource':
        break;
    }
    const target: ResolvedResource = r;
    if (verb === 'watch') return fail(badRequest('watch requests must be made with ApiServer.watch'));
    if (target.subresource) return this.subresource(req, target, query);
    const { resource, namespace, name } = target;
    // A namespaced kind's all-namespaces URL only lists and watches.
    if (resource.namespaced && namespace === undefined && verb !== 'list') return fail(methodNotAllowed());
    if (verb === undefined || !resource.verbs.includes(verb)) return fail(methodNotAllowed());
    const base = { resource, namespace, query, body: req.body };
    if (verb === 'create' && isReview(resource)) return answerReview(resource, req.body);
    // POST bindings is the older spelling of POST pods/<name>/binding.
    if (resource.group === '' && resource.plural === 'bindings' && verb === 'create') {
      return handleBinding(this, PODS, namespace ?? '', undefined, req.body);
    }
    switch (verb) {
      case 'get':
        return this.get(req, resource, namespace, name!, query);
      case 'list':
        return this.list(req, resource, namespace, query);
      case 'create':
        return createObject(this, base);
      case 'update':
        return updateObject(this, { ...base, name: name! });
      case 'patch':
        return patchObject(this, { ...base, name: name! }, req.headers?.['content-type']);
      case 'delete':
        return deleteObject(this, { ...base, name: name! });
      case 'deletecollection': {
        const filter = this.filterOf(resource, namespace, query);
        if (failed(filter)) return fail(filter);
        return deleteCollection(this, base, filter);
      }
    }
    return fail(methodNotAllowed());
  }

  private subresource(req: ApiRequest, target: ResolvedResource, query: Record<string, string>): ApiResponse {
    const { resource, namespace, name, subresource } = target;
    const sreq: SubresourceRequest = {
      method: req.method,
      resource,
      namespace,
      name: name!,
      query,
      headers: req.headers ?? {},
      body: req.body,
    };
    switch (subresource) {
      case 'status': {
        const base = { resource, namespace, query, body: req.body, name: name!, subresource: 'status' };
        if (req.method === 'GET') return this.get(req, resource, namespace, name!, query);
        if (req.method === 'PUT') return updateObject(this, base);
        if (req.method === 'PATCH') return patchObject(this, base, req.headers?.['content-type']);
        return fail(methodNotAllowed());
      }
      case 'scale':
        return handleScale(this, sreq);
      case 'binding':
        if (req.method !== 'POST') return fail(methodNotAllowed());
        return handleBinding(this, resource, namespace ?? '', name, req.body);
      case 'eviction':
        return handleEviction(this, sreq);
      case 'finalize':
        return handleFinalize(this, sreq);
      case 'log':
      case 'exec':
      case 'attach':
        return handlePodStream(this, sreq, subresource, this.streams);
    }
    return fail(pageNotFound());
  }

  // -------------------------------------------------------------------------------------------
  // reads

  private get(req: ApiRequest, resource: ResourceInfo, namespace: string | undefined, name: string, query: Record<string, string>): ApiResponse {
    const obj = this.store.get(resource, namespace, name);
    if (!obj) return fail(notFound(qualifiedResource(resource), name));
    if (wantsTable(req)) {
      const table = this.table(resource, [obj], query);
      if (failed(table)) return fail(table);
      return { status: 200, body: table };
    }
    return { status: 200, body: obj };
  }

  /** Parses labelSelector / fieldSelector into a store filter, or the 400 the real server sends. */
  private filterOf(
    resource: ResourceInfo,
    namespace: string | undefined,
    query: Record<string, string>,
  ): { namespace?: string; label: Selector; field: FieldSelector } | Status {
    let label: Selector = EVERYTHING;
    let field: FieldSelector = fieldSelectorOf([]);
    try {
      if (query.labelSelector) label = parseLabelSelector(query.labelSelector);
      if (query.fieldSelector) field = parseFieldSelector(query.fieldSelector);
    } catch (e) {
      if (e instanceof SelectorParseError || e instanceof FieldSelectorError) return badRequest(e.message);
      throw e;
    }
    const unsupported = unsupportedFieldError(resource, field);
    if (unsupported) return badRequest(unsupported);
    return namespace === undefined ? { label, field } : { namespace, label, field };
  }

  private list(req: ApiRequest, resource: ResourceInfo, namespace: string | undefined, query: Record<string, string>): ApiResponse {
    const filter = this.filterOf(resource, namespace, query);
    if (failed(filter)) return fail(filter);
    if (query.continue && query.resourceVersion && query.resourceVersion !== '0') {
      return fail(badRequest('specifying resource version is not allowed when using continue'));
    }
    const resourceVersion = this.store.resourceVersion;
    // Across namespaces an object's key is namespace/name, as etcd's keys below /registry/<resource>/.
    const keyOf = (o: KubeObject): string => (resource.namespaced && namespace === undefined ? `${o.metadata?.namespace}/${o.metadata?.name}` : (o.metadata?.name ?? ''));
    const filtered = !filter.label.empty || !filter.field.empty;
    const page = pageOf(this.store.list(resource, filter), keyOf, { limit: query.limit, continue: query.continue, resourceVersion, filtered });
    if (failed(page)) return fail(page);
    const metadata = { resourceVersion: String(resourceVersion), ...(page.continue ? { continue: page.continue } : {}), ...(page.remainingItemCount !== undefined ? { remainingItemCount: page.remainingItemCount } : {}) };
    if (wantsTable(req)) {
      const table = this.table(resource, page.items, query);
      if (failed(table)) return fail(table);
      return { status: 200, body: { ...table, metadata } };
    }
    return { status: 200, body: { kind: `${resource.kind}List`, apiVersion: groupVersion(resource), metadata, items: page.items } };
  }

  private table(resource: ResourceInfo, objects: readonly KubeObject[], query: Record<string, string>) {
    const include = query.includeObject ?? 'Metadata';
    if (include !== 'None' && include !== 'Metadata' && include !== 'Object') {
      return badRequest(`includeObject: Unsupported value: ${JSON.stringify(include)}: supported values: "Metadata", "None", "Object"`);
    }
    return buildTable(resource, objects, {
      now: this.clock.now(),
      clock: this.clock,
      includeObject: include as IncludeObject,
      resourceVersion: String(this.store.resourceVersion),
    });
  }

  private startWatch(req: ApiRequest, onEvent: (event: WatchEvent) => void): WatchResponse {
    const parsed = this.parse(req);
    if ('response' in parsed) return parsed.response;
    const r = parsed.route;
    if (r.type === 'notFound') return fail(pageNotFound());
    if (r.type !== 'resource' || req.method !== 'GET' || r.subresource) return fail(methodNotAllowed());
    const { resource, namespace, name } = r;
    if (!resource.verbs.includes('watch')) return fail(methodNotAllowed());
    const query = { ...parsed.query };
    // A watch on one object's URL is a collection watch pinned to its name (kubectl get pod x -w).
    if (name !== undefined) {
      query.fieldSelector = query.fieldSelector ? `${query.fieldSelector},metadata.name=${name}` : `metadata.name=${name}`;
    }
    const filter = this.filterOf(resource, namespace, query);
    if (failed(filter)) return fail(filter);

    let fromRv: number | undefined;
    const rvParam = query.resourceVersion;
    if (rvParam !== undefined && rvParam !== '') {
      if (!/^\d+$/.test(rvParam)) {
        return fail(badRequest(`resourceVersion: Invalid value: ${JSON.stringify(rvParam)}: strconv.ParseUint: parsing ${JSON.stringify(rvParam)}: invalid syntax`));
      }
      fromRv = Number(rvParam);
      const current = this.store.resourceVersion;
      if (fromRv > current) {
        return fail({
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: `Too large resource version: ${fromRv}, current: ${current}`,
          reason: 'Timeout',
          details: { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }], retryAfterSeconds: 1 },
          code: 504,
        });
      }
    }
    const listener = wantsTable(req) ? this.tableWatchListener(resource, query, onEvent) : onEvent;
    const handle = this.watches.open({ resource, ...filter }, fromRv, listener, req.userAgent);
    return { status: 200, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' }, handle };
  }

  /** Watch events carrying one-row Tables (`kubectl get -w`); column definitions only in the first. */
  private tableWatchListener(resource: ResourceInfo, query: Record<string, string>, onEvent: (event: WatchEvent) => void) {
    let first = true;
    return (event: WatchEvent): void => {
      if (event.type === 'ERROR' || event.type === 'BOOKMARK') return onEvent(event);
      const table = this.table(resource, [event.object], query);
      if (failed(table)) return onEvent({ type: 'ERROR', object: table as KubeObject });
      if (!first) table.columnDefinitions = [];
      first = false;
      onEvent({ type: event.type, object: table as unknown as KubeObject });
    };
  }
}

function verbOf(method: ApiRequest['method'], r: Extract<Route, { type: 'resource' }>, query: Record<string, string>): Verb | undefined {
  const named = r.name !== undefined;
  switch (method) {
    case 'GET':
      if (isWatch(query)) return 'watch';
      return named ? 'get' : 'list';
    case 'POST':
      return named && !r.subresource ? undefined : 'create';
    case 'PUT':
      return named ? 'update' : undefined;
    case 'PATCH':
      return named ? 'patch' : undefined;
    case 'DELETE':
      return named ? 'delete' : 'deletecollection';
  }
  return undefined;
}

const wantsTable = (req: ApiRequest): boolean => (req.headers?.accept ?? '').includes('as=Table');

function discoveryBody(r: Route): unknown {
  switch (r.type) {
    case 'discovery':
      if (r.what === 'api') return apiVersions();
      if (r.what === 'apis') return apiGroupList();
      if (r.what === 'version') return { ...VERSION_INFO };
      return 'ok';
    case 'groupDiscovery':
      return apiGroupInfo(r.group);
    case 'resourceList':
      return apiResourceList(r.group, r.version);
    default:
      return undefined;
  }
}
