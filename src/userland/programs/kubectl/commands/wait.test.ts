/**
 * kubectl wait on master01: it follows watches in simulated time until the condition holds or the
 * timeout passes; outputs as kubectl 1.30 printed them against `kubeplay serve`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Learner } from '../../../../engine/tutorial/testkit';
import { durationMs, parseWaitFor } from '../generate/wait-condition';
import { thrown } from '../generate/testing';

let learner: Learner;
const onMaster = (line: string) => learner.onNode('master01', line);

beforeAll(() => {
  learner = new Learner();
});

describe('kubectl wait', () => {
  it('--for=condition=Ready returns once the new pod is Ready, not before', () => {
    const start = learner.now;
    expect(onMaster('kubectl run w1 --image=nginx && kubectl wait --for=condition=Ready pod/w1')).toEqual({ output: 'pod/w1 created\npod/w1 condition met\n', code: 0 });
    const ready = learner.must('w1').pod.status!.conditions!.find((c) => c.type === 'Ready');
    expect(ready!.status).toBe('True');
    expect(learner.now - start).toBeGreaterThan(1000);
  });

  it('a condition that never comes times out after --timeout of simulated time', () => {
    const start = learner.now;
    expect(onMaster('kubectl wait --for=condition=Nope pod/w1 --timeout=2s')).toEqual({ output: 'error: timed out waiting for the condition on pods/w1\n', code: 1 });
    expect(learner.now - start).toBeGreaterThanOrEqual(2000);
    expect(learner.now - start).toBeLessThan(3000);
    expect(onMaster('kubectl wait --for=condition=Ready=false pod/w1 --timeout=1s').output).toBe('error: timed out waiting for the condition on pods/w1\n');
  });

  it('jsonpath, -l, --all and -o name', () => {
    expect(onMaster("kubectl wait --for=jsonpath='{.status.phase}'=Running pod/w1")).toEqual({ output: 'pod/w1 condition met\n', code: 0 });
    expect(onMaster("kubectl wait --for=jsonpath='{.status.phase}'=Pending pod/w1 --timeout=1s").code).toBe(1);
    expect(onMaster('kubectl create deployment web --image=nginx --replicas=2 >/dev/null && kubectl wait --for=condition=Available deploy/web')).toEqual({
      output: 'deployment.apps/web condition met\n',
      code: 0,
    });
    const pods = onMaster('kubectl wait --for=condition=ready pod -l app=web').output.trimEnd().split('\n');
    expect(pods).toHaveLength(2);
    for (const line of pods) expect(line).toMatch(/^pod\/web-[a-z0-9]+-[a-z0-9]{5} condition met$/);
    expect(onMaster('kubectl wait --for=condition=Ready pods --all').output.trimEnd().split('\n')).toHaveLength(3);
    expect(onMaster('kubectl wait --for=condition=Ready pod/w1 -o name').output).toBe('pod/w1\n');
  });

  it('--for=delete returns when the pod is gone; a missing one is already deleted', () => {
    expect(onMaster('kubectl wait --for=delete pod/nope')).toEqual({ output: '', code: 0 });
    expect(onMaster('kubectl delete pod w1 --wait=false && kubectl wait --for=delete pod/w1 --timeout=60s')).toEqual({ output: 'pod "w1" deleted\npod/w1 condition met\n', code: 0 });
    expect(learner.pod('w1')).toBeUndefined();
  });

  it.each([
    ['kubectl wait --for=condition=Ready pod/nope', 'Error from server (NotFound): pods "nope" not found\n'],
    ['kubectl wait pod/x', 'error: unrecognized condition: ""\n'],
    ['kubectl wait --for=foo pod/x', 'error: unrecognized condition: "foo"\n'],
    ['kubectl wait --for=condition=Ready pods', 'error: resource(s) were provided, but no name was specified\n'],
    ['kubectl wait --for=condition=Ready pods -l app=nothing', 'error: no matching resources found\n'],
    [
      'kubectl wait --for=condition=Ready',
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    ],
  ])('%s', (line, output) => {
    expect(onMaster(line)).toEqual({ output, code: 1 });
  });
});

describe('--for and --timeout', () => {
  it.each([
    ['delete', { kind: 'delete' }],
    ['condition=Ready', { kind: 'condition', type: 'Ready', value: 'true' }],
    ['condition=Ready=False', { kind: 'condition', type: 'Ready', value: 'False' }],
    ['jsonpath={.status.containerStatuses[0].ready}=true', { kind: 'jsonpath', path: ['status', 'containerStatuses', 0, 'ready'], value: 'true' }],
    ['jsonpath={.spec.nodeName}', { kind: 'jsonpath', path: ['spec', 'nodeName'] }],
  ])('%s', (given, expected) => {
    expect(parseWaitFor(given)).toEqual(expected);
  });

  it('refuses what it does not know', () => {
    expect((thrown(() => parseWaitFor('jsonpath=.status')) as Error).message).toBe('unrecognized condition: "jsonpath=.status"');
  });

  it.each([['30s', 30_000], ['1m30s', 90_000], ['500ms', 500], ['0', 0], ['1.5h', 5_400_000], ['-1s', -1000]])('%s = %d ms', (text, ms) => {
    expect(durationMs(text)).toBe(ms);
  });
});
