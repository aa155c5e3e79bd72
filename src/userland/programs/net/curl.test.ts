import { describe, expect, it } from 'vitest';
import { NGINX_INDEX_HTML } from '../../../engine/runtime/images/nginx-files';
import { clientWorld } from './clients.testkit';
import { meterLine, size5 } from './curl';

const NGINX_IP = '10.244.2.6';

function world() {
  const w = clientWorld({ '/usr/bin/curl': 'curl', '/usr/bin/curl76': 'curl:7.76', '/bin/cat': 'busybox:cat' }, {
    '/etc/hosts': `127.0.0.1\tlocalhost\n${NGINX_IP}\tnginx\n`,
  });
  const log = w.nginx(NGINX_IP, { node: 'worker02', files: { '/hello.txt': 'hello\n' } });
  const curl = (args: string[], options: { ms?: number } = {}) => w.run(['/usr/bin/curl', ...args], { env: { PATH: '/usr/bin:/bin' }, ...options });
  const curl76 = (args: string[]) => w.run(['/usr/bin/curl76', ...args], { env: { PATH: '/usr/bin:/bin' } });
  return { w, log, curl, curl76 };
}

const METER_HEAD = '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n'
  + '                                 Dload  Upload   Total   Spent    Left  Speed\n'
  + '\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0';

