import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMING } from '../../kubelet/rules/timing';
import { emptyDirVolume } from '../fs';
import { imageCatalog } from '../images/catalog';
import type { ContainerStatus, ExecSyncResult, StreamSession } from './types';
import { emptyDirAt, runtimeWorld } from './testkit';

const START_ERROR = 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ';

describe('sandboxes', () => {
  it('hands out pod IPs in order from the node CIDR (.1 is the bridge) and attaches them to the network', () => {
    const w = runtimeWorld();
    const ips = [w.sandbox(), w.sandbox(), w.sandbox()].map((s) => s.ip);
    expect(ips).toEqual(['10.244.1.2', '10.244.1.3', '10.244.1.4']);
    for (const ip of ips) expect(w.network.namespaceOf(ip)?.addresses).toEqual([ip]);
  });

  it('releases the IP when the sandbox stops; host-local moves on before it reuses one', () => {
    const w = runtimeWorld({ podCIDR: '10.244.2.0/29' }); // .2 … .6
    const [a, b] = [w.sandbox(), w.sandbox()];
    w.containerd.runtime.stopPodSandbox(a.id);
    expect(w.network.namespaceOf(a.ip)).toBeUndefined();
    expect(w.containerd.runtime.sandbox(a.id)?.state).toBe('notready');
    w.containerd.runtime.removePodSandbox(a.id);
    expect(w.containerd.runtime.sandbox(a.id)).toBeUndefined();
    expect([w.sandbox(), w.sandbox(), w.sandbox(), w.sandbox()].map((s) => s.ip)).toEqual([
      '10.244.2.4', '10.244.2.5', '10.244.2.6', '10.244.2.2',
    ]);
    expect(b.ip).toBe('10.244.2.3');
  });

  it('fails like the CNI plugin when the range is used up', () => {
    const w = runtimeWorld({ podCIDR: '10.244.3.0/30' }); // only .2
    w.sandbox();
    let error = '';
    w.containerd.runtime.runPodSandbox({ podUID: 'u', name: 'late', namespace: 'default', hostname: 'late', hostNetwork: false }, (r) => {
      if (!r.ok) error = r.error;
    });
    w.clock.runUntilQuiet();
    expect(error).toMatch(
      /^rpc error: code = Unknown desc = failed to setup network for sandbox "[0-9a-f]{64}": plugin type="bridge" failed \(add\): failed to allocate for range 0: no IP addresses available in range set: 10\.244\.3\.1-10\.244\.3\.2$/,
    );
  });

  it('gives host-network pods the node IP and network namespace', () => {
    const w = runtimeWorld();
    const sandbox = w.sandbox({ hostNetwork: true });
    expect(sandbox.ip).toBe('192.168.49.2');
    expect(sandbox.netns).toBe(w.hostNetns);
    w.containerd.runtime.removePodSandbox(sandbox.id);
    expect(w.network.namespaceOf('192.168.49.2')).toBe(w.hostNetns);
  });

  it('takes the profile\'s sandbox time', () => {
    const w = runtimeWorld({ timing: DEFAULT_TIMING });
    let readyAt = -1;
    w.containerd.runtime.runPodSandbox({ podUID: 'u', name: 'p', namespace: 'default', hostname: 'p', hostNetwork: false }, () => (readyAt = w.clock.now()));
    w.clock.runUntilQuiet();
    const { delayMs, jitterMs } = DEFAULT_TIMING.sandboxCreate;
    expect(readyAt).toBeGreaterThanOrEqual(delayMs);
    expect(readyAt).toBeLessThanOrEqual(delayMs + jitterMs);
  });
});

