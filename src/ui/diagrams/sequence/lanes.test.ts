import { describe, expect, it } from 'vitest';
import type { ApiCall, CallSequence, RuntimeCall, WatchNotice } from '../../../worker/api-calls';
import { callLabel, etcdKey, lanesOf, layoutSequence, ROW_H, runtimeLabel, TOP, watchLabel } from './lanes';

const call = (caller: string, method: string, resource: string, name: string, extra: Partial<ApiCall> = {}): ApiCall => ({ kind: 'call', at: 0, seq: 0, caller, method, resource, namespace: 'default', name, status: 201, ...extra });
const watch = (to: string, name = 'web', extra: Partial<WatchNotice> = {}): WatchNotice => ({ kind: 'watch', at: 0, seq: 0, to, type: 'ADDED', resource: 'pods', namespace: 'default', name, ...extra });
const cri = (node: string, method: RuntimeCall['method'], extra: Partial<RuntimeCall> = {}): RuntimeCall => ({ kind: 'cri', at: 0, seq: 0, caller: `kubelet/${node}`, node, method, pod: 'web', ...extra });

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

  it.each([
    { what: 'a woken component has a lane before it calls', steps: [call('kubectl', 'POST', 'pods', 'web'), watch('scheduler')], lanes: ['kubectl', 'apiserver', 'etcd', 'scheduler'] },
    {
      what: "each node's containerd beside its kubelet",
      steps: [watch('kubelet/worker02'), cri('worker02', 'RunPodSandbox'), watch('kubelet/worker01'), call('kubelet/worker01', 'PUT', 'pods', 'a'), cri('worker01', 'RunPodSandbox'), watch('scheduler')],
      lanes: ['kubectl', 'apiserver', 'etcd', 'scheduler', 'kubelet/worker02', 'containerd/worker02', 'kubelet/worker01', 'containerd/worker01'],
    },
    { what: 'no containerd lane for a kubelet without CRI requests', steps: [call('kubelet/worker01', 'PUT', 'pods', 'a')], lanes: ['kubectl', 'apiserver', 'etcd', 'kubelet/worker01'] },
  ])('$what', ({ steps, lanes }) => {
    expect(lanesOf(steps)).toEqual(lanes);
  });
});

describe('watch and CRI labels', () => {
  it.each<[WatchNotice | RuntimeCall, string]>([
    [watch('scheduler'), 'watch ADDED pods/web'],
    [watch('replicaset-controller', 'web-1', { type: 'MODIFIED', resource: 'replicasets' }), 'watch MODIFIED replicasets/web-1'],
    [cri('w', 'RunPodSandbox'), 'RunPodSandbox web'],
    [cri('w', 'CreateContainer', { container: 'nginx' }), 'CreateContainer nginx'],
    [cri('w', 'StartContainer', { container: 'nginx' }), 'StartContainer nginx'],
    [cri('w', 'RemovePodSandbox'), 'RemovePodSandbox web'],
    // The kubelet adds the default tag before it asks containerd, as its image manager does.
    [cri('w', 'PullImage', { pod: undefined, image: 'nginx' }), 'PullImage nginx:latest'],
    [cri('w', 'PullImage', { pod: undefined, image: 'nginx:1.20' }), 'PullImage nginx:1.20'],
    [cri('w', 'PullImage', { pod: undefined, image: 'localhost:5000/app' }), 'PullImage localhost:5000/app:latest'],
    [cri('w', 'PullImage', { pod: undefined, image: `busybox@sha256:${'a'.repeat(64)}` }), `PullImage busybox@sha256:${'a'.repeat(64)}`],
  ])('%o → %s', (step, label) => {
    expect(step.kind === 'watch' ? watchLabel(step) : runtimeLabel(step)).toBe(label);
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

it('layoutSequence: each successful call is an arrow to the apiserver and one on to etcd; a refused one stops; watch events come from the apiserver, CRI requests go to the node\'s containerd', () => {
  const sequence: CallSequence = {
    id: 1, startedAt: 1_000, lastCommandAt: 1_000, more: 0,
    steps: [
      call('kubectl', 'POST', 'pods', 'web', { at: 1_000 }),
      call('kubectl', 'POST', 'pods', 'web', { at: 1_000, status: 409 }),
      watch('scheduler', 'web', { at: 1_000 }),
      call('scheduler', 'POST', 'pods', 'web', { at: 1_500, subresource: 'binding' }),
      watch('kubelet/worker01', 'web', { at: 1_500 }),
      cri('worker01', 'RunPodSandbox', { at: 1_800 }),
    ],
  };
  const layout = layoutSequence(sequence);
  const name = (i: number) => layout.lanes[i]!.name;
  expect(layout.arrows.map((a) => `${name(a.from)} → ${name(a.to)} ${a.kind} ${a.label} +${a.after}`)).toEqual([
    'kubectl → apiserver call POST pods/web 201 +0',
    'apiserver → etcd store write /registry/pods/default/web +0',
    'kubectl → apiserver failed POST pods/web 409 +0',
    'apiserver → scheduler watch watch ADDED pods/web +0',
    'scheduler → apiserver call POST pods/web/binding 201 +500',
    'apiserver → etcd store write /registry/pods/default/web +500',
    'apiserver → kubelet/worker01 watch watch ADDED pods/web +500',
    'kubelet/worker01 → containerd/worker01 cri RunPodSandbox web +800',
  ]);
  expect(layout.arrows.map((a) => a.y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((r) => TOP + r * ROW_H));
  expect(layout.height).toBeGreaterThan(layout.arrows.at(-1)!.y);
  expect(layout.width).toBeGreaterThan(layout.lanes.at(-1)!.x);
});
