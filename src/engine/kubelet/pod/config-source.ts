/**
 * What the kubelet reads from the apiserver to set a container up: the Services of the pod's
 * namespace (for environment variables), ConfigMaps and Secrets (for env and volumes). Reads go
 * through the kubelet's client, at the moment a container is created — as upstream, a change
 * made later is only seen by containers started after it.
 */
import type { ConfigMap, Secret, Service, ServiceAccount } from 'kubernetes-types/core/v1';
import { resourceFor, type ResourceInfo } from '../../api/resources';
import type { KubeObject } from '../../api/types';
import type { Client } from '../../client/types';
import { base64Text } from '../../api/strategy/validation/bytes';

const SERVICES = resourceFor('', 'services')!;
const CONFIGMAPS = resourceFor('', 'configmaps')!;
const SECRETS = resourceFor('', 'secrets')!;
const SERVICE_ACCOUNTS = resourceFor('', 'serviceaccounts')!;

export interface ConfigSource {
  /** The Services of `namespace` plus those of `default` (where `kubernetes` lives). */
  services(namespace: string): readonly Service[];
  configMap(namespace: string, name: string): ConfigMap | undefined;
  secret(namespace: string, name: string): Secret | undefined;
  serviceAccount(namespace: string, name: string): ServiceAccount | undefined;
}

export function apiConfigSource(client: Client): ConfigSource {
  const list = (namespace: string): readonly Service[] => {
    const got = client.list<Service>(SERVICES, { namespace });
    return got.ok ? got.value.items : [];
  };
  const get = <T extends KubeObject>(resource: ResourceInfo, namespace: string, name: string): T | undefined => {
    const got = client.get<T>(resource, namespace, name);
    return got.ok ? got.value : undefined;
  };
  return {
    services: (namespace) => (namespace === 'default' ? list('default') : [...list(namespace), ...list('default')]),
    configMap: (namespace, name) => get<ConfigMap>(CONFIGMAPS, namespace, name),
    secret: (namespace, name) => get<Secret>(SECRETS, namespace, name),
    serviceAccount: (namespace, name) => get<ServiceAccount>(SERVICE_ACCOUNTS, namespace, name),
  };
}

/** The kubelet's not-found texts name the resource in the singular: `configmap "x" not found`. */
export const configMapNotFound = (name: string): string => `configmap "${name}" not found`;
export const secretNotFound = (name: string): string => `secret "${name}" not found`;

/** A Secret's `data` value (base64 of UTF-8) as the text a program reads from its file or env. */
export const decodeSecretValue = (base64: string): string => base64Text(base64);