describe('what a container runs', () => {
  it.each([
    { case: 'image Entrypoint + Cmd', command: [], args: [], argv: ['/bin/argv', 'entry', 'cmd1', 'cmd2'] },
    { case: 'args replace Cmd', command: [], args: ['a', 'b'], argv: ['/bin/argv', 'entry', 'a', 'b'] },
    { case: 'command replaces both', command: ['argv', 'x'], args: [], argv: ['argv', 'x'] },
    { case: 'command + args', command: ['argv'], args: ['y'], argv: ['argv', 'y'] },
    { case: 'words the kubelet expanded stay as they are', command: ['argv', '$(NOPE)', '$$', '$HOME'], args: [], argv: ['argv', '$(NOPE)', '$$', '$HOME'] },
  ])('$case', ({ command, args, argv }) => {
    const w = runtimeWorld();
    const { id, started } = w.run(w.sandbox(), { image: w.pull('kubeplay/server:1'), command, args });
    expect(started).toEqual({ ok: true });
    expect(w.waitExit(id)).toMatchObject({ state: 'exited', exitCode: 0, reason: 'Completed' });
    // argv[0] is the program's own name as exec'd: the path found on PATH.
    expect(w.logText(id).slice(1)).toEqual(argv.slice(1).map((a) => `stdout: [${a}]`));
  });

  it.each([
    { command: ['foo'], cause: 'exec: "foo": executable file not found in $PATH' },
    { command: ['/bin/x'], cause: 'exec: "/bin/x": stat /bin/x: no such file or directory' },
    { command: ['/etc/notes'], cause: 'exec: "/etc/notes": permission denied' },
    { command: ['/bin'], cause: 'exec: "/bin": is a directory' },
  ])('$command cannot start: StartError, exit code 128, containerd\'s message', ({ command, cause }) => {
    const w = runtimeWorld();
    const { id, started } = w.run(w.sandbox(), { image: w.pull('kubeplay/box:1'), command });
    const message = `${START_ERROR}${cause}: unknown`;
    expect(started).toEqual({ ok: false, error: message });
    expect(w.containerd.runtime.containerStatus(id)).toMatchObject({ state: 'exited', exitCode: 128, reason: 'StartError', message });
  });

  it.each([
    { command: ['/bin/data'], line: 'exec /bin/data: exec format error' },
    { command: ['/bin/run.sh'], line: 'exec /bin/run.sh: no such file or directory' },
  ])('$command is found but cannot be executed: the process says so and exits 1', ({ command, line }) => {
    const w = runtimeWorld();
    const { id, started } = w.run(w.sandbox(), { image: w.pull('kubeplay/box:1'), command });
    expect(started).toEqual({ ok: true });
    expect(w.waitExit(id)).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(w.logText(id)).toEqual([`stderr: ${line}`]);
  });

  it('runs the real userland programs of a catalogue image', () => {
    const w = runtimeWorld({ catalog: imageCatalog });
    const sandbox = w.sandbox();
    const image = w.pull('busybox:1.36');
    const hello = w.run(sandbox, { image, command: ['echo', 'hello', 'world'] });
    const failing = w.run(sandbox, { image, command: ['false'], name: 'f' });
    expect(w.waitExit(hello.id)).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(w.logText(hello.id)).toEqual(['stdout: hello world']);
    expect(w.waitExit(failing.id)).toMatchObject({ exitCode: 1, reason: 'Error' });
  });

  it('refuses to create a container when neither the pod nor the image names a command', () => {
    const w = runtimeWorld();
    const sandbox = w.sandbox();
    const image = w.pull('kubeplay/nocmd:1');
    let result: { ok: boolean; error?: string } | undefined;
    w.containerd.runtime.createContainer(sandbox.id, { name: 'c', image, command: [], args: [], env: [], mounts: [], tty: false, stdin: false, stdinOnce: false, attempt: 0 }, (r) => (result = r));
    w.clock.runUntilQuiet();
    expect(result?.error).toMatch(/^failed to generate container "[0-9a-f]{64}" spec: no command specified$/);
  });

  it('starts in the image working directory (created if missing) unless the pod sets one', () => {
    const w = runtimeWorld();
    const sandbox = w.sandbox();
    const image = w.pull('kubeplay/server:1');
    const fromImage = w.run(sandbox, { image, command: ['pwd'] });
    const fromPod = w.run(sandbox, { image, command: ['pwd'], workingDir: '/tmp', name: 'second' });
    w.clock.runUntilQuiet();
    expect(w.logText(fromImage.id)).toEqual(['stdout: /srv/app']);
    expect(w.logText(fromPod.id)).toEqual(['stdout: /tmp']);
  });

  it('runs with the environment containerd gives it, and the pod hostname', () => {
    const w = runtimeWorld();
    const sandbox = w.sandbox({ hostname: 'web-0' });
    const image = w.pull('kubeplay/box:1');
    const env = w.run(sandbox, { image, command: ['env'], env: [{ name: 'MODE', value: 'pod' }, { name: 'EXTRA', value: '1' }] });
    const host = w.run(sandbox, { image, command: ['hostname'], name: 'host' });
    w.clock.runUntilQuiet();
    expect(w.logText(env.id)).toEqual([
      'stdout: PATH=/usr/local/bin:/usr/bin:/bin',
      'stdout: HOSTNAME=web-0',
      'stdout: BOX=1',
      'stdout: MODE=pod',
      'stdout: EXTRA=1',
      'stdout: HOME=/root',
    ]);
    expect(w.logText(host.id)).toEqual(['stdout: web-0']);
  });

  it('names containers containerd://<64 hex>, the same for the same seed', () => {
    const ids = [1, 1, 2].map((seed) => {
      const w = runtimeWorld({ seed });
      const { id } = w.run(w.sandbox(), { image: w.pull('kubeplay/box:1') });
      return w.containerd.runtime.containerStatus(id)!.containerID;
    });
    expect(ids[0]).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
  });
});

