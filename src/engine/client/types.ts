/**
 * How the control plane's components talk to the apiserver — the in-process equivalent of client-go.
 * Every read and write goes through `ApiServer.request`/`watch` (the only door), so the same calls
 * can be shown to the learner and served over HTTP.
 */
import type { Status } from 'kubernetes-types/meta/v1';
import type { ResourceInfo } from '../api/resources';
import type { ApiRequest, ApiResponse, KubeObject, PatchType, WatchEvent, WatchHandle } from '../api/types';

export type Result<T> = { ok: true; value: T } | { ok: false; status: Status };

export interface ListOptions {
  namespace?: string;
  /** `app=nginx,tier!=db`, `env in (a,b)`, `!canary` */
  labelSelector?: string;
  /** `spec.nodeName=worker01`, `metadata.name!=x` */
  fieldSelector?: string;
}

export interface WatchOptions extends ListOptions {
  /** Resume after this version; the server answers 410 Gone when it is too old. */
  resourceVersion?: string;
}

export interface WriteOptions {
  dryRun?: boolean;
  /** `status` or `scale` for the subresources. */
  subresource?: string;
}

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

export interface ObjectList<T> {
  items: T[];
  resourceVersion: string;
}

export interface Client {
  /** Shown in diagrams and `-v=6` logs: `kube-scheduler`, `kubelet/worker01`, `kubectl/v1.30.2`. */
  readonly userAgent: string;
  request(req: ApiRequest): ApiResponse;
  get<T extends KubeObject>(resource: ResourceInfo, namespace: string | undefined, name: string): Result<T>;
  list<T extends KubeObject>(resource: ResourceInfo, options?: ListOptions): Result<ObjectList<T>>;
  /** The namespace comes from `obj.metadata.namespace` (or `default` for namespaced kinds). */
  create<T extends KubeObject>(resource: ResourceInfo, obj: T, options?: WriteOptions): Result<T>;
  update<T extends KubeObject>(resource: ResourceInfo, obj: T, options?: WriteOptions): Result<T>;
  patch<T extends KubeObject>(
    resource: ResourceInfo,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    patch: unknown,
    options?: WriteOptions,
  ): Result<T>;
  delete(resource: ResourceInfo, namespace: string | undefined, name: string, options?: DeleteOptions): Result<KubeObject | Status>;
  /** POST pods/<name>/binding — how the scheduler assigns a node. */
  bind(namespace: string, pod: string, node: string): Result<Status>;
  /** Events arrive asynchronously (on the simulated clock), never inside the call that caused them. */
  watch<T extends KubeObject>(resource: ResourceInfo, options: WatchOptions, onEvent: (event: WatchEvent<T>) => void): Result<WatchHandle>;
}

export interface InformerHandlers<T> {
  add?(obj: T): void;
  update?(oldObj: T, newObj: T): void;
  delete?(obj: T): void;
}

/**
 * A local, always-up-to-date cache of one kind, fed by list + watch (relisting after 410 Gone).
 * Controllers read from informers and write through the client, as in client-go.
 */
export interface Informer<T extends KubeObject> {
  readonly resource: ResourceInfo;
  readonly synced: boolean;
  get(namespace: string | undefined, name: string): T | undefined;
  list(namespace?: string): readonly T[];
  /** Objects indexed by a named index registered with `addIndex`. */
  byIndex(index: string, key: string): readonly T[];
  addIndex(index: string, keysOf: (obj: T) => readonly string[]): void;
  addHandlers(handlers: InformerHandlers<T>): void;
}
