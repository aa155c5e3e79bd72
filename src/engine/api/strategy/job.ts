/**
 * Jobs: run pods to completion. The apiserver generates the selector from the Job's uid (so two
 * Jobs can never adopt each other's pods) and labels the template to match; the template must
 * say `restartPolicy: Never` or `OnFailure`, since "Always" would never complete.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { FieldError } from '../errors';
import type { ResourceInfo } from '../resources';
import type { KubeObject } from '../types';
import { canonicalJson, sameCanonicalJson } from '../../sim/names';
import type { KindRules } from './generic';
import { asObject, ensureObject, fields, metaOf, setDefault, type Json } from './object';
import { defaultPodTemplate } from './podspec-defaults';
import { validatePodTemplateSpec } from './podspec-validation';
import { child, notSupported, required, IMMUTABLE } from './validation/field';
import { goStringMap, invalidGo } from './validation/golit';
import { selectorIsValid, selectorMatches, validateLabelSelector } from './validation/selector';
import { nonNegative, SELECTOR_MISMATCH, selectorImmutable } from './workload';

export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';

/** Defaults shared by a Job and (only the pod template part) a CronJob's jobTemplate. */
function defaultJob(obj: KubeObjectLike): void {
  const spec = ensureObject(obj, 'spec');
  if (spec.completions == null && spec.parallelism == null) spec.completions = 1;
  setDefault(spec, 'parallelism', 1);
  setDefault(spec, 'backoffLimit', spec.backoffLimitPerIndex != null ? 2147483647 : 6);
  setDefault(spec, 'completionMode', 'NonIndexed');
  setDefault(spec, 'suspend', false);
  setDefault(spec, 'podReplacementPolicy', spec.podFailurePolicy != null ? 'Failed' : 'TerminatingOrFailed');
  defaultPodTemplate(ensureObject(spec, 'template'));
  copyTemplateLabels(obj);
}

type KubeObjectLike = Json;

/** A Job without labels of its own takes its template's (upstream SetDefaults_Job). */
function copyTemplateLabels(obj: Json): void {
  const labels = asObject(asObject(asObject(asObject(obj.spec)?.template)?.metadata)?.labels);
  const meta = ensureObject(obj, 'metadata');
  const own = asObject(meta.labels);
  if (labels && Object.keys(labels).length > 0 && (!own || Object.keys(own).length === 0)) meta.labels = { ...labels };
}

function generateSelector(obj: Json, uid: string, name: string): void {
  const spec = ensureObject(obj, 'spec');
  if (spec.manualSelector === true) return;
  const template = ensureObject(spec, 'template');
  const tmeta = ensureObject(template, 'metadata');
  const labels = { ...((asObject(tmeta.labels) as Record<string, string> | undefined) ?? {}) };
  labels[CONTROLLER_UID_LABEL] = uid;
  labels[JOB_NAME_LABEL] = name;
  // The legacy, unprefixed labels are still written for old clients.
  labels['controller-uid'] = uid;
  labels['job-name'] = name;
  tmeta.labels = labels;
  if (!spec.selector) spec.selector = { matchLabels: { [CONTROLLER_UID_LABEL]: uid } };
}

const RESTART_POLICIES = ['OnFailure', 'Never'];