describe('logs', () => {
  it('keeps each line with the simulated time it was written, and a last unfinished line as partial', () => {
    const w = runtimeWorld();
    const { id } = w.run(w.sandbox(), { image: w.pull('kubeplay/box:1'), command: ['write', 'hello\\n', 'wor', 'ld\\nta', 'err:oops\\n', 'il'] });
    const startedAt = w.containerd.runtime.containerStatus(id)!.startedAt!;
    w.waitExit(id);
    expect(w.containerd.runtime.logs(id).map((e) => ({ ...e, time: e.time - startedAt }))).toEqual([
      { time: 0, stream: 'stdout', line: 'hello', partial: false },
      { time: 2000, stream: 'stdout', line: 'world', partial: false },
      { time: 3000, stream: 'stderr', line: 'oops', partial: false },
      { time: 4000, stream: 'stdout', line: 'tail', partial: true },
    ]);
  });

  it('follows new lines, and keeps the log after exit until the container is removed', () => {
    const w = runtimeWorld();
    const { id } = w.run(w.sandbox(), { image: w.pull('kubeplay/box:1'), command: ['write', 'one\\n', 'two\\n'] });
    const seen: string[] = [];
    w.containerd.runtime.followLogs(id, (e) => seen.push(e.line), () => seen.push('(ended)'));
    w.waitExit(id);
    w.clock.advance(0);
    expect(seen).toEqual(['one', 'two', '(ended)']);
    let endedAtOnce = false;
    w.containerd.runtime.followLogs(id, () => {}, () => (endedAtOnce = true));
    expect(endedAtOnce).toBe(true);
    expect(w.logText(id)).toEqual(['stdout: one', 'stdout: two']);
    w.containerd.runtime.removeContainer(id);
    expect(w.containerd.runtime.logs(id)).toEqual([]);
    expect(w.containerd.runtime.containerStatus(id)).toBeUndefined();
  });
});

