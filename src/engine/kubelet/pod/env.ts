/**
 * A container's environment as the kubelet builds it (`makeEnvironmentVariables`): first
 * `envFrom` (every key of a ConfigMap or Secret, with an optional prefix), then `env` in order —
 * plain values with `$(VAR)` expanded against what came before and the service variables,
 * `valueFrom` a pod field, a ConfigMap key or a Secret key — and finally the service variables
 * that nothing above has set. The image's own `Env` is added below all of these by the runtime.
 *
 * A missing ConfigMap, Secret or key that is not `optional` stops the container from being
 * created: it waits with reason CreateContainerConfigError and the message returned here.
 */
import type { Container, EnvVar as ApiEnvVar, Pod } from 'kubernetes-types/core/v1';
import { expandVars } from '../../runtime/argv';
import type { EnvVar } from '../rules/service-env';
import { configMapNotFound, decodeSecretValue, secretNotFound, type ConfigSource } from './config-source';

export type EnvResult = { readonly ok: true; readonly env: EnvVar[] } | { readonly ok: false; readonly error: string };

/** What the kubelet knows about the pod beyond its spec: the addresses it got. */
export interface PodAddresses {
  readonly hostIP: string;
  readonly podIP: string;
}

/** Env var names the kubelet accepts from `envFrom` keys (C identifier-ish, as validation allows). */
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

export function containerEnv(
  pod: Pod,
  container: Container,
  addresses: PodAddresses,
  serviceEnv: readonly EnvVar[],
  source: ConfigSource,
): EnvResult {
  const namespace = pod.metadata?.namespace ?? 'default';
  const env = new Map<string, string>();

  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    if (from.configMapRef) {
      const name = from.configMapRef.name ?? '';
      const cm = source.configMap(namespace, name);
      if (!cm) {
        if (from.configMapRef.optional) continue;
        return { ok: false, error: configMapNotFound(name) };
      }
      for (const key of Object.keys(cm.data ?? {}).sort()) if (ENV_NAME.test(prefix + key)) env.set(prefix + key, cm.data![key]!);
    } else if (from.secretRef) {
      const name = from.secretRef.name ?? '';
      const secret = source.secret(namespace, name);
      if (!secret) {
        if (from.secretRef.optional) continue;
        return { ok: false, error: secretNotFound(name) };
      }
      for (const key of Object.keys(secret.data ?? {}).sort()) if (ENV_NAME.test(prefix + key)) env.set(prefix + key, decodeSecretValue(secret.data![key]!));
    }
  }

  const services = new Map(serviceEnv.map((v) => [v.name, v.value]));
  const lookup = (name: string): string | undefined => env.get(name) ?? services.get(name);
  for (const v of container.env ?? []) {
    if (v.value) {
      env.set(v.name, expandVars(v.value, lookup));
      continue;
    }
    if (!v.valueFrom) {
      env.set(v.name, '');
      continue;
    }
    const value = valueFrom(pod, v, addresses, source);
    if (typeof value === 'object') return value;
    if (value !== undefined) env.set(v.name, value);
  }

  for (const [name, value] of services) if (!env.has(name)) env.set(name, value);
  return { ok: true, env: [...env].map(([name, value]) => ({ name, value })) };
}

/** The value of one `valueFrom`; undefined when an optional source is missing (the variable is left out). */
function valueFrom(pod: Pod, v: ApiEnvVar, addresses: PodAddresses, source: ConfigSource): string | undefined | { ok: false; error: string } {
  const namespace = pod.metadata?.namespace ?? 'default';
  const from = v.valueFrom!;
  if (from.fieldRef) {
    const value = podFieldValue(pod, from.fieldRef.fieldPath, addresses);
    return value ?? { ok: false, error: `unsupported fieldPath: ${from.fieldRef.fieldPath}` };
  }
  if (from.configMapKeyRef) {
    const { name = '', key, optional } = from.configMapKeyRef;
    const cm = source.configMap(namespace, name);
    if (!cm) return optional ? undefined : { ok: false, error: configMapNotFound(name) };
    const value = cm.data?.[key];
    if (value === undefined) return optional ? undefined : { ok: false, error: `couldn't find key ${key} in ConfigMap ${namespace}/${name}` };
    return value;
  }
  if (from.secretKeyRef) {
    const { name = '', key, optional } = from.secretKeyRef;
    const secret = source.secret(namespace, name);
    if (!secret) return optional ? undefined : { ok: false, error: secretNotFound(name) };
    const value = secret.data?.[key];
    if (value === undefined) return optional ? undefined : { ok: false, error: `couldn't find key ${key} in Secret ${namespace}/${name}` };
    return decodeSecretValue(value);
  }
  return undefined;
}

/**
 * The downward API's pod fields (`fieldRef.fieldPath`), for env vars and downwardAPI volumes.
 * Undefined for a path the kubelet does not support.
 */
export function podFieldValue(pod: Pod, path: string, addresses: PodAddresses): string | undefined {
  const meta = pod.metadata ?? {};
  const item = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  if (item) return (item[1] === 'labels' ? meta.labels : meta.annotations)?.[item[2]!] ?? '';
  switch (path) {
    case 'metadata.name':
      return meta.name ?? '';
    case 'metadata.namespace':
      return meta.namespace ?? '';
    case 'metadata.uid':
      return meta.uid ?? '';
    case 'metadata.labels':
      return formatMap(meta.labels);
    case 'metadata.annotations':
      return formatMap(meta.annotations);
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? '';
    case 'status.hostIP':
    case 'status.hostIPs':
      return addresses.hostIP;
    case 'status.podIP':
    case 'status.podIPs':
      return addresses.podIP;
    default:
      return undefined;
  }
}

/** `key="value"` lines, sorted by key, as the downward API writes label and annotation maps. */
function formatMap(map: Readonly<Record<string, string>> | undefined): string {
  return Object.keys(map ?? {})
    .sort()
    .map((k) => `${k}=${JSON.stringify(map![k])}`)
    .join('\n');
}
