/**
 * StatefulSets: ordered pods with stable names. Only replicas, template, updateStrategy,
 * persistentVolumeClaimRetentionPolicy, ordinals and minReadySeconds may change after creation.
 */
import type { FieldError } from '../errors';
import type { ResourceInfo } from '../resources';
import { sameCanonicalJson } from '../../sim/names';
import type { KindRules } from './generic';
import { asObject, ensureObject, fields, setDefault, type Json } from './object';
import { defaultPodTemplate } from './podspec-defaults';
import { child, forbidden, notSupported } from './validation/field';
import { nonNegative, validateSelectorAndTemplate } from './workload';

const UPDATABLE = ['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];

function defaultStatefulSet(spec: Json): void {
  setDefault(spec, 'podManagementPolicy', 'OrderedReady');
  const strategy = ensureObject(spec, 'updateStrategy');
  if (!strategy.type) strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') setDefault(ensureObject(strategy, 'rollingUpdate'), 'partition', 0);
  const retention = ensureObject(spec, 'persistentVolumeClaimRetentionPolicy');
  setDefault(retention, 'whenDeleted', 'Retain');
  setDefault(retention, 'whenScaled', 'Retain');
  setDefault(spec, 'replicas', 1);
  setDefault(spec, 'revisionHistoryLimit', 10);
  defaultPodTemplate(ensureObject(spec, 'template'));
}

function validateStatefulSetSpec(raw: unknown, path = 'spec'): FieldError[] {
  const spec = asObject(raw) ?? {};
  const errs: FieldError[] = [];
  const policy = spec.podManagementPolicy;
  if (policy !== 'OrderedReady' && policy !== 'Parallel') {
    errs.push(notSupported(child(path, 'podManagementPolicy'), policy ?? '', ['OrderedReady', 'Parallel']));
  }
  const strategy = asObject(spec.updateStrategy) ?? {};
  if (strategy.type !== 'RollingUpdate' && strategy.type !== 'OnDelete') {
    errs.push(notSupported(child(path, 'updateStrategy.type'), strategy.type ?? '', ['OnDelete', 'RollingUpdate']));
  }
  errs.push(...nonNegative(asObject(strategy.rollingUpdate)?.partition, child(path, 'updateStrategy.rollingUpdate.partition')));
  errs.push(...nonNegative(spec.replicas, child(path, 'replicas')));
  errs.push(...nonNegative(spec.minReadySeconds, child(path, 'minReadySeconds')));
  errs.push(...validateSelectorAndTemplate(spec, path, 'statefulset', ['Always']));
  return errs;
}

export function statefulSetRules(_resource: ResourceInfo): KindRules {
  return {
    hasStatus: true,
    generationFields: ['spec'],
    defaults: (obj) => defaultStatefulSet(ensureObject(fields(obj), 'spec')),
    validate: (obj) => validateStatefulSetSpec(fields(obj).spec),
    validateUpdate(obj, old) {
      const a = { ...(asObject(fields(obj).spec) ?? {}) };
      const b = { ...(asObject(fields(old).spec) ?? {}) };
      for (const f of UPDATABLE) {
        delete a[f];
        delete b[f];
      }
      if (sameCanonicalJson(a, b)) return [];
      return [
        forbidden(
          'spec',
          "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
        ),
      ];
    },
  };
}
