import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_PROCESSES, SLICE_MS, type Program } from './kernel';
import { sys, SignalInterrupt, SysError } from './syscalls';
import { TtyFile } from './files';
import { Latch } from './latch';
import { Netns } from './net';
import { testBox } from './testkit';

const write = (fd: number, s: string) => sys.write(fd, s);

/** Tiny programs standing in for the real userland. */
const programs: Record<string, Program> = {
  *echo(p) {
    yield* write(1, `${p.argv.slice(1).join(' ')}\n`);
    return 0;
  },
  *sleep(p) {
    yield* sys.sleep(Number(p.argv[1]) * 1000);
    return 0;
  },
  *cat() {
    for (;;) {
      const chunk = yield* sys.read(0);
      if (chunk === null) return 0;
      yield* write(1, chunk);
    }
  },
  *spin() {
    for (;;) yield* sys.tick();
  },
  *trapper(p) {
    p.signal('SIGTERM', 'catch');
    try {
      yield* sys.pause();
    } catch (e) {
      if (e instanceof SignalInterrupt) {
        yield* write(1, `got ${e.signal}\n`);
        return 0;
      }
      throw e;
    }
    return 1;
  },
  /** `pipeline a b`: runs `echo a b | cat` and waits for both. */
  *pipeline(p) {
    const [r, w] = p.pipe();
    const left = p.spawn(['echo', ...p.argv.slice(1)], { fds: [0, w, 2] });
    const right = p.spawn(['cat'], { fds: [r, 1, 2] });
    p.close(r);
    p.close(w);
    yield* sys.wait(left);
    return (yield* sys.wait(right)).code;
  },
  *forkbomb(p) {
    for (;;) {
      try {
        p.spawn(['sleep', '100']);
      } catch (e) {
        if (e instanceof SysError) {
          yield* write(2, `sh: can't fork: ${e.message}\n`);
          return 2;
        }
        throw e;
      }
      yield* sys.tick();
    }
  },
  *server(p) {
    const listener = p.listen(80);
    const conn = yield* sys.accept(listener);
    const request = yield* sys.read(conn);
    yield* write(conn, `echo:${request}`);
    p.close(conn);
    return 0;
  },
  *client(p) {
    try {
      const fd = yield* sys.connect(p.argv[1]!, Number(p.argv[2]), Number(p.argv[3] ?? 1000));
      yield* write(fd, 'hello');
      const reply = yield* sys.read(fd);
      yield* write(1, `${reply}\n`);
      return 0;
    } catch (e) {
      if (e instanceof SysError) {
        yield* write(2, `${e.message}\n`);
        return 1;
      }
      throw e;
    }
  },
};

