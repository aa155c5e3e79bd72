import { describe, expect, it } from 'vitest';
import { Netns } from '../../../engine/runtime/process';
import { testBox } from '../../../engine/runtime/process/testkit';
import { PROGRAMS } from '../index';
import { httpClient } from '../testing/http-client';
import { encodeCommand, execute, formatReply, parseCommand, parseReply } from './redis';

const IP = '10.244.3.9';
const DATE = 'Mon, 05 Jan 2026 09:00:00 GMT';

function daemonBox(files: Record<string, string> = {}) {
  const ids = ['pause', 'coredns', 'etcd', 'kube-apiserver', 'kube-scheduler', 'kube-controller-manager', 'kube-proxy', 'apache-httpd', 'redis-server', 'redis-cli', 'redis-entrypoint'];
  const programs = { ...Object.fromEntries(ids.map((id) => [id, PROGRAMS[id]!])), 'http-client': httpClient };
  const table = Object.fromEntries(Object.keys(programs).map((id) => [`/bin/${id}`, id]));
  const box = testBox({ programs, table, files, ip: IP });
  const get = (port: number, path: string, connection = 'close'): string => {
    const client = box.run(['http-client', IP, String(port), `GET ${path} HTTP/1.1\r\nHost: ${IP}:${port}\r\nUser-Agent: kube-probe/1.30\r\nConnection: ${connection}\r\n\r\n`]);
    box.clock.runUntil(() => client.status() !== undefined, 10_000);
    return client.stdout() + client.stderr();
  };
  return { box, get };
}

describe('pause', () => {
  it('waits for a signal as PID 1 and exits 0 on SIGTERM', () => {
    const { box } = daemonBox();
    const run = box.run(['pause']);
    box.clock.advance(60_000);
    expect(run.status()).toBeUndefined();
    box.kernel.signal(run.proc, 'SIGTERM');
    box.clock.advance(1);
    expect(run.stderr()).toBe('Shutting down, got signal: Terminated\n');
    expect(run.status()).toEqual({ code: 0 });
  });
});

