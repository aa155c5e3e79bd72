/**
 * The shape every kind's strategy shares, mirroring the real registry: defaults, then on create a
 * fresh status and `generation: 1`, on update the old status kept (or, through the `status`
 * subresource, the old spec and metadata kept), and metadata validation by the kind's name rule.
 * Kinds add their own defaulting and validation on top via `defineStrategy`.
 */
import type { FieldError } from '../errors';
import type { ResourceInfo } from '../resources';
import type { KubeObject } from '../types';
import { put, safeClone as clone } from '../patch/safe';
import { sameCanonicalJson } from '../../sim/names';
import { canonicalizeQuantities } from '../schema/canonical';
import type { Strategy, StrategyContext } from './contract';
import { fields, isObject, metaOf } from './object';
import { validateObjectMeta, validateObjectMetaUpdate } from './validation/metadata';
import { nameIsDNSSubdomain, type NameValidator } from './validation/names';

export interface KindRules {
  /** How `metadata.name` is checked (most kinds: DNS-1123 subdomain). */
  nameFn?: NameValidator;
  /**
   * What a new object's status starts as: a function (Pod: phase Pending), `'keep'` (Node and
   * Namespace accept a status on create) or absent (status cleared, or the kind has none).
   */
  initialStatus?: ((obj: KubeObject) => unknown) | 'keep';
  /** The kind has a status the main resource may not write. */
  hasStatus?: boolean;
  /** Top-level fields whose change bumps `metadata.generation`; absent → the kind has no generation. */
  generationFields?: string[];
  /** Also bump the generation when annotations change (Deployment copies them to ReplicaSets). */
  generationOnAnnotations?: boolean;
  /**
   * Annotations may change through `/status` (Deployment: the controller records the revision
   * there, so a new revision number does not count as a spec change and bump the generation).
   */
  statusWritesAnnotations?: boolean;
  /** Defaults for everything but the status (spec, metadata, data…). */
  defaults?(obj: KubeObject, ctx: StrategyContext): void;
  /** Defaults inside the status (Node: allocatable from capacity); also run on status writes. */
  statusDefaults?(status: Record<string, unknown>): void;
  prepareForCreate?(obj: KubeObject, ctx: StrategyContext): void;
  prepareForUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext, subresource?: string): void;
  validate?(obj: KubeObject, ctx: StrategyContext): FieldError[];
  /** Kind-specific update checks; `validate` of the new object runs as well. */
  validateUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): FieldError[];
  /** Replace full-object validation on update (Pods validate only what may change). */
  validateUpdateOnly?: boolean;
  release?(obj: KubeObject): void;
}

const sameJson = sameCanonicalJson;

export function defineStrategy(resource: ResourceInfo, rules: KindRules = {}): Strategy {
  const nameFn = rules.nameFn ?? nameIsDNSSubdomain;
  const metaRules = { namespaced: resource.namespaced, nameFn };

  return {
    applyDefaults(obj, ctx) {
      // Decoding stores quantities canonically (`0.5` → `500m`); defaults may then copy them.
      canonicalizeQuantities(resource, obj);
      rules.defaults?.(obj, ctx);
      const status = fields(obj).status;
      if (rules.statusDefaults && isObject(status)) rules.statusDefaults(status);
    },

    applyStatusDefaults(obj) {
      const o = fields(obj);
      // Only the status is walked: the rest of the body is about to be replaced by the stored object.
      if (o.status !== undefined) canonicalizeQuantities(resource, { status: o.status } as unknown as KubeObject);
      if (rules.statusDefaults && isObject(o.status)) rules.statusDefaults(o.status);
    },

    prepareForCreate(obj, ctx) {
      const o = fields(obj);
      if (rules.initialStatus !== 'keep' && rules.hasStatus) {
        if (rules.initialStatus) o.status = rules.initialStatus(obj);
        else delete o.status;
      }
      const meta = metaOf(obj);
      if (rules.generationFields) meta.generation = 1;
      else delete meta.generation;
      rules.prepareForCreate?.(obj, ctx);
    },

    prepareForUpdate(obj, old, ctx, subresource) {
      const o = fields(obj);
      const prev = fields(old);
      const meta = metaOf(obj);
      const oldMeta = metaOf(old);
      if (subresource === 'status') {
        // Through /status only the status moves; everything else stays as stored.
        // The stored parts are deeply frozen and nothing after this step writes to them, so they
        // are shared rather than copied: later checks and the store then see them unchanged by
        // identity, which makes a kubelet's status write cost its status, not the whole pod.
        for (const key of Object.keys(o)) if (key !== 'status' && key !== 'metadata' && key !== 'apiVersion' && key !== 'kind') delete o[key];
        for (const key of Object.keys(prev)) if (key !== 'status' && key !== 'metadata') put(o, key, prev[key]);
        const { resourceVersion, annotations, uid } = meta;
        o.metadata = { ...oldMeta };
        if (rules.statusWritesAnnotations) {
          if (annotations === undefined) delete metaOf(obj).annotations;
          else metaOf(obj).annotations = annotations;
        }
        if (resourceVersion !== undefined) metaOf(obj).resourceVersion = resourceVersion;
        else delete metaOf(obj).resourceVersion;
        // A uid sent is a precondition (a kubelet's status patch carries the pod's): another one is refused as immutable.
        if (uid) metaOf(obj).uid = uid;
      } else {
        if (rules.hasStatus) {
          if (prev.status === undefined) delete o.status;
          else o.status = clone(prev.status);
        }
        // Clients cannot move the generation; only a spec change does.
        if (rules.generationFields) {
          const changed =
            rules.generationFields.some((f) => !sameJson(o[f], prev[f])) ||
            (rules.generationOnAnnotations === true && !sameJson(meta.annotations, oldMeta.annotations));
          const base = oldMeta.generation ?? 1;
          meta.generation = changed ? base + 1 : base;
        } else {
          delete meta.generation;
        }
      }
      if (!meta.uid && oldMeta.uid) meta.uid = oldMeta.uid;
      if (oldMeta.creationTimestamp) meta.creationTimestamp = oldMeta.creationTimestamp;
      rules.prepareForUpdate?.(obj, old, ctx, subresource);
    },

    validate(obj, ctx) {
      return [...validateObjectMeta(obj.metadata, metaRules), ...(rules.validate?.(obj, ctx) ?? [])];
    },

    validateUpdate(obj, old, ctx) {
      const errs = validateObjectMetaUpdate(obj.metadata, old.metadata);
      if (!rules.validateUpdateOnly) errs.push(...(rules.validate?.(obj, ctx) ?? []));
      errs.push(...(rules.validateUpdate?.(obj, old, ctx) ?? []));
      return errs;
    },

    release(obj) {
      rules.release?.(obj);
    },
  };
}
