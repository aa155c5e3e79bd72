/** `kubectl events` on a simulated cluster, in the layout kubectl 1.30 printed against `kubeplay serve`. */
import { beforeAll, describe, expect, it } from 'vitest';
import { Learner } from '../../../../engine/tutorial/testkit';

let learner: Learner;
const onMaster = (line: string) => learner.onNode('master01', line);

beforeAll(() => {
  learner = new Learner();
  expect(onMaster('kubectl run web --image=nginx').code).toBe(0);
  learner.wait(30_000);
});

describe('kubectl events', () => {
  it('--for pod/NAME lists the pod\'s events oldest first in get\'s table layout', () => {
    const r = onMaster('kubectl events --for pod/web');
    expect(r.code).toBe(0);
    const [header, ...rows] = r.output.trimEnd().split('\n');
    expect(header).toBe('LAST SEEN   TYPE     REASON      OBJECT    MESSAGE');
    expect(rows.map((l) => l.replace(/^\d+s +/, ''))).toEqual([
      'Normal   Scheduled   Pod/web   Successfully assigned default/web to ' + learner.must('web').pod.spec!.nodeName,
      'Normal   Pulling     Pod/web   Pulling image "nginx"',
      expect.stringMatching(/^Normal {3}Pulled {6}Pod\/web {3}Successfully pulled image "nginx" in /),
      'Normal   Created     Pod/web   Created container web',
      'Normal   Started     Pod/web   Started container web',
    ]);
  });

  it('-A adds the NAMESPACE column and shows kube-system\'s events too', () => {
    const r = onMaster('kubectl events -A');
    // kube-flannel, the longest namespace with events, sets the first column's width; CoreDNS's
    // FailedScheduling while master01 was not ready yet (x2 over …) the second's.
    expect(r.output.split('\n')[0]).toMatch(/^NAMESPACE {6}LAST SEEN {11}TYPE {6}REASON +OBJECT +MESSAGE$/);
    expect(r.output).toMatch(/^kube-system +\S+ \(x2 over \S+\) +Warning +FailedScheduling +Pod\/coredns-\S+ +0\/1 nodes are available: 1 node\(s\) had untolerated taint \{node\.kubernetes\.io\/not-ready: \}\./m);
    expect(r.output).toMatch(/^kube-system +\S+ +Normal +Scheduled +Pod\/coredns-/m);
  });

  it('nothing to show: kubectl\'s message on stderr, exit 0', () => {
    expect(onMaster('kubectl events --types=Warning')).toEqual({ output: 'No events found in default namespace.\n', code: 0 });
    expect(onMaster('kubectl events -n nope')).toEqual({ output: 'No events found in nope namespace.\n', code: 0 });
  });
});
