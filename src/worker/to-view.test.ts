// Views: the few facts of each object the diagrams draw, cut the way kubectl would read them.
import { describe, expect, test } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { deploymentView, endpointsView, eventView, nodeView, podView } from './to-view';

const pod = (status: Pod['status'], extra: Partial<Pod['metadata']> = {}): Pod => ({
  metadata: { name: 'web-1', namespace: 'default', uid: 'u1', creationTimestamp: '2026-01-05T09:00:00Z', labels: { app: 'web' }, ...extra },
  spec: { nodeName: 'worker01', containers: [{ name: 'nginx', image: 'nginx:1.25' }] },
  status,
});

describe('podView', () => {
  test.each([
    { name: 'pending, not scheduled', status: { phase: 'Pending' }, want: { status: 'Pending', ready: 0, state: 'waiting', reason: '' } },
    {
      name: 'creating',
      status: { phase: 'Pending', containerStatuses: [{ name: 'nginx', image: 'nginx:1.25', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] },
      want: { status: 'ContainerCreating', ready: 0, state: 'waiting', reason: 'ContainerCreating' },
    },
    {
      name: 'running and ready',
      status: { phase: 'Running', podIP: '10.244.1.5', containerStatuses: [{ name: 'nginx', image: 'nginx:1.25', imageID: '', ready: true, restartCount: 0, state: { running: { startedAt: '2026-01-05T09:00:07Z' } } }] },
      want: { status: 'Running', ready: 1, state: 'running', reason: '' },
    },
    {
      name: 'crash loop',
      status: { phase: 'Running', containerStatuses: [{ name: 'nginx', image: 'nginx:1.25', imageID: '', ready: false, restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } } }] },
      want: { status: 'CrashLoopBackOff', ready: 0, state: 'waiting', reason: 'CrashLoopBackOff', restarts: 3 },
    },
  ])('$name', ({ status, want }) => {
    const view = podView(pod(status as Pod['status']));
    expect(view).toMatchObject({ status: want.status, ready: want.ready, total: 1, node: 'worker01', labels: { app: 'web' }, createdAt: Date.UTC(2026, 0, 5, 9) });
    expect(view.containers[0]).toMatchObject({ name: 'nginx', image: 'nginx:1.25', init: false, state: want.state, reason: want.reason });
    if (want.restarts) expect(view.restarts).toBe(want.restarts);
  });

  test('exit codes: the current run when terminated, the previous run from lastState', () => {
    const view = podView(
      pod({
        phase: 'Running',
        containerStatuses: [
          {
            name: 'nginx',
            image: 'nginx:1.25',
            imageID: '',
            ready: false,
            restartCount: 2,
            state: { terminated: { exitCode: 137, reason: 'Error' } },
            lastState: { terminated: { exitCode: 1, reason: 'Completed' } },
          },
        ],
      }),
    );
    expect(view.containers[0]).toMatchObject({ state: 'terminated', reason: 'Error', exitCode: 137, lastExit: { reason: 'Completed', exitCode: 1 } });
    expect(podView(pod({ phase: 'Pending' })).containers[0]).not.toHaveProperty('exitCode');
  });

  test('a deletion timestamp reads Terminating; the controller owner is named', () => {
    const view = podView(
      pod({ phase: 'Running' }, { deletionTimestamp: '2026-01-05T09:01:00Z', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d4f', uid: 'rs1', controller: true }] }),
    );
    expect(view).toMatchObject({ status: 'Terminating', terminating: true, owner: { kind: 'ReplicaSet', name: 'web-5d4f', uid: 'rs1' } });
  });
});

test('nodeView: ready, roles from node-role labels, the internal IP', () => {
  const view = nodeView({
    metadata: { name: 'master01', labels: { 'node-role.kubernetes.io/control-plane': '' } },
    spec: { podCIDR: '10.244.0.0/24', unschedulable: true },
    status: { conditions: [{ type: 'Ready', status: 'True' }], addresses: [{ type: 'InternalIP', address: '192.168.10.11' }] },
  });
  expect(view).toMatchObject({ namespace: '', name: 'master01', ready: true, unschedulable: true, roles: ['control-plane'], internalIP: '192.168.10.11', podCIDR: '10.244.0.0/24' });
});

test('endpointsView: ready and not-ready addresses with their pods', () => {
  const view = endpointsView({
    metadata: { name: 'web', namespace: 'default' },
    subsets: [{ addresses: [{ ip: '10.244.1.5', nodeName: 'worker01', targetRef: { kind: 'Pod', name: 'web-1' } }], notReadyAddresses: [{ ip: '10.244.2.4', targetRef: { kind: 'Pod', name: 'web-2' } }] }],
  });
  expect(view.addresses).toEqual([
    { ip: '10.244.1.5', pod: 'web-1', node: 'worker01', ready: true },
    { ip: '10.244.2.4', pod: 'web-2', node: '', ready: false },
  ]);
});

test('deploymentView: a Recreate deployment has no surge bounds', () => {
  const view = deploymentView({ metadata: { name: 'web' }, spec: { replicas: 3, selector: {}, strategy: { type: 'Recreate' }, template: {} } });
  expect(view).toMatchObject({ replicas: 3, strategy: 'Recreate', maxSurge: '', maxUnavailable: '', current: 0 });
});

test.each([
  { fieldPath: 'spec.containers{liveness}', want: 'liveness' },
  { fieldPath: 'spec.initContainers{init-db}', want: 'init-db' },
  { fieldPath: undefined, want: '' },
  { fieldPath: 'metadata.name', want: '' },
])('eventView: fieldPath $fieldPath names container "$want"', ({ fieldPath, want }) => {
  const view = eventView({
    metadata: { name: 'p.1', namespace: 'default' },
    involvedObject: { kind: 'Pod', name: 'p', namespace: 'default', uid: 'u1', fieldPath },
    reason: 'Unhealthy',
    message: 'Liveness probe failed: ',
    count: 2,
    firstTimestamp: '2026-01-05T09:00:05Z',
    lastTimestamp: '2026-01-05T09:00:08Z',
  });
  expect(view).toMatchObject({ container: want, reason: 'Unhealthy', count: 2, firstAt: Date.UTC(2026, 0, 5, 9, 0, 5), lastAt: Date.UTC(2026, 0, 5, 9, 0, 8) });
});