describe('kernel', () => {
  it('runs a program to completion and captures its output', () => {
    const box = testBox({ programs });
    const run = box.run(['echo', 'hello', 'world']);
    box.clock.runUntilQuiet();
    expect(run.stdout()).toBe('hello world\n');
    expect(run.status()).toEqual({ code: 0 });
  });

  it('sleeps in simulated time', () => {
    const box = testBox({ programs });
    const run = box.run(['sleep', '30']);
    box.clock.advance(29_999);
    expect(run.status()).toBeUndefined();
    box.clock.advance(1);
    expect(run.status()).toEqual({ code: 0 });
  });

  it('connects a pipeline: the reader sees end of file when the writer exits', () => {
    const box = testBox({ programs });
    const run = box.run(['pipeline', 'a', 'b']);
    box.clock.runUntilQuiet();
    expect(run.stdout()).toBe('a b\n');
    expect(run.status()).toEqual({ code: 0 });
    expect(box.ns.processes.size).toBe(0);
  });

  it('PID 1 without a handler ignores SIGTERM but not SIGKILL', () => {
    const box = testBox({ programs });
    const run = box.run(['sleep', '3600']);
    box.clock.advance(10);
    expect(run.proc.pid).toBe(1);
    box.kernel.signal(run.proc, 'SIGTERM');
    box.clock.advance(1000);
    expect(run.status()).toBeUndefined();
    box.kernel.signal(run.proc, 'SIGKILL');
    expect(run.status()).toEqual({ code: 137, signal: 'SIGKILL' });
  });

  it('a process that is not PID 1 dies of SIGTERM; its namespace dies with PID 1', () => {
    const box = testBox({ programs });
    const init = box.run(['sleep', '3600']);
    const other = box.run(['sleep', '3600']);
    box.clock.advance(10);
    box.kernel.signal(other.proc, 'SIGTERM');
    expect(other.status()).toEqual({ code: 143, signal: 'SIGTERM' });
    const third = box.run(['sleep', '3600']);
    box.clock.advance(10);
    box.kernel.signal(init.proc, 'SIGKILL');
    expect(third.status()).toEqual({ code: 137, signal: 'SIGKILL' });
  });

  it('delivers a caught signal at the yield', () => {
    const box = testBox({ programs });
    const run = box.run(['trapper']);
    box.clock.advance(100);
    box.kernel.signal(run.proc, 'SIGTERM');
    box.clock.runUntilQuiet();
    expect(run.stdout()).toBe('got SIGTERM\n');
    expect(run.status()).toEqual({ code: 0 });
  });

  it('slices a busy loop: the clock moves on and SIGINT stops it', () => {
    const box = testBox({ programs });
    box.run(['sleep', '3600']);
    const spin = box.run(['spin']);
    box.clock.advance(1000);
    expect(spin.status()).toBeUndefined();
    expect(box.clock.now()).toBe(1000);
    expect(box.clock.executed).toBeLessThan(1000 / SLICE_MS + 50);
    box.kernel.signal(spin.proc, 'SIGINT');
    expect(spin.status()).toEqual({ code: 130, signal: 'SIGINT' });
  });

  it('a fork loop meets the pids limit and the simulation stays responsive', () => {
    const box = testBox({ programs });
    const bomb = box.run(['forkbomb']);
    box.clock.advance(60_000);
    expect(bomb.stderr()).toBe("sh: can't fork: Resource temporarily unavailable\n");
    expect(bomb.status()).toEqual({ code: 2 });
  });

  it('reports an unknown command as ENOENT from spawn', () => {
    const box = testBox({ programs });
    expect(() => box.run(['nope'])).toThrow(new SysError('ENOENT'));
  });

  it('runs #! scripts through their interpreter', () => {
    const box = testBox({ programs, files: { '/usr/bin/hello': { file: '#!/bin/echo from-script\n', mode: 0o755 } } });
    const run = box.run(['hello', 'x'], { env: { PATH: '/usr/bin:/bin' } });
    box.clock.runUntilQuiet();
    expect(run.stdout()).toBe('from-script /usr/bin/hello x\n');
  });

  it('TCP: a server accepts, a client gets the reply; nobody listening is connection refused', () => {
    const box = testBox({ programs, ip: '10.244.1.5' });
    box.run(['sleep', '3600']); // PID 1: the server's exit must not take the namespace down
    const server = box.run(['server']);
    box.clock.advance(1);
    const client = box.run(['client', '10.244.1.5', '80']);
    box.clock.runUntilQuiet();
    expect(client.stdout()).toBe('echo:hello\n');
    expect(server.status()).toEqual({ code: 0 });
    const refused = box.run(['client', '127.0.0.1', '8080']);
    box.clock.runUntilQuiet();
    expect(refused.stderr()).toBe('Connection refused\n');
    const nowhere = box.run(['client', '10.9.9.9', '80']);
    box.clock.advance(999);
    expect(nowhere.status()).toBeUndefined();
    box.clock.advance(1);
    expect(nowhere.stderr()).toBe('Connection timed out\n');
    // On a directly connected network, an address nobody has fails ARP: "No route to host" after 3 s.
    box.ns.netns.addRoute({ to: '10.244.1.0/24', dev: 'eth0', scope: 'link', src: '10.244.1.5' });
    const gone = box.run(['client', '10.244.1.9', '80', '10000']);
    box.clock.advance(2999);
    expect(gone.status()).toBeUndefined();
    box.clock.advance(1);
    expect(gone.stderr()).toBe('No route to host\n');
  });

  it('a writer whose reader has gone dies of SIGPIPE without seeing EPIPE; ignoring SIGPIPE gets EPIPE', () => {
    const box = testBox({
      programs: {
        ...programs,
        *yes(p) {
          if (p.argv[1] !== 'ignore') for (;;) yield* write(1, 'y\n');
          p.signal('SIGPIPE', 'ignore');
          try {
            for (;;) yield* write(1, 'y\n');
          } catch (e) {
            if (e instanceof SysError) {
              yield* write(2, `yes: ${e.message}\n`);
              return 1;
            }
            throw e;
          }
        },
        *first(p) {
          const [r, w] = p.pipe();
          const writer = p.spawn(['yes', ...p.argv.slice(1)], { fds: [0, w, 2] });
          p.close(w);
          yield* sys.read(r);
          p.close(r);
          const status = yield* sys.wait(writer);
          yield* write(1, `${status.code} ${status.signal ?? '-'}\n`);
          return 0;
        },
      },
    });
    box.run(['sleep', '3600']);
    const quiet = box.run(['first']);
    box.clock.advance(1000);
    expect(quiet.stdout()).toBe('141 SIGPIPE\n');
    expect(quiet.stderr()).toBe('');
    const ignoring = box.run(['first', 'ignore']);
    box.clock.advance(1000);
    expect(ignoring.stdout()).toBe('1 -\n');
    expect(ignoring.stderr()).toBe('yes: Broken pipe\n');
  });

  it('reads stdin to end of file', () => {
    const box = testBox({ programs });
    const run = box.run(['cat'], { stdin: 'one\ntwo\n' });
    box.clock.runUntilQuiet();
    expect(run.stdout()).toBe('one\ntwo\n');
  });
});

