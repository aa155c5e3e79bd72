import { describe, expect, it } from 'vitest';
import { create, resource, update, context } from './testing';

const namespaces = resource('', 'namespaces');
const nodes = resource('', 'nodes');
const configmaps = resource('', 'configmaps');
const secrets = resource('', 'secrets');
const events = resource('', 'events');
const roles = resource('rbac.authorization.k8s.io', 'clusterroles');

describe('Namespace', () => {
  it('starts Active with the kubernetes finalizer and its name label', () => {
    const { obj, errors } = create(namespaces, { metadata: { name: 'dev' } });
    expect(errors).toEqual([]);
    expect(obj).toMatchObject({
      metadata: { name: 'dev', labels: { 'kubernetes.io/metadata.name': 'dev' } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  });

  it('uses DNS-1123 label names', () => {
    expect(create(namespaces, { metadata: { name: 'my.ns' } }).errors).toEqual(['metadata.name: Invalid value: "my.ns": must not contain dots']);
  });

  it('moves finalizers only through /finalize', () => {
    const stored = create(namespaces, { metadata: { name: 'dev' } }).obj;
    const next = JSON.parse(JSON.stringify(stored));
    next.spec.finalizers = [];
    expect(update(namespaces, next, stored).obj).toMatchObject({ spec: { finalizers: ['kubernetes'] } });
    expect(update(namespaces, next, stored, context(), 'finalize').obj).toMatchObject({ spec: { finalizers: [] }, status: { phase: 'Active' } });
  });
});

describe('Node', () => {
  it('keeps the status its kubelet registers and copies capacity to allocatable', () => {
    const { obj, errors } = create(nodes, { metadata: { name: 'node01' }, status: { capacity: { cpu: '2', pods: '110' } } });
    expect(errors).toEqual([]);
    expect((obj as unknown as { status: unknown }).status).toEqual({ capacity: { cpu: '2', pods: '110' }, allocatable: { cpu: '2', pods: '110' } });
  });

  it('validates taints', () => {
    const taints = [
      { key: 'a', effect: 'NoSchedule' },
      { key: 'a', effect: 'NoSchedule' },
      { key: 'b', effect: 'Sometimes' },
    ];
    expect(create(nodes, { metadata: { name: 'n' }, spec: { taints } }).errors).toEqual([
      'spec.taints[1]: Duplicate value: core.Taint{Key:"a", Value:"", Effect:"NoSchedule", TimeAdded:(*v1.Time)(nil)}: taints must be unique by key and effect pair',
      'spec.taints[2].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    ]);
  });

  it('is cluster-scoped', () => {
    expect(create(nodes, { metadata: { name: 'n', namespace: 'default' } }).errors).toEqual(['metadata.namespace: Forbidden: not allowed on this type']);
  });
});

describe('ConfigMap and Secret', () => {
  it.each([
    [{ 'game.properties': 'x', APP_MODE: 'dev' }, []],
    [
      { 'bad key': 'x' },
      [
        `data[bad key]: Invalid value: "bad key": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
      ],
    ],
    [{ '..x': 'y' }, ['data[..x]: Invalid value: "..x": must not start with \'..\'']],
  ])('ConfigMap keys %j', (data, expected) => {
    expect(create(configmaps, { metadata: { name: 'cfg', namespace: 'default' }, data }).errors).toEqual(expected);
  });

  it('keeps an immutable ConfigMap immutable', () => {
    const stored = create(configmaps, { metadata: { name: 'cfg', namespace: 'default' }, data: { a: '1' }, immutable: true }).obj;
    expect(update(configmaps, { metadata: { name: 'cfg', namespace: 'default' }, data: { a: '2' }, immutable: true }, stored).errors).toEqual([
      'data: Forbidden: field is immutable when `immutable` is set',
    ]);
  });

  it('encodes stringData into data and defaults the type', () => {
    const { obj, errors } = create(secrets, { metadata: { name: 's', namespace: 'default' }, stringData: { password: 'héllo' } });
    expect(errors).toEqual([]);
    expect(obj).toMatchObject({ type: 'Opaque', data: { password: 'aMOpbGxv' } });
    expect((obj as unknown as Record<string, unknown>).stringData).toBeUndefined();
  });

  it('requires the keys of typed secrets', () => {
    expect(create(secrets, { metadata: { name: 's', namespace: 'default' }, type: 'kubernetes.io/tls', data: {} }).errors).toEqual([
      'data[tls.crt]: Required value',
      'data[tls.key]: Required value',
    ]);
  });
});

describe('other kinds', () => {
  it('Events must live with the object they are about', () => {
    expect(create(events, { metadata: { name: 'e.1', namespace: 'default' }, involvedObject: { kind: 'Pod', namespace: 'other', name: 'x' } }).errors).toEqual([
      'involvedObject.namespace: Invalid value: "other": does not match event.namespace',
    ]);
  });

  it('RBAC names may contain colons', () => {
    expect(create(roles, { metadata: { name: 'system:controller:x' } }).errors).toEqual([]);
  });
});
