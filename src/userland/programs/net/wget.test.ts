import { describe, expect, it } from 'vitest';
import { NGINX_INDEX_HTML } from '../../../engine/runtime/images/nginx-files';
import { clientWorld } from './clients.testkit';
import { progressLine } from './wget';

const NGINX_IP = '10.244.2.6';

function world() {
  const w = clientWorld({ '/bin/wget': 'busybox:wget', '/bin/cat': 'busybox:cat', '/bin/sh': 'busybox:sh' }, {
    '/etc/hosts': `127.0.0.1\tlocalhost\n${NGINX_IP}\tnginx\n`,
  });
  w.nginx(NGINX_IP, { node: 'worker02', files: { '/hello.txt': 'hello\n' } });
  return w;
}

describe('busybox wget', () => {
  it('-O - -q prints the body only', () => {
    const w = world();
    expect(w.run(['wget', '-O', '-', '-q', 'http://nginx:80'])).toEqual({ stdout: NGINX_INDEX_HTML, stderr: '', code: 0 });
    expect(w.run(['wget', '-qO-', `${NGINX_IP}/hello.txt`])).toEqual({ stdout: 'hello\n', stderr: '', code: 0 });
  });

  it('saves to the last path component and reports progress on stderr (no terminal)', () => {
    const w = world();
    const run = w.run(['wget', 'http://nginx/hello.txt']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      `Connecting to nginx (${NGINX_IP}:80)\n`
      + "saving to 'hello.txt'\n"
      + `hello.txt${' '.repeat(12)}100% |${'*'.repeat(31)}|     6    0:00:00 ETA\n`
      + "'hello.txt' saved\n",
    );
    expect(w.run(['cat', 'hello.txt']).stdout).toBe('hello\n');
    // Without -O busybox will not overwrite.
    expect(w.run(['wget', '-q', 'http://nginx/hello.txt'])).toEqual({ stdout: '', stderr: "wget: can't open 'hello.txt': File exists\n", code: 1 });
  });

  it('-O - announces writing to stdout; the index file name for a bare host', () => {
    const w = world();
    const run = w.run(['wget', '-O', '-', `http://${NGINX_IP}:80/`]);
    expect(run.stdout).toBe(NGINX_INDEX_HTML);
    expect(run.stderr).toBe(`Connecting to ${NGINX_IP}:80 (${NGINX_IP}:80)\nwriting to stdout\n-${' '.repeat(20)}100% |${'*'.repeat(31)}|   615    0:00:00 ETA\nwritten to stdout\n`);
    expect(w.run(['wget', '-q', 'http://nginx']).code).toBe(0);
    expect(w.run(['cat', 'index.html']).stdout).toBe(NGINX_INDEX_HTML);
  });

  it('-S shows the response head on stderr, each line indented by two spaces', () => {
    const w = world();
    const run = w.run(['wget', '-S', '-q', '-O', '/dev/null', 'http://nginx/hello.txt'], {});
    expect(run.stderr.split('\n').slice(0, 3)).toEqual(['  HTTP/1.1 200 OK', '  Server: nginx/1.25.4', '  Date: Mon, 05 Jan 2026 09:00:00 GMT']);
    expect(run.stderr.endsWith('  Accept-Ranges: bytes\n  \n')).toBe(true);
  });

  it('nginx logs the request busybox sends: the path and the agent Wget (or -U)', () => {
    const w = clientWorld({ '/bin/wget': 'busybox:wget' });
    const log = w.nginx(NGINX_IP);
    w.run(['wget', '-qO-', `http://${NGINX_IP}/`]);
    w.run(['wget', '-qO-', '-U', 'probe/1', `http://${NGINX_IP}/x`]);
    expect(log()).toBe(
      '10.244.1.5 - - [05/Jan/2026:09:00:00 +0000] "GET / HTTP/1.1" 200 615 "-" "Wget" "-"\n'
      + '10.244.1.5 - - [05/Jan/2026:09:00:00 +0000] "GET /x HTTP/1.1" 404 153 "-" "probe/1" "-"\n',
    );
  });

  it('a server that closes the connection (busybox httpd) works the same', () => {
    const w = clientWorld({ '/bin/wget': 'busybox:wget' });
    w.httpd(NGINX_IP, { '/index.html': 'hi\n' });
    expect(w.run(['wget', '-qO-', `http://${NGINX_IP}:80/`])).toEqual({ stdout: 'hi\n', stderr: '', code: 0 });
  });

  it.each([
    ['an unknown host', ['http://nginxx:80'], "wget: bad address 'nginxx:80'\n"],
    ['a closed port', [`http://${NGINX_IP}:8080/`], `wget: can't connect to remote host (${NGINX_IP}): Connection refused\n`],
    ['a missing page', ['http://nginx/x'], 'wget: server returned error: HTTP/1.1 404 Not Found\n'],
    ['an unknown scheme', ['ftp2://nginx/'], 'wget: not an http or ftp url: ftp2://nginx/\n'],
  ])('%s: the real message and exit 1', (_, args, message) => {
    const w = world();
    expect(w.run(['wget', '-q', ...args])).toEqual({ stdout: '', stderr: message, code: 1 });
  });

  it('nothing answers: -T gives up with "download timed out", without -T the SYN retries end it', () => {
    const w = world();
    const start = w.box.clock.now();
    expect(w.run(['wget', '-q', '-T', '5', 'http://10.96.0.99/'])).toEqual({ stdout: '', stderr: 'wget: download timed out\n', code: 1 });
    expect(w.box.clock.now() - start).toBeGreaterThanOrEqual(5000);
    expect(w.box.clock.now() - start).toBeLessThan(6000);
    expect(w.run(['wget', '-q', 'http://10.96.0.99/']).stderr).toBe("wget: can't connect to remote host (10.96.0.99): Connection timed out\n");
  });

  it('no URL: the usage, exit 1', () => {
    const run = world().run(['wget']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Usage: wget [-cqS]');
  });

  it('the tutorial loop prints each body', () => {
    const w = world();
    const run = w.run(['sh', '-c', 'i=0; while [ $i -lt 3 ]; do wget -O - -q http://nginx/hello.txt; i=$((i+1)); done']);
    expect(run).toEqual({ stdout: 'hello\nhello\nhello\n', stderr: '', code: 0 });
  });
});

describe('wget progress line', () => {
  it.each([
    ['index.html', 615, 80, `index.html           100% |${'*'.repeat(31)}|   615    0:00:00 ETA`],
    ['index.html', 615, 40, 'index.html           100%   615    0:00:00 ETA'],
    ['a-very-long-file-name.tar.gz', 2_000_000, 60, `a-very-long-file-nam 100% |${'*'.repeat(11)}|  1953k   0:00:00 ETA`],
    ['empty', 0, 80, 'empty                    0  --:--:-- ETA'],
  ])('%s, %d bytes, %d columns', (name, bytes, width, line) => {
    expect(progressLine(name, bytes, width)).toBe(line);
  });
});
