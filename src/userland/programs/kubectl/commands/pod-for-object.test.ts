/**
 * `kubectl exec|attach|logs TYPE/NAME`: which pod a workload or Service stands for, and the
 * errors kubectl 1.30 prints when there is none — on a simulated cluster typed on master01; the
 * two pod orders (ActivePods reversed, ByLogging) as tables and a property.
 */
import fc from 'fast-check';
import type { Pod } from 'kubernetes-types/core/v1';
import { beforeAll, describe, expect, it } from 'vitest';
import { Learner } from '../../../../engine/tutorial/testkit';
import { byActivity, byLogging } from './pod-for-object';

interface Shape {
  node?: string;
  phase?: string;
  readyAt?: string;
  restarts?: number;
  created?: string;
}

const pod = (name: string, s: Shape): Pod => ({
  metadata: { name, ...(s.created ? { creationTimestamp: s.created } : {}) },
  spec: { containers: [{ name: 'app' }], ...(s.node ? { nodeName: s.node } : {}) },
  status: {
    ...(s.phase ? { phase: s.phase } : {}),
    conditions: s.readyAt ? [{ type: 'Ready', status: 'True', lastTransitionTime: s.readyAt }] : [{ type: 'Ready', status: 'False' }],
    containerStatuses: [{ name: 'app', image: 'busybox', imageID: '', ready: Boolean(s.readyAt), restartCount: s.restarts ?? 0 }],
  },
});

const T1 = '2024-06-01T10:00:00Z';
const T2 = '2024-06-01T11:00:00Z';
const running = { node: 'worker01', phase: 'Running', readyAt: T1, created: T1 };

describe('the pod kubectl picks', () => {
  it.each<[string, Shape, Shape, 'a' | 'b', 'a' | 'b']>([
    // what, pod a, pod b, exec/attach pick, logs pick
    ['a scheduled pod before an unscheduled one', { phase: 'Pending' }, { node: 'worker01', phase: 'Pending' }, 'b', 'b'],
    ['Running before Pending', { node: 'worker01', phase: 'Pending' }, { node: 'worker01', phase: 'Running' }, 'b', 'b'],
    ['a finished pod ranks with Pending for exec, with Running for logs', { node: 'worker01', phase: 'Succeeded', created: T1 }, { node: 'worker01', phase: 'Running', created: T2 }, 'b', 'a'],
    ['Ready before not Ready', { node: 'worker01', phase: 'Running' }, running, 'b', 'b'],
    ['Ready for longer first', { ...running, readyAt: T2 }, running, 'b', 'b'],
    ['exec avoids restarts, logs seeks them', { ...running, restarts: 3 }, running, 'b', 'a'],
    ['the older pod first', { ...running, created: T2 }, running, 'b', 'b'],
    ['a pod without a creation time last', { ...running, created: undefined }, running, 'b', 'b'],
  ])('%s', (_what, a, b, execPick, logsPick) => {
    const pods = [pod('a', a), pod('b', b)];
    expect([...pods].sort(byActivity)[0]!.metadata!.name).toBe(execPick);
    expect([...pods].sort(byLogging)[0]!.metadata!.name).toBe(logsPick);
  });

  it('the first pod after sorting is never beaten by another one', () => {
    const shape = fc.record({
      node: fc.constantFrom(undefined, 'worker01', 'worker02'),
      phase: fc.constantFrom(undefined, 'Pending', 'Running', 'Unknown', 'Succeeded', 'Failed'),
      readyAt: fc.constantFrom(undefined, T1, T2),
      restarts: fc.nat(3),
      created: fc.constantFrom(undefined, T1, T2),
    });
    fc.assert(
      fc.property(fc.array(shape, { minLength: 1, maxLength: 8 }), (shapes) => {
        const pods = shapes.map((s, i) => pod(`p${i}`, s as Shape));
        for (const order of [byActivity, byLogging]) {
          const first = [...pods].sort(order)[0]!;
          for (const other of pods) expect(order(first, other)).toBeLessThanOrEqual(0);
        }
      }),
    );
  });
});

let learner: Learner;
const onMaster = (line: string) => learner.onNode('master01', line);

