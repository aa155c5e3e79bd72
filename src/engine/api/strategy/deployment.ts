/**
 * Deployments: one replica, RollingUpdate with 25% surge / 25% unavailable, ten old ReplicaSets
 * kept, a 600-second progress deadline. The generation also moves when annotations change,
 * because the controller copies them onto the ReplicaSets.
 */
import type { ResourceInfo } from '../resources';
import type { FieldError } from '../errors';
import type { KindRules } from './generic';
import { asObject, ensureObject, fields, setDefault, type Json } from './object';
import { defaultPodTemplate } from './podspec-defaults';
import { child, forbidden, invalid, notSupported, required } from './validation/field';
import { goIntOrString, invalidGo } from './validation/golit';
import {
  intOrPercentValue,
  nonNegative,
  notMoreThan100Percent,
  selectorImmutable,
  validateIntOrPercent,
  validateSelectorAndTemplate,
  forbidActiveDeadline,
} from './workload';

function defaultDeployment(spec: Json): void {
  setDefault(spec, 'replicas', 1);
  const strategy = ensureObject(spec, 'strategy');
  if (!strategy.type) strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = ensureObject(strategy, 'rollingUpdate');
    setDefault(ru, 'maxUnavailable', '25%');
    setDefault(ru, 'maxSurge', '25%');
  }
  setDefault(spec, 'revisionHistoryLimit', 10);
  setDefault(spec, 'progressDeadlineSeconds', 600);
  defaultPodTemplate(ensureObject(spec, 'template'));
}

function validateStrategy(raw: unknown, path: string): FieldError[] {
  const strategy = asObject(raw) ?? {};
  const ru = asObject(strategy.rollingUpdate);
  switch (strategy.type) {
    case 'Recreate':
      return ru ? [forbidden(child(path, 'rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'")] : [];
    case 'RollingUpdate': {
      if (!ru) return [required(child(path, 'rollingUpdate'), 'this should be defaulted and never be nil')];
      const ruPath = child(path, 'rollingUpdate');
      const errs = [
        ...validateIntOrPercent(ru.maxUnavailable, child(ruPath, 'maxUnavailable')),
        ...validateIntOrPercent(ru.maxSurge, child(ruPath, 'maxSurge')),
      ];
      // With neither extra pods nor missing pods allowed, a rollout could never make progress.
      if (intOrPercentValue(ru.maxUnavailable).value === 0 && intOrPercentValue(ru.maxSurge).value === 0) {
        errs.push(invalidGo(child(ruPath, 'maxUnavailable'), goIntOrString(ru.maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
      }
      errs.push(...notMoreThan100Percent(ru.maxUnavailable, child(ruPath, 'maxUnavailable')));
      return errs;
    }
    default:
      return [notSupported(child(path, 'type'), strategy.type ?? '', ['Recreate', 'RollingUpdate'])];
  }
}

export function validateDeploymentSpec(raw: unknown, path = 'spec'): FieldError[] {
  const spec = asObject(raw) ?? {};
  const errs = [
    ...nonNegative(spec.replicas, child(path, 'replicas')),
    ...validateSelectorAndTemplate(spec, path, 'deployment', ['Always']),
    ...forbidActiveDeadline(spec.template, child(path, 'template'), 'ReplicaSet'),
    ...validateStrategy(spec.strategy, child(path, 'strategy')),
    ...nonNegative(spec.minReadySeconds, child(path, 'minReadySeconds')),
    ...nonNegative(spec.revisionHistoryLimit, child(path, 'revisionHistoryLimit')),
  ];
  const pds = spec.progressDeadlineSeconds;
  if (typeof pds === 'number') {
    errs.push(...nonNegative(pds, child(path, 'progressDeadlineSeconds')));
    const minReady = typeof spec.minReadySeconds === 'number' ? spec.minReadySeconds : 0;
    if (pds <= minReady) errs.push(invalid(child(path, 'progressDeadlineSeconds'), pds, 'must be greater than minReadySeconds'));
  }
  return errs;
}

export function deploymentRules(_resource: ResourceInfo): KindRules {
  return {
    hasStatus: true,
    generationFields: ['spec'],
    generationOnAnnotations: true,
    statusWritesAnnotations: true,
    defaults: (obj) => defaultDeployment(ensureObject(fields(obj), 'spec')),
    validate: (obj) => validateDeploymentSpec(fields(obj).spec),
    validateUpdate: (obj, old) => selectorImmutable(asObject(fields(obj).spec), asObject(fields(old).spec)),
  };
}