/** `validateJobSpec`: everything but the selector (a CronJob's jobTemplate has none yet). */
export function validateJobSpecBody(spec: Json, path: string): FieldError[] {
  const errs = [
    ...nonNegative(spec.parallelism, child(path, 'parallelism')),
    ...nonNegative(spec.completions, child(path, 'completions')),
    ...nonNegative(spec.activeDeadlineSeconds, child(path, 'activeDeadlineSeconds')),
    ...nonNegative(spec.backoffLimit, child(path, 'backoffLimit')),
    ...nonNegative(spec.ttlSecondsAfterFinished, child(path, 'ttlSecondsAfterFinished')),
  ];
  const mode = spec.completionMode;
  if (mode != null && mode !== 'NonIndexed' && mode !== 'Indexed') errs.push(notSupported(child(path, 'completionMode'), mode, ['NonIndexed', 'Indexed']));
  if (mode === 'Indexed' && spec.completions == null) errs.push(required(child(path, 'completions'), 'when completion mode is Indexed'));
  const prp = spec.podReplacementPolicy;
  if (prp != null && prp !== 'TerminatingOrFailed' && prp !== 'Failed') {
    errs.push(notSupported(child(path, 'podReplacementPolicy'), prp, ['Failed', 'TerminatingOrFailed']));
  }
  const tPath = child(path, 'template');
  errs.push(...validatePodTemplateSpec(spec.template, tPath));
  // Defaulting turns a missing restartPolicy into Always, so both mean "you forgot to choose".
  const policy = asObject(asObject(spec.template)?.spec)?.restartPolicy;
  if (policy === 'Always' || policy === '' || policy == null) {
    errs.push(required(child(tPath, 'spec.restartPolicy'), `valid values: "OnFailure", "Never"`));
  } else if (!RESTART_POLICIES.includes(String(policy))) {
    errs.push(notSupported(child(tPath, 'spec.restartPolicy'), policy, RESTART_POLICIES));
  }
  return errs;
}

export function validateJobSpec(raw: unknown, path = 'spec'): FieldError[] {
  const spec = asObject(raw) ?? {};
  const errs = validateJobSpecBody(spec, path);
  const selector = asObject(spec.selector) as LabelSelector | undefined;
  if (!selector) errs.push(required(child(path, 'selector')));
  else errs.push(...validateLabelSelector(selector, child(path, 'selector')));
  if (!selector || selectorIsValid(selector)) {
    const labels = asObject(asObject(asObject(spec.template)?.metadata)?.labels) as Record<string, string> | undefined;
    const everything = selector && Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length === 0;
    if (!everything && !selectorMatches(selector, labels)) {
      errs.push(invalidGo(child(path, 'template.metadata.labels'), goStringMap(labels), SELECTOR_MISMATCH));
    }
  }
  return errs;
}

function validateJobUpdate(spec: Json, old: Json): FieldError[] {
  const errs = selectorImmutable(spec, old);
  const immutable = (f: string): void => {
    if (!sameCanonicalJson(spec[f], old[f])) {
      errs.push(invalidGo(child('spec', f), spec[f] == null ? 'nil' : String(canonicalJson(spec[f])), IMMUTABLE));
    }
  };
  immutable('completions');
  immutable('completionMode');
  immutable('podFailurePolicy');
  // A suspended Job that never started may still be retargeted; otherwise its pods are fixed.
  if (old.suspend !== true && !sameCanonicalJson(spec.template, old.template)) {
    errs.push(invalidGo('spec.template', 'core.PodTemplateSpec{...}', IMMUTABLE));
  }
  return errs;
}

/** The selector of a new Job: derived from its uid unless the user chose one (`manualSelector`). */
function ensureGeneratedSelector(obj: KubeObject): void {
  const meta = metaOf(obj);
  const spec = asObject(fields(obj).spec);
  if (!meta.uid || !spec || spec.selector || spec.manualSelector === true) return;
  generateSelector(fields(obj), meta.uid, meta.name ?? '');
  copyTemplateLabels(fields(obj));
}

export function jobRules(_resource: ResourceInfo): KindRules {
  return {
    hasStatus: true,
    generationFields: ['spec'],
    defaults: (obj) => defaultJob(fields(obj)),
    prepareForCreate: ensureGeneratedSelector,
    validate(obj) {
      // Upstream assigns the uid before PrepareForCreate; should the caller assign it only
      // afterwards, the selector is generated here instead, still before anything checks it.
      ensureGeneratedSelector(obj);
      return validateJobSpec(fields(obj).spec);
    },
    validateUpdate: (obj, old) => validateJobUpdate(asObject(fields(obj).spec) ?? {}, asObject(fields(old).spec) ?? {}),
  };
}
