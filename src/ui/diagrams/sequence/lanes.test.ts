import { describe, expect, it } from 'vitest';
import type { ApiCall, CallSequence } from '../../../worker/api-calls';
import { callLabel, etcdKey, lanesOf, layoutSequence, ROW_H, TOP } from './lanes';

const call = (caller: string, method: string, resource: string, name: string, extra: Partial<ApiCall> = {}): ApiCall => ({ at: 0, caller, method, resource, namespace: 'default', name, status: 201, ...extra });

describe('lanesOf', () => {
  it.each([
    { what: 'a pod', callers: ['kubectl', 'scheduler', 'kubelet/worker01'], lanes: ['kubectl', 'apiserver', 'etcd', 'scheduler', 'kubelet/worker01'] },
    {
      what: 'a deployment: controllers before the scheduler, kubelets last in order of their first call',
      callers: ['kubectl', 'deployment-controller', 'replicaset-controller', 'scheduler', 'kubelet/worker02', 'scheduler', 'kubelet/worker01'],
      lanes: ['kubectl', 'apiserver', 'etcd', 'deployment-controller', 'replicaset-controller', 'scheduler', 'kubelet/worker02', 'kubelet/worker01'],
    },
    { what: 'a kubelet calling before a controller still goes last', callers: ['kubectl', 'kubelet/worker01', 'endpoint-controller'], lanes: ['kubectl', 'apiserver', 'etcd', 'endpoint-controller', 'kubelet/worker01'] },
  ])('$what', ({ callers, lanes }) => {
    expect(lanesOf(callers.map((c) => call(c, 'POST', 'pods', 'x')))).toEqual(lanes);
  });
});

describe('labels', () => {
  it.each([
    [call('kubectl', 'POST', 'pods', 'web'), 'POST pods/web 201', '/registry/pods/default/web'],
    [call('scheduler', 'POST', 'pods', 'web', { subresource: 'binding' }), 'POST pods/web/binding 201', '/registry/pods/default/web'],
    [call('kubectl', 'POST', 'services', 'web'), 'POST services/web 201', '/registry/services/specs/default/web'],
    [call('endpoint-controller', 'PUT', 'endpoints', 'web', { status: 200 }), 'PUT endpoints/web 200', '/registry/services/endpoints/default/web'],
    [call('kubectl', 'POST', 'namespaces', 'dev', { namespace: undefined }), 'POST namespaces/dev 201', '/registry/namespaces/dev'],
  ])('%o', (c, label, key) => {
    expect(callLabel(c)).toBe(label);
    expect(etcdKey(c)).toBe(key);
  });
});

it('layoutSequence: each successful call is an arrow to the apiserver and one on to etcd; a refused one stops', () => {
  const sequence: CallSequence = {
    id: 1, startedAt: 1_000, lastCommandAt: 1_000, more: 0,
    calls: [call('kubectl', 'POST', 'pods', 'web', { at: 1_000 }), call('kubectl', 'POST', 'pods', 'web', { at: 1_000, status: 409 }), call('scheduler', 'POST', 'pods', 'web', { at: 1_500, subresource: 'binding' })],
  };
  const layout = layoutSequence(sequence);
  const name = (i: number) => layout.lanes[i]!.name;
  expect(layout.arrows.map((a) => `${name(a.from)} → ${name(a.to)} ${a.kind} ${a.label} +${a.after}`)).toEqual([
    'kubectl → apiserver call POST pods/web 201 +0',
    'apiserver → etcd store write /registry/pods/default/web +0',
    'kubectl → apiserver failed POST pods/web 409 +0',
    'scheduler → apiserver call POST pods/web/binding 201 +500',
    'apiserver → etcd store write /registry/pods/default/web +500',
  ]);
  expect(layout.arrows.map((a) => a.y)).toEqual([0, 1, 2, 3, 4].map((r) => TOP + r * ROW_H));
  expect(layout.height).toBeGreaterThan(layout.arrows.at(-1)!.y);
  expect(layout.width).toBeGreaterThan(layout.lanes.at(-1)!.x);
});