beforeAll(() => {
  learner = new Learner();
  expect(onMaster('kubectl create deployment myapp --image=busybox -- sleep 1000000').code).toBe(0);
  expect(onMaster('kubectl create deployment zero --image=busybox --replicas=0 -- sleep 1000000').code).toBe(0);
  expect(onMaster('kubectl create service clusterip nginx --tcp=80:80').code).toBe(0);
  expect(onMaster('kubectl create configmap settings --from-literal=a=b').code).toBe(0);
  learner.create(`
apiVersion: v1
kind: Service
metadata: { name: outside, namespace: default }
spec:
  ports: [{ port: 80 }]
`);
  learner.wait(60_000);
  // A second replica an hour later: the first is older and Ready for longer.
  expect(onMaster('kubectl scale deployment myapp --replicas=2').code).toBe(0);
  learner.wait(60_000);
});

describe('TYPE/NAME on a cluster', () => {
  const oldest = () => onMaster("kubectl get pods -l app=myapp --sort-by=.metadata.creationTimestamp -o jsonpath='{.items[0].metadata.name}'").output;

  it('exec deploy/NAME runs in the deployment\'s oldest Ready pod, without a notice', () => {
    expect(onMaster('kubectl exec deploy/myapp -- hostname')).toEqual({ output: `${oldest()}\n`, code: 0 });
    expect(onMaster('kubectl exec deployment.apps/myapp -- hostname')).toEqual({ output: `${oldest()}\n`, code: 0 });
  });

  it('logs deploy/NAME says which pod it chose', () => {
    expect(onMaster('kubectl logs deploy/myapp')).toEqual({ output: `Found 2 pods, using pod/${oldest()}\n`, code: 0 });
  });

  it('a ReplicaSet and pod/NAME work the same way', () => {
    const rs = onMaster("kubectl get rs -l app=myapp -o jsonpath='{.items[0].metadata.name}'").output;
    expect(onMaster(`kubectl exec rs/${rs} -- hostname`)).toEqual({ output: `${oldest()}\n`, code: 0 });
    expect(onMaster(`kubectl exec pod/${oldest()} -- hostname`)).toEqual({ output: `${oldest()}\n`, code: 0 });
  });

  it.each([
    ['a missing deployment (exec)', 'kubectl exec deploy/nope -- ls', 'Error from server (NotFound): deployments.apps "nope" not found\n'],
    ['a missing deployment (attach)', 'kubectl attach deploy/nope', 'Error from server (NotFound): deployments.apps "nope" not found\n'],
    ['a missing deployment (logs)', 'kubectl logs deploy/nope', 'error: error from server (NotFound): deployments.apps "nope" not found in namespace "default"\n'],
    ['an unknown type', 'kubectl exec foo/x -- ls', 'error: the server doesn\'t have a resource type "foo"\n'],
    ['a kind without pods (exec)', 'kubectl exec cm/settings -- ls', 'error: cannot attach to *v1.ConfigMap: selector for *v1.ConfigMap not implemented\n'],
    ['a kind without pods (logs)', 'kubectl logs cm/settings', 'error: cannot get the logs from *v1.ConfigMap: selector for *v1.ConfigMap not implemented\n'],
    ['a Service without a selector', 'kubectl exec svc/outside -- ls', "error: cannot attach to *v1.Service: invalid service 'outside': Service is defined without a selector\n"],
  ])('%s', (_what, line, output) => {
    expect(onMaster(line)).toEqual({ output, code: 1 });
  });

  it('a selector that matches nothing waits --pod-running-timeout for a pod, then gives up', () => {
    const before = learner.now;
    expect(onMaster('kubectl exec deploy/zero --pod-running-timeout=5s -- ls')).toEqual({ output: 'error: timed out waiting for the condition\n', code: 1 });
    expect(learner.now - before).toBeGreaterThanOrEqual(5_000);
    // The Service's selector (app=nginx) matches no pod either.
    expect(onMaster('kubectl logs svc/nginx --pod-running-timeout=1s')).toEqual({ output: 'error: timed out waiting for the condition\n', code: 1 });
  });
});