describe('kube-system stand-ins', () => {
  it('coredns: the startup lines, /health and /ready, lameduck on SIGTERM', () => {
    const { box, get } = daemonBox();
    const run = box.run(['coredns', '-conf', '/etc/coredns/Corefile']);
    box.clock.advance(1);
    expect(run.stdout()).toBe(
      '.:53\n'
      + '[INFO] plugin/reload: Running configuration SHA512 = 591cf328cccc12bc490481273e738df59329c62c0b729d94e8b61db9961c2fa5f046dd37f1cf888b953814040d180f52594972691cd6ff41be96639138a43908\n'
      + 'CoreDNS-1.11.1\nlinux/amd64, go1.20.7, ae2bbc2\n',
    );
    expect(get(8080, '/health')).toBe(`HTTP/1.1 200 OK\r\nDate: ${DATE}\r\nContent-Length: 2\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\nOK`);
    expect(get(8181, '/ready')).toMatch(/\r\n\r\nOK$/);
    expect(box.ns.netns.listeningPorts).toEqual([53, 8080, 8181, 9153]);
    box.kernel.signal(run.proc, 'SIGTERM');
    box.clock.advance(4999);
    expect(run.status()).toBeUndefined();
    box.clock.advance(1);
    expect(run.status()).toEqual({ code: 0 });
    expect(run.stdout()).toContain('[INFO] SIGTERM: Shutting down servers then terminating\n');
    expect(box.ns.processes.size).toBe(0);
  });

  it.each([
    ['kube-apiserver', 6443, '/livez'],
    ['kube-apiserver', 6443, '/readyz'],
    ['kube-scheduler', 10259, '/healthz'],
    ['kube-controller-manager', 10257, '/healthz'],
  ])('%s answers %i %s with ok', (binary, port, path) => {
    const { box, get } = daemonBox();
    const run = box.run([binary]);
    box.clock.advance(1);
    expect(run.stderr()).toMatch(/^I0105 09:00:00\.000000 {7}1 secure_serving\.go:213\] Serving securely on /);
    expect(get(port, path)).toBe(`HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\nDate: ${DATE}\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok`);
    expect(get(port, '/nope')).toContain('404 Not Found\r\n');
    box.kernel.signal(run.proc, 'SIGTERM');
    box.clock.advance(1);
    expect(run.status()).toEqual({ code: 0 });
  });

  it('kube-proxy and etcd answer their health ports', () => {
    const { box, get } = daemonBox();
    box.run(['kube-proxy']);
    box.clock.advance(1);
    expect(get(10256, '/healthz')).toMatch(/^HTTP\/1\.1 200 OK\r\nContent-Type: application\/json\r\n[\s\S]*"nodeEligible": true}$/);
    const other = daemonBox();
    other.box.run(['etcd']);
    other.box.clock.advance(1);
    expect(other.get(2381, '/health')).toMatch(/\r\n\r\n\{"health":"true","reason":""\}$/);
  });

  it('answers a probe inline with the bytes it sends over a connection', () => {
    const { box, get } = daemonBox();
    box.run(['coredns']);
    box.clock.advance(1);
    const wire = `GET /ready HTTP/1.1\r\nHost: ${IP}:8181\r\nUser-Agent: kube-probe/1.30\r\nConnection: close\r\n\r\n`;
    const inline = box.network.exchange(new Netns('node', ['192.168.1.131']), IP, 8181, wire);
    expect(inline).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\nOK$/);
    expect(get(8181, '/ready')).toBe(inline);
  });

  it('keeps a connection open for the next request when the client asks to', () => {
    const { box } = daemonBox();
    box.run(['kube-apiserver']);
    box.clock.advance(1);
    const twice = `GET /livez HTTP/1.1\r\nHost: x\r\n\r\nGET /readyz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`;
    const client = box.run(['http-client', IP, '6443', twice]);
    box.clock.runUntil(() => client.status() !== undefined, 10_000);
    expect(client.stdout().match(/HTTP\/1\.1 200 OK/g)).toHaveLength(2);
    expect(client.stdout()).toMatch(/Connection: close\r\n\r\nok$/);
  });
});

describe('apache httpd', () => {
  const files = { '/usr/local/apache2/htdocs/index.html': '<html><body><h1>It works!</h1></body></html>\n' };

  it('logs its notices, serves "It works!" and logs the access', () => {
    const { box, get } = daemonBox(files);
    const run = box.run(['apache-httpd']);
    box.clock.advance(1);
    expect(run.stderr()).toContain(`AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${IP}. Set the 'ServerName' directive globally to suppress this message\n`);
    expect(run.stderr()).toContain('[Mon Jan 05 09:00:00.000000 2026] [mpm_event:notice] [pid 1:tid 140175812556672] AH00489: Apache/2.4.59 (Unix) configured -- resuming normal operations\n');
    expect(get(80, '/')).toBe(
      `HTTP/1.1 200 OK\r\nDate: ${DATE}\r\nServer: Apache/2.4.59 (Unix)\r\nLast-Modified: ${DATE}\r\nETag: "2d-647a048ae8400"\r\n`
      + 'Accept-Ranges: bytes\r\nContent-Length: 45\r\nConnection: close\r\nContent-Type: text/html\r\n\r\n<html><body><h1>It works!</h1></body></html>\n',
    );
    expect(run.stdout()).toBe(`${IP} - - [05/Jan/2026:09:00:00 +0000] "GET / HTTP/1.1" 200 45\n`);
    const missing = get(80, '/nope');
    expect(missing).toContain('Content-Length: 196\r\n');
    expect(missing).toContain('<p>The requested URL was not found on this server.</p>');
  });

  it('stops gracefully on SIGWINCH, its image stop signal', () => {
    const { box } = daemonBox(files);
    const run = box.run(['apache-httpd']);
    box.clock.advance(1);
    box.kernel.signal(run.proc, 'SIGWINCH');
    box.clock.advance(1);
    expect(run.stderr()).toContain('AH00492: caught SIGWINCH, shutting down gracefully\n');
    expect(run.status()).toEqual({ code: 0 });
  });
});

