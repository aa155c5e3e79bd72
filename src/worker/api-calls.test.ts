import { describe, expect, it } from 'vitest';
import type { RequestRecord } from '../engine/api/server';
import { Learner } from '../engine/tutorial/testkit';
import { addStep, ApiCallRecorder, callerOf, MAX_STEPS, QUIET_MS, toCall, WINDOW_MS, type ApiCall, type CallSequence, type Step } from './api-calls';

const KUBECTL = 'kubectl/v1.30.2 (linux/amd64) kubernetes/3968350';

describe('callerOf', () => {
  it.each([
    [KUBECTL, 'kubectl'],
    ['default-scheduler', 'scheduler'],
    ['kubelet/worker01', 'kubelet/worker01'],
    ['replicaset-controller', 'replicaset-controller'],
    ['kubectl/completion', 'kubectl/completion'],
    [undefined, 'unknown'],
  ])('%s → %s', (agent, caller) => expect(callerOf(agent)).toBe(caller));
});

const record = (method: RequestRecord['request']['method'], path: string, status = 200, body?: unknown, userAgent = KUBECTL): RequestRecord => ({
  request: { method, path, userAgent, ...(body ? { body } : {}) },
  response: { status, body: body ?? {} },
  at: 5,
});

describe('toCall', () => {
  it.each<[string, RequestRecord, Partial<ApiCall> | undefined]>([
    ['a create names the object from the answer', record('POST', '/api/v1/namespaces/default/pods', 201, { metadata: { name: 'web' } }), { method: 'POST', resource: 'pods', namespace: 'default', name: 'web', status: 201, caller: 'kubectl' }],
    ['a binding', record('POST', '/api/v1/namespaces/default/pods/web/binding', 201, undefined, 'default-scheduler'), { resource: 'pods', name: 'web', subresource: 'binding', caller: 'scheduler' }],
    ['a status patch', record('PATCH', '/api/v1/namespaces/default/pods/web/status', 200, undefined, 'kubelet/worker01'), { subresource: 'status', caller: 'kubelet/worker01' }],
    ['a refused create keeps its status', record('POST', '/apis/apps/v1/namespaces/default/deployments', 409, { metadata: { name: 'web' } }), { resource: 'deployments', name: 'web', status: 409 }],
    ['reads are not drawn', record('GET', '/api/v1/namespaces/default/pods'), undefined],
    ['node heartbeats are not drawn', record('PATCH', '/api/v1/nodes/worker01/status', 200, undefined, 'kubelet/worker01'), undefined],
    ['leases are not drawn', record('PUT', '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/worker01'), undefined],
    ['events are not drawn', record('POST', '/api/v1/namespaces/default/events', 201), undefined],
    ['discovery is not drawn', record('POST', '/apis'), undefined],
  ])('%s', (_, rec, expected) => {
    const call = toCall(rec);
    if (expected === undefined) expect(call).toBeUndefined();
    else expect(call).toMatchObject(expected);
  });
});

const call = (at: number, caller = 'kubectl', name = 'web', seq = at): ApiCall => ({ kind: 'call', at, seq, caller, method: 'POST', resource: 'pods', namespace: 'default', name, status: 201 });
const notice = (at: number, seq: number, to = 'scheduler'): Step => ({ kind: 'watch', at, seq, to, type: 'ADDED', resource: 'pods', namespace: 'default', name: 'web' });

