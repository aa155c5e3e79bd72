/**
 * `kubectl set env TYPE NAME KEY=value KEY- [--from=configmap/x|secret/x] [-c container]`: the
 * containers' env lists as they end up (set in place or appended, removed by name), and what
 * `--list` prints. The command sends the difference as a strategic merge patch.
 */
import type { Container, EnvVar } from 'kubernetes-types/core/v1';
import { safeClone } from '../../../../engine/api/patch';
import type { KubeObject } from '../../../../engine/api/types';
import { KubectlError } from '../framework/errors';
import { podSpecOf } from './image-patch';

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const ENV_NAME_MESSAGE =
  "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";

export interface EnvChanges {
  set: EnvVar[];
  remove: string[];
}

export const isEnvChange = (arg: string): boolean => arg.includes('=') || (arg.endsWith('-') && !arg.includes('/'));

export function parseEnvChanges(args: readonly string[]): EnvChanges {
  const changes: EnvChanges = { set: [], remove: [] };
  for (const arg of args) {
    const at = arg.indexOf('=');
    const name = at >= 0 ? arg.slice(0, at) : arg.slice(0, -1);
    if (!ENV_NAME.test(name)) throw new KubectlError(`${JSON.stringify(name)} is not a valid key name: ${ENV_NAME_MESSAGE}`);
    if (at >= 0) changes.set.push({ name, value: arg.slice(at + 1) });
    else changes.remove.push(name);
  }
  return changes;
}

/** `--from=configmap/x`: one variable per key, named as kubectl names them, each with its notice. */
export function envFromSource(kind: 'configmap' | 'secret', name: string, keys: readonly string[], prefix: string): { vars: EnvVar[]; warnings: string[] } {
  const vars: EnvVar[] = [];
  const warnings: string[] = [];
  for (const key of [...keys].sort()) {
    const envName = `${prefix}${key.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}`;
    if (envName !== `${prefix}${key}`) warnings.push(`key ${key} transferred to ${envName}`);
    const ref = { key, name };
    vars.push({ name: envName, valueFrom: kind === 'configmap' ? { configMapKeyRef: ref } : { secretKeyRef: ref } });
  }
  return { vars, warnings };
}

/** The containers `-c` selects (every one when empty; `*` patterns as kubectl's glob). */
function containersOf(object: KubeObject, pattern: string): Container[] {
  const spec = podSpecOf(object);
  if (!spec) throw new KubectlError(`unable to find the pod template of ${object.kind}`);
  const all = [...(spec.initContainers ?? []), ...spec.containers];
  const glob = new RegExp(`^${(pattern || '*').replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return all.filter((c) => glob.test(c.name));
}

/** A copy of `object` with the env changed, and whether any container matched. */
export function withEnv<T extends KubeObject>(object: T, pattern: string, changes: EnvChanges): { updated: T; matched: boolean } {
  const updated = safeClone(object);
  const containers = containersOf(updated, pattern);
  for (const container of containers) {
    const env = (container.env ?? []).filter((e) => !changes.remove.includes(e.name));
    for (const change of changes.set) {
      const at = env.findIndex((e) => e.name === change.name);
      if (at >= 0) env[at] = change;
      else env.push(change);
    }
    if (env.length > 0) container.env = env;
    else delete container.env;
  }
  return { updated, matched: containers.length > 0 };
}

/** `--list`: a `# Deployment web, container nginx` header, then each variable. */
export function envListing(object: KubeObject, pattern: string): string {
  let text = '';
  for (const container of containersOf(object, pattern)) {
    text += `# ${object.kind} ${object.metadata?.name}, container ${container.name}\n`;
    for (const e of container.env ?? []) {
      const ref = e.valueFrom?.configMapKeyRef ?? e.valueFrom?.secretKeyRef;
      if (ref) text += `# ${e.name} from ${e.valueFrom?.configMapKeyRef ? 'configmap' : 'secret'} ${ref.name}, key ${ref.key}\n`;
      else if (e.valueFrom?.fieldRef) text += `${e.name}= # ${e.valueFrom.fieldRef.fieldPath}\n`;
      else text += `${e.name}=${e.value ?? ''}\n`;
    }
  }
  return text;
}
