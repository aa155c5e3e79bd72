/**
 * Checks shared by the controllers' specs (apps/v1 and batch/v1 validation): a selector that
 * must select the template's own labels, int-or-percent rollout knobs, and selector immutability.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { FieldError } from '../errors';
import { sameCanonicalJson } from '../../sim/names';
import { asObject, type Json } from './object';
import { validatePodTemplateSpec, NEGATIVE } from './podspec-validation';
import { child, forbidden, invalid, notSupported, required, IMMUTABLE } from './validation/field';
import { goIntOrString, goLabelSelector, goStringMap, invalidGo } from './validation/golit';
import { regexError } from './validation/names';
import { selectorIsEmpty, selectorIsValid, selectorMatches, validateLabelSelector } from './validation/selector';

export const SELECTOR_MISMATCH = '`selector` does not match template `labels`';

export function nonNegative(value: unknown, path: string): FieldError[] {
  return typeof value === 'number' && value < 0 ? [invalid(path, value, NEGATIVE)] : [];
}

const templateLabels = (template: unknown): Record<string, string> | undefined =>
  asObject(asObject(asObject(template)?.metadata)?.labels) as Record<string, string> | undefined;

/**
 * `spec.selector` (required, non-empty, valid) and `spec.template` for a ReplicaSet-like
 * controller (upstream `ValidatePodTemplateSpecForReplicaSet`). `kindWord` names the kind in the
 * empty-selector message — upstream says "deployment" for ReplicaSets too.
 */
export function validateSelectorAndTemplate(spec: Json, path: string, kindWord: string, restartPolicies: string[]): FieldError[] {
  const errs: FieldError[] = [];
  const selPath = child(path, 'selector');
  const selector = asObject(spec.selector) as LabelSelector | undefined;
  if (!selector) {
    errs.push(required(selPath));
  } else {
    errs.push(...validateLabelSelector(selector, selPath));
    if (selectorIsEmpty(selector)) errs.push(invalidGo(selPath, goLabelSelector(selector), `empty selector is invalid for ${kindWord}`));
  }
  if (selector && !selectorIsValid(selector)) {
    errs.push(invalidGo(selPath, goLabelSelector(selector), 'invalid label selector'));
    return errs;
  }
  const tPath = child(path, 'template');
  const template = spec.template;
  // A missing selector selects nothing (so the mismatch is reported too); an empty one everything.
  const labels = templateLabels(template);
  if (!(selector && selectorIsEmpty(selector)) && !selectorMatches(selector, labels)) {
    errs.push(invalidGo(child(tPath, 'metadata.labels'), goStringMap(labels), SELECTOR_MISMATCH));
  }
  errs.push(...validatePodTemplateSpec(template, tPath));
  errs.push(...validateTemplateRestartPolicy(template, tPath, restartPolicies));
  return errs;
}

export function validateTemplateRestartPolicy(template: unknown, tPath: string, allowed: string[]): FieldError[] {
  const policy = asObject(asObject(template)?.spec)?.restartPolicy;
  // An empty policy was already reported as required by the pod spec checks.
  if (typeof policy === 'string' && policy !== '' && !allowed.includes(policy)) {
    return [notSupported(child(tPath, 'spec.restartPolicy'), policy, allowed)];
  }
  return [];
}

export function forbidActiveDeadline(template: unknown, tPath: string, kind: string): FieldError[] {
  const ads = asObject(asObject(template)?.spec)?.activeDeadlineSeconds;
  return ads !== undefined && ads !== null ? [forbidden(child(tPath, 'spec.activeDeadlineSeconds'), `activeDeadlineSeconds in ${kind} is not Supported`)] : [];
}

const PERCENT_FMT = '[0-9]+%';
const PERCENT_MSG = "a valid percent string must be a numeric string followed by an ending '%'";

/** `ValidatePositiveIntOrPercent`: a non-negative integer or `N%`. */
export function validateIntOrPercent(v: unknown, path: string): FieldError[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'number') return nonNegative(v, path);
  if (typeof v === 'string') {
    return new RegExp(`^${PERCENT_FMT}$`).test(v) ? [] : [invalidGo(path, goIntOrString(v), regexError(PERCENT_MSG, PERCENT_FMT, '1%', '93%'))];
  }
  return [invalidGo(path, goIntOrString(v), "must be an integer or percentage (e.g '5%')")];
}

/** The number in `3` or `25%` (0 when unparsable), and whether it was a percentage. */
export function intOrPercentValue(v: unknown): { value: number; percent: boolean } {
  if (typeof v === 'number') return { value: v, percent: false };
  if (typeof v === 'string' && v.endsWith('%')) return { value: Number.parseInt(v, 10) || 0, percent: true };
  return { value: typeof v === 'string' ? Number.parseInt(v, 10) || 0 : 0, percent: false };
}

export function notMoreThan100Percent(v: unknown, path: string): FieldError[] {
  const { value, percent } = intOrPercentValue(v);
  return percent && value > 100 ? [invalidGo(path, goIntOrString(v), 'must not be greater than 100%')] : [];
}

/** apps/v1 selectors cannot change: existing pods would be orphaned or adopted by accident. */
export function selectorImmutable(spec: Json | undefined, oldSpec: Json | undefined, path = 'spec.selector'): FieldError[] {
  const a = spec?.selector;
  const b = oldSpec?.selector;
  if (sameCanonicalJson(a, b)) return [];
  return [invalidGo(path, goLabelSelector(asObject(a) as LabelSelector | undefined), IMMUTABLE)];
}
