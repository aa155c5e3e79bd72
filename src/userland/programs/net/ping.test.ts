import { describe, expect, it } from 'vitest';
import { clientWorld } from './clients.testkit';

function world() {
  const w = clientWorld({ '/bin/ping': 'busybox:ping', '/usr/bin/ping': 'iputils:ping' }, {
    '/etc/hosts': '127.0.0.1\tlocalhost\n10.244.1.6\tneighbour\n',
  });
  w.host('10.244.1.6');
  w.host('10.244.2.6', 'worker02');
  return w;
}

/** Replaces the measured times (seeded, sub-millisecond) so the layout can be compared. */
const times = (text: string) => text.replace(/\b\d+\.\d{3}\b(?!\.)/g, 'T');

describe('busybox ping', () => {
  it('-c 2 to a pod on the same node: ttl 64, one echo per second, the summary, exit 0', () => {
    const w = world();
    const start = w.box.clock.now();
    const run = w.run(['/bin/ping', '-c', '2', '10.244.1.6']);
    expect(times(run.stdout)).toBe(
      'PING 10.244.1.6 (10.244.1.6): 56 data bytes\n'
      + '64 bytes from 10.244.1.6: seq=0 ttl=64 time=T ms\n'
      + '64 bytes from 10.244.1.6: seq=1 ttl=64 time=T ms\n'
      + '\n--- 10.244.1.6 ping statistics ---\n'
      + '2 packets transmitted, 2 packets received, 0% packet loss\n'
      + 'round-trip min/avg/max = T/T/T ms\n',
    );
    expect(run.code).toBe(0);
    expect(w.box.clock.now() - start).toBe(1000);
    const [min, avg, max] = /= (\S+)\/(\S+)\/(\S+) ms/.exec(run.stdout)!.slice(1).map(Number);
    expect(min! <= avg! && avg! <= max! && max! < 1).toBe(true);
  });

  it('across nodes the reply has ttl 63; a name is shown as typed', () => {
    const w = world();
    expect(w.run(['/bin/ping', '-c', '1', '10.244.2.6']).stdout).toContain('seq=0 ttl=63 ');
    expect(w.run(['/bin/ping', '-c', '1', 'neighbour']).stdout).toMatch(/^PING neighbour \(10\.244\.1\.6\): 56 data bytes\n/);
  });

  it('a ClusterIP never answers: Ctrl-C prints the loss and exits 1', () => {
    const w = world();
    const run = w.box.run(['/bin/ping', '10.96.0.10']);
    w.box.clock.advance(2500);
    w.box.kernel.signal(run.proc, 'SIGINT');
    w.box.clock.advance(1);
    expect(run.stdout()).toBe(
      'PING 10.96.0.10 (10.96.0.10): 56 data bytes\n'
      + '\n--- 10.96.0.10 ping statistics ---\n'
      + '3 packets transmitted, 0 packets received, 100% packet loss\n',
    );
    expect(run.status()).toEqual({ code: 1 });
  });

  it('-c 2 -W 1 with no answer gives up a second after the last echo; -w ends at the deadline', () => {
    const w = world();
    let start = w.box.clock.now();
    expect(w.run(['/bin/ping', '-c', '2', '-W', '1', '10.96.0.10']).code).toBe(1);
    expect(w.box.clock.now() - start).toBe(2000);
    start = w.box.clock.now();
    const run = w.run(['/bin/ping', '-q', '-w', '3', '10.244.1.6']);
    expect(w.box.clock.now() - start).toBe(3000);
    expect(run.stdout).toMatch(/^PING [^\n]*\n\n--- 10.244.1.6 ping statistics ---\n3 packets transmitted, 3 packets received, 0% packet loss\n/);
    expect(run.code).toBe(0);
  });

  it('an unknown host', () => {
    expect(world().run(['/bin/ping', 'nope'])).toEqual({ stdout: '', stderr: "ping: bad address 'nope'\n", code: 1 });
  });
});

describe('iputils ping', () => {
  it('counts from icmp_seq=1 and sums up with the time and mdev', () => {
    const run = world().run(['/usr/bin/ping', '-c', '2', '10.244.1.6']);
    expect(times(run.stdout)).toBe(
      'PING 10.244.1.6 (10.244.1.6) 56(84) bytes of data.\n'
      + '64 bytes from 10.244.1.6: icmp_seq=1 ttl=64 time=T ms\n'
      + '64 bytes from 10.244.1.6: icmp_seq=2 ttl=64 time=T ms\n'
      + '\n--- 10.244.1.6 ping statistics ---\n'
      + '2 packets transmitted, 2 received, 0% packet loss, time 1000ms\n'
      + 'rtt min/avg/max/mdev = T/T/T/T ms\n',
    );
  });

  it('no reply: 100% loss, an empty line instead of the rtt line, exit 1', () => {
    const run = world().run(['/usr/bin/ping', '-c', '3', '-W', '1', '10.96.0.10']);
    expect(run.stdout.split('\n').slice(-4)).toEqual(['--- 10.96.0.10 ping statistics ---', '3 packets transmitted, 0 received, 100% packet loss, time 3000ms', '', '']);
    expect(run.code).toBe(1);
  });

  it('a name no server can answer for (no DNS here): exit 2', () => {
    expect(world().run(['/usr/bin/ping', 'nope'])).toEqual({ stdout: '', stderr: 'ping: nope: Temporary failure in name resolution\n', code: 2 });
  });
});
