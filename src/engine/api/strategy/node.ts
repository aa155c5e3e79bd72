/**
 * Nodes: registered by their kubelet with a status already filled in (capacity, addresses,
 * conditions), so the status given on create is kept. Allocatable defaults to capacity.
 */
import type { FieldError } from '../errors';
import type { ResourceInfo } from '../resources';
import type { KindRules } from './generic';
import { asArray, asObject, ensureObject, fields, type Json } from './object';
import { validateTaintEffect } from './podspec-validation';
import { child, forbidden, index, invalid, invalidEach } from './validation/field';
import { isQualifiedName, isValidLabelValue } from './validation/names';

function defaultNode(status: Json | undefined): void {
  if (status && status.capacity && !status.allocatable) status.allocatable = { ...(asObject(status.capacity) ?? {}) };
}

function goTaint(t: Json): string {
  return `core.Taint{Key:${JSON.stringify(String(t.key ?? ''))}, Value:${JSON.stringify(String(t.value ?? ''))}, Effect:${JSON.stringify(String(t.effect ?? ''))}, TimeAdded:(*v1.Time)(nil)}`;
}

function validateTaints(taints: unknown[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  taints.forEach((raw, i) => {
    const t = asObject(raw) ?? {};
    const tp = index(path, i);
    const key = typeof t.key === 'string' ? t.key : '';
    const value = typeof t.value === 'string' ? t.value : '';
    errs.push(...invalidEach(child(tp, 'key'), key, isQualifiedName(key)));
    const msgs = isValidLabelValue(value);
    if (msgs.length) errs.push(invalid(child(tp, 'value'), value, msgs.join(';')));
    errs.push(...validateTaintEffect(typeof t.effect === 'string' ? t.effect : '', false, child(tp, 'effect')));
    const id = `${String(t.effect)}\u0000${key}`;
    if (seen.has(id)) {
      errs.push({ type: 'FieldValueDuplicate', field: tp, detail: `${goTaint(t)}: taints must be unique by key and effect pair` });
      return;
    }
    seen.add(id);
  });
  return errs;
}

export function nodeRules(_resource: ResourceInfo): KindRules {
  return {
    hasStatus: true,
    initialStatus: 'keep',
    statusDefaults: (status) => defaultNode(status),
    prepareForCreate(obj) {
      const o = fields(obj);
      delete ensureObject(o, 'spec').configSource;
      const status = asObject(o.status);
      if (status) delete status.config;
    },
    validate: (obj) => validateTaints(asArray(asObject(fields(obj).spec)?.taints), 'spec.taints'),
    validateUpdate(obj, old) {
      const spec = asObject(fields(obj).spec) ?? {};
      const oldSpec = asObject(fields(old).spec) ?? {};
      const errs: FieldError[] = [];
      // Once assigned, a node's pod range and cloud identity are fixed.
      if (oldSpec.podCIDR && spec.podCIDR !== oldSpec.podCIDR) errs.push(forbidden('spec.podCIDRs', 'node updates may not change podCIDR except from "" to valid'));
      if (oldSpec.providerID && spec.providerID !== oldSpec.providerID) errs.push(forbidden('spec.providerID', 'node updates may not change providerID except from "" to valid'));
      return errs;
    },
  };
}
