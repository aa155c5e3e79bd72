/**
 * A one-node world for runtime tests: a clock, the cluster's kernel and network, and a Containerd
 * serving a small test catalogue whose images run the tiny programs below (plus whatever the real
 * userland registry knows, for the real images).
 */
import { Clock } from '../../sim/clock';
import { Rng } from '../../sim/rng';
import { FAST_TIMING, type TimingProfile } from '../../kubelet/rules/timing';
import { programRegistry } from '../../../userland/registry';
import { emptyDirVolume, type Tree } from '../fs';
import { ImageCatalog, type CatalogEntry, type ImageConfig } from '../images/catalog';
import { Kernel, Netns, Network, SignalInterrupt, sys, type Program } from '../process';
import { Containerd } from './containerd';
import type { ContainerConfig, ContainerStatus, ImageRecord, MountConfig, PodSandbox, PodSandboxConfig, PullResult, SandboxResult, StartResult } from './types';

/** Programs standing in for the userland: each does one thing a test needs. */
export const TEST_PROGRAMS: Readonly<Record<string, Program>> = {
  *echo(p) {
    yield* sys.write(1, `${p.argv.slice(1).join(' ')}\n`);
    return 0;
  },
  /** `write <chunk>…`: writes each argument as it is (with `\n` turned into a newline), one per second. */
  *write(p) {
    for (const [i, chunk] of p.argv.slice(1).entries()) {
      if (i > 0) yield* sys.sleep(1000);
      yield* sys.write(chunk.startsWith('err:') ? 2 : 1, chunk.replace(/^err:/, '').replaceAll('\\n', '\n'));
    }
    return 0;
  },
  /** No signal handler: as PID 1 it ignores SIGTERM, like busybox sleep. */
  *sleep(p) {
    yield* sys.sleep(Number(p.argv[1]) * 1000);
    return 0;
  },
  /** Handles SIGTERM and SIGQUIT: says so and exits 0, like nginx shutting down. */
  *graceful(p) {
    p.signal('SIGTERM', 'catch');
    p.signal('SIGQUIT', 'catch');
    try {
      yield* sys.pause();
    } catch (e) {
      if (!(e instanceof SignalInterrupt)) throw e;
      yield* sys.write(1, `got ${e.signal}\n`);
    }
    return 0;
  },
  // eslint-disable-next-line require-yield -- exits without a syscall
  *exit(p) {
    return Number(p.argv[1]);
  },
  /** `touch <path>`: creates an empty file. */
  // eslint-disable-next-line require-yield -- a file operation is not a syscall here
  *touch(p) {
    p.fs.writeFile(p.argv[1]!, '', p.now());
    return 0;
  },
  /** `exists <path>`: exit 0 if it is there, else a message and 1. */
  *exists(p) {
    if (p.fs.exists(p.argv[1]!)) return 0;
    yield* sys.write(2, `${p.argv[1]}: missing\n`);
    return 1;
  },
  *cat() {
    for (let chunk = yield* sys.read(0); chunk !== null; chunk = yield* sys.read(0)) yield* sys.write(1, chunk);
    return 0;
  },
  *env(p) {
    yield* sys.write(1, Object.entries(p.env).map(([k, v]) => `${k}=${v}\n`).join(''));
    return 0;
  },
  *pwd(p) {
    yield* sys.write(1, `${p.cwd}\n`);
    return 0;
  },
  *hostname(p) {
    yield* sys.write(1, `${p.hostname}\n`);
    return 0;
  },
  /** Prints its argv one word per line: shows exactly what the runtime passed. */
  *argv(p) {
    yield* sys.write(1, p.argv.map((a) => `[${a}]\n`).join(''));
    return 0;
  },
};

const registry = (id: string): Program | undefined => (id.startsWith('test:') ? TEST_PROGRAMS[id.slice(5)] : programRegistry(id));

function config(partial: Partial<ImageConfig>): ImageConfig {
  return { Entrypoint: [], Cmd: [], WorkingDir: '', Env: ['PATH=/usr/local/bin:/usr/bin:/bin'], ExposedPorts: [], StopSignal: 'SIGTERM', User: '', ...partial };
}

const testPrograms = (dir: string): Record<string, string> =>
  Object.fromEntries(Object.keys(TEST_PROGRAMS).map((name) => [`${dir}/${name}`, `test:${name}`]));