describe('kernel: built-in programs', () => {
  it('a process forks a child running given code, with the descriptors it passes', () => {
    const box = testBox({
      programs: {
        *parent(p) {
          const child = p.spawn(p.argv, {
            fds: [0, 1, 2],
            program: function* (c) {
              yield* write(1, `child ${c.pid} of ${c.ppid} runs ${c.argv.join(' ')}\n`);
              return 4;
            },
          });
          return (yield* sys.wait(child)).code;
        },
      },
    });
    const run = box.run(['parent', 'x']);
    box.clock.runUntilQuiet();
    expect(run.stdout()).toBe('child 2 of 1 runs parent x\n');
    expect(run.status()).toEqual({ code: 4 });
  });

  it('runs a program given as code, without a file on disk', () => {
    const box = testBox({ programs });
    let out = '';
    const proc = box.kernel.spawn(box.ns, ['probe'], {
      program: function* () {
        yield* sys.sleep(5);
        return 3;
      },
    });
    proc.onExit((s) => (out = `exit ${s.code}`));
    box.clock.advance(10);
    expect(out).toBe('exit 3');
  });

  it('tells a program itself when it has ended, even by a signal it cannot catch', () => {
    const box = testBox({ programs });
    const ended: string[] = [];
    const proc = box.kernel.spawn(box.ns, ['waiter'], {
      program: function* (self) {
        self.onExit((s) => ended.push(`${s.code} ${s.signal ?? ''}`));
        yield* sys.sleep(60_000);
        return 0;
      },
    });
    box.clock.advance(10);
    expect(ended).toEqual([]);
    box.kernel.signal(proc, 'SIGKILL');
    box.clock.advance(10);
    expect(ended).toEqual(['137 SIGKILL']);
  });
});

