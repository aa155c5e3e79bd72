import { describe, expect, it } from 'vitest';
import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1';
import { chooseContainer, chooseInstance } from './logs';

const pod = (containers: string[], init: string[] = []): Pod => ({
  metadata: { name: 'pod-demo' },
  spec: { initContainers: init.map((name) => ({ name })), containers: containers.map((name) => ({ name })) },
});

describe('which container (the apiserver)', () => {
  it.each<[string, Pod, string | undefined, string]>([
    ['the only container', pod(['myapp']), undefined, 'myapp'],
    ['a named one', pod(['myapp', 'busybox']), 'busybox', 'busybox'],
    ['an init container by name', pod(['myapp'], ['init']), 'init', 'init'],
    ['two and no name', pod(['myapp', 'busybox']), undefined, 'a container name must be specified for pod pod-demo, choose one of: [myapp busybox]'],
    ['init containers are listed first', pod(['a', 'b'], ['i']), undefined, 'a container name must be specified for pod pod-demo, choose one of: [i a b]'],
    ['a name that is not there', pod(['myapp']), 'foo', 'container foo is not valid for pod pod-demo'],
  ])('%s', (_name, p, requested, expected) => {
    const chosen = chooseContainer(p, requested);
    expect(typeof chosen === 'string' ? chosen : chosen.error).toBe(expected);
  });
});

describe('which instance (the kubelet)', () => {
  const terminated = (id: string) => ({ terminated: { exitCode: 1, containerID: id } });
  it.each<[string, Partial<ContainerStatus>, boolean, string]>([
    ['running', { state: { running: {} }, containerID: 'c2', lastState: terminated('c1') }, false, 'c2'],
    ['--previous of a restarted one', { state: { running: {} }, containerID: 'c2', lastState: terminated('c1') }, true, 'c1'],
    ['--previous without a previous one', { state: { running: {} }, containerID: 'c1', lastState: {} }, true, 'previous terminated container "web" in pod "p" not found'],
    ['terminated', { state: terminated('c1'), containerID: 'c1', lastState: {} }, false, 'c1'],
    ['crash-looping: the last run', { state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: terminated('c3') }, false, 'c3'],
    ['creating', { state: { waiting: { reason: 'ContainerCreating' } }, lastState: {} }, false, 'container "web" in pod "p" is waiting to start: ContainerCreating'],
    ['pull failed', { state: { waiting: { reason: 'ErrImagePull' } }, lastState: {} }, false, 'container "web" in pod "p" is waiting to start: image can\'t be pulled'],
    ['pull backing off', { state: { waiting: { reason: 'ImagePullBackOff' } }, lastState: {} }, false, 'container "web" in pod "p" is waiting to start: trying and failing to pull image'],
    ['no status at all', {}, false, 'container "web" in pod "p" is waiting to start - no logs yet'],
  ])('%s', (_name, status, previous, expected) => {
    const chosen = chooseInstance({ name: 'web', image: '', imageID: '', ready: false, restartCount: 0, ...status }, 'web', 'p', previous);
    expect(typeof chosen === 'string' ? chosen : chosen.error).toBe(expected);
  });
});
