/**
 * What `ps aux` reports about a program that kubeplay does not measure: its memory (VSZ, RSS in
 * KiB), its share of a CPU over its life, whether it is multi-threaded, and the user it runs as
 * when that is not root. Plausible figures of a kubeadm v1.30 node on Rocky Linux 9, as data.
 */

export interface Figures {
  readonly vszKb: number;
  readonly rssKb: number;
  /** Percent of one CPU, on average since it started (what %CPU shows). */
  readonly cpu: number;
  /** `l` in STAT: Go daemons, systemd's helpers with threads. */
  readonly threads?: boolean;
  /** `<` in STAT: a raised priority (auditd). */
  readonly highPriority?: boolean;
  /** Set when it is not root: the host shows a container's uid as a number it has no name for. */
  readonly user?: string;
  /** The whole STAT of a kernel thread (`I<`: an idle workqueue at a raised priority). */
  readonly stat?: string;
}

/** By argv[0] as `ps` shows it, else by command name (see `commandName`). */
const FIGURES: Readonly<Record<string, Figures>> = {
  '/usr/lib/systemd/systemd': { vszKb: 174_668, rssKb: 17_980, cpu: 0.05 },
  'systemd-journal': { vszKb: 35_992, rssKb: 12_452, cpu: 0.01 },
  'systemd-udevd': { vszKb: 33_652, rssKb: 10_876, cpu: 0 },
  auditd: { vszKb: 76_436, rssKb: 2_500, cpu: 0, threads: true, highPriority: true },
  'dbus-broker-lau': { vszKb: 20_256, rssKb: 5_208, cpu: 0 },
  'systemd-logind': { vszKb: 17_488, rssKb: 7_936, cpu: 0 },
  NetworkManager: { vszKb: 262_052, rssKb: 18_404, cpu: 0.01, threads: true },
  sshd: { vszKb: 16_204, rssKb: 9_112, cpu: 0 },
  crond: { vszKb: 221_332, rssKb: 3_624, cpu: 0 },
  containerd: { vszKb: 1_884_324, rssKb: 52_168, cpu: 0.6, threads: true },
  kubelet: { vszKb: 2_140_412, rssKb: 98_036, cpu: 1.8, threads: true },
  'containerd-shim': { vszKb: 1_238_212, rssKb: 13_640, cpu: 0.02, threads: true },
  // registry.k8s.io/pause runs as 65535:65535.
  pause: { vszKb: 996, rssKb: 512, cpu: 0, user: '65535' },
  etcd: { vszKb: 11_219_340, rssKb: 58_412, cpu: 2.1, threads: true },
  'kube-apiserver': { vszKb: 1_507_288, rssKb: 311_964, cpu: 4.2, threads: true },
  'kube-controller': { vszKb: 1_296_148, rssKb: 108_224, cpu: 1.5, threads: true },
  'kube-scheduler': { vszKb: 1_284_372, rssKb: 58_160, cpu: 0.4, threads: true },
  'kube-proxy': { vszKb: 1_283_564, rssKb: 51_240, cpu: 0.1, threads: true },
  coredns: { vszKb: 1_285_196, rssKb: 48_320, cpu: 0.3, threads: true },
  'nginx: worker process': { vszKb: 11_916, rssKb: 2_908, cpu: 0, user: '101' },
  nginx: { vszKb: 11_480, rssKb: 7_216, cpu: 0 },
  bash: { vszKb: 226_068, rssKb: 5_384, cpu: 0 },
  ps: { vszKb: 225_436, rssKb: 3_584, cpu: 0 },
};

/** Anything else: a small command-line tool. */
const SMALL_TOOL: Figures = { vszKb: 221_704, rssKb: 2_304, cpu: 0 };

/** Kernel threads have no user memory; the workqueues among them are idle (`I`). */
const KERNEL_THREAD_STATES: Readonly<Record<string, string>> = {
  rcu_gp: 'I<', rcu_par_gp: 'I<', slub_flushwq: 'I<', netns: 'I<', 'kworker/0:0H-events_highpri': 'I<', mm_percpu_wq: 'I<',
  rcu_tasks_kthre: 'I', rcu_tasks_rude_: 'I', rcu_tasks_trace: 'I', rcu_preempt: 'I',
};

export function figuresOf(argv0: string, command: string): Figures {
  if (/^\[.*\]$/.test(argv0)) return { vszKb: 0, rssKb: 0, cpu: 0, stat: KERNEL_THREAD_STATES[command] ?? 'S' };
  return FIGURES[argv0] ?? FIGURES[command] ?? SMALL_TOOL;
}

/** The node's MemTotal (KiB): what %MEM divides by. */
export const MEM_TOTAL_KB = 8_008_828;
