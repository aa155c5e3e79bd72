/**
 * DaemonSets: one pod per eligible node, replaced by RollingUpdate one node at a time
 * (maxUnavailable 1, maxSurge 0) unless told otherwise.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { FieldError } from '../errors';
import type { ResourceInfo } from '../resources';
import type { KindRules } from './generic';
import { asObject, ensureObject, fields, setDefault, type Json } from './object';
import { defaultPodTemplate } from './podspec-defaults';
import { validatePodTemplateSpec } from './podspec-validation';
import { child, notSupported, required } from './validation/field';
import { goIntOrString, goLabelSelector, goStringMap, invalidGo } from './validation/golit';
import { selectorIsEmpty, selectorIsValid, selectorMatches, validateLabelSelector } from './validation/selector';
import {
  intOrPercentValue,
  nonNegative,
  notMoreThan100Percent,
  forbidActiveDeadline,
  SELECTOR_MISMATCH,
  selectorImmutable,
  validateIntOrPercent,
  validateTemplateRestartPolicy,
} from './workload';

function defaultDaemonSet(spec: Json): void {
  const strategy = ensureObject(spec, 'updateStrategy');
  if (!strategy.type) strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = ensureObject(strategy, 'rollingUpdate');
    setDefault(ru, 'maxUnavailable', 1);
    setDefault(ru, 'maxSurge', 0);
  }
  setDefault(spec, 'revisionHistoryLimit', 10);
  defaultPodTemplate(ensureObject(spec, 'template'));
}

function validateUpdateStrategy(raw: unknown, path: string): FieldError[] {
  const strategy = asObject(raw) ?? {};
  if (strategy.type === 'OnDelete') return [];
  if (strategy.type !== 'RollingUpdate') return [notSupported(child(path, 'type'), strategy.type ?? '', ['RollingUpdate', 'OnDelete'])];
  const ru = asObject(strategy.rollingUpdate);
  const ruPath = child(path, 'rollingUpdate');
  if (!ru) return [required(ruPath)];
  const errs = [
    ...validateIntOrPercent(ru.maxUnavailable, child(ruPath, 'maxUnavailable')),
    ...validateIntOrPercent(ru.maxSurge, child(ruPath, 'maxSurge')),
    ...notMoreThan100Percent(ru.maxUnavailable, child(ruPath, 'maxUnavailable')),
    ...notMoreThan100Percent(ru.maxSurge, child(ruPath, 'maxSurge')),
  ];
  // Exactly one of them: a node either loses its pod first, or gets the new one first.
  const unavailable = intOrPercentValue(ru.maxUnavailable).value !== 0;
  const surge = intOrPercentValue(ru.maxSurge).value !== 0;
  if (unavailable && surge) errs.push(invalidGo(child(ruPath, 'maxSurge'), goIntOrString(ru.maxSurge), 'may not be set when maxUnavailable is non-zero'));
  if (!unavailable && !surge) errs.push(required(child(ruPath, 'maxUnavailable'), 'cannot be 0 when maxSurge is 0'));
  return errs;
}

export function validateDaemonSetSpec(raw: unknown, path = 'spec'): FieldError[] {
  const spec = asObject(raw) ?? {};
  const selPath = child(path, 'selector');
  const selector = asObject(spec.selector) as LabelSelector | undefined;
  const tPath = child(path, 'template');
  const labels = asObject(asObject(asObject(spec.template)?.metadata)?.labels) as Record<string, string> | undefined;
  const errs = validateLabelSelector(selector, selPath);
  if (!(selector && (selectorIsEmpty(selector) || !selectorIsValid(selector))) && !selectorMatches(selector, labels)) {
    errs.push(invalidGo(child(tPath, 'metadata.labels'), goStringMap(labels), SELECTOR_MISMATCH));
  }
  if (selector && selectorIsEmpty(selector)) errs.push(invalidGo(selPath, goLabelSelector(selector), 'empty selector is invalid for daemonset'));
  errs.push(...validatePodTemplateSpec(spec.template, tPath));
  errs.push(...validateTemplateRestartPolicy(spec.template, tPath, ['Always']));
  errs.push(...forbidActiveDeadline(spec.template, tPath, 'DaemonSet'));
  errs.push(...nonNegative(spec.minReadySeconds, child(path, 'minReadySeconds')));
  errs.push(...validateUpdateStrategy(spec.updateStrategy, child(path, 'updateStrategy')));
  errs.push(...nonNegative(spec.revisionHistoryLimit, child(path, 'revisionHistoryLimit')));
  return errs;
}

export function daemonSetRules(_resource: ResourceInfo): KindRules {
  return {
    hasStatus: true,
    generationFields: ['spec'],
    defaults: (obj) => defaultDaemonSet(ensureObject(fields(obj), 'spec')),
    validate: (obj) => validateDaemonSetSpec(fields(obj).spec),
    validateUpdate: (obj, old) => selectorImmutable(asObject(fields(obj).spec), asObject(fields(old).spec)),
  };
}
