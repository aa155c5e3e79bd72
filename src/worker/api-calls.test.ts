import { describe, expect, it } from 'vitest';
import type { RequestRecord } from '../engine/api/server';
import { Learner } from '../engine/tutorial/testkit';
import { addCall, ApiCallRecorder, callerOf, MAX_CALLS, QUIET_MS, toCall, WINDOW_MS, type ApiCall, type CallSequence } from './api-calls';

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

const call = (at: number, caller = 'kubectl', name = 'web'): ApiCall => ({ at, caller, method: 'POST', resource: 'pods', namespace: 'default', name, status: 201 });

describe('addCall', () => {
  const started: CallSequence = { id: 1, startedAt: 1_000, lastCommandAt: 1_000, calls: [call(1_000)], more: 0 };
  it.each<[string, CallSequence | undefined, ApiCall, { id?: number; calls?: number; more?: number; same?: boolean }]>([
    ['kubectl begins the first sequence', undefined, call(0), { id: 1, calls: 1 }],
    ['another component alone begins nothing', undefined, call(0, 'scheduler'), { same: true }],
    ['a component within the window joins', started, call(1_000 + WINDOW_MS, 'scheduler'), { id: 1, calls: 2 }],
    ['after the window nothing joins', started, call(1_001 + WINDOW_MS, 'scheduler'), { same: true }],
    ['kubectl again right away is the same command line', started, call(1_000 + QUIET_MS), { id: 1, calls: 2 }],
    ['kubectl after a quiet moment begins the next sequence', started, call(1_001 + QUIET_MS), { id: 2, calls: 1 }],
    ['past the cap calls are counted', { ...started, calls: Array.from({ length: MAX_CALLS }, () => call(1_000)) }, call(2_000, 'scheduler'), { calls: MAX_CALLS, more: 1 }],
  ])('%s', (_, sequence, next, expected) => {
    const after = addCall(sequence, next);
    if (expected.same) return expect(after).toBe(sequence);
    if (expected.id !== undefined) expect(after?.id).toBe(expected.id);
    if (expected.calls !== undefined) expect(after?.calls).toHaveLength(expected.calls);
    if (expected.more !== undefined) expect(after?.more).toBe(expected.more);
  });
});

describe('on a whole cluster', () => {
  // (The engine's kubelet writes status with PUT; v1.30's status manager PATCHes it. Either is drawn as it came.)
  it('kubectl run web --image=nginx: the create, the binding, the kubelet status updates, in order', () => {
    const l = new Learner();
    const recorder = new ApiCallRecorder(l.cluster.api);
    l.onNode('master01', 'kubectl run web --image=nginx');
    l.waitFor('web running', () => l.pod('web')?.row.status === 'Running');
    // Recorded before the diagram was shown; showing it hands the sequence out once.
    expect(recorder.take()).toBeUndefined();
    recorder.show(true);
    const sequence = recorder.take()!;
    expect(recorder.take()).toBeUndefined();
    recorder.stop();
    const about = sequence.calls.filter((c) => c.name === 'web').map((c) => `${c.caller} ${c.method} ${[c.resource, c.subresource].filter(Boolean).join('/')} ${c.status}`);
    expect(about[0]).toBe('kubectl POST pods 201');
    expect(about[1]).toBe('scheduler POST pods/binding 201');
    expect(about.slice(2).length).toBeGreaterThan(0);
    expect(about.slice(2).every((c) => /^kubelet\/worker0\d (PATCH|PUT) pods\/status 200$/.test(c)), about.join('\n')).toBe(true);
    expect(sequence.calls.map((c) => c.at)).toEqual([...sequence.calls.map((c) => c.at)].sort((a, b) => a - b));
  });
});
