/**
 * What the apiserver asks of each kind before it stores an object — the same split as the real
 * registry's "strategies": defaults first, then server-managed fields, then validation.
 */
import type { Rng } from '../../sim/rng';
import type { FieldError } from '../errors';
import type { KubeObject } from '../types';
import type { ResourceInfo } from '../resources';

/** Read-only view of stored objects, for checks that span objects (a free ClusterIP, a node port). */
export interface StoreView {
  list(resource: ResourceInfo, namespace?: string): readonly KubeObject[];
  get(resource: ResourceInfo, namespace: string | undefined, name: string): KubeObject | undefined;
}

export interface StrategyContext {
  rng: Rng;
  store: StoreView;
  /** RFC 3339 timestamp of "now" in simulated time. */
  now: string;
}

export interface Strategy {
  /** Fill in what the user may omit (imagePullPolicy by tag, restartPolicy, probe timings, ...). */
  applyDefaults(obj: KubeObject, ctx: StrategyContext): void;
  /**
   * The defaults that matter to a write through the `status` subresource, which keeps only the
   * body's status (prepareForUpdate puts back the stored spec and metadata): the status's own.
   */
  applyStatusDefaults?(obj: KubeObject, ctx: StrategyContext): void;
  /** Server-side fields on create: reset status, generation 1, allocate ClusterIP / node ports. */
  prepareForCreate?(obj: KubeObject, ctx: StrategyContext): void;
  /**
   * Server-side fields on update of the main resource: keep the old status, bump generation when
   * the spec changed. On the `status` subresource the roles swap (keep spec, take status).
   */
  prepareForUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext, subresource?: string): void;
  validate(obj: KubeObject, ctx: StrategyContext): FieldError[];
  validateUpdate(obj: KubeObject, old: KubeObject, ctx: StrategyContext): FieldError[];
  /** Free what prepareForCreate took (ClusterIPs, node ports) once the object is gone. */
  release?(obj: KubeObject): void;
}