describe('stopping', () => {
  it('a program that handles the image\'s stop signal (SIGQUIT here, as for nginx) exits at once', () => {
    const w = runtimeWorld();
    const { id } = w.run(w.sandbox(), { image: w.pull('kubeplay/server:1'), command: ['graceful'] });
    w.clock.advance(5000);
    const stoppedAt = w.clock.now();
    let final: ContainerStatus | undefined;
    w.containerd.runtime.stopContainer(id, 30, (s) => (final = s));
    w.clock.runUntil(() => final !== undefined);
    expect(final).toMatchObject({ state: 'exited', exitCode: 0, reason: 'Completed' });
    expect(final!.finishedAt! - stoppedAt).toBeLessThan(100);
    expect(w.logText(id)).toEqual(['stdout: got SIGQUIT']);
  });

  it('sends the signal it is given instead of the image\'s', () => {
    const w = runtimeWorld();
    const { id } = w.run(w.sandbox(), { image: w.pull('kubeplay/server:1'), command: ['graceful'] });
    w.clock.advance(10);
    w.containerd.runtime.stopContainer(id, 30, () => {}, 'SIGTERM');
    w.waitExit(id);
    expect(w.logText(id)).toEqual(['stdout: got SIGTERM']);
  });

  it('sleep as PID 1 has no handler: SIGTERM is dropped, SIGKILL comes after the whole grace period (137)', () => {
    const w = runtimeWorld();
    const { id } = w.run(w.sandbox(), { image: w.pull('kubeplay/box:1'), command: ['sleep', '3600'] });
    w.clock.advance(1000);
    const stoppedAt = w.clock.now();
    let final: ContainerStatus | undefined;
    w.containerd.runtime.stopContainer(id, 30, (s) => (final = s));
    w.clock.advance(29_000);
    expect(w.containerd.runtime.containerStatus(id)?.state).toBe('running');
    w.clock.runUntil(() => final !== undefined);
    expect(final).toMatchObject({ state: 'exited', exitCode: 137, reason: 'Error', finishedAt: stoppedAt + 30_000 });
  });

  it('a timeout of 0 kills at once', () => {
    const w = runtimeWorld();
    const { id } = w.run(w.sandbox(), { image: w.pull('kubeplay/box:1'), command: ['sleep', '3600'] });
    w.clock.advance(1000);
    const at = w.clock.now();
    w.containerd.runtime.stopContainer(id, 0, () => {});
    expect(w.waitExit(id, 10)).toMatchObject({ exitCode: 137, finishedAt: at });
  });

  it('tells exit listeners from a clock event, also when the process is killed from outside', () => {
    const w = runtimeWorld();
    const { id } = w.run(w.sandbox(), { image: w.pull('kubeplay/box:1'), command: ['sleep', '3600'] });
    const exits: ContainerStatus[] = [];
    w.containerd.runtime.onContainerExit((s) => exits.push(s));
    w.clock.advance(500);
    const ns = w.containerd.runtime.namespaceOf(id)!;
    w.kernel.signal(ns.init!, 'SIGKILL');
    expect(exits).toEqual([]);
    w.clock.advance(0);
    w.clock.runUntil(() => exits.length > 0, 10);
    expect(exits).toEqual([w.containerd.runtime.containerStatus(id)]);
    expect(exits[0]).toMatchObject({ id, exitCode: 137, reason: 'Error' });
  });

  it('stopping the sandbox kills what still runs in it', () => {
    const w = runtimeWorld();
    const sandbox = w.sandbox();
    const image = w.pull('kubeplay/box:1');
    const a = w.run(sandbox, { image, command: ['sleep', '3600'] });
    const b = w.run(sandbox, { image, command: ['graceful'], name: 'b' });
    w.clock.advance(100);
    w.containerd.runtime.stopPodSandbox(sandbox.id);
    w.clock.runUntilQuiet();
    expect(w.containerd.runtime.listContainers(sandbox.id).map((s) => [s.name, s.state, s.exitCode])).toEqual([
      ['main', 'exited', 137],
      ['b', 'exited', 137],
    ]);
    expect(w.containerd.runtime.listContainers(sandbox.id).map((s) => s.id).sort()).toEqual([a.id, b.id].sort());
  });
});