describe('kernel: waiting for the host (sys.until)', () => {
  /** Waits for `latch`, then says when it went on; Ctrl-C ends the wait with 130. */
  const waiterFor = (latch: Latch): Program =>
    function* (p) {
      p.signal('SIGINT', 'catch');
      try {
        yield* sys.until(latch);
      } catch (e) {
        if (e instanceof SignalInterrupt) return 130;
        throw e;
      }
      yield* write(1, `went on at ${p.now()}\n`);
      return 0;
    };

  it('blocks with nothing scheduled until the host opens the latch, then goes on at that instant', () => {
    const latch = new Latch();
    const box = testBox({ programs: { waiter: waiterFor(latch) } });
    const run = box.run(['waiter']);
    box.clock.runUntilQuiet();
    expect(run.status()).toBeUndefined();
    expect(run.proc.info().state).toBe('S');
    box.clock.advance(5000);
    latch.open();
    box.clock.runUntilQuiet();
    expect(run.stdout()).toBe('went on at 5000\n');
    expect(run.status()).toEqual({ code: 0 });
    // Open stays open: the next wait returns at once.
    const again = box.run(['waiter']);
    box.clock.runUntilQuiet();
    expect(again.stdout()).toBe('went on at 5000\n');
  });

  it('a signal ends the wait, and opening the latch later no longer wakes that process', () => {
    const latch = new Latch();
    const box = testBox({ programs: { waiter: waiterFor(latch) } });
    const run = box.run(['waiter']);
    box.clock.runUntilQuiet();
    box.kernel.signal(run.proc, 'SIGINT');
    box.clock.runUntilQuiet();
    expect(run.status()).toEqual({ code: 130 });
    latch.open();
    box.clock.runUntilQuiet();
    expect(run.stdout()).toBe('');
  });
});

describe('kernel: SIGCHLD ignored', () => {
  it('reaps the children of a parent that ignores SIGCHLD: no zombies pile up', () => {
    const box = testBox({ programs });
    const parent = box.kernel.spawn(box.ns, ['server'], {
      program: function* (p) {
        p.signal('SIGCHLD', 'ignore');
        for (let i = 0; i < 3; i++) p.spawn(['echo', String(i)]);
        yield* sys.sleep(100);
        return 0;
      },
    });
    box.clock.advance(50);
    expect(parent.zombies?.size ?? 0).toBe(0);
    expect(parent.children?.size ?? 0).toBe(0);
  });
});

describe('kernel: waits with a deadline', () => {
  const waiter = (ms: number): Program =>
    function* (p) {
      const child = p.spawn(['sleep', p.argv[1]!]);
      try {
        const status = yield* sys.wait(child, ms);
        yield* write(1, `exited ${status.code}\n`);
      } catch (e) {
        if (!(e instanceof SysError)) throw e;
        yield* write(1, `${e.errno}\n`);
        p.kill(child, 'SIGTERM');
        yield* write(1, `then ${(yield* sys.wait(child)).code}\n`);
      }
      return 0;
    };

  it('reaps a child that exits before the deadline, and the deadline never fires later', () => {
    const box = testBox({ programs: { ...programs, waiter: waiter(5000) } });
    const run = box.run(['waiter', '1']);
    box.clock.advance(10_000);
    expect(run.stdout()).toBe('exited 0\n');
    expect(run.status()).toEqual({ code: 0 });
  });

  it('fails with ETIMEDOUT when the child is still running at the deadline', () => {
    const box = testBox({ programs: { ...programs, waiter: waiter(2000) } });
    const run = box.run(['waiter', '60']);
    box.clock.advance(1999);
    expect(run.stdout()).toBe('');
    box.clock.advance(1);
    expect(run.stdout()).toBe('ETIMEDOUT\nthen 143\n');
  });
});

describe('kernel: reads with a deadline', () => {
  it('a deadline that was met never fires later into whatever the process does next', () => {
    const box = testBox({
      programs: {
        *reader(p) {
          const [r, w] = p.pipe();
          p.spawn(['writer'], { fds: [0, w, 2] });
          p.close(w);
          const first = yield* sys.read(r, 1000);
          yield* sys.write(1, `got ${first}\n`);
          yield* sys.sleep(5000); // the old deadline passes while sleeping
          yield* sys.write(1, 'slept\n');
          return 0;
        },
        *writer() {
          yield* sys.sleep(10);
          yield* sys.write(1, 'data');
          return 0;
        },
      },
    });
    const run = box.run(['reader']);
    box.clock.advance(6000);
    expect(run.stdout()).toBe('got data\nslept\n');
    expect(run.status()).toEqual({ code: 0 });
  });

  it('times out when nothing arrives', () => {
    const box = testBox({
      programs: {
        *reader(p) {
          const [r] = p.pipe();
          try {
            yield* sys.read(r, 1000);
          } catch (e) {
            yield* sys.write(1, `${(e as SysError).errno} at ${p.now()}\n`);
          }
          return 0;
        },
      },
    });
    const run = box.run(['reader']);
    box.clock.advance(2000);
    expect(run.stdout()).toBe('ETIMEDOUT at 1000\n');
  });
});

