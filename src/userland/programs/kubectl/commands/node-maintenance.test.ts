/**
 * cordon, uncordon, taint and drain typed on master01: kubectl 1.30's outputs (recorded against
 * `kubeplay serve`) and what the scheduler and the controllers then do with the nodes.
 */
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { beforeAll, describe, expect, it } from 'vitest';
import { resourceFor } from '../../../../engine/api/resources';
import { Learner } from '../../../../engine/tutorial/testkit';

let learner: Learner;
const onMaster = (line: string) => learner.onNode('master01', line);
const node = (name: string) => {
  const got = learner.cluster.client().get<Node>(resourceFor('', 'nodes')!, undefined, name);
  if (!got.ok) throw new Error(got.status.message);
  return got.value;
};
const nodesOf = (selector: string) => learner.list<Pod>('pods', selector).map((p) => p.spec?.nodeName);
const NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

beforeAll(() => {
  learner = new Learner();
});

describe('kubectl cordon / uncordon', () => {
  it('marks the node, says so again when already done', () => {
    expect(onMaster('kubectl cordon worker01')).toEqual({ output: 'node/worker01 cordoned\n', code: 0 });
    expect(node('worker01').spec!.unschedulable).toBe(true);
    expect(onMaster('kubectl cordon worker01')).toEqual({ output: 'node/worker01 already cordoned\n', code: 0 });
    expect(onMaster('kubectl get node worker01').output).toMatch(/worker01 +Ready,SchedulingDisabled /);
  });

  it('a cordoned node gets no new pods', () => {
    onMaster('kubectl create deployment spread --image=nginx --replicas=4');
    learner.wait(30_000);
    expect(nodesOf('app=spread')).toEqual(['worker02', 'worker02', 'worker02', 'worker02']);
  });

  it('uncordon clears it', () => {
    expect(onMaster('kubectl uncordon worker01')).toEqual({ output: 'node/worker01 uncordoned\n', code: 0 });
    expect(node('worker01').spec!.unschedulable).toBeUndefined();
    expect(onMaster('kubectl uncordon worker01')).toEqual({ output: 'node/worker01 already uncordoned\n', code: 0 });
    expect(onMaster('kubectl cordon worker01 --dry-run=client')).toEqual({ output: 'node/worker01 cordoned (dry run)\n', code: 0 });
    expect(node('worker01').spec!.unschedulable).toBeUndefined();
  });

  it.each([
    ['kubectl cordon', "error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n"],
    ['kubectl cordon nope', 'Error from server (NotFound): nodes "nope" not found\n'],
    ['kubectl uncordon worker01 -o name', "error: unknown shorthand flag: 'o' in -o\nSee 'kubectl uncordon --help' for usage.\n"],
  ])('%s', (line, output) => {
    expect(onMaster(line)).toEqual({ output, code: 1 });
  });
});