describe('addStep', () => {
  const started: CallSequence = { id: 1, startedAt: 1_000, lastCommandAt: 1_000, steps: [call(1_000)], more: 0 };
  it.each<[string, CallSequence | undefined, Step, { id?: number; calls?: number; more?: number; same?: boolean; order?: number[] }]>([
    ['kubectl begins the first sequence', undefined, call(0), { id: 1, calls: 1 }],
    ['another component alone begins nothing', undefined, call(0, 'scheduler'), { same: true }],
    ['a component within the window joins', started, call(1_000 + WINDOW_MS, 'scheduler'), { id: 1, calls: 2 }],
    ['after the window nothing joins', started, call(1_001 + WINDOW_MS, 'scheduler'), { same: true }],
    ['kubectl again right away is the same command line', started, call(1_000 + QUIET_MS), { id: 1, calls: 2 }],
    ['kubectl after a quiet moment begins the next sequence', started, call(1_001 + QUIET_MS), { id: 2, calls: 1 }],
    ['past the cap steps are counted', { ...started, steps: Array.from({ length: MAX_STEPS }, () => call(1_000)) }, call(2_000, 'scheduler'), { calls: MAX_STEPS, more: 1 }],
    ['a watch event alone begins nothing', undefined, notice(0, 0), { same: true }],
    [
      'a watch event goes before the steps observed after it',
      { ...started, steps: [call(1_000, 'kubectl', 'web', 1), call(1_500, 'scheduler', 'web', 5), call(1_600, 'kubelet/worker01', 'web', 7)] },
      notice(1_200, 3),
      { calls: 4, order: [1, 3, 5, 7] },
    ],
  ])('%s', (_, sequence, next, expected) => {
    const after = addStep(sequence, next);
    if (expected.same) return expect(after).toBe(sequence);
    if (expected.id !== undefined) expect(after?.id).toBe(expected.id);
    if (expected.calls !== undefined) expect(after?.steps).toHaveLength(expected.calls);
    if (expected.more !== undefined) expect(after?.more).toBe(expected.more);
    if (expected.order !== undefined) expect(after?.steps.map((s) => s.seq)).toEqual(expected.order);
  });
});

/** A step as one line: who → whom, what. */
function line(step: Step): string {
  if (step.kind === 'watch') return `apiserver → ${step.to}: watch ${step.type} ${step.resource}/${step.name}`;
  if (step.kind === 'cri') return `${step.caller} → containerd: ${step.method} ${step.container ?? step.pod ?? step.image}`;
  return `${step.caller} → apiserver: ${step.method} ${[step.resource, step.name, step.subresource].filter(Boolean).join('/')} ${step.status}`;
}

const recorderOn = (l: Learner) => new ApiCallRecorder({ api: l.cluster.api, runtimes: [...l.cluster.machines.values()].map((m) => m.containerd) });

/** Steps recorded on a fresh cluster while the diagram is shown, after each command line until quiet. */
function recorded(...commands: string[]): { lines: string[]; sequence: CallSequence } {
  const l = new Learner();
  const recorder = recorderOn(l);
  recorder.show(true);
  for (const command of commands) {
    l.onNode('master01', command);
    l.cluster.clock.runUntilQuiet(120_000);
  }
  const sequence = recorder.take()!;
  recorder.stop();
  return { lines: sequence.steps.map(line), sequence };
}

