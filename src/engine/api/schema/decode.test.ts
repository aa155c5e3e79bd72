import { describe, expect, it } from 'vitest';
import { resourceFor } from '../resources';
import type { KubeObject } from '../types';
import { decodeTypeError, strictDecodeErrors } from './decode';
import { explainTypeName, resolveFieldPath } from './types';

const pods = resourceFor('', 'pods')!;
const deployments = resourceFor('apps', 'deployments')!;
const secrets = resourceFor('', 'secrets')!;
const obj = (o: unknown): KubeObject => o as KubeObject;

describe('strictDecodeErrors', () => {
  it.each([
    [
      'typos in a container and in metadata',
      { metadata: { name: 'x', namspace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx', imagePullPolicyy: 'Always' }] } },
      ['unknown field "metadata.namspace"', 'unknown field "spec.containers[0].imagePullPolicyy"'],
    ],
    ['labels and annotations are free-form', { metadata: { name: 'x', labels: { anything: 'goes' }, annotations: { 'a/b': 'c' } } }, []],
    ['a top-level stray field', { apiVersion: 'v1', kind: 'Pod', spect: {} }, ['unknown field "spect"']],
    [
      'deep in a probe',
      { spec: { containers: [{ name: 'c', readinessProbe: { httpGet: { port: 80, pth: '/' } } }] } },
      ['unknown field "spec.containers[0].readinessProbe.httpGet.pth"'],
    ],
    ['resource maps hold quantities', { spec: { containers: [{ name: 'c', resources: { limits: { cpu: '1', foo: '2' } } }] } }, []],
  ])('%s', (_, body, expected) => {
    expect(strictDecodeErrors(pods, obj(body))).toEqual(expected);
  });

  it('knows the Deployment template down to the pod spec', () => {
    const body = { spec: { replicas: 2, template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', imagee: 'x' }] } } } };
    expect(strictDecodeErrors(deployments, obj(body))).toEqual(['unknown field "spec.template.spec.containers[0].imagee"']);
  });

  it('reports __proto__ as an unknown field without touching prototypes', () => {
    const body = JSON.parse('{"metadata":{"name":"x","__proto__":{"polluted":true}},"spec":{"constructor":{"prototype":{"polluted":true}}}}');
    expect(strictDecodeErrors(pods, obj(body))).toEqual(['unknown field "metadata.__proto__"', 'unknown field "spec.constructor"']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('decodeTypeError', () => {
  it.each([
    [deployments, { spec: { replicas: '3' } }, 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32'],
    [deployments, { spec: { replicas: 1.5 } }, 'json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32'],
    [pods, { spec: { containers: { name: 'x' } } }, 'json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container'],
    [pods, { spec: { containers: [{ name: 'c', image: 5 }] } }, 'json: cannot unmarshal number into Go struct field Container.spec.containers.image of type string'],
    [pods, { spec: { terminationGracePeriodSeconds: 'x' } }, 'json: cannot unmarshal string into Go struct field PodSpec.spec.terminationGracePeriodSeconds of type int64'],
    [pods, { spec: { hostNetwork: 'yes' } }, 'json: cannot unmarshal string into Go struct field PodSpec.spec.hostNetwork of type bool'],
    [
      pods,
      { spec: { containers: [{ name: 'c', resources: { limits: { cpu: 'lots' } } }] } },
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    ],
    [secrets, { data: { key: 'not base64!' } }, 'illegal base64 data at input byte 3'],
    [pods, { spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }] } }, undefined],
  ])('%#', (resource, body, expected) => {
    expect(decodeTypeError(resource, obj(body))).toBe(expected);
  });
});

describe('explainTypeName', () => {
  it.each([
    ['[]core.v1.Container', '[]Container'],
    ['map[string]string', 'map[string]string'],
    ['meta.v1.ObjectMeta', 'ObjectMeta'],
    ['IntOrString', 'IntOrString'],
  ])('%s → %s', (t, expected) => expect(explainTypeName(t)).toBe(expected));
});

describe('speed', () => {
  it('checks a typical pod in microseconds', () => {
    const body = obj({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'nginx', namespace: 'default', labels: { app: 'nginx', tier: 'web' }, annotations: { a: 'b' } },
      spec: {
        containers: [
          {
            name: 'nginx',
            image: 'nginx:1.25',
            ports: [{ containerPort: 80, protocol: 'TCP' }],
            env: [{ name: 'A', value: '1' }],
            resources: { limits: { cpu: '500m', memory: '128Mi' } },
            readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5 },
            volumeMounts: [{ name: 'data', mountPath: '/data' }],
          },
        ],
        volumes: [{ name: 'data', emptyDir: {} }],
        tolerations: [{ key: 'k', operator: 'Exists' }],
      },
    });
    // The engine's lib has no DOM types; tests may read the wall clock.
    const clock = (globalThis as unknown as { performance: { now(): number } }).performance;
    const runs = 2000;
    const start = clock.now();
    for (let i = 0; i < runs; i++) {
      strictDecodeErrors(pods, body);
      decodeTypeError(pods, body);
    }
    const perPodMicros = ((clock.now() - start) * 1000) / runs;
    expect(perPodMicros).toBeLessThan(100);
  });
});

describe('resolveFieldPath', () => {
  it('walks through lists to the element type, as kubectl explain does', () => {
    expect(resolveFieldPath('core.v1.Pod', ['spec', 'containers', 'ports'])).toEqual({
      type: '[]core.v1.ContainerPort',
      objectType: 'core.v1.ContainerPort',
      parentType: 'core.v1.Container',
      field: 'ports',
    });
    expect(resolveFieldPath('apps.v1.Deployment', ['spec', 'replicas'])).toEqual({ type: 'integer', parentType: 'apps.v1.DeploymentSpec', field: 'replicas' });
    expect(resolveFieldPath('core.v1.Pod', ['spec', 'nope'])).toEqual({ failedAt: 'nope' });
  });
});
