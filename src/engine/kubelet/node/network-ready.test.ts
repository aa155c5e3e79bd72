import { describe, expect, it } from 'vitest';
import type { Node, NodeCondition, Pod } from 'kubernetes-types/core/v1';
import { resourceFor } from '../../api/resources';
import { kubeletWorld, type KubeletWorld } from '../testing';
import { NETWORK_NOT_READY } from './network-ready';

const NODES = resourceFor('', 'nodes')!;
const CONF_DIR = '/etc/cni/net.d';
const CONFLIST = `${CONF_DIR}/10-flannel.conflist`;

const sleeper = (name: string, hostNetwork = false): Pod => ({
  metadata: { name },
  spec: { hostNetwork, containers: [{ name, image: 'busybox:1.36', command: ['sleep', '3600'] }] },
});

function ready(w: KubeletWorld): NodeCondition | undefined {
  const node = w.admin.get<Node>(NODES, undefined, 'node-1');
  return node.ok ? node.value.status?.conditions?.find((c) => c.type === 'Ready') : undefined;
}

function nodeEvents(w: KubeletWorld): string[] {
  const list = w.admin.request({ method: 'GET', path: '/api/v1/namespaces/default/events' });
  const items = (list.body as { items: { involvedObject: { kind: string }; reason: string }[] }).items;
  return items.filter((e) => e.involvedObject.kind === 'Node').map((e) => e.reason);
}

describe('the pod network: ready once a CNI config is in /etc/cni/net.d', () => {
  it('without one the node is NotReady with the runtime\'s message and only host-network pods start', () => {
    const w = kubeletWorld({ cniConfDir: CONF_DIR });
    w.createPod(sleeper('on-pod-network'));
    w.createPod(sleeper('on-host-network', true));
    w.clock.advance(60_000);
    expect(ready(w)).toMatchObject({ status: 'False', reason: 'KubeletNotReady', message: NETWORK_NOT_READY });
    expect(w.row('on-host-network')).toBe('on-host-network 1/1 Running 0');
    expect(w.row('on-pod-network')).toBe('on-pod-network 0/1 ContainerCreating 0');
    expect(w.eventCount('on-pod-network', 'NetworkNotReady', `network is not ready: ${NETWORK_NOT_READY}`)).toBeGreaterThan(1);
    expect(w.pod('on-pod-network')?.status?.podIP).toBeUndefined();
    expect(nodeEvents(w)).not.toContain('NodeReady');
  });

  it('a config written to the node makes it Ready and the waiting pod starts; removing it makes the node NotReady again', () => {
    const w = kubeletWorld({ cniConfDir: CONF_DIR });
    w.createPod(sleeper('waiting'));
    w.clock.advance(30_000);
    const fs = w.machines.get('node-1')!.host.fs;
    fs.mkdir(CONF_DIR, w.clock.now(), { parents: true });
    fs.writeFile(CONFLIST, '{}', w.clock.now());
    expect(w.runUntil(() => ready(w)?.status === 'True', 15_000)).toBe(true);
    expect(ready(w)).toMatchObject({ reason: 'KubeletReady', message: 'kubelet is posting ready status' });
    expect(nodeEvents(w)).toContain('NodeReady');
    expect(w.runUntil(() => w.row('waiting') === 'waiting 1/1 Running 0', 30_000)).toBe(true);

    fs.unlink(CONFLIST);
    expect(w.runUntil(() => ready(w)?.status === 'False', 15_000)).toBe(true);
    expect(nodeEvents(w)).toContain('NodeNotReady');
    // Running containers are left alone.
    expect(w.row('waiting')).toBe('waiting 1/1 Running 0');
  });

  it('a machine without a CNI config directory setting needs no plugin', () => {
    const w = kubeletWorld();
    w.createPod(sleeper('plain'));
    expect(w.runUntil(() => w.row('plain') === 'plain 1/1 Running 0', 30_000)).toBe(true);
    expect(ready(w)?.status).toBe('True');
  });
});

describe('hostPath volumes are the node\'s own files', () => {
  it('what a pod writes under its hostPath mount is on the node, and a missing directory is created', () => {
    const w = kubeletWorld();
    w.createPod({
      metadata: { name: 'writer' },
      spec: {
        restartPolicy: 'Never',
        containers: [{ name: 'writer', image: 'busybox:1.36', command: ['sh', '-c', 'echo hello > /host/greeting'], volumeMounts: [{ name: 'host', mountPath: '/host' }] }],
        volumes: [{ name: 'host', hostPath: { path: '/var/lib/demo' } }],
      },
    });
    expect(w.runUntil(() => w.row('writer') === 'writer 0/1 Completed 0', 30_000)).toBe(true);
    expect(w.machines.get('node-1')!.host.fs.readFile('/var/lib/demo/greeting')).toBe('hello\n');
  });
});
