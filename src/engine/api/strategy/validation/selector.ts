/** LabelSelector validation (`ValidateLabelSelector`) and matching against a label set. */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { FieldError } from '../../errors';
import { child, forbidden, index, invalid, invalidEach, required } from './field';
import { validateLabels } from './metadata';
import { isQualifiedName, isValidLabelValue } from './names';

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

export function validateLabelSelector(sel: LabelSelector | undefined, path: string): FieldError[] {
  if (!sel) return [];
  const errs: FieldError[] = [];
  (sel.matchExpressions ?? []).forEach((e, i) => {
    const ep = index(child(path, 'matchExpressions'), i);
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errs.push(required(child(ep, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) errs.push(forbidden(child(ep, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errs.push(invalid(child(ep, 'operator'), e.operator, 'not a valid selector operator'));
    }
    errs.push(...invalidEach(child(ep, 'key'), e.key, isQualifiedName(e.key ?? '')));
    values.forEach((v, j) => errs.push(...invalidEach(index(child(ep, 'values'), j), v, isValidLabelValue(v))));
  });
  errs.push(...validateLabels(sel.matchLabels, child(path, 'matchLabels')));
  return errs;
}

/** Whether a selector is usable at all (LabelSelectorAsSelector would not fail). */
export function selectorIsValid(sel: LabelSelector): boolean {
  return (sel.matchExpressions ?? []).every((e) => OPERATORS.includes(e.operator));
}

export function selectorIsEmpty(sel: LabelSelector): boolean {
  return Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0;
}

/**
 * Does `labels` satisfy `sel`? A missing selector matches nothing (as `LabelSelectorAsSelector(nil)`),
 * an empty one matches everything.
 */
export function selectorMatches(sel: LabelSelector | undefined, labels: Record<string, string> | undefined): boolean {
  if (!sel) return false;
  const l = labels ?? {};
  const has = (k: string): boolean => Object.prototype.hasOwnProperty.call(l, k);
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (!has(k) || l[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In':
        if (!has(e.key) || !values.includes(l[e.key]!)) return false;
        break;
      case 'NotIn':
        if (has(e.key) && values.includes(l[e.key]!)) return false;
        break;
      case 'Exists':
        if (!has(e.key)) return false;
        break;
      case 'DoesNotExist':
        if (has(e.key)) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}
