/**
 * `kubectl logs` on a simulated cluster: the tutorial's two-container pod-demo, the texts real
 * kubectl 1.30 printed for it against `kubeplay serve`, and `-f` following a container that keeps
 * writing: one request whose answer stays open, until Ctrl-C or the container exits.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Learner } from '../../../../engine/tutorial/testkit';
import { openSession } from '../../../session/session';
import { withoutPasteMode } from '../../../shell/testkit';

let learner: Learner;
const onMaster = (line: string) => learner.onNode('master01', line);

beforeAll(() => {
  learner = new Learner();
  learner.create(`
apiVersion: v1
kind: Pod
metadata:
  name: pod-demo
  namespace: default
  labels: { app: myapp, tier: frontend }
spec:
  containers:
  - name: myapp
    image: nginx:1.20
  - name: busybox
    image: busybox:latest
    command: ["/bin/sh", "-c", "sleep 3600"]
`);
  learner.create(`
apiVersion: v1
kind: Pod
metadata:
  name: counter
  namespace: default
spec:
  containers:
  - name: count
    image: busybox
    command: ["/bin/sh", "-c", "i=0; while true; do echo line $i; i=$((i+1)); sleep 1; done"]
`);
  learner.waitFor('pods running', () => learner.must('pod-demo').row.status === 'Running' && learner.must('counter').row.status === 'Running');
  learner.wait(5_000);
});

describe('kubectl logs', () => {
  it('a pod with two containers defaults to the first and says so on stderr', () => {
    const r = onMaster('kubectl logs pod-demo 2>&1 >/dev/null');
    expect(r).toEqual({ output: 'Defaulted container "myapp" out of: myapp, busybox\n', code: 0 });
    const out = onMaster('kubectl logs pod-demo -c myapp');
    expect(out.code).toBe(0);
    expect(out.output).toMatch(/^\/docker-entrypoint\.sh: \/docker-entrypoint\.d\/ is not empty, will attempt to perform configuration\n/);
    expect(out.output).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up\n');
    expect(onMaster('kubectl logs pod-demo -c busybox')).toEqual({ output: '', code: 0 });
  });

  it('--tail, --timestamps, --prefix and the container as a second argument', () => {
    expect(onMaster('kubectl logs pod-demo myapp --tail=1 --timestamps').output).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z \/docker-entrypoint\.sh: Configuration complete; ready for start up\n$/,
    );
    const all = onMaster('kubectl logs pod-demo --all-containers --prefix').output.trimEnd().split('\n');
    expect(all.every((l) => l.startsWith('[pod/pod-demo/myapp] '))).toBe(true);
    expect(all[0]).toBe('[pod/pod-demo/myapp] /docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
  });

  it('errors as kubectl 1.30 prints them', () => {
    expect(onMaster('kubectl logs pod-demo -c nope')).toEqual({ output: 'error: container nope is not valid for pod pod-demo\n', code: 1 });
    expect(onMaster('kubectl logs pod-demo -c myapp -p')).toEqual({
      output: 'Error from server (BadRequest): previous terminated container "myapp" in pod "pod-demo" not found\n',
      code: 1,
    });
    expect(onMaster('kubectl logs nope')).toEqual({ output: 'error: error from server (NotFound): pods "nope" not found in namespace "default"\n', code: 1 });
    expect(onMaster('kubectl logs')).toEqual({
      output: "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n",
      code: 1,
    });
    expect(onMaster('kubectl logs pod-demo --all-containers -c myapp')).toEqual({ output: 'error: --all-containers=true should not be specified with container name myapp\n', code: 1 });
  });

  it('TYPE/NAME picks one of the pods its selector matches', () => {
    expect(onMaster('kubectl create deployment web --image=nginx --replicas=2').code).toBe(0);
    learner.wait(30_000);
    const r = onMaster('kubectl logs deploy/web 2>&1 >/dev/null');
    expect(r.output).toMatch(/^Found 2 pods, using pod\/web-[a-z0-9]+-[a-z0-9]{5}\n$/);
  });

  it('-f prints what the container writes afterwards, until interrupted', () => {
    const before = onMaster('kubectl logs counter').output.trimEnd().split('\n').length;
    const r = onMaster('timeout 5 kubectl logs -f counter --tail=2');
    expect(r.code).toBe(124);
    const lines = r.output.trimEnd().split('\n');
    // Two lines of history, then about one new line a second.
    expect(lines[0]).toBe(`line ${before - 2}`);
    expect(lines.length).toBeGreaterThanOrEqual(5);
    lines.forEach((l, i) => expect(l).toBe(`line ${before - 2 + i}`));
  });

  it('--since keeps the recent lines only', () => {
    const lines = onMaster('kubectl logs counter --since=3s').output.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.length).toBeLessThanOrEqual(4);
  });

  it('-l prints the last 10 lines of every matching pod; -f follows them side by side, up to --max-log-requests', () => {
    expect(onMaster('kubectl label pod counter tier=frontend').code).toBe(0);
    // pod-demo (myapp's default container) and counter, in the order the server lists them.
    const r = onMaster('kubectl logs -l tier=frontend --prefix 2>&1');
    const lines = r.output.trimEnd().split('\n');
    expect(lines[0]).toBe('Defaulted container "myapp" out of: myapp, busybox');
    expect(lines.filter((l) => l.startsWith('[pod/counter/count] line '))).toHaveLength(10);
    expect(lines.filter((l) => l.startsWith('[pod/pod-demo/myapp] '))).toHaveLength(Math.min(10, onMaster('kubectl logs pod-demo -c myapp').output.trimEnd().split('\n').length));
    expect(lines.slice(1).every((l) => /^\[pod\/(pod-demo\/myapp|counter\/count)\] /.test(l))).toBe(true);
    expect(onMaster('kubectl logs -l tier=frontend,app!=myapp -c count --tail=1').output).toMatch(/^line \d+\n$/);

    const followed = onMaster('timeout 4 kubectl logs -f -l tier=frontend,app!=myapp -c count --tail=1 --prefix').output.trimEnd().split('\n');
    expect(followed.length).toBeGreaterThanOrEqual(3);
    expect(followed.every((l) => l.startsWith('[pod/counter/count] line '))).toBe(true);
    expect(onMaster('kubectl logs -f -l tier=frontend --max-log-requests=1')).toEqual({
      output: 'Defaulted container "myapp" out of: myapp, busybox\nerror: you are attempting to follow 2 log streams, but maximum allowed concurrency is 1, use --max-log-requests to increase the limit\n',
      code: 1,
    });
  });

  it('-l errors and an empty match, as kubectl 1.30 prints them', () => {
    expect(onMaster('kubectl logs -l app=nope')).toEqual({ output: 'No resources found in default namespace.\n', code: 0 });
    expect(onMaster('kubectl logs counter -l app=myapp')).toEqual({
      output: "error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples\n",
      code: 1,
    });
  });
});

describe('kubectl logs -f: one request that stays open', () => {
  /** A pod that writes a line, then another every two seconds, and exits after the third. */
  const finite = (name: string, labels: string) => `
apiVersion: v1
kind: Pod
metadata: { name: ${name}, namespace: default, labels: { ${labels} } }
spec:
  restartPolicy: Never
  containers:
  - name: say
    image: busybox
    command: ["/bin/sh", "-c", "echo ${name} one; sleep 2; echo ${name} two; sleep 2; echo ${name} three"]
`;

  it('-v=6 logs the log request once, while the lines keep coming', () => {
    const r = onMaster('timeout 4 kubectl -v=6 logs -f counter --tail=1 2>&1');
    const requests = r.output.split('\n').filter((l) => l.includes('/log?'));
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatch(/round_trippers\.go:553\] GET https:\/\/192\.168\.1\.130:6443\/api\/v1\/namespaces\/default\/pods\/counter\/log\?container=count&follow=true&tailLines=1 200 OK in 1 milliseconds$/);
    expect(r.output.split('\n').filter((l) => /^line \d+$/.test(l)).length).toBeGreaterThanOrEqual(4);
  });

  it('Ctrl-C ends it and nothing more is printed', () => {
    const session = openSession(learner.cluster, { node: 'master01', cols: 80, rows: 24 });
    let screen = '';
    session.onOutput((text) => (screen += withoutPasteMode(text)));
    learner.wait(50);
    session.type('kubectl logs -f counter --tail=1\r');
    learner.wait(3_000);
    const followed = screen.split('\r\n').filter((l) => /^line \d+$/.test(l));
    expect(followed.length).toBeGreaterThanOrEqual(3);
    session.type('\x03');
    learner.wait(50);
    expect(screen.endsWith('^C\r\n[root@master01 ~]# ')).toBe(true);
    const after = screen.length;
    learner.wait(3_000);
    expect(screen.length).toBe(after);
  });

  it('ends by itself when the container exits; -l follows several until the last one has', () => {
    learner.create(finite('three', 'say: it'));
    learner.waitFor('three running', () => learner.must('three').row.status === 'Running');
    const started = learner.now;
    expect(onMaster('kubectl logs -f three; echo exit=$?')).toEqual({ output: 'three one\nthree two\nthree three\nexit=0\n', code: 0 });
    expect(learner.now - started).toBeGreaterThanOrEqual(3_000);

    learner.create(finite('four', 'say: it'));
    learner.wait(1_000);
    learner.create(finite('five', 'say: it'));
    learner.waitFor('five running', () => learner.must('five').row.status === 'Running');
    // three has ended: its whole log, then the others' lines side by side as they come.
    const side = onMaster('kubectl logs -f -l say=it --prefix; echo exit=$?').output.trimEnd().split('\n');
    const of = (pod: string) => side.filter((l) => l.startsWith(`[pod/${pod}/say] `));
    for (const pod of ['three', 'four', 'five']) expect(of(pod)).toEqual(['one', 'two', 'three'].map((l) => `[pod/${pod}/say] ${pod} ${l}`));
    expect(side.indexOf('[pod/four/say] four three')).toBeLessThan(side.indexOf('[pod/five/say] five three'));
    expect(side.slice(-2)).toEqual(['[pod/five/say] five three', 'exit=0']);
  });
});