describe('network: inline exchanges', () => {
  /** Answers `n:<request>` both inline and over a connection, counting requests in one place. */
  const counting: Record<string, Program> = {
    ...programs,
    *counter(p) {
      let n = 0;
      const answer = (request: string): string => `${++n}:${request}`;
      const listener = p.listen(80);
      p.respondInline(listener, (request) => answer(request));
      for (;;) {
        const conn = yield* sys.accept(listener);
        const request = yield* sys.read(conn);
        yield* sys.write(conn, answer(request ?? ''));
        p.close(conn);
      }
    },
  };

  it('an idle server answers inline with the same state as over a connection', () => {
    const box = testBox({ programs: counting, ip: '10.244.1.5' });
    box.run(['sleep', '3600']);
    box.run(['counter']);
    box.clock.advance(1);
    const host = new Netns('host', ['192.168.1.131']);
    expect(box.network.exchange(host, '10.244.1.5', 80, 'a')).toBe('1:a');
    const client = box.run(['client', '10.244.1.5', '80']);
    box.clock.runUntilQuiet();
    expect(client.stdout()).toBe('2:hello\n');
    expect(box.network.exchange(host, '10.244.1.5', 80, 'b')).toBe('3:b');
  });

  it('falls back (undefined) when nothing listens, nothing routes there, or the server has no responder', () => {
    const box = testBox({ programs: counting, ip: '10.244.1.5' });
    box.run(['sleep', '3600']);
    const host = new Netns('host', ['192.168.1.131']);
    expect(box.network.exchange(host, '10.244.1.5', 80, 'a')).toBeUndefined();
    box.run(['server']);
    box.clock.advance(1);
    expect(box.network.exchange(host, '10.244.1.5', 80, 'a')).toBeUndefined();
    expect(box.network.exchange(host, '10.9.9.9', 80, 'a')).toBeUndefined();
  });
});

describe('kernel: CPU share per namespace', () => {
  it('processes that keep replacing each other at the pids limit make time pass like a busy CPU', () => {
    const box = testBox({
      programs: {
        ...programs,
        /** Starts two copies of itself and exits: the shape of `f() { f | f & }; f`. */
        *churn(p) {
          for (let i = 0; i < 2; i++) {
            try {
              p.spawn(['churn']);
            } catch (e) {
              if (!(e instanceof SysError)) throw e;
            }
          }
          yield* sys.tick();
          return 0;
        },
      },
    });
    box.run(['sleep', '3600']);
    box.run(['churn']);
    const before = box.clock.executed;
    let most = 0;
    for (let ms = 0; ms < 1000; ms++) {
      box.clock.advance(1);
      most = Math.max(most, box.ns.processes.size);
    }
    expect(box.clock.now()).toBe(1000);
    expect(most).toBe(DEFAULT_MAX_PROCESSES);
    // Bounded work per simulated millisecond, whatever the processes do.
    expect(box.clock.executed - before).toBeLessThan(100_000);
  });
});

