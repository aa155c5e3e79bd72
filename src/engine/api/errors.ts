/**
 * API errors as the real apiserver returns them: a `Status` object whose reason and message
 * kubectl prints verbatim (`Error from server (NotFound): pods "x" not found`).
 */
import type { Status, StatusCause } from 'kubernetes-types/meta/v1';

export type FieldErrorType =
  | 'FieldValueRequired'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueDuplicate'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'FieldValueNotFound'
  | 'InternalError';

/** One problem with one field, rendered exactly like apimachinery's `field.Error`. */
export interface FieldError {
  type: FieldErrorType;
  /** `spec.containers[0].image` */
  field: string;
  /** The offending value; omitted from the text for Required, Forbidden and TooLong. */
  value?: unknown;
  detail?: string;
  /** NotSupported lists the allowed values. */
  supported?: string[];
}

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueRequired: 'Required value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  FieldValueNotFound: 'Not found',
  InternalError: 'Internal error',
};

/** Go `%#v`-like rendering of a value, as field errors print it. */
export function goValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[]string{${value.map(goValue).join(', ')}}`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (entries.every(([, v]) => typeof v === 'string')) {
      return `map[string]string{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(', ')}}`;
    }
    return JSON.stringify(value);
  }
  return String(value);
}

export function fieldErrorText(e: FieldError): string {
  let text = `${e.field}: ${TYPE_TEXT[e.type]}`;
  const omitValue = e.type === 'FieldValueRequired' || e.type === 'FieldValueForbidden' || e.type === 'FieldValueTooLong' || e.type === 'InternalError';
  if (!omitValue && 'value' in e) text += `: ${goValue(e.value)}`;
  if (e.type === 'FieldValueNotSupported' && e.supported) {
    text += `: supported values: ${e.supported.map((s) => JSON.stringify(s)).join(', ')}`;
    return text;
  }
  if (e.detail) text += `: ${e.detail}`;
  return text;
}

function status(code: number, reason: string, message: string, details?: Status['details']): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, details, code };
}

/** `pods "x" not found`; `resource` is the qualified plural (`deployments.apps`). */
export function notFound(resource: string, name: string): Status {
  const [plural, ...group] = resource.split('.');
  return status(404, 'NotFound', `${resource} "${name}" not found`, { name, group: group.join('.'), kind: plural });
}

export function alreadyExists(resource: string, name: string): Status {
  const [plural, ...group] = resource.split('.');
  return status(409, 'AlreadyExists', `${resource} "${name}" already exists`, { name, group: group.join('.'), kind: plural });
}

export function conflict(resource: string, name: string, why: string): Status {
  const [plural, ...group] = resource.split('.');
  return status(409, 'Conflict', `Operation cannot be fulfilled on ${resource} "${name}": ${why}`, {
    name,
    group: group.join('.'),
    kind: plural,
  });
}

/**
 * 422 with one cause per field error. `kind` is `Pod`, or `Deployment.apps` for grouped kinds,
 * exactly as the server message names it.
 */
export function invalid(qualifiedKind: string, name: string, errors: FieldError[]): Status {
  const texts = [...new Set(errors.map(fieldErrorText))];
  const aggregate = texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`;
  const causes: StatusCause[] = errors.map((e) => ({
    reason: e.type,
    message: fieldErrorText(e).slice(e.field.length + 2),
    field: e.field,
  }));
  const [kind, ...group] = qualifiedKind.split('.');
  return status(422, 'Invalid', `${qualifiedKind} "${name}" is invalid: ${aggregate}`, {
    name,
    group: group.join('.'),
    kind,
    causes,
  });
}

export const badRequest = (message: string): Status => status(400, 'BadRequest', message);
export const forbidden = (message: string, details?: Status['details']): Status => status(403, 'Forbidden', message, details);
export const methodNotAllowed = (message = 'the server does not allow this method on the requested resource'): Status =>
  status(405, 'MethodNotAllowed', message);
export const gone = (message: string): Status => status(410, 'Expired', message);
export const tooLarge = (message = 'Request entity too large: limit is 3145728'): Status =>
  status(413, 'RequestEntityTooLarge', message);
export const unsupportedMediaType = (): Status =>
  status(
    415,
    'UnsupportedMediaType',
    'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json',
  );
export const internalError = (message: string): Status => status(500, 'InternalError', `Internal error occurred: ${message}`);
export const pageNotFound = (): Status => status(404, 'NotFound', 'the server could not find the requested resource');

export function success(details?: Status['details']): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details };
}

export function isStatus(body: unknown): body is Status {
  return typeof body === 'object' && body !== null && (body as { kind?: unknown }).kind === 'Status';
}