export const TEST_ENTRIES: readonly CatalogEntry[] = [
  {
    repository: 'kubeplay/box',
    tags: ['1', 'stable'],
    sizeBytes: 10 * 1024 * 1024,
    flavour: 'busybox',
    config: config({ Cmd: ['sleep', '3600'], Env: ['PATH=/usr/local/bin:/usr/bin:/bin', 'BOX=1', 'MODE=image'] }),
    programs: testPrograms('/bin'),
    files: [
      { path: '/etc/motd', content: 'welcome\n' },
      { path: '/etc/notes', content: 'not a program\n' },
      { path: '/bin/run.sh', content: '#!/bin/missing-shell\necho hi\n', mode: 0o755 },
      { path: '/bin/data', content: 'plain text, marked executable\n', mode: 0o755 },
    ],
  },
  {
    // Entrypoint + Cmd, a working directory, and a stop signal of its own (like nginx).
    repository: 'kubeplay/server',
    tags: ['1'],
    sizeBytes: 20 * 1024 * 1024,
    flavour: 'debian',
    config: config({ Entrypoint: ['/bin/argv', 'entry'], Cmd: ['cmd1', 'cmd2'], WorkingDir: '/srv/app', StopSignal: 'SIGQUIT' }),
    programs: testPrograms('/bin'),
    files: [],
  },
  {
    // An image without ENTRYPOINT or CMD, like one built FROM scratch.
    repository: 'kubeplay/nocmd',
    tags: ['1'],
    sizeBytes: 1024 * 1024,
    flavour: 'distroless',
    config: config({}),
    programs: testPrograms('/bin'),
    files: [],
  },
];

export const testCatalog = new ImageCatalog(TEST_ENTRIES);

export interface RuntimeWorld {
  clock: Clock;
  kernel: Kernel;
  network: Network;
  hostNetns: Netns;
  containerd: Containerd;
  /** Pulls `image` and runs the clock until the pull is done. */
  pull(image: string): ImageRecord;
  /** Creates a sandbox and runs the clock until it is ready. */
  sandbox(config?: Partial<PodSandboxConfig>): PodSandbox;
  /** Creates and starts a container; returns its id and the start result. */
  run(sandbox: PodSandbox, config: Partial<ContainerConfig> & { image: ImageRecord }): { id: string; started: { ok: boolean; error?: string } };
  /** Runs the clock until the container has exited. */
  waitExit(id: string, maxMs?: number): ContainerStatus;
  /** Log lines of a container, `stream: line` (partial lines end in `…`). */
  logText(id: string): string[];
}

export function runtimeWorld(options: { timing?: TimingProfile; podCIDR?: string; catalog?: ImageCatalog; seed?: number } = {}): RuntimeWorld {
  const clock = new Clock();
  const network = new Network();
  const kernel = new Kernel(clock, registry, network);
  const nodeIP = '192.168.49.2';
  const hostNetns = new Netns('node-1', [nodeIP]);
  network.attach(nodeIP, hostNetns);
  const containerd = new Containerd({
    clock,
    rng: new Rng(options.seed ?? 1),
    kernel,
    network,
    nodeName: 'node-1',
    nodeIP,
    podCIDR: options.podCIDR ?? '10.244.1.0/24',
    hostNetns,
    timing: options.timing ?? FAST_TIMING,
    catalog: options.catalog ?? testCatalog,
  });
  const { runtime } = containerd;
  let pods = 0;

  const settle = <T>(start: (done: (value: T) => void) => void): T => {
    let result: T | undefined;
    start((value) => (result = value));
    clock.runUntil(() => result !== undefined, 600_000);
    if (result === undefined) throw new Error('runtime call never completed');
    return result;
  };

  return {
    clock,
    kernel,
    network,
    hostNetns,
    containerd,
    pull(image) {
      const result = settle<PullResult>((done) => containerd.images.pullImage(image, done));
      if (!result.ok) throw new Error(result.error);
      return result.record;
    },
    sandbox(config = {}) {
      pods++;
      const result = settle<SandboxResult>((done) =>
        runtime.runPodSandbox({ podUID: `uid-${pods}`, name: `pod-${pods}`, namespace: 'default', hostname: `pod-${pods}`, hostNetwork: false, ...config }, done),
      );
      if (!result.ok) throw new Error(result.error);
      return result.sandbox;
    },
    run(sandbox, config) {
      const full: ContainerConfig = { name: 'main', command: [], args: [], env: [], mounts: [], tty: false, stdin: false, stdinOnce: false, attempt: 0, ...config };
      const created = settle<{ ok: true; id: string } | { ok: false; error: string }>((done) => runtime.createContainer(sandbox.id, full, done));
      if (!created.ok) throw new Error(created.error);
      const started = settle<StartResult>((done) => runtime.startContainer(created.id, done));
      return { id: created.id, started };
    },
    waitExit(id, maxMs = 3_600_000) {
      clock.runUntil(() => runtime.containerStatus(id)?.state === 'exited', maxMs);
      return runtime.containerStatus(id)!;
    },
    logText(id) {
      return runtime.logs(id).map((e) => `${e.stream}: ${e.line}${e.partial ? '…' : ''}`);
    },
  };
}

/** An emptyDir mounted at `path`. */
export const emptyDirAt = (path: string, volume: Tree = emptyDirVolume()): MountConfig => ({ containerPath: path, volume });
