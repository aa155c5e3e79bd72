/**
 * ReplicaSets (apps/v1) and their predecessor ReplicationControllers (v1). A ReplicationController's
 * selector is a plain label map that defaults to the template's labels; a ReplicaSet's is required.
 */
import type { FieldError } from '../errors';
import type { ResourceInfo } from '../resources';
import type { KindRules } from './generic';
import { asObject, ensureObject, fields, metaOf, setDefault, type Json } from './object';
import { defaultPodTemplate } from './podspec-defaults';
import { child, required } from './validation/field';
import { goStringMap, invalidGo } from './validation/golit';
import { validateLabels } from './validation/metadata';
import { validatePodTemplateSpec } from './podspec-validation';
import { forbidActiveDeadline, nonNegative, selectorImmutable, SELECTOR_MISMATCH, validateSelectorAndTemplate, validateTemplateRestartPolicy } from './workload';

export function validateReplicaSetSpec(raw: unknown, path = 'spec'): FieldError[] {
  const spec = asObject(raw) ?? {};
  return [
    ...nonNegative(spec.replicas, child(path, 'replicas')),
    ...nonNegative(spec.minReadySeconds, child(path, 'minReadySeconds')),
    ...validateSelectorAndTemplate(spec, path, 'deployment', ['Always']),
    ...forbidActiveDeadline(spec.template, child(path, 'template'), 'ReplicaSet'),
  ];
}

export function replicaSetRules(_resource: ResourceInfo): KindRules {
  return {
    hasStatus: true,
    generationFields: ['spec'],
    defaults(obj) {
      const spec = ensureObject(fields(obj), 'spec');
      setDefault(spec, 'replicas', 1);
      defaultPodTemplate(ensureObject(spec, 'template'));
    },
    validate: (obj) => validateReplicaSetSpec(fields(obj).spec),
    validateUpdate: (obj, old) => selectorImmutable(asObject(fields(obj).spec), asObject(fields(old).spec)),
  };
}

function validateReplicationControllerSpec(raw: unknown, path = 'spec'): FieldError[] {
  const spec = asObject(raw) ?? {};
  const errs = [...nonNegative(spec.replicas, child(path, 'replicas')), ...nonNegative(spec.minReadySeconds, child(path, 'minReadySeconds'))];
  const selector = asObject(spec.selector) as Record<string, string> | undefined;
  const selPath = child(path, 'selector');
  if (!selector || Object.keys(selector).length === 0) errs.push(required(selPath));
  else errs.push(...validateLabels(selector, selPath));
  const tPath = child(path, 'template');
  const template = asObject(spec.template);
  if (!template) return [...errs, required(tPath)];
  const labels = asObject(asObject(template.metadata)?.labels) as Record<string, string> | undefined;
  if (selector && Object.keys(selector).length > 0) {
    const matches = Object.entries(selector).every(([k, v]) => labels?.[k] === v);
    if (!matches) errs.push(invalidGo(child(tPath, 'metadata.labels'), goStringMap(labels), SELECTOR_MISMATCH));
  }
  errs.push(...validatePodTemplateSpec(template, tPath));
  errs.push(...validateTemplateRestartPolicy(template, tPath, ['Always']));
  errs.push(...forbidActiveDeadline(template, tPath, 'ReplicationController'));
  return errs;
}

export function replicationControllerRules(_resource: ResourceInfo): KindRules {
  return {
    hasStatus: true,
    generationFields: ['spec'],
    defaults(obj) {
      const spec: Json = ensureObject(fields(obj), 'spec');
      const template = asObject(spec.template);
      const labels = asObject(asObject(template?.metadata)?.labels);
      // Upstream SetDefaults_ReplicationController: selector and labels follow the template's labels.
      if (labels && Object.keys(labels).length > 0) {
        if (!asObject(spec.selector) || Object.keys(asObject(spec.selector)!).length === 0) spec.selector = { ...labels };
        const meta = metaOf(obj);
        if (!meta.labels || Object.keys(meta.labels).length === 0) meta.labels = { ...(labels as Record<string, string>) };
      }
      setDefault(spec, 'replicas', 1);
      if (template) defaultPodTemplate(template);
    },
    validate: (obj) => validateReplicationControllerSpec(fields(obj).spec),
  };
}
