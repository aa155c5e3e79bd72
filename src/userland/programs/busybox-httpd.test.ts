import { describe, expect, it } from 'vitest';
import { testBox } from '../../engine/runtime/process/testkit';
import { HTTPD_REQUEST_TIMEOUT_MS } from './busybox-httpd';
import { PROGRAMS } from './index';
import { httpClient } from './testing/http-client';

const IP = '10.244.2.7';

function httpdBox(files: Record<string, string> = {}) {
  const box = testBox({
    programs: { 'busybox:httpd': PROGRAMS['busybox:httpd']!, 'busybox:sleep': PROGRAMS['busybox:sleep']!, 'http-client': httpClient },
    table: { '/bin/httpd': 'busybox:httpd', '/bin/sleep': 'busybox:sleep', '/bin/http-client': 'http-client' },
    files,
    ip: IP,
  });
  const get = (path: string, port = 80): string => {
    const client = box.run(['http-client', IP, String(port), `GET ${path} HTTP/1.1\r\nHost: ${IP}\r\nUser-Agent: Wget\r\nConnection: close\r\n\r\n`]);
    box.clock.runUntil(() => client.status() !== undefined, 10_000);
    return client.stdout() + client.stderr();
  };
  return { box, get };
}

const DATE = 'Mon, 05 Jan 2026 09:00:00 GMT';

describe('busybox httpd', () => {
  it('the tutorial: `httpd -f "-h /tmp"` names a home with a leading space and exits 1', () => {
    const { box } = httpdBox();
    const run = box.run(['/bin/httpd', '-f', '-h /tmp']);
    box.clock.runUntilQuiet();
    expect(run.stderr()).toBe("httpd: can't change directory to ' /tmp': No such file or directory\n");
    expect(run.status()).toEqual({ code: 1 });
  });

  it('serves index.html from -h in the foreground', () => {
    const { box, get } = httpdBox({ '/tmp/index.html': 'Home Page\n' });
    box.run(['httpd', '-f', '-h', '/tmp']);
    box.clock.advance(1);
    expect(get('/')).toBe(
      `HTTP/1.1 200 OK\r\nDate: ${DATE}\r\nConnection: close\r\nContent-type: text/html\r\nLast-Modified: ${DATE}\r\n`
      + 'ETag: "695b7d90-a"\r\nAccept-Ranges: bytes\r\nContent-Length: 10\r\n\r\nHome Page\n',
    );
  });

  it('answers a missing page with its 404 page and no index with 404', () => {
    const { box, get } = httpdBox({ '/www/a/b.txt': 'b' });
    box.run(['httpd', '-f', '-p', '8080', '-h', '/www']);
    box.clock.advance(1);
    expect(get('/nope', 8080)).toBe(
      `HTTP/1.1 404 Not Found\r\nDate: ${DATE}\r\nConnection: close\r\nContent-type: text/html\r\n\r\n`
      + '<HTML><HEAD><TITLE>404 Not Found</TITLE></HEAD>\n<BODY><H1>404 Not Found</H1>\nThe requested URL was not found\n</BODY></HTML>\n',
    );
    expect(get('/', 8080)).toMatch(/^HTTP\/1\.1 404 Not Found/);
    expect(get('/a', 8080)).toContain('HTTP/1.1 302 Found\r\n');
    expect(get('/a', 8080)).toContain('Location: /a/\r\n');
    expect(get('/a/b.txt', 8080)).toContain('Content-type: text/plain\r\n');
    expect(get('/../etc/passwd', 8080)).toMatch(/^HTTP\/1\.1 400 Bad Request/);
  });

  it('daemonizes without -f: the command exits 0 and the server keeps answering', () => {
    const { box, get } = httpdBox({ '/tmp/index.html': 'Home Page\n' });
    box.run(['sleep', '3600']); // PID 1
    const run = box.run(['httpd', '-h', '/tmp', '-p', '80']);
    box.clock.advance(1);
    expect(run.status()).toEqual({ code: 0 });
    expect(box.ns.list().map((p) => p.argv.join(' '))).toContain('httpd -h /tmp -p 80');
    expect(get('/')).toMatch(/\r\n\r\nHome Page\n$/);
  });

  it('a busy port fails at bind, -v logs each response, a silent client gets 408', () => {
    const { box, get } = httpdBox({ '/tmp/index.html': 'x' });
    const server = box.run(['httpd', '-f', '-v', '-h', '/tmp']);
    box.clock.advance(1);
    const second = box.run(['httpd', '-f', '-h', '/tmp']);
    box.clock.advance(1);
    expect(second.stderr()).toBe('httpd: bind: Address in use\n');
    expect(second.status()).toEqual({ code: 1 });
    get('/');
    expect(server.stderr()).toMatch(/^10\.244\.2\.7:\d+: response:200\n$/);
    const silent = box.run(['http-client', IP, '80', '']);
    box.clock.advance(HTTPD_REQUEST_TIMEOUT_MS + 10);
    expect(silent.stdout()).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
  });
});
