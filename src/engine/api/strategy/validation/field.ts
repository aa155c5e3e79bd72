/**
 * Constructors for `FieldError`s, named after apimachinery's `field.Required`, `field.Invalid`, ...
 * so a validator reads like its upstream counterpart, plus a tiny path builder.
 */
import type { FieldError } from '../../errors';

export const required = (field: string, detail?: string): FieldError =>
  detail ? { type: 'FieldValueRequired', field, detail } : { type: 'FieldValueRequired', field };

export const invalid = (field: string, value: unknown, detail?: string): FieldError =>
  detail ? { type: 'FieldValueInvalid', field, value, detail } : { type: 'FieldValueInvalid', field, value };

export const notSupported = (field: string, value: unknown, supported: string[]): FieldError => ({
  type: 'FieldValueNotSupported',
  field,
  value,
  supported,
});

export const duplicate = (field: string, value: unknown): FieldError => ({ type: 'FieldValueDuplicate', field, value });

export const forbidden = (field: string, detail: string): FieldError => ({ type: 'FieldValueForbidden', field, detail });

export const tooLong = (field: string, maxLength: number): FieldError => ({
  type: 'FieldValueTooLong',
  field,
  detail: `must have at most ${maxLength} bytes`,
});

export const tooMany = (field: string, actual: number, max: number): FieldError => ({
  type: 'FieldValueTooMany',
  field,
  value: actual,
  detail: `must have at most ${max} items`,
});

/** `spec` + `containers` → `spec.containers`; an empty parent gives just the child. */
export const child = (parent: string, name: string): string => (parent ? `${parent}.${name}` : name);

/** `spec.containers` + 0 → `spec.containers[0]`. */
export const index = (parent: string, i: number): string => `${parent}[${i}]`;

/** `metadata.labels` + `app` → `metadata.labels[app]` (map keys are not quoted, as upstream). */
export const key = (parent: string, k: string): string => `${parent}[${k}]`;

/** One Invalid error per message, as upstream turns `IsDNS1123Label(...) []string` into errors. */
export const invalidEach = (field: string, value: unknown, messages: string[]): FieldError[] =>
  messages.map((m) => invalid(field, value, m));

export const IMMUTABLE = 'field is immutable';