describe('curl', () => {
  it('-s prints the body; a bare host:port/path is http', () => {
    const { curl } = world();
    expect(curl(['-s', `http://${NGINX_IP}`])).toEqual({ stdout: NGINX_INDEX_HTML, stderr: '', code: 0 });
    expect(curl(['-s', 'nginx:80/hello.txt'])).toEqual({ stdout: 'hello\n', stderr: '', code: 0 });
  });

  it('shows the progress meter on stderr when the body goes to a pipe', () => {
    const { curl } = world();
    const run = curl([`http://${NGINX_IP}/`]);
    expect(run.stdout).toBe(NGINX_INDEX_HTML);
    expect(run.stderr).toBe(`${METER_HEAD}\r100   615  100   615    0     0   600k      0 --:--:-- --:--:-- --:--:--  600k\n`);
  });

  it('-v: the connection, the request and the response head, as 7.88.1 prints them', () => {
    const { curl } = world();
    const run = curl(['-sv', `http://${NGINX_IP}/hello.txt`]);
    expect(run.stdout).toBe('hello\n');
    const lines = run.stderr.split('\n');
    expect(lines.slice(0, 9)).toEqual([
      `*   Trying ${NGINX_IP}:80...`,
      `* Connected to ${NGINX_IP} (${NGINX_IP}) port 80 (#0)`,
      '> GET /hello.txt HTTP/1.1\r',
      `> Host: ${NGINX_IP}\r`,
      '> User-Agent: curl/7.88.1\r',
      '> Accept: */*\r',
      '> \r',
      '* Mark bundle as not supporting multiuse',
      '< HTTP/1.1 200 OK\r',
    ]);
    expect(lines.slice(-3)).toEqual(['< \r', `* Connection #0 to host ${NGINX_IP} left intact`, '']);
  });

  it('7.76.1 on the nodes says curl/7.76.1', () => {
    const { curl76, log } = world();
    expect(curl76(['-s', `http://${NGINX_IP}/`]).code).toBe(0);
    expect(log()).toContain('"GET / HTTP/1.1" 200 615 "-" "curl/7.76.1" "-"');
  });

  it('-I prints the head of a HEAD request; -i the head and the body', () => {
    const { curl } = world();
    const head = curl(['-sI', `http://${NGINX_IP}/hello.txt`]);
    expect(head.stdout).toMatch(/^HTTP\/1\.1 200 OK\r\nServer: nginx\/1\.25\.4\r\n[^]*Content-Length: 6\r\n[^]*\r\n\r\n$/);
    const include = curl(['-si', `http://${NGINX_IP}/hello.txt`]);
    expect(include.stdout.startsWith('HTTP/1.1 200 OK\r\n')).toBe(true);
    expect(include.stdout.endsWith('\r\n\r\nhello\n')).toBe(true);
  });

  it('-o writes the body to a file, -w prints the status code', () => {
    const { curl, w } = world();
    expect(curl(['-s', '-o', '/tmp/page', '-w', '%{http_code}\\n', `http://${NGINX_IP}/x`])).toEqual({ stdout: '404\n', stderr: '', code: 0 });
    expect(w.run(['cat', '/tmp/page']).stdout).toContain('<title>404 Not Found</title>');
  });

  it('-H adds or replaces headers, -X and -d make the request nginx logs', () => {
    const { curl, log } = world();
    curl(['-s', '-H', 'User-Agent: probe/1', `http://${NGINX_IP}/`]);
    curl(['-s', '-X', 'DELETE', `http://${NGINX_IP}/`]);
    expect(log()).toContain('"GET / HTTP/1.1" 200 615 "-" "probe/1" "-"');
    expect(log()).toContain('"DELETE / HTTP/1.1" 405');
  });

  it('-f turns a 404 into exit 22, worded per version', () => {
    const { curl, curl76 } = world();
    expect(curl(['-sSf', `http://${NGINX_IP}/x`])).toEqual({ stdout: '', stderr: 'curl: (22) The requested URL returned error: 404\n', code: 22 });
    expect(curl76(['-sSf', `http://${NGINX_IP}/x`]).stderr).toBe('curl: (22) The requested URL returned error: 404 Not Found\n');
  });

  it.each([
    ['an unknown host', ['-sS', 'http://nginxx/'], 6, 'curl: (6) Could not resolve host: nginxx\n', 'curl: (6) Could not resolve host: nginxx\n'],
    ['a closed port', ['-sS', `${NGINX_IP}:8080`], 7,
      `curl: (7) Failed to connect to ${NGINX_IP} port 8080 after 0 ms: Couldn't connect to server\n`,
      `curl: (7) Failed to connect to ${NGINX_IP} port 8080: Connection refused\n`],
    ['-m when nothing answers', ['-sS', '-m', '2', 'http://10.96.0.99/'], 28,
      'curl: (28) Connection timeout after 2000 ms\n', 'curl: (28) Connection timed out after 2000 milliseconds\n'],
    ['an unknown scheme', ['-sS', 'gopher2://x/'], 1,
      'curl: (1) Protocol "gopher2" not supported or disabled in libcurl\n', 'curl: (1) Protocol "gopher2" not supported or disabled in libcurl\n'],
  ])('%s: exit %d with each version\'s words', (_, args, code, text88, text76) => {
    const { curl, curl76 } = world();
    expect(curl(args)).toEqual({ stdout: '', stderr: text88, code });
    expect(curl76(args)).toEqual({ stdout: '', stderr: text76, code });
  });

  it('-s alone hides the error; without -s the meter line ends before it', () => {
    const { curl } = world();
    expect(curl(['-s', 'http://nginxx/'])).toEqual({ stdout: '', stderr: '', code: 6 });
    expect(curl(['http://nginxx/']).stderr).toBe(`${METER_HEAD}\ncurl: (6) Could not resolve host: nginxx\n`);
  });

  it('the kernel gives up on an unanswered SYN after about two minutes', () => {
    const { curl76 } = world();
    expect(curl76(['-sS', 'http://10.96.0.99/']).stderr).toBe('curl: (7) Failed to connect to 10.96.0.99 port 80: Connection timed out\n');
  });

  it('bad usage: no URL, an unknown option — exit 2', () => {
    const { curl } = world();
    expect(curl([])).toEqual({ stdout: '', stderr: "curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n", code: 2 });
    expect(curl(['-Z', 'x']).stderr).toBe("curl: option -Z: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
    expect(curl(['--nope', 'x']).stderr.split('\n')[0]).toBe('curl: option --nope: is unknown');
  });
});

describe('curl progress meter', () => {
  it.each([
    [0, '    0'], [615, '  615'], [99_999, '99999'], [100_000, '   97k'.slice(1)], [615_000, ' 600k'], [20_000_000, '19.0M'],
  ])('size5(%d) = %j', (bytes, text) => expect(size5(bytes)).toBe(text));

  it('a chunked body of unknown size shows 100 for the total but 0 for the received share', () => {
    expect(meterLine({ dl: 615, dlTotal: undefined, ul: 0, ulTotal: undefined, ms: 0 }))
      .toBe('100   615    0   615    0     0   600k      0 --:--:-- --:--:-- --:--:--  600k');
  });
});
