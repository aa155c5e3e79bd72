/**
 * What a kubeadm node's root shell sees in `ps` besides its own commands: systemd, a few kernel
 * threads, the daemons Rocky Linux 9 starts at boot, containerd and the kubelet — and for every
 * pod sandbox a containerd shim with the sandbox's pause process, parent of the pod's containers.
 *
 * In kubeplay the kubelet, containerd and the shims are engine code, not programs. They are shown
 * by stand-ins: the daemons are processes that only wait (spawned at boot, in boot order, so their
 * PIDs look like a real node's), the kernel threads, shims and pause processes are listed only
 * when `ps` asks — nothing is kept per pod but two reserved PIDs and an id.
 */
import { Rng } from '../sim/rng';
import { sys, type HostRole, type Kernel, type Netns, type PidNamespace, type Process, type ProcessInfo, type Program } from '../runtime/process';

/** The kubelet's command line as kubeadm v1.30's unit files and kubeadm-flags.env make it. */
export const KUBELET_COMMAND = '/usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf'
  + ' --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml'
  + ' --container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.9';

const SYSTEMD_COMMAND = '/usr/lib/systemd/systemd --switched-root --system --deserialize 31';

/** The first kernel threads of a Rocky Linux 9 kernel (5.14), children of kthreadd (PID 2). */
const KERNEL_THREADS: readonly [pid: number, name: string][] = [
  [3, 'rcu_gp'], [4, 'rcu_par_gp'], [5, 'slub_flushwq'], [6, 'netns'], [8, 'kworker/0:0H-events_highpri'],
  [10, 'mm_percpu_wq'], [12, 'rcu_tasks_kthre'], [13, 'rcu_tasks_rude_'], [14, 'rcu_tasks_trace'],
  [15, 'ksoftirqd/0'], [16, 'rcu_preempt'], [17, 'migration/0'],
];

/**
 * The services systemd starts, in order, and about how many PIDs the boot uses before each
 * (udev's workers, one-shot units, the kernel's own threads): each gap varies a little by node.
 */
const SERVICES: readonly { readonly command: string; readonly gap: number }[] = [
  { command: '/usr/lib/systemd/systemd-journald', gap: 540 },
  { command: '/usr/lib/systemd/systemd-udevd', gap: 14 },
  { command: '/sbin/auditd', gap: 60 },
  { command: '/usr/bin/dbus-broker-launch --scope system --audit', gap: 24 },
  { command: '/usr/lib/systemd/systemd-logind', gap: 8 },
  { command: '/usr/sbin/NetworkManager --no-daemon', gap: 10 },
  { command: 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups', gap: 90 },
  { command: '/usr/sbin/crond -n', gap: 4 },
  { command: '/usr/bin/containerd', gap: 3 },
  // Enabled before kubeadm ran: it has restarted every 10 s until `kubeadm init`/`join` configured it.
  { command: KUBELET_COMMAND, gap: 380 },
];

/** PIDs the kubeadm run and the first container starts take after the kubelet's. */
const KUBEADM_GAP = 300;

/** A stand-in: waits until it is killed. */
const waitForever: Program = function* () {
  for (;;) yield* sys.pause();
};

/** A pod sandbox as the host sees it: the shim's and pause's PIDs, reserved when its first container started. */
interface Sandbox {
  readonly pod: string;
  readonly netns: Netns;
  readonly id: string;
  readonly shimPid: number;
  readonly pausePid: number;
  readonly startedAt: number;
}

export interface NodeDaemons {
  readonly role: HostRole;
  readonly systemd: Process;
}

/**
 * Starts the stand-ins on `host` and makes it the node's host namespace.
 * @param podExists whether the kubelet still runs `namespace/name` (a sandbox outlives its containers' restarts).
 */
export function startNodeDaemons(kernel: Kernel, host: PidNamespace, podExists: (namespace: string, name: string) => boolean): NodeDaemons {
  // Seeded by the node's name: the same node boots the same way, and no cluster random stream moves.
  const rng = new Rng([...host.hostname].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0, 0x811c9dc5));
  const bootedAt = kernel.clock.now();
  const sandboxes = new Map<string, Sandbox>();
  let loginParent = 0;
  const role: HostRole = {
    adopt(guest) {
      // A container's namespace is named `<namespace>/<pod>/<container>`.
      const pod = guest.name.slice(0, guest.name.lastIndexOf('/'));
      let sandbox = sandboxes.get(pod);
      if (sandbox?.netns !== guest.netns) {
        const id = Array.from({ length: 8 }, () => rng.uint32().toString(16).padStart(8, '0')).join('');
        sandbox = { pod, netns: guest.netns, id, shimPid: host.allocatePid(), pausePid: host.allocatePid(), startedAt: kernel.clock.now() };
        sandboxes.set(pod, sandbox);
      }
      return sandbox.shimPid;
    },
    standIns() {
      const infos = kernelThreads(bootedAt);
      for (const sandbox of sandboxes.values()) {
        const [namespace = '', name = ''] = sandbox.pod.split('/');
        const running = [...host.guests ?? []].some((g) => g.name.startsWith(`${sandbox.pod}/`));
        if (!running && !podExists(namespace, name)) {
          sandboxes.delete(sandbox.pod);
          continue;
        }
        infos.push(standIn(sandbox.shimPid, 1, sandbox.startedAt, `/usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id ${sandbox.id} -address /run/containerd/containerd.sock`));
        infos.push(standIn(sandbox.pausePid, sandbox.shimPid, sandbox.startedAt, '/pause'));
      }
      return infos;
    },
    get loginParent() {
      return loginParent;
    },
  };
  kernel.registerHost(host, role);
  const systemd = kernel.spawn(host, SYSTEMD_COMMAND.split(' '), { program: waitForever });
  let pid = 2 + KERNEL_THREADS.length;
  for (const service of SERVICES) {
    pid += service.gap + rng.int(service.gap / 2);
    host.skipPids(pid);
    const daemon = systemd.spawn(service.command.split(' '), { program: waitForever, pgid: 'new' });
    if (service.command.startsWith('sshd:')) loginParent = daemon;
  }
  host.skipPids(pid + KUBEADM_GAP + rng.int(KUBEADM_GAP / 2));
  return { role, systemd };
}

function standIn(pid: number, ppid: number, startedAt: number, command: string): ProcessInfo {
  return { pid, ppid, pgid: pid, argv: command.split(' '), startedAt, state: 'S' };
}

/** kthreadd and its first threads; `ps` shows a process without a command line as `[name]`. */
function kernelThreads(bootedAt: number): ProcessInfo[] {
  return [standIn(2, 0, bootedAt, '[kthreadd]'), ...KERNEL_THREADS.map(([pid, name]) => standIn(pid, 2, bootedAt, `[${name}]`))];
}