describe('redis', () => {
  it('the entrypoint starts redis-server, which logs its banner; redis-cli ping says PONG', () => {
    const { box } = daemonBox();
    const server = box.run(['redis-entrypoint', 'redis-server']);
    box.clock.advance(1);
    expect(server.stdout()).toContain('1:C 05 Jan 2026 09:00:00.000 * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo\n');
    expect(server.stdout()).toContain('1:C 05 Jan 2026 09:00:00.000 * Redis version=7.2.5, bits=64, commit=00000000, modified=0, pid=1, just started\n');
    expect(server.stdout()).toContain('1:M 05 Jan 2026 09:00:00.000 * Ready to accept connections tcp\n');
    const cli = (...args: string[]) => {
      const run = box.run(['redis-cli', ...args]);
      box.clock.runUntil(() => run.status() !== undefined, 1000);
      return run.stdout();
    };
    expect(cli('ping')).toBe('PONG\n');
    expect(cli('set', 'greeting', 'hello')).toBe('OK\n');
    expect(cli('get', 'greeting')).toBe('hello\n');
    expect(cli('incr', 'n')).toBe('1\n');
    box.clock.advance(1);
    expect(box.ns.processes.size).toBe(1); // handlers are reaped: no zombies, no leftovers
    box.kernel.signal(server.proc, 'SIGTERM');
    box.clock.advance(1);
    expect(server.stdout()).toContain('# Redis is now ready to exit, bye bye...\n');
    expect(server.status()).toEqual({ code: 0 });
  });

  it('redis-cli reports a refused connection', () => {
    const { box } = daemonBox();
    const run = box.run(['redis-cli', 'ping']);
    box.clock.advance(1);
    expect(run.stderr()).toBe('Could not connect to Redis at 127.0.0.1:6379: Connection refused\n');
    expect(run.status()).toEqual({ code: 1 });
  });

  it('RESP: commands and replies survive encoding; errors read like Redis', () => {
    expect(parseCommand(encodeCommand(['SET', 'k', 'a b']))).toEqual({ args: ['SET', 'k', 'a b'], rest: '' });
    expect(parseCommand('PING\r\n')).toEqual({ args: ['PING'], rest: '' });
    expect(parseCommand(encodeCommand(['SET', 'k', 'héllo']))).toEqual({ args: ['SET', 'k', 'héllo'], rest: '' });
    expect(parseCommand('*2\r\n$3\r\nGET\r\n$1\r')).toBeUndefined();
    const keys = new Map<string, string>();
    expect(execute(keys, ['nope', 'a'])).toEqual({ kind: 'error', text: "ERR unknown command 'nope', with args beginning with: 'a' " });
    expect(execute(keys, ['get'])).toEqual({ kind: 'error', text: "ERR wrong number of arguments for 'get' command" });
    expect(formatReply({ kind: 'integer', value: 2 }, true)).toBe('(integer) 2');
    expect(formatReply({ kind: 'bulk', text: null }, true)).toBe('(nil)');
    expect(formatReply({ kind: 'array', items: [{ kind: 'bulk', text: 'a' }, { kind: 'bulk', text: 'b' }] }, true)).toBe('1) "a"\n2) "b"');
    expect(parseReply('*2\r\n$1\r\na\r\n:3\r\n')).toEqual({ reply: { kind: 'array', items: [{ kind: 'bulk', text: 'a' }, { kind: 'integer', value: 3 }] }, rest: '' });
  });
});
