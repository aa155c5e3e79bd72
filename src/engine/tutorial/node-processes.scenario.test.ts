/**
 * A node's processes as its root shell sees them: the control plane and every container under
 * host PIDs, each container's init a child of its pod's containerd shim, the login shell's $$ —
 * and a container's process killed from the host ends the container, which the kubelet restarts.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { resourceFor } from '../api/resources';
import { Learner, podYaml } from './testkit';

/** `ps -ef` lines: UID PID PPID C STIME TTY TIME CMD. */
const PS_EF_LINE = /^(\S+) +(\d+) +(\d+) +(\d+) (\d\d:\d\d) (\S+) +(\d\d:\d\d:\d\d) (.*)$/;

function psEf(output: string): { user: string; pid: number; ppid: number; tty: string; cmd: string }[] {
  return output.split('\n').flatMap((line) => {
    const m = PS_EF_LINE.exec(line);
    return m ? [{ user: m[1]!, pid: Number(m[2]), ppid: Number(m[3]), tty: m[6]!, cmd: m[8]! }] : [];
  });
}

describe('the processes of a node, from its root shell', () => {
  const l = new Learner(7);
  l.waitFor('CoreDNS to run', () => l.onNode('master01', 'pgrep coredns').code === 0);

  it('shows the control plane with its kubeadm command lines, each container a child of its pod shim', () => {
    const { output, code } = l.onNode('master01', 'ps -ef | grep kube-apiserver');
    expect(code).toBe(0);
    const [apiserver, ...others] = psEf(output);
    const pod = l.cluster.client().get<Pod>(resourceFor('', 'pods')!, 'kube-system', 'kube-apiserver-master01');
    if (!pod.ok) throw new Error(pod.status.message);
    expect(apiserver).toMatchObject({ user: 'root', tty: '?', cmd: pod.value.spec!.containers[0]!.command!.join(' ') });
    // The pipeline's grep shows too, and the shell running the pipeline.
    expect(others.map((p) => p.cmd)).toEqual(['bash -c ps -ef | grep kube-apiserver', 'grep kube-apiserver']);
    const shim = l.onNode('master01', `ps -o user=,ppid=,args= -p ${apiserver!.ppid}`).output;
    expect(shim).toMatch(/^root +1 \/usr\/bin\/containerd-shim-runc-v2 -namespace k8s\.io -id [0-9a-f]{64} -address \/run\/containerd\/containerd\.sock\n$/);
    const pause = psEf(l.onNode('master01', 'ps -ef').output).filter((p) => p.ppid === apiserver!.ppid && p.cmd === '/pause');
    expect(pause).toEqual([expect.objectContaining({ user: '65535', pid: apiserver!.ppid + 1 })]);
  });

  it('has systemd as PID 1, kernel threads, and the node daemons started at boot', () => {
    const rows = psEf(l.onNode('master01', 'ps -ef').output);
    expect(rows[0]).toMatchObject({ pid: 1, ppid: 0, cmd: '/usr/lib/systemd/systemd --switched-root --system --deserialize 31' });
    expect(rows[1]).toMatchObject({ pid: 2, ppid: 0, cmd: '[kthreadd]' });
    const daemons = rows.filter((r) => r.ppid === 1 && !r.cmd.includes('shim')).map((r) => r.cmd.split(' ')[0]);
    expect(daemons).toEqual(expect.arrayContaining(['/usr/bin/containerd', '/usr/bin/kubelet', 'sshd:']));
    const kubelet = rows.find((r) => r.cmd.startsWith('/usr/bin/kubelet'))!;
    expect(kubelet.cmd).toContain('--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock');
    // No CoreDNS goroutine is a process of its own.
    expect(rows.filter((r) => r.cmd.startsWith('/coredns')).length).toBe(2);
  });

  it('gives the shell a PID in the thousands, the one ps shows for it', () => {
    const { output } = l.onNode('master01', 'echo $$; ps -o pid=,args= -p $$');
    const [shellPid, line] = output.split('\n');
    expect(Number(shellPid)).toBeGreaterThan(1000);
    // bash -c runs its last command in its own process (exec): ps is the shell's PID now.
    expect(line?.trim()).toBe(`${shellPid} ps -o pid=,args= -p ${shellPid}`);
  });

  it("shows a worker's nginx master and worker; killing the master from the host restarts the container", () => {
    l.create(podYaml('web', '  - name: nginx\n    image: nginx:1.20'));
    l.waitFor('web to run', () => l.pod('web')?.row.status === 'Running');
    const node = l.must('web').pod.spec!.nodeName!;
    const nginx = psEf(l.onNode(node, 'ps -ef | grep nginx').output);
    const master = nginx.find((p) => p.cmd === 'nginx: master process nginx -g daemon off;');
    expect(master).toBeDefined();
    const worker = nginx.find((p) => p.cmd === 'nginx: worker process');
    expect(worker).toMatchObject({ user: '101', ppid: master!.pid });
    expect(l.onNode(node, 'pgrep -a -u 101 nginx').output).toBe(`${worker!.pid} nginx: worker process\n`);

    expect(l.onNode(node, `kill ${master!.pid}`).code).toBe(0);
    l.waitFor('the restart', () => l.pod('web')?.row.restarts === 1 && l.pod('web')?.row.status === 'Running');
    const after = psEf(l.onNode(node, 'ps -ef | grep "nginx: master"').output).filter((p) => p.cmd.startsWith('nginx'));
    expect(after).toHaveLength(1);
    expect(after[0]!.pid).toBeGreaterThan(master!.pid);
    expect(l.onNode(node, `kill ${master!.pid}`)).toEqual({ output: `bash: line 1: kill: (${master!.pid}) - No such process\n`, code: 1 });
  });

  it('keeps init safe from a SIGKILL of its own namespace', () => {
    expect(l.onNode('master01', 'kill -9 1; echo $?').output).toBe('0\n');
    expect(psEf(l.onNode('master01', 'ps -p 1 -f').output)[0]?.cmd).toContain('systemd');
  });
});
