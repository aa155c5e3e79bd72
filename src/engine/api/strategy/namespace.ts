/**
 * Namespaces: created `Active` with the `kubernetes` finalizer (which the namespace controller
 * removes after emptying it) and the `kubernetes.io/metadata.name` label that lets selectors pick
 * a namespace by name. The finalizers move only through the `finalize` subresource.
 */
import type { FieldError } from '../errors';
import type { ResourceInfo } from '../resources';
import type { KubeObject } from '../types';
import { safeClone as clone } from '../patch/safe';
import type { KindRules } from './generic';
import { asArray, asObject, ensureObject, fields, metaOf } from './object';
import { child, index, invalid, invalidEach } from './validation/field';
import { isQualifiedName, nameIsDNSLabel } from './validation/names';

export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
const KUBERNETES_FINALIZER = 'kubernetes';

function labelWithName(obj: KubeObject): void {
  const meta = metaOf(obj);
  if (!meta.name) return;
  meta.labels = { ...(meta.labels ?? {}), [NAMESPACE_NAME_LABEL]: meta.name };
}

function validateFinalizers(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  asArray(asObject(fields(obj).spec)?.finalizers).forEach((f, i) => {
    const path = index(child('spec', 'finalizers'), i);
    const name = typeof f === 'string' ? f : '';
    const msgs = isQualifiedName(name);
    errs.push(...invalidEach(path, name, msgs));
    if (msgs.length === 0 && !name.includes('/') && name !== KUBERNETES_FINALIZER) {
      errs.push(invalid(path, name, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  });
  return errs;
}

export function namespaceRules(_resource: ResourceInfo): KindRules {
  return {
    nameFn: nameIsDNSLabel,
    hasStatus: true,
    initialStatus: () => ({ phase: 'Active' }),
    defaults: labelWithName,
    prepareForCreate(obj) {
      labelWithName(obj);
      const spec = ensureObject(fields(obj), 'spec');
      const finalizers = asArray(spec.finalizers);
      if (!finalizers.includes(KUBERNETES_FINALIZER)) spec.finalizers = [...finalizers, KUBERNETES_FINALIZER];
    },
    prepareForUpdate(obj, old, _ctx, subresource) {
      const o = fields(obj);
      const oldSpec = asObject(fields(old).spec);
      if (subresource === 'finalize') {
        // Only spec.finalizers moves; status stays (generic) and so does the rest of the spec.
        const finalizers = asObject(o.spec)?.finalizers;
        o.spec = { ...clone(oldSpec ?? {}), finalizers };
        if (finalizers === undefined) delete (o.spec as Record<string, unknown>).finalizers;
      } else if (subresource !== 'status') {
        const spec = ensureObject(o, 'spec');
        if (oldSpec?.finalizers === undefined) delete spec.finalizers;
        else spec.finalizers = clone(oldSpec.finalizers);
        labelWithName(obj);
      }
    },
    validate: (obj) => validateFinalizers(obj),
    validateUpdate: () => [],
  };
}