describe('kubectl taint', () => {
  it('adds, refuses to overwrite, overwrites, removes', () => {
    expect(onMaster('kubectl taint nodes worker02 dedicated=special:NoSchedule')).toEqual({ output: 'node/worker02 tainted\n', code: 0 });
    expect(node('worker02').spec!.taints).toEqual([{ key: 'dedicated', value: 'special', effect: 'NoSchedule' }]);
    expect(onMaster('kubectl taint nodes worker02 dedicated=other:NoSchedule')).toEqual({
      output: 'error: node worker02 already has dedicated taint(s) with same effect(s) and --overwrite is false\n',
      code: 1,
    });
    expect(onMaster('kubectl taint nodes worker02 dedicated=other:NoSchedule --overwrite')).toEqual({ output: 'node/worker02 modified\n', code: 0 });
    expect(node('worker02').spec!.taints).toEqual([{ key: 'dedicated', value: 'other', effect: 'NoSchedule' }]);
  });

  it('the scheduler leaves the tainted node alone', () => {
    onMaster('kubectl create deployment avoid --image=nginx --replicas=3');
    learner.wait(30_000);
    expect(nodesOf('app=avoid')).toEqual(['worker01', 'worker01', 'worker01']);
  });

  it('removes by key and effect or by key; several nodes with --all and -l', () => {
    expect(onMaster('kubectl taint nodes worker02 dedicated:NoSchedule-')).toEqual({ output: 'node/worker02 untainted\n', code: 0 });
    expect(node('worker02').spec!.taints).toBeUndefined();
    expect(onMaster('kubectl taint nodes worker02 dedicated-')).toEqual({ output: 'error: taint "dedicated" not found\n', code: 1 });
    expect(onMaster('kubectl taint nodes worker02 k=v:NoExecute k2=v:PreferNoSchedule')).toEqual({ output: 'node/worker02 tainted\n', code: 0 });
    expect(node('worker02').spec!.taints).toEqual([
      { key: 'k', value: 'v', effect: 'NoExecute' },
      { key: 'k2', value: 'v', effect: 'PreferNoSchedule' },
    ]);
    expect(onMaster('kubectl taint nodes worker02 k- k2-')).toEqual({ output: 'node/worker02 untainted\n', code: 0 });
    expect(onMaster('kubectl taint nodes --all x=y:NoSchedule')).toEqual({ output: 'node/master01 tainted\nnode/worker01 tainted\nnode/worker02 tainted\n', code: 0 });
    expect(node('master01').spec!.taints).toContainEqual({ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' });
    expect(onMaster('kubectl taint nodes --all x-')).toEqual({ output: 'node/master01 untainted\nnode/worker01 untainted\nnode/worker02 untainted\n', code: 0 });
    expect(onMaster('kubectl taint nodes -l kubernetes.io/hostname=worker02 x=y:NoSchedule')).toEqual({ output: 'node/worker02 tainted\n', code: 0 });
    expect(onMaster('kubectl taint no worker02 x:NoSchedule-')).toEqual({ output: 'node/worker02 untainted\n', code: 0 });
  });

  it.each([
    ['kubectl taint nodes worker02', 'error: at least one taint update is required\n'],
    ['kubectl taint pod x k=v:NoSchedule', 'error: invalid resource type pod, only node types are supported\n'],
    ['kubectl taint nodes nope k=v:NoSchedule', 'Error from server (NotFound): nodes "nope" not found\n'],
    ['kubectl taint nodes worker02 k=v:NoSchedule k-', 'error: can not both modify and remove the following taint(s) in the same command: k=\n'],
    ['kubectl taint nodes worker02 foo=bar:Bad', "error: invalid taint effect: Bad, unsupported taint effect\nSee 'kubectl taint -h' for help and examples\n"],
    ['kubectl taint nodes worker02 foo=bar', `error: invalid taint spec: foo=bar, ${NAME_PART}\nSee 'kubectl taint -h' for help and examples\n`],
    ['kubectl taint nodes worker02 =v:NoSchedule', `error: invalid taint spec: =v:NoSchedule, name part must be non-empty; ${NAME_PART}\nSee 'kubectl taint -h' for help and examples\n`],
    ['kubectl taint nodes k=v:NoSchedule', "error: at least one resource name must be specified since 'all' parameter is not set\n"],
  ])('%s', (line, output) => {
    expect(onMaster(line)).toEqual({ output, code: 1 });
  });
});

describe('kubectl drain', () => {
  const strays = `apiVersion: v1
kind: Pod
metadata: {name: bare}
spec:
  nodeName: worker01
  containers: [{name: c, image: nginx}]
---
apiVersion: v1
kind: Pod
metadata: {name: scratch}
spec:
  nodeName: worker01
  containers: [{name: c, image: nginx, volumeMounts: [{name: s, mountPath: /s}]}]
  volumes: [{name: s, emptyDir: {}}]`;

  beforeAll(() => {
    onMaster('kubectl delete deployment spread avoid');
    onMaster(`kubectl create -f - <<'END'\n${strays}\nEND`);
    learner.wait(20_000);
  });

  it('refuses pods without a controller, with emptyDir data or from a DaemonSet, after cordoning', () => {
    // The node's DaemonSet pods, as drain names them: flannel's, then kube-proxy's.
    const daemonPods = [['kube-flannel', 'app=flannel'], ['kube-system', 'k8s-app=kube-proxy']].map(([namespace, labelSelector]) => {
      const pods = learner.cluster.client().list<Pod>(resourceFor('', 'pods')!, { namespace, fieldSelector: 'spec.nodeName=worker01', labelSelector });
      if (!pods.ok) throw new Error(pods.status.message);
      return `${namespace}/${pods.value.items[0]!.metadata!.name}`;
    });
    const reasons = [
      'cannot delete cannot delete Pods that declare no controller (use --force to override): default/bare',
      'cannot delete Pods with local storage (use --delete-emptydir-data to override): default/scratch',
      `cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${daemonPods.join(', ')}`,
    ];
    expect(onMaster('kubectl drain worker01')).toEqual({
      output: `node/worker01 cordoned\nerror: unable to drain node "worker01" due to error:[${reasons.join(', ')}], continuing command...\nThere are pending nodes to be drained:\n worker01\n${reasons.join('\n')}\n`,
      code: 1,
    });
    expect(node('worker01').spec!.unschedulable).toBe(true);
    expect(onMaster('kubectl drain worker01 --ignore-daemonsets --force')).toEqual({
      output: `node/worker01 already cordoned\nerror: unable to drain node "worker01" due to error:${reasons[1]}, continuing command...\nThere are pending nodes to be drained:\n worker01\n${reasons[1]}\n`,
      code: 1,
    });
  });

  it('evicts the rest; their Deployment brings them back on another node', () => {
    onMaster('kubectl cordon worker02 && kubectl uncordon worker01 && kubectl create deployment web --image=nginx --replicas=2');
    learner.wait(30_000);
    const before = learner.list<Pod>('pods', 'app=web');
    expect(before.map((p) => p.spec?.nodeName)).toEqual(['worker01', 'worker01']);
    onMaster('kubectl uncordon worker02');
    const r = onMaster('kubectl drain worker01 --ignore-daemonsets --force --delete-emptydir-data');
    const lines = r.output.trimEnd().split('\n');
    expect(r.code).toBe(0);
    expect(lines.slice(0, 2)).toEqual([
      'node/worker01 cordoned',
      expect.stringMatching(/^Warning: deleting Pods that declare no controller: default\/bare, default\/scratch; ignoring DaemonSet-managed Pods: kube-flannel\/kube-flannel-ds-\w+, kube-system\/kube-proxy-\w+$/),
    ]);
    const evicting = lines.filter((l) => l.startsWith('evicting pod '));
    const evicted = lines.filter((l) => / evicted$/.test(l));
    expect(evicting).toEqual(expect.arrayContaining(['evicting pod default/bare', 'evicting pod default/scratch', ...before.map((p) => `evicting pod default/${p.metadata!.name}`)]));
    expect(evicted).toHaveLength(evicting.length);
    expect(lines.at(-1)).toBe('node/worker01 drained');
    learner.wait(30_000);
    const after = learner.list<Pod>('pods', 'app=web');
    expect(after.map((p) => [p.spec?.nodeName, p.status?.phase])).toEqual([['worker02', 'Running'], ['worker02', 'Running']]);
    expect(learner.get<Deployment>('deployments', 'web', 'apps').status!.readyReplicas).toBe(2);
    expect(learner.pod('bare')).toBeUndefined();
  });
});
