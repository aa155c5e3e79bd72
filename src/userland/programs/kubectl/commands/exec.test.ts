/**
 * `kubectl exec` on a simulated cluster, typed on master01: a command's output and status, the
 * Defaulted container notice, and the errors kubectl 1.30 prints.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Learner } from '../../../../engine/tutorial/testkit';
import { plainTranscript, playScript } from '../../../../node/play-script';
import { withoutPasteMode } from '../../../shell/testkit';

let learner: Learner;
const onMaster = (line: string) => learner.onNode('master01', line);

beforeAll(() => {
  learner = new Learner();
  learner.create(`
apiVersion: v1
kind: Pod
metadata: { name: pod-demo, namespace: default }
spec:
  containers:
  - name: myapp
    image: nginx:1.20
  - name: busybox
    image: busybox:latest
    command: ["sleep", "1000000"]
`);
  learner.create(`
apiVersion: v1
kind: Pod
metadata: { name: done, namespace: default }
spec:
  restartPolicy: Never
  containers:
  - name: once
    image: busybox
    command: ["true"]
`);
  learner.create(`
apiVersion: v1
kind: Pod
metadata: { name: stuck, namespace: default }
spec:
  containers:
  - { name: app, image: no-such-image-kubeplay }
`);
  learner.waitFor('pods started', () => learner.must('pod-demo').row.status === 'Running' && learner.must('done').row.status === 'Completed');
});

describe('kubectl exec without a terminal', () => {
  it('runs the command in the first container and says which it picked', () => {
    expect(onMaster('kubectl exec pod-demo -- ls /etc/nginx')).toEqual({
      output: 'Defaulted container "myapp" out of: myapp, busybox\nconf.d\nnginx.conf\n',
      code: 0,
    });
  });

  it.each([
    ['-c picks the container', 'kubectl exec pod-demo -c busybox -- hostname', 'pod-demo\n', 0],
    ['the old form without -- still works, with the deprecation notice', 'kubectl exec pod-demo -c busybox hostname',
      'kubectl exec [POD] [COMMAND] is DEPRECATED and will be removed in a future version. Use kubectl exec [POD] -- [COMMAND] instead.\npod-demo\n', 0],
    ['a failing command ends kubectl with its status', 'kubectl exec pod-demo -c busybox -- ls /nope',
      "ls: /nope: No such file or directory\ncommand terminated with exit code 1\n", 1],
    ['a missing program is runc\'s error and 126', 'kubectl exec pod-demo -c busybox -- bash',
      'OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown\ncommand terminated with exit code 126\n', 126],
    ['stdin reaches the command with -i', 'echo hello | kubectl exec -i pod-demo -c busybox -- wc -c', '6\n', 0],
    ['an unknown container', 'kubectl exec pod-demo -c nope -- ls', 'error: container nope not found in pod pod-demo\n', 1],
    ['an unknown pod', 'kubectl exec nope -- ls', 'Error from server (NotFound): pods "nope" not found\n', 1],
    ['a completed pod', 'kubectl exec done -- ls', 'error: cannot exec into a container in a completed pod; current phase is Succeeded\n', 1],
    ['a container that is not running yet', 'kubectl exec stuck -- ls', 'error: unable to upgrade connection: container not found ("app")\n', 1],
    ['no command', 'kubectl exec pod-demo', 'error: you must specify at least one command for the container\n', 1],
    ['-it without a terminal', 'kubectl exec -it pod-demo -c busybox -- true </dev/null',
      'Unable to use a TTY - input is not a terminal or the right kind of file\n', 0],
  ])('%s', (_what, line, output, code) => {
    expect(onMaster(line)).toEqual({ output, code });
  });
});

describe('kubectl exec -it in a terminal', () => {
  it('gives a container shell this terminal until exit, then master01 again with the status', async () => {
    const run = await playScript(learner.cluster, ['kubectl exec -it pod-demo -c busybox -- sh', 'hostname', 'exit 3', 'echo $?'].join('\n'));
    expect(plainTranscript(run.output)).toContain([
      '[root@master01 ~]# kubectl exec -it pod-demo -c busybox -- sh',
      '/ # hostname',
      'pod-demo',
      '/ # exit 3',
      'command terminated with exit code 3',
      '[root@master01 ~]# echo $?',
      '3',
    ].join('\n'));
    // The terminal size arrived before the shell started: one prompt, never redrawn.
    expect(withoutPasteMode(run.output)).toContain('kubectl exec -it pod-demo -c busybox -- sh\r\n/ # hostname\r\n');
  });

  it("gives bash in a debian-based image its own prompt", async () => {
    const run = await playScript(learner.cluster, ['kubectl exec -it pod-demo -- bash', 'pwd', 'exit'].join('\n'));
    expect(plainTranscript(run.output)).toContain([
      '[root@master01 ~]# kubectl exec -it pod-demo -- bash',
      'Defaulted container "myapp" out of: myapp, busybox',
      'root@pod-demo:/# pwd',
      '/',
      'root@pod-demo:/# exit',
      'exit',
      '[root@master01 ~]# ',
    ].join('\n'));
  });

  it('sends Ctrl-C to the command in the container, not to kubectl', async () => {
    const run = await playScript(learner.cluster, ['kubectl exec -it pod-demo -c busybox -- sh', 'sleep 100', '^C', 'echo back', 'exit'].join('\n'));
    expect(plainTranscript(run.output)).toContain(['/ # sleep 100', '^C', '/ # echo back', 'back', '/ # exit', '[root@master01 ~]# '].join('\n'));
  });
});
