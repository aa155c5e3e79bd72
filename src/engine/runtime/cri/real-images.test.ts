/**
 * The runtime with real catalogue images and the real userland (busybox sh and applets): the
 * node-side behaviour the tutorial relies on, as it emerges from the programs and the kernel.
 */
import { describe, expect, it } from 'vitest';
import { imageCatalog } from '../images/catalog';
import type { ContainerStatus, ExecSyncResult } from './types';
import { runtimeWorld } from './testkit';

function busybox(command: string[], options: { stdin?: boolean; tty?: boolean } = {}) {
  const w = runtimeWorld({ catalog: imageCatalog });
  const { id, started } = w.run(w.sandbox({ hostname: 'bb' }), { image: w.pull('busybox:1.36'), command, stdin: options.stdin ?? false, tty: options.tty ?? false });
  expect(started).toEqual({ ok: true });
  return { w, id, runtime: w.containerd.runtime };
}

describe('busybox', () => {
  it('with no command runs sh, which finds no input and exits 0 (the CrashLoopBackOff of `kubectl run b --image=busybox`)', () => {
    const { w, id } = busybox([]);
    expect(w.waitExit(id, 1000)).toMatchObject({ exitCode: 0, reason: 'Completed' });
  });

  it('sh -c as PID 1 ignores SIGTERM, so a stop takes the whole grace period and ends in SIGKILL (137)', () => {
    const { w, id, runtime } = busybox(['sh', '-c', 'echo started; sleep 3600']);
    w.clock.advance(2000);
    const stoppedAt = w.clock.now();
    let final: ContainerStatus | undefined;
    runtime.stopContainer(id, 30, (s) => (final = s));
    w.clock.advance(29_900);
    expect(runtime.containerStatus(id)?.state).toBe('running');
    w.clock.runUntil(() => final !== undefined);
    expect(final).toMatchObject({ exitCode: 137, reason: 'Error', finishedAt: stoppedAt + 30_000 });
    expect(w.logText(id)).toEqual(['stdout: started']);
  });

  it('a shell that traps TERM exits as soon as its foreground command is done', () => {
    const { w, id, runtime } = busybox(['sh', '-c', 'trap "echo bye; exit 0" TERM; while true; do sleep 1; done']);
    w.clock.advance(2500);
    const stoppedAt = w.clock.now();
    let final: ContainerStatus | undefined;
    runtime.stopContainer(id, 30, (s) => (final = s));
    w.clock.runUntil(() => final !== undefined);
    expect(final).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(final!.finishedAt! - stoppedAt).toBeLessThanOrEqual(1000);
    expect(w.logText(id)).toEqual(['stdout: bye']);
  });

  it('liveness-exec: `cat /tmp/healthy` succeeds for 30 s, then fails with busybox\'s message', () => {
    const { w, id, runtime } = busybox(['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600']);
    const probe = (): ExecSyncResult | { error: string } => {
      let result: ExecSyncResult | { error: string } | undefined;
      runtime.execSync(id, ['cat', '/tmp/healthy'], 1000, (r) => (result = r));
      w.clock.runUntil(() => result !== undefined, 5000);
      return result!;
    };
    w.clock.advance(5000);
    expect(probe()).toEqual({ exitCode: 0, output: '', timedOut: false });
    w.clock.advance(30_000);
    expect(probe()).toEqual({ exitCode: 1, output: "cat: can't open '/tmp/healthy': No such file or directory\n", timedOut: false });
  });

  it('`kubectl run -it`: an attached terminal talks to sh as PID 1', () => {
    const { w, id, runtime } = busybox([], { stdin: true, tty: true });
    w.clock.advance(100);
    const session = runtime.attach(id);
    if ('error' in session) throw new Error(session.error);
    let screen = '';
    session.onOutput((_, data) => (screen += data));
    session.stdin.push('hostname\n');
    w.clock.advance(100);
    expect(screen).toContain('bb\r\n');
    session.stdin.push('exit 3\n');
    expect(w.waitExit(id, 1000)).toMatchObject({ exitCode: 3, reason: 'Error' });
  });

  it('`kubectl exec` into a running busybox: env and ps see the container', () => {
    const { w, id, runtime } = busybox(['sleep', '3600']);
    w.clock.advance(100);
    const session = runtime.exec(id, ['sh', '-c', 'echo $HOSTNAME; ps'], { tty: false, stdin: false });
    if ('error' in session) throw new Error(session.error);
    let out = '';
    let code: number | undefined;
    session.onOutput((_, data) => (out += data));
    session.onExit((c) => (code = c));
    w.clock.runUntil(() => code !== undefined, 1000);
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toBe('bb');
    expect(lines.some((l) => /^\s*1 root .*sleep 3600$/.test(l))).toBe(true);
  });
});