describe('on a whole cluster', () => {
  // The kubelet's status updates are strategic merge PATCHes of pods/<name>/status, as v1.30's status manager sends them.
  it('kubectl run web --image=nginx: the create, the watch events that wake the scheduler and the kubelet, the binding, the CRI requests, the status updates, in order', () => {
    const l = new Learner();
    const recorder = recorderOn(l);
    l.onNode('master01', 'kubectl run web --image=nginx');
    l.waitFor('web running', () => l.pod('web')?.row.status === 'Running');
    // Recorded before the diagram was shown; showing it hands the sequence out once.
    expect(recorder.take()).toBeUndefined();
    recorder.show(true);
    const sequence = recorder.take()!;
    expect(recorder.take()).toBeUndefined();
    recorder.stop();
    const node = /^kubelet\/(\w+) → containerd: RunPodSandbox web$/m.exec(sequence.steps.map(line).join('\n'))?.[1];
    expect(sequence.steps.map(line).join('\n')).toBe(
      [
        'kubectl → apiserver: POST pods/web 201',
        'apiserver → scheduler: watch ADDED pods/web',
        'scheduler → apiserver: POST pods/web/binding 201',
        `apiserver → kubelet/${node}: watch ADDED pods/web`,
        `kubelet/${node} → apiserver: PATCH pods/web/status 200`,
        `kubelet/${node} → containerd: RunPodSandbox web`,
        // nginx means nginx:latest, pulled again each time (imagePullPolicy Always).
        `kubelet/${node} → containerd: PullImage nginx`,
        `kubelet/${node} → containerd: CreateContainer web`,
        `kubelet/${node} → containerd: StartContainer web`,
        `kubelet/${node} → apiserver: PATCH pods/web/status 200`,
      ].join('\n'),
    );
    expect(sequence.steps.map((c) => c.at)).toEqual([...sequence.steps.map((c) => c.at)].sort((a, b) => a - b));
  });

  it('an image already on the node with IfNotPresent: no PullImage', () => {
    const onWorker01 = `--overrides='{"spec":{"nodeName":"worker01"}}'`;
    const { lines } = recorded(`kubectl run a --image=nginx:1.20 ${onWorker01}`, `kubectl run b --image=nginx:1.20 ${onWorker01}`);
    expect(lines.filter((l) => / containerd: /.test(l)).map((l) => l.replace(/^kubelet\/worker0\d → /, ''))).toEqual([
      'containerd: RunPodSandbox b',
      'containerd: CreateContainer b',
      'containerd: StartContainer b',
    ]);
  });

  it('kubectl create deployment: each controller woken by the object above, each pod by its scheduler and kubelet', () => {
    const { lines } = recorded('kubectl create deployment web --image=nginx --replicas=2');
    const index = (pattern: RegExp) => lines.findIndex((l) => pattern.test(l));
    const order = [
      /^kubectl → apiserver: POST deployments\/web 201$/,
      /^apiserver → deployment-controller: watch ADDED deployments\/web$/,
      /^deployment-controller → apiserver: POST replicasets\/web-\w+ 201$/,
      /^apiserver → replicaset-controller: watch ADDED replicasets\/web-\w+$/,
      /^replicaset-controller → apiserver: POST pods\/web-\w+-\w+ 201$/,
      /^apiserver → scheduler: watch ADDED pods\/web-/,
      /^scheduler → apiserver: POST pods\/web-\w+-\w+\/binding 201$/,
      /^apiserver → kubelet\/worker0\d: watch ADDED pods\/web-/,
      /^kubelet\/worker0\d → containerd: RunPodSandbox web-/,
      /^kubelet\/worker0\d → containerd: StartContainer nginx$/,
    ].map(index);
    expect(order.every((i) => i >= 0), lines.join('\n')).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // Both pods, on both nodes, reach containerd.
    expect(lines.filter((l) => / → containerd: StartContainer /.test(l)).map((l) => l.split(' ')[0]).sort()).toEqual(['kubelet/worker01', 'kubelet/worker02']);
    // A component is never drawn as woken by its own write, and acts after it is woken.
    for (const [i, l] of lines.entries()) {
      const [, woken, object] = /^apiserver → (\S+): watch \w+ (\S+)$/.exec(l) ?? [];
      if (!woken) continue;
      const lastWrite = lines.slice(0, i).reverse().find((w) => w.includes(`→ apiserver: `) && w.split(' ')[4]!.startsWith(object!));
      expect(lastWrite?.startsWith(`${woken} → `), `${lastWrite}\n${l}`).toBe(false);
      expect(lines.slice(i + 1).some((next) => next.startsWith(`${woken} → `))).toBe(true);
    }
  });

  it('kubectl delete pod: the kubelet told of the deletion stops the container and removes the sandbox', () => {
    const { lines } = recorded('kubectl run x --image=nginx', 'kubectl delete pod x');
    expect(lines.map((l) => l.replace(/worker0\d/, 'N'))).toEqual([
      'kubectl → apiserver: DELETE pods/x 200',
      'apiserver → kubelet/N: watch MODIFIED pods/x',
      'kubelet/N → containerd: StopContainer x',
      'kubelet/N → apiserver: PATCH pods/x/status 200',
      'kubelet/N → containerd: StopPodSandbox x',
      'kubelet/N → apiserver: DELETE pods/x 200',
      'kubelet/N → containerd: RemoveContainer x',
      'kubelet/N → containerd: RemovePodSandbox x',
    ]);
  });
});