describe('filesystem', () => {
  it('gives every container a fresh writable layer, while an emptyDir outlives it', () => {
    const w = runtimeWorld();
    const sandbox = w.sandbox();
    const image = w.pull('kubeplay/box:1');
    const data = emptyDirVolume();
    const mounts = [emptyDirAt('/data', data)];
    const writes = [w.run(sandbox, { image, mounts, command: ['touch', '/tmp/mark'] }), w.run(sandbox, { image, mounts, command: ['touch', '/data/mark'], name: 'w2' })];
    for (const { id } of writes) expect(w.waitExit(id).exitCode).toBe(0);
    const inLayer = w.run(sandbox, { image, mounts, command: ['exists', '/tmp/mark'], attempt: 1 });
    const inVolume = w.run(sandbox, { image, mounts, command: ['exists', '/data/mark'], attempt: 1, name: 'w2' });
    expect(w.waitExit(inLayer.id)).toMatchObject({ exitCode: 1 });
    expect(w.logText(inLayer.id)).toEqual(['stderr: /tmp/mark: missing']);
    expect(w.waitExit(inVolume.id)).toMatchObject({ exitCode: 0 });
  });
});

describe('exec', () => {
  function running(): { w: ReturnType<typeof runtimeWorld>; id: string } {
    const w = runtimeWorld();
    const { id } = w.run(w.sandbox({ hostname: 'box' }), { image: w.pull('kubeplay/box:1'), command: ['sleep', '3600'], env: [{ name: 'MODE', value: 'pod' }] });
    w.clock.advance(100);
    return { w, id };
  }

  function execSync(w: ReturnType<typeof runtimeWorld>, id: string, argv: string[], timeoutMs = 1000): ExecSyncResult | { error: string } {
    let result: ExecSyncResult | { error: string } | undefined;
    w.containerd.runtime.execSync(id, argv, timeoutMs, (r) => (result = r));
    w.clock.runUntil(() => result !== undefined, 60_000);
    return result!;
  }

  it('execSync collects stdout and stderr interleaved, with the exit code', () => {
    const { w, id } = running();
    expect(execSync(w, id, ['write', 'out\\n', 'err:err\\n', 'more\\n'], 5000)).toEqual({ exitCode: 0, output: 'out\nerr\nmore\n', timedOut: false });
    expect(execSync(w, id, ['exists', '/nope'])).toEqual({ exitCode: 1, output: '/nope: missing\n', timedOut: false });
  });

  it('execSync runs with the container\'s environment', () => {
    const { w, id } = running();
    const result = execSync(w, id, ['env']);
    expect('output' in result && result.output.split('\n')).toContain('MODE=pod');
  });

  it('execSync kills the command when its timeout passes', () => {
    const { w, id } = running();
    const before = w.clock.now();
    expect(execSync(w, id, ['sleep', '10'], 1000)).toEqual({ exitCode: 137, output: '', timedOut: true });
    expect(w.clock.now() - before).toBeLessThan(1100);
    expect(w.containerd.runtime.containerStatus(id)?.state).toBe('running');
  });

  it('fails with containerd\'s text for a missing binary or a container that does not run', () => {
    const { w, id } = running();
    const missing = execSync(w, id, ['bash']);
    expect('error' in missing && missing.error).toMatch(
      /^failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in \$PATH: unknown$/,
    );
    const session = w.containerd.runtime.exec(id, ['bash'], { tty: true, stdin: true });
    expect('error' in session && session.error).toContain('exec: "bash": executable file not found in $PATH: unknown');
    w.kernel.signal(w.containerd.runtime.namespaceOf(id)!.init!, 'SIGKILL');
    expect(execSync(w, id, ['echo'])).toEqual({ error: 'failed to exec in container: container is in CONTAINER_EXITED state' });
  });

  it('fails cleanly when the container has no pids left (a fork bomb), and works again once they are freed', () => {
    const { w, id } = running();
    const ns = w.containerd.runtime.namespaceOf(id)!;
    const hogs = [];
    while (ns.processes.size < ns.maxProcesses) hogs.push(w.kernel.spawn(ns, ['sleep', '100'], { env: { PATH: '/bin' } }));
    const refused = execSync(w, id, ['echo', 'hi']);
    expect('error' in refused && refused.error).toMatch(/OCI runtime exec failed: exec failed: unable to start container process: read init-p: connection reset by peer: unknown$/);
    for (const hog of hogs) w.kernel.signal(hog, 'SIGKILL');
    expect(execSync(w, id, ['echo', 'hi'])).toEqual({ exitCode: 0, output: 'hi\n', timedOut: false });
  });

  function collect(session: StreamSession): { out: () => string; code: () => number | undefined } {
    let out = '';
    let code: number | undefined;
    session.onOutput((stream, data) => (out += stream === 'stderr' ? `<${data}>` : data));
    session.onExit((c) => (code = c));
    return { out: () => out, code: () => code };
  }

  it('an exec session takes stdin and streams stdout and stderr', () => {
    const { w, id } = running();
    const session = w.containerd.runtime.exec(id, ['cat'], { tty: false, stdin: true });
    if ('error' in session) throw new Error(session.error);
    const seen = collect(session);
    session.stdin.push('hello\n');
    w.clock.advance(10);
    expect(seen.out()).toBe('hello\n');
    session.stdin.end();
    w.clock.advance(10);
    expect(seen.code()).toBe(0);
    expect(session.process?.exited).toEqual({ code: 0 });
  });

  it('with a tty, output is merged and Ctrl-C interrupts the command', () => {
    const { w, id } = running();
    const session = w.containerd.runtime.exec(id, ['write', 'a\\n', 'err:b\\n'], { tty: true, stdin: true });
    if ('error' in session) throw new Error(session.error);
    const seen = collect(session);
    w.clock.advance(5000);
    expect(seen.out()).toBe('a\r\nb\r\n');
    const sleeper = w.containerd.runtime.exec(id, ['sleep', '100'], { tty: true, stdin: true });
    if ('error' in sleeper) throw new Error(sleeper.error);
    const interrupted = collect(sleeper);
    w.clock.advance(10);
    sleeper.stdin.push('\x03');
    w.clock.advance(10);
    expect(interrupted.code()).toBe(130);
    expect(w.containerd.runtime.containerStatus(id)?.state).toBe('running');
  });

  it('attach streams PID 1\'s output and feeds its stdin; with stdinOnce, closing ends it', () => {
    const w = runtimeWorld();
    const image = w.pull('kubeplay/box:1');
    const sandbox = w.sandbox();
    const once = w.run(sandbox, { image, command: ['cat'], stdin: true, stdinOnce: true });
    const kept = w.run(sandbox, { image, command: ['cat'], stdin: true, name: 'kept' });
    w.clock.advance(10);
    for (const { id } of [once, kept]) {
      const session = w.containerd.runtime.attach(id);
      if ('error' in session) throw new Error(session.error);
      const seen = collect(session);
      session.stdin.push('ping\n');
      w.clock.advance(10);
      expect(seen.out()).toBe('ping\n');
      session.stdin.end();
      w.clock.advance(10);
    }
    expect(w.containerd.runtime.containerStatus(once.id)).toMatchObject({ state: 'exited', exitCode: 0 });
    expect(w.containerd.runtime.containerStatus(kept.id)?.state).toBe('running');
    expect(w.logText(once.id)).toEqual(['stdout: ping']);
  });

  it('attach to a container without stdin only watches', () => {
    const { w, id } = running();
    const session = w.containerd.runtime.attach(id);
    if ('error' in session) throw new Error(session.error);
    const seen = collect(session);
    session.stdin.push('ignored\n');
    w.kernel.signal(w.containerd.runtime.namespaceOf(id)!.init!, 'SIGKILL');
    w.clock.advance(10);
    expect(seen.out()).toBe('');
    expect(seen.code()).toBe(137);
  });
});