describe('network: source addresses', () => {
  it('the most specific route picks the source: own pods from cni0, other pods from flannel.1, the rest from the node IP', () => {
    const host = new Netns('worker01', ['192.168.1.131']);
    host.addInterface({ index: 2, name: 'ens33', address: '192.168.1.131', prefix: 24, mac: '02:00:00:00:00:01', mtu: 1500 });
    host.addInterface({ index: 3, name: 'cni0', address: '10.244.1.1', prefix: 24, mac: '02:00:00:00:00:02', mtu: 1450 });
    host.addInterface({ index: 4, name: 'flannel.1', address: '10.244.1.0', prefix: 32, mac: '02:00:00:00:00:03', mtu: 1450 });
    host.addRoute({ to: 'default', via: '192.168.1.2', dev: 'ens33' });
    host.addRoute({ to: '10.244.2.0/24', via: '10.244.2.0', dev: 'flannel.1', onlink: true });
    host.addRoute({ to: '10.244.1.0/24', dev: 'cni0', src: '10.244.1.1' });
    expect(host.sourceFor('10.244.1.7')).toBe('10.244.1.1');
    expect(host.sourceFor('10.244.2.7')).toBe('10.244.1.0');
    expect(host.sourceFor('192.168.1.130')).toBe('192.168.1.131');
    expect(host.addresses).toEqual(['192.168.1.131', '10.244.1.1', '10.244.1.0']);
  });
});

describe('network: UDP and ICMP echo', () => {
  const udpPrograms: Record<string, Program> = {
    ...programs,
    /** Answers every datagram on port 53 with `re:<data>`. */
    *responder(p) {
      const fd = p.udp(53);
      for (;;) {
        const d = yield* sys.recvfrom(fd);
        yield* sys.sendto(fd, d.from.ip, d.from.port, `re:${d.data}`);
      }
    },
    *ask(p) {
      const fd = p.udp();
      yield* sys.sendto(fd, p.argv[1]!, 53, 'q');
      try {
        const d = yield* sys.recvfrom(fd, 5000);
        yield* write(1, `${d.data} from ${d.from.ip}:${d.from.port}\n`);
        return 0;
      } catch (e) {
        if (!(e instanceof SysError)) throw e;
        yield* write(2, `${e.errno}\n`);
        return 1;
      }
    },
    *ping(p) {
      try {
        const reply = yield* sys.echo(p.argv[1]!, 1000);
        yield* write(1, `ttl=${reply.ttl}\n`);
        return 0;
      } catch (e) {
        if (!(e instanceof SysError)) throw e;
        yield* write(2, `${e.errno}\n`);
        return 1;
      }
    },
  };

  it('a datagram reaches the socket bound on its port and the reply comes back to the sender', () => {
    const box = testBox({ programs: udpPrograms, ip: '10.244.1.5' });
    box.run(['sleep', '3600']);
    box.run(['responder']);
    box.clock.advance(1);
    const ask = box.run(['ask', '10.244.1.5']);
    box.clock.advance(10);
    expect(ask.stdout()).toBe('re:q from 10.244.1.5:53\n');
  });

  it('nobody bound on the port: ICMP port unreachable, ECONNREFUSED on receive; nobody at the address: ETIMEDOUT', () => {
    const box = testBox({ programs: udpPrograms, ip: '10.244.1.5' });
    box.run(['sleep', '3600']);
    const refused = box.run(['ask', '10.244.1.5']);
    box.clock.advance(10);
    expect(refused.stderr()).toBe('ECONNREFUSED\n');
    const lost = box.run(['ask', '10.9.9.9']);
    box.clock.advance(4999);
    expect(lost.status()).toBeUndefined();
    box.clock.advance(2);
    expect(lost.stderr()).toBe('ETIMEDOUT\n');
  });

  it('echo: TTL 64 on the same node, 63 across nodes, no reply from an address nobody owns', () => {
    const box = testBox({ programs: udpPrograms, ip: '10.244.1.5' });
    box.network.attach('10.244.1.6', new Netns('default/b', ['10.244.1.6'], box.ns.netns.node));
    box.network.attach('10.244.2.6', new Netns('default/c', ['10.244.2.6'], 'worker02'));
    box.run(['sleep', '3600']);
    const runPing = (ip: string) => {
      const run = box.run(['ping', ip]);
      box.clock.advance(1001);
      return run.stdout() || run.stderr();
    };
    expect(runPing('10.244.1.6')).toBe('ttl=64\n');
    expect(runPing('10.244.2.6')).toBe('ttl=63\n');
    expect(runPing('10.96.0.1')).toBe('ETIMEDOUT\n');
  });
});

