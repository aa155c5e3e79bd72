import { describe, expect, it } from 'vitest';
import { describeCheck, evaluateCheck, type ClusterView, type KubeObject } from './checks';
import type { Check } from './types';

const pod = (name: string, labels: Record<string, string>, phase: string, restarts: number[]): KubeObject => ({
  metadata: { name, labels },
  status: { phase, containerStatuses: restarts.map((restartCount) => ({ restartCount })) },
});

/** A cluster as plain data: objects by `namespace/kind`, files by `node:path`. */
function view(objects: Record<string, KubeObject[]>, files: Record<string, string> = {}): ClusterView {
  return {
    list: (kind, namespace) => objects[`${namespace}/${kind}`] ?? [],
    readFile: (node, path) => files[`${node}:${path}`],
  };
}

const cluster = view(
  {
    'default/Pod': [
      pod('nginx-deploy', { run: 'nginx-deploy' }, 'Running', [0]),
      pod('client', { run: 'client' }, 'Succeeded', [0]),
      pod('flaky', { app: 'web' }, 'Running', [1, 2]),
      pod('steady', { app: 'web' }, 'Running', [0]),
    ],
    'default/Service': [{ metadata: { name: 'nginx' }, spec: { type: 'ClusterIP' } }, { metadata: { name: 'bare' }, spec: {} }],
    'default/Deployment': [{ metadata: { name: 'myapp' }, status: { availableReplicas: 2 } }, { metadata: { name: 'new' }, status: {} }],
    'kube-system/Pod': [pod('coredns-1', { 'k8s-app': 'kube-dns' }, 'Running', [0])],
  },
  { 'master01:/root/pod.yaml': 'kind: Pod\n' },
);

// check, whether it passes, and a fragment of its detail.
const table: [Check, boolean, string][] = [
  [{ kind: 'Pod', name: 'nginx-deploy', phase: 'Running' }, true, 'Pod nginx-deploy as expected'],
  [{ kind: 'Pod', name: 'client', phase: 'Running' }, false, 'phase is Succeeded, want Running'],
  [{ kind: 'Pod', name: 'missing' }, false, 'no Pod named missing'],
  [{ kind: 'Pod', selector: 'run=client', restartCount: 0 }, true, 'Pod client'],
  [{ kind: 'Pod', selector: 'app=web', restartCount: 0 }, false, 'flaky: restartCount is 3, want 0'],
  [{ kind: 'Pod', selector: 'app=web,run!=x', phase: 'Running' }, true, 'Pod flaky, Pod steady'],
  [{ kind: 'Pod', selector: 'app=db' }, false, 'no Pod matches app=db'],
  [{ kind: 'Pod', selector: 'k8s-app=kube-dns', namespace: 'kube-system', phase: 'Running' }, true, 'coredns-1'],
  [{ kind: 'Service', name: 'nginx', type: 'ClusterIP' }, true, 'Service nginx'],
  [{ kind: 'Service', name: 'bare', type: 'ClusterIP' }, true, 'Service bare'],
  [{ kind: 'Service', name: 'nginx', type: 'NodePort' }, false, 'type is ClusterIP, want NodePort'],
  [{ kind: 'Deployment', name: 'myapp', availableReplicas: 2 }, true, 'Deployment myapp'],
  [{ kind: 'Deployment', name: 'new', availableReplicas: 2 }, false, 'availableReplicas is 0, want 2'],
  [{ file: { node: 'master01', path: '/root/pod.yaml' } }, true, '/root/pod.yaml is on master01'],
  [{ file: { node: 'master01', path: '/root/pod.yaml', contains: 'kind: Pod' } }, true, 'on master01'],
  [{ file: { node: 'master01', path: '/root/pod.yaml', contains: 'Service' } }, false, 'does not contain "Service"'],
  [{ file: { node: 'worker01', path: '/root/pod.yaml' } }, false, 'no file /root/pod.yaml on worker01'],
];

describe('evaluateCheck', () => {
  it.each(table)('%o passes: %s', (check, passed, detail) => {
    const outcome = evaluateCheck(check, cluster);
    expect(outcome.passed).toBe(passed);
    expect(outcome.detail).toContain(detail);
  });
});

describe('describeCheck', () => {
  it.each<[Check, string]>([
    [{ kind: 'Pod', name: 'nginx-deploy', phase: 'Running' }, 'Pod nginx-deploy: phase Running'],
    [{ kind: 'Pod', selector: 'run=client', restartCount: 0 }, 'Pod -l run=client: restartCount 0'],
    [{ kind: 'Service', name: 'kube-dns', namespace: 'kube-system' }, 'Service kube-dns -n kube-system exists'],
    [{ file: { node: 'master01', path: '/root/pod.yaml' } }, 'file master01:/root/pod.yaml'],
  ])('%o reads %s', (check, text) => expect(describeCheck(check)).toBe(text));
});
