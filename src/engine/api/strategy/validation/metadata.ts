/**
 * ObjectMeta checks shared by every kind (upstream `ValidateObjectMeta` and
 * `ValidateObjectMetaUpdate`): the name by the kind's own rule, the namespace, labels, annotations,
 * finalizers and owner references.
 */
import type { ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1';
import type { FieldError } from '../../errors';
import { utf8Length } from './bytes';
import { IMMUTABLE, child, forbidden, index, invalid, invalidEach, required, tooLong } from './field';
import { isDNS1123Label, isQualifiedName, isValidLabelValue, type NameValidator } from './names';
import { checkedOnce } from './once';

/** Upstream `TotalAnnotationSizeLimitB`: keys plus values, in bytes. */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);


const sortedKeys = (m: Record<string, unknown>): string[] => Object.keys(m).sort();

export function validateLabels(labels: Record<string, string> | undefined, path: string): FieldError[] {
  if (!labels) return [];
  const errs: FieldError[] = [];
  for (const k of sortedKeys(labels)) {
    errs.push(...invalidEach(path, k, isQualifiedName(k)));
    const v = labels[k];
    if (typeof v === 'string') errs.push(...invalidEach(path, v, isValidLabelValue(v)));
  }
  return errs;
}

export function validateAnnotations(annotations: Record<string, string> | undefined, path: string): FieldError[] {
  if (!annotations) return [];
  const errs: FieldError[] = [];
  let size = 0;
  for (const k of sortedKeys(annotations)) {
    // Annotation keys are qualified names, except that case does not matter.
    errs.push(...invalidEach(path, k, isQualifiedName(k.toLowerCase())));
    size += utf8Length(k) + utf8Length(String(annotations[k] ?? ''));
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

function validateFinalizers(finalizers: string[] | undefined, path: string): FieldError[] {
  if (!finalizers) return [];
  const errs: FieldError[] = [];
  finalizers.forEach((f, i) => {
    const fp = index(path, i);
    const msgs = isQualifiedName(f);
    errs.push(...invalidEach(fp, f, msgs));
    if (msgs.length === 0 && !f.includes('/') && !STANDARD_FINALIZERS.has(f)) {
      errs.push(invalid(fp, f, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  });
  return errs;
}

function validateOwnerReferences(refs: OwnerReference[] | undefined, path: string): FieldError[] {
  if (!refs) return [];
  const errs: FieldError[] = [];
  let controllers = 0;
  refs.forEach((ref) => {
    if (!ref.apiVersion) errs.push(invalid(child(path, 'apiVersion'), ref.apiVersion ?? '', 'version must not be empty'));
    if (!ref.kind) errs.push(invalid(child(path, 'kind'), ref.kind ?? '', 'kind must not be empty'));
    if (!ref.name) errs.push(invalid(child(path, 'name'), ref.name ?? '', 'name must not be empty'));
    if (!ref.uid) errs.push(invalid(child(path, 'uid'), ref.uid ?? '', 'uid must not be empty'));
    if (ref.controller) controllers++;
  });
  if (controllers > 1) {
    errs.push(invalid(path, refs, 'Only one reference can have Controller set to true'));
  }
  return errs;
}

export interface MetaRules {
  namespaced: boolean;
  nameFn: NameValidator;
}

// Every write validates its metadata; most carry the stored labels, annotations, owners and
// finalizers along unchanged, and those need no second look (see once.ts).
const labelsOnce = checkedOnce(validateLabels);
const annotationsOnce = checkedOnce(validateAnnotations);
const ownerReferencesOnce = checkedOnce(validateOwnerReferences);
const finalizersOnce = checkedOnce(validateFinalizers);

export function validateObjectMeta(meta: ObjectMeta | undefined, rules: MetaRules, path = 'metadata'): FieldError[] {
  const m = meta ?? {};
  const errs: FieldError[] = [];
  if (m.generateName) {
    errs.push(...invalidEach(child(path, 'generateName'), m.generateName, rules.nameFn(m.generateName, true)));
  }
  if (!m.name) errs.push(required(child(path, 'name'), 'name or generateName is required'));
  else errs.push(...invalidEach(child(path, 'name'), m.name, rules.nameFn(m.name, false)));
  if (rules.namespaced) {
    if (!m.namespace) errs.push(required(child(path, 'namespace')));
    else errs.push(...invalidEach(child(path, 'namespace'), m.namespace, isDNS1123Label(m.namespace)));
  } else if (m.namespace) {
    errs.push(forbidden(child(path, 'namespace'), 'not allowed on this type'));
  }
  if (typeof m.generation === 'number' && m.generation < 0) {
    errs.push(invalid(child(path, 'generation'), m.generation, 'must be greater than or equal to 0'));
  }
  errs.push(...labelsOnce(m.labels, child(path, 'labels')));
  errs.push(...annotationsOnce(m.annotations, child(path, 'annotations')));
  errs.push(...ownerReferencesOnce(m.ownerReferences, child(path, 'ownerReferences')));
  errs.push(...finalizersOnce(m.finalizers, child(path, 'finalizers')));
  return errs;
}

const IDENTITY_FIELDS = ['name', 'namespace', 'uid', 'creationTimestamp'] as const;

/** Identity fields may not change; a deletionTimestamp, once set, may not be cleared. */
export function validateObjectMetaUpdate(meta: ObjectMeta | undefined, old: ObjectMeta | undefined, path = 'metadata'): FieldError[] {
  const m = meta ?? {};
  const o = old ?? {};
  const errs: FieldError[] = [];
  for (const field of IDENTITY_FIELDS) {
    if ((m[field] ?? '') !== (o[field] ?? '')) errs.push(invalid(child(path, field), m[field] ?? '', IMMUTABLE));
  }
  if (o.deletionTimestamp && !m.deletionTimestamp) {
    errs.push(invalid(child(path, 'deletionTimestamp'), null, IMMUTABLE));
  }
  if (typeof m.generation === 'number' && typeof o.generation === 'number' && m.generation < o.generation) {
    errs.push(invalid(child(path, 'generation'), m.generation, 'must not be decremented'));
  }
  errs.push(...labelsOnce(m.labels, child(path, 'labels')));
  errs.push(...annotationsOnce(m.annotations, child(path, 'annotations')));
  errs.push(...ownerReferencesOnce(m.ownerReferences, child(path, 'ownerReferences')));
  errs.push(...finalizersOnce(m.finalizers, child(path, 'finalizers')));
  return errs;
}
