import { describe, expect, it } from 'vitest';
import { resourceFor } from '../engine/api/resources';
import type { KubeObject } from '../engine/api/types';
import type { WatchDelivery } from '../engine/api/watch';
import { imagesOf, objectKey, ownerKey, Wakes, watchClientOf } from './api-calls-wakes';

const RS = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: 'u', controller: true };
const deployment: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' } };
const replicaSet: KubeObject = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-1', namespace: 'default', ownerReferences: [{ ...RS, kind: 'Deployment', name: 'web' }] } };
const pod = (name: string): KubeObject =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', ownerReferences: [RS] }, spec: { initContainers: [{ name: 'init', image: 'busybox' }], containers: [{ name: 'web', image: 'nginx:1.20' }] } }) as KubeObject;

const key = (object: KubeObject, plural: string) => objectKey(plural, object.metadata?.namespace, object.metadata!.name!);
const DEPLOY = key(deployment, 'deployments');
const REPLICASET = key(replicaSet, 'replicasets');
const POD = key(pod('web-1-a'), 'pods');

const delivery = (client: string, object: KubeObject, plural: string, type: 'ADDED' | 'MODIFIED' = 'ADDED'): WatchDelivery => ({
  at: 7,
  client,
  resource: resourceFor(plural === 'pods' ? '' : 'apps', plural)!,
  event: { type, object },
});

describe('watchClientOf', () => {
  it.each([
    ['replicaset-controller', 'kube-controller-manager'],
    ['deployment-controller', 'kube-controller-manager'],
    ['scheduler', 'kube-scheduler'],
    ['kubelet/worker01', 'kubelet/worker01'],
  ])('%s watches as %s', (caller, client) => expect(watchClientOf(caller)).toBe(client));
});

describe('what an object says of itself', () => {
  it.each([
    ['a pod names its ReplicaSet', pod('web-1-a'), REPLICASET, ['busybox', 'nginx:1.20']],
    ['a ReplicaSet its Deployment', replicaSet, DEPLOY, undefined],
    ['a Deployment nothing', deployment, undefined, undefined],
    ['an unknown kind of owner is no key', { ...deployment, metadata: { name: 'x', ownerReferences: [{ ...RS, kind: 'Gadget' }] } } as KubeObject, undefined, undefined],
  ])('%s', (_, object, owner, images) => {
    expect(ownerKey(object)).toBe(owner);
    expect(imagesOf(object)).toEqual(images);
  });
});

/** The sequence so far: kubectl created the Deployment, its controller the ReplicaSet, that one a pod. */
function wakes(): Wakes {
  const w = new Wakes();
  w.wrote(DEPLOY, 'kubectl', deployment);
  w.wrote(REPLICASET, 'deployment-controller', replicaSet);
  w.wrote(POD, 'replicaset-controller', pod('web-1-a'));
  return w;
}

/** Then the scheduler bound the pod. */
function bound(): Wakes {
  const w = wakes();
  w.wrote(POD, 'scheduler');
  return w;
}

describe('which held watch event woke a component', () => {
  it.each<[string, WatchDelivery[], [caller: string, key: string, creating: boolean], string | undefined, (() => Wakes)?]>([
    ['the scheduler, told of the pod it binds', [delivery('kube-scheduler', pod('web-1-a'), 'pods')], ['scheduler', POD, false], 'scheduler ADDED pods/web-1-a'],
    ['a kubelet, told of the pod it starts', [delivery('kubelet/worker01', pod('web-1-a'), 'pods')], ['kubelet/worker01', POD, false], 'kubelet/worker01 ADDED pods/web-1-a'],
    ['another kubelet is told nothing', [delivery('kubelet/worker01', pod('web-1-a'), 'pods')], ['kubelet/worker02', POD, false], undefined],
    ['a controller creating a child, told of its owner', [delivery('kube-controller-manager', replicaSet, 'replicasets')], ['replicaset-controller', POD, true], 'replicaset-controller ADDED replicasets/web-1'],
    ['a controller updating its object, told of a child', [delivery('kube-controller-manager', pod('web-1-a'), 'pods', 'MODIFIED')], ['replicaset-controller', REPLICASET, false], 'replicaset-controller MODIFIED pods/web-1-a', bound],
    ['an owner does not wake an update of its child', [delivery('kube-controller-manager', deployment, 'deployments', 'MODIFIED')], ['replicaset-controller', REPLICASET, false], undefined],
    ['the echo of its own write wakes nobody', [delivery('kube-controller-manager', pod('web-1-a'), 'pods')], ['replicaset-controller', REPLICASET, false], undefined],
    [
      'the newest of several held events',
      [delivery('kube-scheduler', pod('web-1-a'), 'pods'), delivery('kube-scheduler', pod('web-1-a'), 'pods', 'MODIFIED')],
      ['scheduler', POD, false],
      'scheduler MODIFIED pods/web-1-a',
    ],
    ['objects outside the sequence are not held', [delivery('kube-scheduler', pod('other'), 'pods')], ['scheduler', objectKey('pods', 'default', 'other'), false], undefined],
  ])('%s', (_, deliveries, [caller, on, creating], expected, sequence = wakes) => {
    const w = sequence();
    deliveries.forEach((d, seq) => w.delivered(d, seq));
    const notice = w.woke(caller, on, creating);
    expect(notice && `${notice.to} ${notice.type} ${notice.resource}/${notice.name}`).toBe(expected);
    // A held event wakes once.
    if (notice) expect(w.woke(caller, on, creating)).toBeUndefined();
  });

  it('places a PullImage by the node the pod is on and the images its spec names', () => {
    const w = wakes();
    expect(w.podPulling('worker01', 'nginx:1.20')).toBeUndefined();
    w.placed(POD, 'worker01');
    expect([w.podPulling('worker01', 'nginx:1.20'), w.podPulling('worker01', 'busybox'), w.podPulling('worker02', 'nginx:1.20'), w.podPulling('worker01', 'nginx')]).toEqual([
      POD,
      POD,
      undefined,
      undefined,
    ]);
  });
});
