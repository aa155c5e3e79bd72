import { describe, expect, it } from 'vitest';
import { CriObservers, type CriRequest } from './observe';
import { runtimeWorld } from './testkit';

const line = (r: CriRequest): string =>
  [r.method, r.pod && `${r.pod.namespace}/${r.pod.name}`, r.container, r.image].filter(Boolean).join(' ');

describe('observing a containerd', () => {
  it('sees each CRI request the kubelet makes, in the order made, with its pod, container or image', () => {
    const w = runtimeWorld();
    const seen: CriRequest[] = [];
    const stop = w.containerd.observe((r) => seen.push(r));
    const image = w.pull('kubeplay/box:1');
    const sandbox = w.sandbox({ name: 'web', namespace: 'shop' });
    const { id } = w.run(sandbox, { name: 'app', image });
    w.containerd.runtime.stopContainer(id, 0, () => {});
    w.clock.runUntilQuiet();
    w.containerd.runtime.removeContainer(id);
    w.containerd.runtime.stopPodSandbox(sandbox.id);
    w.containerd.runtime.removePodSandbox(sandbox.id);
    expect(seen.map(line)).toEqual([
      'PullImage kubeplay/box:1',
      'RunPodSandbox shop/web',
      'CreateContainer shop/web app',
      'StartContainer shop/web app',
      'StopContainer shop/web app',
      'RemoveContainer shop/web app',
      'StopPodSandbox shop/web',
      // (RemovePodSandbox stops what still runs itself, without a second StopPodSandbox.)
      'RemovePodSandbox shop/web',
    ]);
    // Stamped when asked, before the answer: the create came after the sandbox was ready.
    expect(seen.map((r) => r.at)).toEqual([...seen.map((r) => r.at)].sort((a, b) => a - b));
    expect(seen[2]!.at).toBeGreaterThan(seen[1]!.at);
    stop();
    w.pull('kubeplay/box:1');
    expect(seen).toHaveLength(8);
  });

  it('describes nothing while nobody listens', () => {
    const observers = new CriObservers(() => 0);
    let described = 0;
    observers.publish('RunPodSandbox', () => (described++, {}));
    expect(described).toBe(0);
    const stop = observers.observe(() => {});
    observers.publish('RunPodSandbox', () => (described++, {}));
    stop();
    observers.publish('RunPodSandbox', () => (described++, {}));
    expect(described).toBe(1);
  });
});