describe('terminal line discipline', () => {
  /** A program that copies its terminal input to its output, one read at a time, `|` between reads. */
  function ttyWorld() {
    const box = testBox({
      programs: {
        *reader(p) {
          for (let eofs = 0; eofs < 2;) {
            const data = yield* sys.read(0);
            if (data === null) eofs++;
            yield* sys.write(1, data === null ? '<eof>' : `[${data}]`);
          }
          return p.isatty(0) ? 0 : 1;
        },
      },
    });
    let screen = '';
    const tty = new TtyFile((d) => (screen += d));
    const proc = box.kernel.spawn(box.ns, ['reader'], { env: { PATH: '/bin' }, files: [tty, tty, tty] });
    box.clock.advance(1);
    const type = (keys: string): string => {
      const before = screen.length;
      tty.push(keys);
      box.clock.advance(1);
      return screen.slice(before);
    };
    return { box, tty, proc, type };
  }

  it('canonical mode echoes, edits the line and delivers it on Enter; Ctrl-D is one end of file', () => {
    const { tty, proc, type } = ttyWorld();
    expect(type('helo\x7flo\x1b')).toBe('helo\b \blo^[');
    expect(type('\r')).toBe('\r\n[hello\x1b\r\n]');
    expect(type('ab\x15cd\x04')).toBe('ab\b \b\b \bcd[cd]');
    expect(type('\x04')).toBe('<eof>');
    // The end of file was for that read only: the next one waits for keys again.
    expect(proc.running).toBe(true);
    tty.raw = true;
    expect(type('x\x7f\r\x04')).toBe('[x\x7f\r\x04]');
    tty.raw = false;
    expect(type('\x04')).toBe('<eof>');
    expect(proc.exited).toEqual({ code: 0 });
  });

  it('Ctrl-C throws away what was typed ahead and signals the foreground group', () => {
    const { tty, type } = ttyWorld();
    const keys: string[] = [];
    tty.signalForeground = (key) => keys.push(key);
    expect(type('lost\x03kept\r')).toBe('lostkept\r\n[kept\r\n]');
    expect(keys).toEqual(['SIGINT']);
  });

  it('Ctrl-Z is SIGTSTP to the foreground group, and throws away what was typed ahead too', () => {
    const { tty, type } = ttyWorld();
    const keys: string[] = [];
    tty.signalForeground = (key) => keys.push(key);
    expect(type('lost\x1akept\r')).toBe('lostkept\r\n[kept\r\n]');
    expect(keys).toEqual(['SIGTSTP']);
  });

  it('has a window size; a different one sends SIGWINCH to the foreground group, the same one nothing', () => {
    /** Reports the size of its terminal each time the window changes; `-d` leaves SIGWINCH at its default. */
    const winch: Program = function* (p) {
      if (p.argv[1] !== '-d') p.signal('SIGWINCH', 'catch');
      const tty = p.file(0) as TtyFile;
      for (;;) {
        try {
          yield* sys.pause();
        } catch (e) {
          if (!(e instanceof SignalInterrupt)) throw e;
          yield* write(1, `${p.pid}:${tty.cols}x${tty.rows} `);
        }
      }
    };
    const box = testBox({ programs: { winch } });
    let screen = '';
    const tty = new TtyFile((d) => (screen += d));
    expect([tty.cols, tty.rows]).toEqual([80, 24]);
    const start = (argv: string[]) => box.kernel.spawn(box.ns, argv, { files: [tty, tty, tty], pgid: 'new' });
    // PID 1 ignores what it does not catch: keep it out of the way.
    const init = start(['winch', '-d']);
    const foreground = start(['winch']);
    const background = start(['winch']);
    const ignoring = box.kernel.spawn(box.ns, ['winch', '-d'], { files: [tty, tty, tty], pgid: foreground.pgid });
    tty.signalForeground = (signal) => box.kernel.signalGroup(box.ns, foreground.pgid, signal);
    box.clock.advance(1);
    const resize = (cols: number, rows: number): string => {
      const before = screen.length;
      tty.resize(cols, rows);
      box.clock.advance(1);
      return screen.slice(before);
    };
    expect(resize(120, 40)).toBe(`${foreground.pid}:120x40 `);
    expect(resize(120, 40)).toBe('');
    expect(resize(120, 41)).toBe(`${foreground.pid}:120x41 `);
    // SIGWINCH's default action is to do nothing: the group member that did not catch it runs on.
    expect([init, foreground, background, ignoring].map((p) => p.running)).toEqual([true, true, true, true]);
  });

  it('tells a relay when a reader starts waiting, and whether one waits now', () => {
    const { tty, type } = ttyWorld();
    expect(tty.reading).toBe(true);
    let woken = 0;
    tty.whenReading(() => woken++);
    // The line is delivered; the reader writes it, then waits again.
    type('a\r');
    expect(woken).toBe(1);
    expect(tty.reading).toBe(true);
  });
});

