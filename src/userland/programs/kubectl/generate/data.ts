/**
 * `kubectl create configmap|secret generic NAME --from-literal=k=v --from-file=[key=]path`: the
 * sources parsed as kubectl reads them, and the objects built from the resulting key/value pairs.
 * The command reads the files; these functions only see names and contents.
 */
import type { ConfigMap, Secret } from 'kubernetes-types/core/v1';
import { base64Encode, utf8Bytes } from '../../../../engine/api/strategy/validation/bytes';
import { KubectlError } from '../framework/errors';
import { clientObjectMeta, sortedRecord } from './meta';

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const CONFIG_KEY_MESSAGE =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

/** `--from-literal=key=value`: the value may itself contain `=`. */
export function parseLiteralSource(source: string): [string, string] {
  const at = source.indexOf('=');
  if (at <= 0) throw new KubectlError(`invalid literal source ${source}, expected key=value`);
  return [source.slice(0, at), source.slice(at + 1)];
}

/** `--from-file=[key=]path`: without a key the file's base name is the key. */
export function parseFileSource(source: string): { key?: string; path: string } {
  const at = source.indexOf('=');
  if (at < 0) return { path: source };
  const key = source.slice(0, at);
  const path = source.slice(at + 1);
  if (key === '' || path === '') throw new KubectlError('key names or file paths cannot be empty');
  return { key, path };
}

export const baseName = (path: string): string => path.replace(/\/+$/, '').split('/').pop() ?? path;

export function configMapForCreate(name: string, entries: readonly (readonly [string, string])[]): ConfigMap {
  const data = new Map<string, string>();
  for (const [key, value] of entries) {
    if (!CONFIG_KEY.test(key)) throw new KubectlError(`"${key}" is not a valid key name for a ConfigMap: ${CONFIG_KEY_MESSAGE}`);
    if (data.has(key)) {
      throw new KubectlError(`cannot add key "${key}", another key by that name already exists in Data for ConfigMap "${name}"`);
    }
    data.set(key, value);
  }
  return { kind: 'ConfigMap', apiVersion: 'v1', metadata: clientObjectMeta(name), data: sortedRecord(data) };
}

/** A generic Secret: values are base64 in `data`; `type` only when `--type` was given. */
export function secretForCreate(name: string, entries: readonly (readonly [string, string])[], type?: string): Secret {
  const data = new Map<string, string>();
  for (const [key, value] of entries) {
    if (!CONFIG_KEY.test(key)) throw new KubectlError(`"${key}" is not valid key name for a Secret ${CONFIG_KEY_MESSAGE}`);
    if (data.has(key)) throw new KubectlError(`cannot add key ${key}, another key by that name already exists`);
    data.set(key, base64Encode(utf8Bytes(value)));
  }
  const secret: Secret = { kind: 'Secret', apiVersion: 'v1', metadata: clientObjectMeta(name), data: sortedRecord(data) };
  if (type) secret.type = type;
  return secret;
}

