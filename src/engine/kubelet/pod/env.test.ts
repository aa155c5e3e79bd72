import { describe, expect, it } from 'vitest';
import type { ConfigMap, Container, Pod, Secret } from 'kubernetes-types/core/v1';
import type { ConfigSource } from './config-source';
import { containerEnv, podFieldValue } from './env';

const configMaps: Record<string, ConfigMap> = {
  'default/app': { metadata: { name: 'app', namespace: 'default' }, data: { MODE: 'dev', 'log.level': 'debug', '1bad': 'x' } },
};
const secrets: Record<string, Secret> = {
  // "s3cr3t" and "héllo"
  'default/db': { metadata: { name: 'db', namespace: 'default' }, data: { password: 'czNjcjN0', greeting: 'aMOpbGxv' } },
};
const source: ConfigSource = {
  services: () => [],
  configMap: (ns, name) => configMaps[`${ns}/${name}`],
  secret: (ns, name) => secrets[`${ns}/${name}`],
  serviceAccount: () => undefined,
};
const pod: Pod = {
  metadata: { name: 'web', namespace: 'default', uid: 'u-1', labels: { app: 'web', tier: 'front' } },
  spec: { nodeName: 'worker01', serviceAccountName: 'default', containers: [] },
};
const addresses = { hostIP: '192.168.1.131', podIP: '10.244.1.7' };
const serviceEnv = [
  { name: 'NGINX_SERVICE_HOST', value: '10.96.5.5' },
  { name: 'NGINX_SERVICE_PORT', value: '80' },
];

const envOf = (c: Partial<Container>): string[] | string => {
  const r = containerEnv(pod, { name: 'c', ...c }, addresses, serviceEnv, source);
  return r.ok ? r.env.map((v) => `${v.name}=${v.value}`) : r.error;
};

describe('container environment', () => {
  it('env in order, $(VAR) against earlier vars and services, then the service vars', () => {
    expect(
      envOf({
        env: [
          { name: 'A', value: 'a' },
          { name: 'B', value: '$(A)-$(NGINX_SERVICE_HOST)-$(NOPE)-$$(A)' },
          { name: 'EMPTY', value: '' },
        ],
      }),
    ).toEqual(['A=a', 'B=a-10.96.5.5-$(NOPE)-$(A)', 'EMPTY=', 'NGINX_SERVICE_HOST=10.96.5.5', 'NGINX_SERVICE_PORT=80']);
  });

  it('an explicit variable wins over a service variable of the same name', () => {
    expect(envOf({ env: [{ name: 'NGINX_SERVICE_PORT', value: '8080' }] })).toEqual(['NGINX_SERVICE_PORT=8080', 'NGINX_SERVICE_HOST=10.96.5.5']);
  });

  it('valueFrom: pod fields, ConfigMap and Secret keys', () => {
    const vars = envOf({
      env: [
        { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
        { name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
        { name: 'TIER', valueFrom: { fieldRef: { fieldPath: "metadata.labels['tier']" } } },
        { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'app', key: 'MODE' } } },
        { name: 'PW', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
        { name: 'HI', valueFrom: { secretKeyRef: { name: 'db', key: 'greeting' } } },
        { name: 'OPT', valueFrom: { configMapKeyRef: { name: 'missing', key: 'x', optional: true } } },
      ],
    });
    expect(vars).toEqual([
      'POD=web',
      'NODE=worker01',
      'IP=10.244.1.7',
      'TIER=front',
      'MODE=dev',
      'PW=s3cr3t',
      'HI=héllo',
      'NGINX_SERVICE_HOST=10.96.5.5',
      'NGINX_SERVICE_PORT=80',
    ]);
  });

  it('envFrom: every valid key, with a prefix; invalid names are skipped', () => {
    expect(envOf({ envFrom: [{ configMapRef: { name: 'app' } }, { secretRef: { name: 'db' }, prefix: 'DB_' }] })).toEqual([
      'MODE=dev',
      'log.level=debug',
      'DB_greeting=héllo',
      'DB_password=s3cr3t',
      'NGINX_SERVICE_HOST=10.96.5.5',
      'NGINX_SERVICE_PORT=80',
    ]);
  });

  it.each<[string, Partial<Container>, string]>([
    ['missing ConfigMap', { env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'nope', key: 'k' } } }] }, 'configmap "nope" not found'],
    ['missing key', { env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'app', key: 'k' } } }] }, "couldn't find key k in ConfigMap default/app"],
    ['missing Secret', { env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'nope', key: 'k' } } }] }, 'secret "nope" not found'],
    ['missing Secret key', { env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'db', key: 'k' } } }] }, "couldn't find key k in Secret default/db"],
    ['missing envFrom ConfigMap', { envFrom: [{ configMapRef: { name: 'nope' } }] }, 'configmap "nope" not found'],
    ['unsupported field', { env: [{ name: 'X', valueFrom: { fieldRef: { fieldPath: 'spec.foo' } } }] }, 'unsupported fieldPath: spec.foo'],
  ])('%s → CreateContainerConfigError text', (_name, container, error) => {
    expect(envOf(container)).toBe(error);
  });

  it('label and annotation maps print as sorted key="value" lines', () => {
    expect(podFieldValue(pod, 'metadata.labels', addresses)).toBe('app="web"\ntier="front"');
  });
});
