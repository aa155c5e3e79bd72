/**
 * `kubectl run -it`, `run -it --rm` and `kubectl attach` typed on master01 of a simulated cluster:
 * the tutorial's client pod reaching the nginx service from inside, and what kubectl 1.30 prints
 * around the session.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Learner } from '../../../../engine/tutorial/testkit';
import { plainTranscript, playScript } from '../../../../node/play-script';
import { openSession } from '../../../session';
import { withoutPasteMode } from '../../../shell/testkit';

let learner: Learner;
const onMaster = (line: string) => learner.onNode('master01', line);
const play = async (lines: string[]): Promise<string> => plainTranscript((await playScript(learner.cluster, lines.join('\n'))).output);

beforeAll(() => {
  learner = new Learner();
  expect(onMaster('kubectl run nginx --image=nginx:1.20 --port=80 --expose').code).toBe(0);
  learner.waitFor('nginx running', () => learner.must('nginx').row.status === 'Running');
});

describe('kubectl run -it', () => {
  it("is the tutorial's client: a busybox shell in a new pod, reaching nginx by its service name", async () => {
    const screen = await play(['kubectl run client -it --image=busybox --restart=Never', 'cat /etc/resolv.conf', 'wget -O - -q http://nginx', 'exit', 'kubectl get pod client']);
    // The shell's first prompt was written before kubectl attached (hence kubectl's hint); the
    // terminal size kubectl sends on attaching makes it draw the prompt again.
    expect(screen).toContain([
      '[root@master01 ~]# kubectl run client -it --image=busybox --restart=Never',
      "If you don't see a command prompt, try pressing enter.",
      '/ # cat /etc/resolv.conf',
      'search default.svc.cluster.local svc.cluster.local cluster.local',
      'nameserver 10.96.0.10',
      'options ndots:5',
      '/ # wget -O - -q http://nginx',
      '<!DOCTYPE html>',
    ].join('\n'));
    expect(screen).toContain([
      '/ # exit',
      "Session ended, resume using 'kubectl attach client -c client -i -t' command when the pod is running",
      '[root@master01 ~]# kubectl get pod client',
    ].join('\n'));
    expect(screen).toMatch(/client {3}0\/1 {5}Completed {3}0 {10}\d+s\n/);
  });

  it('with --rm deletes the pod once the session ends, and passes on the exit code', async () => {
    const screen = await play(['kubectl run temp -it --rm --image=busybox --restart=Never', 'exit 4', 'echo status $?', 'kubectl get pod temp']);
    expect(screen).toContain([
      'exit 4',
      "Session ended, resume using 'kubectl attach temp -c temp -i -t' command when the pod is running",
      'pod "temp" deleted',
      '[root@master01 ~]# echo status $?',
      'status 4',
      '[root@master01 ~]# kubectl get pod temp',
      'Error from server (NotFound): pods "temp" not found',
    ].join('\n'));
  });

  it('without a terminal prints what the command wrote and its log if it finished first', () => {
    const run = onMaster('kubectl run once -i --rm --image=busybox --restart=Never -- echo hello');
    expect(run).toEqual({ output: 'hello\npod "once" deleted\n', code: 0 });
  });
});

describe('kubectl attach', () => {
  it('reattaches to a pod started with -it after its session ended', async () => {
    learner.create(`
apiVersion: v1
kind: Pod
metadata: { name: shell, namespace: default }
spec:
  containers:
  - { name: shell, image: busybox, stdin: true, tty: true }
`);
    learner.waitFor('shell running', () => learner.must('shell').row.status === 'Running');
    const screen = await play(['kubectl attach shell -it', '', 'echo inside', 'exit']);
    expect(screen).toContain([
      '[root@master01 ~]# kubectl attach shell -it',
      "If you don't see a command prompt, try pressing enter.",
      // The prompt redrawn for the new terminal size; Enter; a fresh one.
      '/ # ',
      '/ # echo inside',
      'inside',
      '/ # exit',
      "Session ended, resume using 'kubectl attach shell -c shell -i -t' command when the pod is running",
    ].join('\n'));
  });

  it('sends the terminal size on attaching, and again whenever the local terminal is resized', () => {
    learner.create(`
apiVersion: v1
kind: Pod
metadata: { name: sizes, namespace: default }
spec:
  containers:
  - { name: sizes, image: busybox, stdin: true, tty: true }
`);
    learner.waitFor('sizes running', () => learner.must('sizes').row.status === 'Running');
    const session = openSession(learner.cluster, { node: 'master01', cols: 80, rows: 24 });
    let screen = '';
    session.onOutput((ansi) => (screen += withoutPasteMode(ansi)));
    /** What appears after `act`, once the foreground program waits for keys again. */
    const after = (act: () => void): string => {
      const before = screen.length;
      act();
      learner.cluster.clock.advance(10);
      learner.cluster.clock.runUntil(() => session.waitingForInput, 60_000);
      return screen.slice(before);
    };
    after(() => {});
    // The container's terminal had no size: the first one makes the shell draw its prompt again.
    expect(after(() => session.type('kubectl attach sizes -it\r'))).toBe("kubectl attach sizes -it\r\nIf you don't see a command prompt, try pressing enter.\r\n\r/ # \x1b[J");
    expect(after(() => session.resize(120, 40))).toBe('\r/ # \x1b[J');
    expect(after(() => session.resize(120, 40))).toBe('');
    expect(after(() => session.type('echo $((1+1))\r'))).toBe('echo $((1+1))\r\n2\r\n/ # ');
    session.close();
  });

  it.each([
    ['an unknown pod', 'kubectl attach nope -it', 'Error from server (NotFound): pods "nope" not found\n'],
    ['no pod', 'kubectl attach', "error: at least 1 argument is required for attach\nSee 'kubectl attach -h' for help and examples\n"],
  ])('%s', (_what, line, output) => {
    expect(onMaster(line)).toEqual({ output, code: 1 });
  });
});
