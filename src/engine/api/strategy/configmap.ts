/**
 * ConfigMaps and Secrets: key names, the 1 MiB size limit, the `immutable` flag, and for Secrets
 * the type (`Opaque` by default) with the keys each built-in type requires. `stringData` is a
 * write-only convenience: it is base64-encoded into `data` and never stored.
 */
import type { FieldError } from '../errors';
import type { ResourceInfo } from '../resources';
import { sameCanonicalJson } from '../../sim/names';
import type { KindRules } from './generic';
import { put } from '../patch/safe';
import { asObject, fields, setDefault, type Json } from './object';
import { isEnvVarName } from './podspec-validation';
import { forbidden, invalid, invalidEach, key, required, tooLong, IMMUTABLE } from './validation/field';
import { base64DecodedLength, base64Encode, utf8Bytes, utf8Length } from './validation/bytes';
import { maxLenError, regexError, DNS1123_SUBDOMAIN_MAX } from './validation/names';

export const MAX_SECRET_SIZE = 1024 * 1024;
const KEY_FMT = '[-._a-zA-Z0-9]+';
const KEY_MSG = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";

export function isConfigMapKey(value: string): string[] {
  const errs: string[] = [];
  if (value.length > DNS1123_SUBDOMAIN_MAX) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX));
  if (!new RegExp(`^${KEY_FMT}$`).test(value)) errs.push(regexError(KEY_MSG, KEY_FMT, 'key.name', 'KEY_NAME', 'key-name'));
  // The same "no . or .. or leading .." rule as env var names (they may become file names).
  errs.push(...isEnvVarName(value).filter((m) => m.startsWith('must not')));
  return errs;
}

const base64Length = base64DecodedLength;
const encodeBase64 = (text: string): string => base64Encode(utf8Bytes(text));

function immutableChecks(obj: Json, old: Json, bags: string[]): FieldError[] {
  if (old.immutable !== true) return [];
  const errs: FieldError[] = [];
  const detail = 'field is immutable when `immutable` is set';
  if (obj.immutable !== true) errs.push(forbidden('immutable', detail));
  for (const bag of bags) if (!sameCanonicalJson(obj[bag], old[bag])) errs.push(forbidden(bag, detail));
  return errs;
}

export function configMapRules(_resource: ResourceInfo): KindRules {
  return {
    validate(obj) {
      const o = fields(obj);
      const data = asObject(o.data) ?? {};
      const binary = asObject(o.binaryData) ?? {};
      const errs: FieldError[] = [];
      let size = 0;
      for (const k of Object.keys(data)) {
        errs.push(...invalidEach(key('data', k), k, isConfigMapKey(k)));
        if (k in binary) errs.push(invalid(key('data', k), k, 'duplicate of key present in binaryData'));
        size += utf8Length(String(data[k] ?? ''));
      }
      for (const k of Object.keys(binary)) {
        errs.push(...invalidEach(key('binaryData', k), k, isConfigMapKey(k)));
        size += base64Length(String(binary[k] ?? ''));
      }
      if (size > MAX_SECRET_SIZE) errs.push(tooLong('', MAX_SECRET_SIZE));
      return errs;
    },
    validateUpdate: (obj, old) => immutableChecks(fields(obj), fields(old), ['data', 'binaryData']),
  };
}

/** Keys each built-in Secret type must carry. */
const REQUIRED_KEYS: Record<string, string[]> = {
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
};

export function secretRules(_resource: ResourceInfo): KindRules {
  return {
    defaults(obj) {
      const o = fields(obj);
      setDefault(o, 'type', 'Opaque');
      const stringData = asObject(o.stringData);
      if (stringData) {
        const data = { ...(asObject(o.data) ?? {}) };
        for (const [k, v] of Object.entries(stringData)) put(data, k, encodeBase64(String(v)));
        o.data = data;
        delete o.stringData;
      }
    },
    validate(obj) {
      const o = fields(obj);
      const data = asObject(o.data) ?? {};
      const errs: FieldError[] = [];
      let size = 0;
      for (const k of Object.keys(data)) {
        errs.push(...invalidEach(key('data', k), k, isConfigMapKey(k)));
        size += base64Length(String(data[k] ?? ''));
      }
      if (size > MAX_SECRET_SIZE) errs.push(tooLong('data', MAX_SECRET_SIZE));
      const type = String(o.type ?? '');
      if (type === 'kubernetes.io/service-account-token') {
        const annotations = asObject(asObject(o.metadata)?.annotations) ?? {};
        if (!annotations['kubernetes.io/service-account.name']) errs.push(required(key('metadata.annotations', 'kubernetes.io/service-account.name')));
      } else if (type === 'kubernetes.io/basic-auth') {
        if (!('username' in data) && !('password' in data)) errs.push(required(key('data', 'username')), required(key('data', 'password')));
      } else {
        for (const k of REQUIRED_KEYS[type] ?? []) if (!(k in data)) errs.push(required(key('data', k)));
      }
      return errs;
    },
    validateUpdate(obj, old) {
      const o = fields(obj);
      const p = fields(old);
      const errs: FieldError[] = [];
      if ((o.type ?? '') !== (p.type ?? '')) errs.push(invalid('type', o.type ?? '', IMMUTABLE));
      return [...errs, ...immutableChecks(o, p, ['data'])];
    },
  };
}
