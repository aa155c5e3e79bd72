import { describe, expect, it } from 'vitest';
import { PidNamespace, type HostRole, type Program, type ProcessInfo } from './kernel';
import { Netns } from './net';
import { sys } from './syscalls';
import { testBox } from './testkit';

/** Tiny programs standing in for the real userland. */
const programs: Record<string, Program> = {
  *sleep(p) {
    yield* sys.sleep(Number(p.argv[1]) * 1000);
    return 0;
  },
  *forker(p) {
    p.spawn(['sleep', '100']);
    yield* sys.sleep(100_000);
    return 0;
  },
  *terminable(p) {
    p.signal('SIGTERM', 'catch');
    try {
      yield* sys.pause();
    } catch {
      return 0;
    }
    return 0;
  },
  *threaded(p) {
    p.setTitle('threaded: main');
    p.spawn(p.argv, {
      thread: true,
      *program() {
        yield* sys.sleep(100_000);
        return 0;
      },
    });
    yield* sys.sleep(100_000);
    return 0;
  },
  *killer(p) {
    p.kill(Number(p.argv[1]), 'SIGKILL');
    yield* sys.tick();
    return 0;
  },
};

const SHIM_PID = 900;
const shim: ProcessInfo = { pid: SHIM_PID, ppid: 1, pgid: SHIM_PID, argv: ['containerd-shim-runc-v2'], startedAt: 0, state: 'S' };

/** A node (namespace `box` on node `test`) whose host role lets the test see what the kernel asks. */
function nodeWithContainer() {
  const box = testBox({ programs });
  const adopted: string[] = [];
  const role: HostRole = {
    adopt(guest) {
      adopted.push(guest.name);
      return SHIM_PID;
    },
    standIns: () => [shim],
    loginParent: 800,
  };
  box.kernel.registerHost(box.ns, role);
  box.ns.skipPids(1000);
  const container = (name: string): PidNamespace =>
    new PidNamespace(name, name, box.ns.fs, box.ns.programs, new Netns(name, [], 'test'));
  const env = { env: { PATH: '/bin' } };
  return { box, adopted, container, env };
}

const pidsOf = (infos: readonly ProcessInfo[]): [number, number, string][] =>
  infos.map((p): [number, number, string] => [p.pid, p.ppid, p.argv.join(' ')]).sort((a, b) => a[0] - b[0]);

describe('a node host namespace and the containers nested in it', () => {
  it('sees every container process under a host PID from its own counter; a container sees only its own PIDs', () => {
    const { box, adopted, container, env } = nodeWithContainer();
    const login = box.run(['sleep', '100']);
    const web = container('web');
    box.kernel.spawn(web, ['forker'], env);
    box.clock.advance(1);
    expect(adopted).toEqual(['web']);
    expect(pidsOf(web.list())).toEqual([[1, 0, 'forker'], [2, 1, 'sleep 100']]);
    expect(pidsOf(box.ns.list())).toEqual([
      [SHIM_PID, 1, 'containerd-shim-runc-v2'],
      // Started from outside any process: shown as the login daemon's child.
      [1000, 800, 'sleep 100'],
      [1001, SHIM_PID, 'forker'],
      [1002, 1001, 'sleep 100'],
    ]);
    expect(login.proc.pid).toBe(1000);
  });

  it('signals a container process by its host PID; killing the init ends the container and leaves the host view', () => {
    const { box, container, env } = nodeWithContainer();
    const web = container('web');
    const init = box.kernel.spawn(web, ['forker'], env);
    box.clock.advance(1);
    const killer = box.run(['killer', String(init.hostPid)]);
    box.clock.advance(1);
    expect(killer.status()).toEqual({ code: 0 });
    expect(init.exited).toEqual({ code: 137, signal: 'SIGKILL' });
    expect(web.list()).toEqual([]);
    expect(pidsOf(box.ns.list())).toEqual([[SHIM_PID, 1, 'containerd-shim-runc-v2']]);
  });

  it('delivers SIGTERM from the host to a container init only when it has a handler', () => {
    const { box, container, env } = nodeWithContainer();
    const sleeper = container('sleeper');
    const catcher = container('catcher');
    const sleeping = box.kernel.spawn(sleeper, ['sleep', '100'], env);
    const catching = box.kernel.spawn(catcher, ['terminable'], env);
    box.clock.advance(1);
    const host = box.run(['sleep', '100']).proc;
    host.kill(sleeping.hostPid, 'SIGTERM');
    host.kill(catching.hostPid, 'SIGTERM');
    box.clock.advance(1);
    expect(sleeping.running).toBe(true);
    expect(catching.exited).toEqual({ code: 0 });
  });

  it('protects an init from SIGKILL sent inside its own namespace', () => {
    const { box, container, env } = nodeWithContainer();
    const web = container('web');
    const init = box.kernel.spawn(web, ['sleep', '100'], env);
    const killer = box.kernel.spawn(web, ['killer', '1'], env);
    box.clock.advance(1);
    expect(killer.exited).toEqual({ code: 0 });
    expect(init.running).toBe(true);
  });

  it('nests no namespace that says it has no parent (the kubelet goroutines) and none on another node', () => {
    const { box, container, env } = nodeWithContainer();
    const goroutines = container('kubelet');
    goroutines.parent = null;
    const elsewhere = new PidNamespace('other', 'other', box.ns.fs, box.ns.programs, new Netns('other'));
    const probe = box.kernel.spawn(goroutines, ['sleep', '100'], env);
    box.kernel.spawn(elsewhere, ['sleep', '100'], env);
    box.clock.advance(1);
    expect(probe.hostPid).toBe(probe.pid);
    expect(pidsOf(box.ns.list())).toEqual([[SHIM_PID, 1, 'containerd-shim-runc-v2']]);
  });

  it('lists a thread under its own PID, marked as one, and the title a process gave itself', () => {
    const { box, container, env } = nodeWithContainer();
    const web = container('web');
    box.kernel.spawn(web, ['threaded'], env);
    box.clock.advance(1);
    expect(web.list().map((p) => [p.pid, p.argv.join(' '), p.thread ?? false])).toEqual([[1, 'threaded: main', false], [2, 'threaded: main', true]]);
  });
});
