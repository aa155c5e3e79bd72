import { describe, expect, it } from 'vitest';
import { context, create, resource, update } from './testing';

const replicasets = resource('apps', 'replicasets');
const daemonsets = resource('apps', 'daemonsets');
const statefulsets = resource('apps', 'statefulsets');
const rcs = resource('', 'replicationcontrollers');

const template = (labels: Record<string, string> = { app: 'x' }, spec: Record<string, unknown> = {}) => ({
  metadata: { labels },
  spec: { containers: [{ name: 'c', image: 'busybox' }], ...spec },
});
const obj = (kind: string, spec: Record<string, unknown>) => ({ kind, metadata: { name: 'x', namespace: 'default' }, spec });

describe('ReplicaSet', () => {
  it.each([
    ['valid', { selector: { matchLabels: { app: 'x' } }, template: template() }, []],
    [
      'no selector',
      { template: template() },
      ['spec.selector: Required value', 'spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`'],
    ],
    [
      'activeDeadlineSeconds in the template',
      { selector: { matchLabels: { app: 'x' } }, template: template({ app: 'x' }, { activeDeadlineSeconds: 5 }) },
      ['spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported'],
    ],
  ])('%s', (_, spec, expected) => {
    expect(create(replicasets, obj('ReplicaSet', spec)).errors).toEqual(expected);
  });

  it('defaults replicas to 1 and starts at generation 1', () => {
    const { obj: rs } = create(replicasets, obj('ReplicaSet', { selector: { matchLabels: { app: 'x' } }, template: template() }));
    expect((rs as unknown as { spec: { replicas: number } }).spec.replicas).toBe(1);
    expect(rs.metadata?.generation).toBe(1);
  });
});

describe('ReplicationController', () => {
  it('takes its selector and labels from the template', () => {
    const { obj: rc, errors } = create(rcs, obj('ReplicationController', { template: template() }));
    expect(errors).toEqual([]);
    expect((rc as unknown as { spec: { selector: unknown } }).spec.selector).toEqual({ app: 'x' });
    expect(rc.metadata?.labels).toEqual({ app: 'x' });
  });
});

describe('DaemonSet', () => {
  it('defaults to RollingUpdate one node at a time', () => {
    const { obj: ds, errors } = create(daemonsets, obj('DaemonSet', { selector: { matchLabels: { app: 'x' } }, template: template() }));
    expect(errors).toEqual([]);
    expect((ds as unknown as { spec: Record<string, unknown> }).spec).toMatchObject({
      revisionHistoryLimit: 10,
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
    });
  });

  it.each([
    [
      'both surge and unavailable',
      { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } },
      ['spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero'],
    ],
    [
      'neither',
      { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } },
      ['spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0'],
    ],
    ['unknown type', { type: 'Sometimes' }, ['spec.updateStrategy.type: Unsupported value: "Sometimes": supported values: "RollingUpdate", "OnDelete"']],
  ])('%s', (_, updateStrategy, expected) => {
    expect(create(daemonsets, obj('DaemonSet', { selector: { matchLabels: { app: 'x' } }, template: template(), updateStrategy })).errors).toEqual(expected);
  });

  it('requires the template to restart always', () => {
    expect(create(daemonsets, obj('DaemonSet', { selector: { matchLabels: { app: 'x' } }, template: template({ app: 'x' }, { restartPolicy: 'OnFailure' }) })).errors).toEqual([
      'spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
    ]);
  });
});

describe('StatefulSet', () => {
  it('defaults ordered pods, partition 0 and retained PVCs', () => {
    const { obj: sts, errors } = create(statefulsets, obj('StatefulSet', { serviceName: 'x', selector: { matchLabels: { app: 'x' } }, template: template() }));
    expect(errors).toEqual([]);
    expect((sts as unknown as { spec: Record<string, unknown> }).spec).toMatchObject({
      replicas: 1,
      podManagementPolicy: 'OrderedReady',
      revisionHistoryLimit: 10,
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    });
  });

  it('forbids changing other fields than the updatable ones', () => {
    const stored = create(statefulsets, obj('StatefulSet', { serviceName: 'x', selector: { matchLabels: { app: 'x' } }, template: template() })).obj;
    const next = JSON.parse(JSON.stringify(stored));
    next.spec.serviceName = 'y';
    expect(update(statefulsets, next, stored, context()).errors).toEqual([
      "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ]);
    next.spec.serviceName = 'x';
    next.spec.replicas = 3;
    expect(update(statefulsets, next, stored, context()).errors).toEqual([]);
  });
});