describe('kernel: stopping and continuing (Ctrl-Z, SIGSTOP, SIGCONT)', () => {
  /** Prints the simulated second every second, forever. */
  const ticker: Program = function* (p) {
    for (;;) {
      yield* sys.sleep(1000);
      yield* write(1, `${p.now() / 1000} `);
    }
  };
  /** Starts `argv` as its child and reports every change `wait` with `untraced` tells it. */
  const parent: Program = function* (p) {
    const child = p.spawn(p.argv.slice(1), { fds: [0, 1, 2] });
    for (;;) {
      const status = yield* sys.waitUntraced(child);
      yield* write(2, `${p.now() / 1000}:${status.stopped ? 'stopped' : 'ended'} ${status.code} ${status.signal ?? ''}\n`);
      if (!status.stopped) return 0;
    }
  };

  function world() {
    const box = testBox({ programs: { ...programs, ticker, parent } });
    box.run(['sleep', '100000']); // PID 1, out of the way: it ignores stop signals
    return box;
  }

  it('a stopped process makes no progress; SIGCONT resumes it; its parent\'s wait reports the stop once', () => {
    const box = world();
    const run = box.run(['parent', 'ticker']);
    box.clock.advance(2_500);
    const child = box.ns.processes.get(run.proc.pid + 1)!;
    box.kernel.signal(child, 'SIGTSTP');
    expect(box.ns.list().find((p) => p.pid === child.pid)?.state).toBe('T');
    box.clock.advance(5_000);
    expect(run.stdout()).toBe('1 2 ');
    expect(run.stderr()).toBe('2.5:stopped 148 SIGTSTP\n');
    box.kernel.signal(child, 'SIGCONT');
    box.clock.advance(1_000);
    // The second that ran out while it was stopped is taken at once, as nanosleep's deadline is.
    expect(run.stdout()).toBe('1 2 7.5 8.5 ');
    box.kernel.signal(child, 'SIGSTOP');
    box.clock.advance(1);
    // SIGKILL still kills a stopped process.
    box.kernel.signal(child, 'SIGKILL');
    box.clock.advance(1);
    expect(run.stderr()).toBe('2.5:stopped 148 SIGTSTP\n8.5:stopped 147 SIGSTOP\n8.501:ended 137 SIGKILL\n');
  });

  it('a stopped process takes other signals when it continues; a plain wait does not see the stop', () => {
    const box = world();
    const run = box.run(['sleep', '100']);
    box.clock.advance(1_000);
    box.kernel.signal(run.proc, 'SIGSTOP');
    box.kernel.signal(run.proc, 'SIGTERM');
    box.clock.advance(1_000);
    expect(run.status()).toBeUndefined();
    box.kernel.signal(run.proc, 'SIGCONT');
    expect(run.status()).toEqual({ code: 143, signal: 'SIGTERM' });
    const waiter = box.run(['pipeline', 'a']);
    box.clock.advance(1);
    expect(waiter.stdout()).toBe('a\n');
  });

  it('PID 1 is not stopped by a stop signal it does not handle', () => {
    const box = testBox({ programs });
    const init = box.run(['sleep', '2']);
    box.kernel.signal(init.proc, 'SIGTSTP');
    box.clock.advance(2_000);
    expect(init.status()).toEqual({ code: 0 });
  });
});
