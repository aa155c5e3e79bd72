import { describe, expect, it } from 'vitest';
import { NGINX_DEFAULT_CONF, NGINX_INDEX_HTML, nginxConf } from '../../../engine/runtime/images/nginx-files';
import { Netns, Pipe, SinkFile, SourceFile, sys } from '../../../engine/runtime/process';
import { testBox } from '../../../engine/runtime/process/testkit';
import { PROGRAMS } from '../index';
import { httpClient } from '../testing/http-client';

const IP = '10.244.1.5';

function nginxBox(options: { version?: string; level?: 'notice' | 'warn'; files?: Record<string, string> } = {}) {
  const box = testBox({
    programs: { nginx: PROGRAMS['nginx']!, 'http-client': httpClient, 'busybox:rm': PROGRAMS['busybox:rm']! },
    table: { '/usr/sbin/nginx': 'nginx', '/bin/http-client': 'http-client', '/bin/rm': 'busybox:rm' },
    files: {
      '/bin/bash': { file: '\x7fELF', mode: 0o755 },
      '/usr/share/nginx/html/index.html': NGINX_INDEX_HTML,
      '/usr/share/nginx/html/sub/page.html': '<p>sub</p>\n',
      '/etc/nginx/nginx.conf': nginxConf(options.level ?? 'notice'),
      '/etc/nginx/conf.d/default.conf': NGINX_DEFAULT_CONF,
      ...options.files,
    },
    ip: IP,
  });
  const server = box.run(['nginx', '-g', 'daemon off;'], { env: { PATH: '/usr/sbin:/bin', NGINX_VERSION: options.version ?? '1.25.4' } });
  box.clock.advance(10);
  const get = (path: string, extra = '', method = 'GET'): string => {
    const request = `${method} ${path} HTTP/1.1\r\nHost: ${IP}\r\nUser-Agent: kube-probe/1.30\r\nAccept: */*\r\nConnection: close\r\n${extra}\r\n`;
    const client = box.run(['http-client', IP, '80', request]);
    box.clock.runUntil(() => client.status() !== undefined, 5000);
    return client.stdout();
  };
  return { box, server, get };
}

// The clock starts at Mon Jan 5 2026 09:00:00 UTC.
const DATE = 'Mon, 05 Jan 2026 09:00:00 GMT';

describe('nginx', () => {
  it('logs the startup notices of the 1.25 image and starts one worker', () => {
    const { server, box } = nginxBox();
    expect(server.stderr()).toBe(
      '2026/01/05 09:00:00 [notice] 1#1: using the "epoll" event method\n'
      + '2026/01/05 09:00:00 [notice] 1#1: nginx/1.25.4\n'
      + '2026/01/05 09:00:00 [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) \n'
      + '2026/01/05 09:00:00 [notice] 1#1: OS: Linux 6.1.0-17-amd64\n'
      + '2026/01/05 09:00:00 [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576\n'
      + '2026/01/05 09:00:00 [notice] 1#1: start worker processes\n'
      + '2026/01/05 09:00:00 [notice] 1#1: start worker process 2\n',
    );
    expect(box.ns.list().map((p) => p.argv.join(' '))).toEqual(['nginx: master process nginx -g daemon off;', 'nginx: worker process']);
    expect(box.ns.fs.readFile('/var/run/nginx.pid')).toBe('1\n');
  });

  it('serves the 615-byte welcome page with nginx headers and logs the request', () => {
    const { get, server } = nginxBox();
    const response = get('/');
    expect(response).toBe(
      'HTTP/1.1 200 OK\r\n'
      + 'Server: nginx/1.25.4\r\n'
      + `Date: ${DATE}\r\n`
      + 'Content-Type: text/html\r\n'
      + 'Content-Length: 615\r\n'
      + `Last-Modified: ${DATE}\r\n`
      + 'Connection: close\r\n'
      + 'ETag: "695b7d90-267"\r\n'
      + 'Accept-Ranges: bytes\r\n'
      + '\r\n'
      + NGINX_INDEX_HTML,
    );
    expect(server.stdout()).toBe(`${IP} - - [05/Jan/2026:09:00:00 +0000] "GET / HTTP/1.1" 200 615 "-" "kube-probe/1.30" "-"\n`);
  });

  it('answers a missing file with the 153-byte 404 page and an error log line', () => {
    const { get, server } = nginxBox();
    const response = get('/x');
    const page = '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.25.4</center>\r\n</body>\r\n</html>\r\n';
    expect(page.length).toBe(153);
    expect(response).toBe(`HTTP/1.1 404 Not Found\r\nServer: nginx/1.25.4\r\nDate: ${DATE}\r\nContent-Type: text/html\r\nContent-Length: 153\r\nConnection: close\r\n\r\n${page}`);
    expect(server.stdout()).toContain('"GET /x HTTP/1.1" 404 153 "-" "kube-probe/1.30" "-"\n');
    expect(server.stderr()).toContain(
      `2026/01/05 09:00:00 [error] 2#2: *1 open() "/usr/share/nginx/html/x" failed (2: No such file or directory), client: ${IP}, server: localhost, request: "GET /x HTTP/1.1", host: "${IP}"\n`,
    );
  });

  it('the tutorial: after index.html is deleted, /index.html is a 404 and / is forbidden', () => {
    const { get, box, server } = nginxBox();
    box.ns.fs.rm('/usr/share/nginx/html/index.html');
    expect(get('/index.html')).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
    expect(get('/')).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n/);
    expect(server.stderr()).toContain('[error] 2#2: *2 directory index of "/usr/share/nginx/html/" is forbidden');
    box.ns.fs.writeFile('/usr/share/nginx/html/index.html', 'readiness-httpget-container\n', box.clock.now());
    expect(get('/index.html')).toMatch(/\r\n\r\nreadiness-httpget-container\n$/);
  });

  it('serves a file as it is now: deleted, then rewritten twice (body, length, date and ETag follow)', () => {
    const { get, box } = nginxBox();
    const index = '/usr/share/nginx/html/index.html';
    expect(get('/')).toContain('Content-Length: 615\r\n');
    expect(get('/index.html')).toContain('Content-Length: 615\r\n');
    box.ns.fs.rm(index);
    expect(get('/')).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n/);
    expect(get('/index.html')).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
    box.clock.advance(60_000);
    box.ns.fs.writeFile(index, 'v2\n', box.clock.now());
    const v2 = get('/');
    expect(v2).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(v2).toContain('Content-Length: 3\r\nLast-Modified: Mon, 05 Jan 2026 09:01:00 GMT\r\nConnection: close\r\nETag: "695b7dcc-3"\r\n');
    expect(v2.endsWith('\r\n\r\nv2\n')).toBe(true);
    box.clock.advance(60_000);
    box.ns.fs.writeFile(index, 'version 3\n', box.clock.now());
    const v3 = get('/index.html');
    expect(v3).toContain('Content-Length: 10\r\nLast-Modified: Mon, 05 Jan 2026 09:02:00 GMT\r\nConnection: close\r\nETag: "695b7e08-a"\r\n');
    expect(v3.endsWith('\r\n\r\nversion 3\n')).toBe(true);
    expect(get('/', '', 'HEAD')).toMatch(/Content-Length: 10\r\n[\s\S]*\r\n\r\n$/);
  });

  it('writes access lines in a log_format of its own, and answers with an error_page file', () => {
    const conf = `log_format probe '$request_method $request_uri $status $body_bytes_sent/$bytes_sent "$http_user_agent" "$http_x_probe" $remote_user $nonsense';\n`
      + 'server {\n  listen 80;\n  access_log /var/log/nginx/access.log probe;\n  root /usr/share/nginx/html;\n  error_page 404 /404.html;\n'
      + '  location ~* \\.TXT$ {\n    return 200 "regex";\n  }\n}\n';
    const { get, server } = nginxBox({ files: { '/etc/nginx/conf.d/default.conf': conf, '/usr/share/nginx/html/404.html': '<p>gone</p>\n' } });
    const ok = get('/?q=1', 'X-Probe: a\r\nx-probe: b\r\n');
    const missing = get('/missing');
    expect(missing).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
    expect(missing).toContain('Content-Type: text/html\r\nContent-Length: 12\r\nLast-Modified: Mon, 05 Jan 2026 09:00:00 GMT\r\nConnection: close\r\nETag: "695b7d90-c"\r\n');
    expect(missing.endsWith('\r\n\r\n<p>gone</p>\n')).toBe(true);
    const head = get('/missing', '', 'HEAD');
    const regex = get('/a.txt');
    expect(regex).toMatch(/Content-Type: application\/octet-stream\r\nContent-Length: 5\r\nConnection: close\r\n\r\nregex$/);
    expect(get('/b.Txt')).toBe(regex);
    expect(server.stdout().split('\n')).toEqual([
      `GET /?q=1 200 615/${ok.length} "kube-probe/1.30" "b" - -`,
      `GET /missing 404 12/${missing.length} "kube-probe/1.30" "-" - -`,
      `HEAD /missing 404 0/${head.length} "kube-probe/1.30" "-" - -`,
      `GET /a.txt 200 5/${regex.length} "kube-probe/1.30" "-" - -`,
      `GET /b.Txt 200 5/${regex.length} "kube-probe/1.30" "-" - -`,
      '',
    ]);
  });

  describe('answering inline (the kubelet probes through Network.exchange)', () => {
    const node = new Netns('node', ['192.168.1.131']);
    const probe = (path: string): string => `GET ${path} HTTP/1.1\r\nHost: ${IP}\r\nUser-Agent: kube-probe/1.30\r\nAccept: */*\r\nConnection: close\r\n\r\n`;
    const accessLine = (client: string, path: string, status: number, bytes: number): string =>
      `${client} - - [05/Jan/2026:09:00:00 +0000] "GET ${path} HTTP/1.1" ${status} ${bytes} "-" "kube-probe/1.30" "-"`;

    it('gives the same bytes and access line as a connection would', () => {
      const { get, box, server } = nginxBox();
      const overConnection = get('/');
      expect(box.network.exchange(node, IP, 80, probe('/'))).toBe(overConnection);
      expect(server.stdout().split('\n')).toEqual([accessLine(IP, '/', 200, 615), accessLine('192.168.1.131', '/', 200, 615), '']);
    });

    it('leaves to a connection what logs an error, a pipelined or partial request; inline answers count as connections', () => {
      const { get, box, server } = nginxBox();
      expect(box.network.exchange(node, IP, 80, probe('/'))).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
      expect(box.network.exchange(node, IP, 80, probe('/missing'))).toBeUndefined();
      expect(box.network.exchange(node, IP, 80, probe('/') + probe('/'))).toBeUndefined();
      expect(box.network.exchange(node, IP, 80, 'GET / HTTP/1.1\r\n')).toBeUndefined();
      expect(get('/missing')).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
      expect(server.stderr()).toContain('[error] 2#2: *2 open() "/usr/share/nginx/html/missing" failed (2: No such file or directory)');
      expect(server.stdout().split('\n')).toEqual([accessLine('192.168.1.131', '/', 200, 615), accessLine(IP, '/missing', 404, 153), '']);
    });

    it('leaves it to a connection when the access log would block, which then waits for the reader', () => {
      const { box } = nginxBox();
      const log = new Pipe(50); // the first access line fills it
      box.kernel.spawn(box.ns, ['nginx', '-g', 'daemon off; pid /tmp/second.pid;', '-c', '/etc/nginx/second.conf'], {
        env: { NGINX_VERSION: '1.25.4' },
        files: [new SourceFile(), log.writer, new SinkFile(() => {})],
      });
      box.ns.fs.writeFile('/etc/nginx/second.conf', 'events {}\nhttp {\n  server {\n    listen 8080;\n    root /usr/share/nginx/html;\n  }\n}\n', 0);
      box.clock.advance(10);
      expect(box.network.exchange(node, IP, 8080, probe('/'))).toMatch(/^HTTP\/1\.1 200 OK\r\n/); // the pipe had room
      expect(box.network.exchange(node, IP, 8080, probe('/'))).toBeUndefined(); // now it is full
      const client = box.run(['http-client', IP, '8080', probe('/')]);
      box.clock.advance(100);
      expect(client.stdout()).toBe('');
      // This configuration logs in nginx's `combined` format, without the image's X-Forwarded-For.
      const combined = (client: string): string => `${accessLine(client, '/', 200, 615).replace(/ "-"$/, '')}\n`;
      expect(log.reader.read()).toEqual({ kind: 'data', data: combined('192.168.1.131') });
      box.clock.advance(100);
      expect(client.stdout()).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
      expect(log.reader.read()).toEqual({ kind: 'data', data: combined(IP) });
    });
  });

  it('redirects a directory named without its slash and serves HEAD without a body', () => {
    const { get } = nginxBox();
    expect(get('/sub')).toContain(`301 Moved Permanently\r\n`);
    expect(get('/sub')).toContain(`Location: http://${IP}/sub/\r\n`);
    const head = get('/sub/page.html', '', 'HEAD');
    expect(head).toMatch(/Content-Length: 11\r\n/);
    expect(head.endsWith('\r\n\r\n')).toBe(true);
    expect(get('/', '', 'DELETE')).toMatch(/^HTTP\/1\.1 405 Not Allowed\r\n/);
  });

  it('shuts down gracefully on SIGQUIT and exits 0 at once', () => {
    const { box, server } = nginxBox();
    box.kernel.signal(server.proc, 'SIGQUIT');
    box.clock.advance(10);
    expect(server.status()).toEqual({ code: 0 });
    expect(server.stderr().split('\n').slice(7).join('\n')).toBe(
      '2026/01/05 09:00:00 [notice] 1#1: signal 3 (SIGQUIT) received, shutting down\n'
      + '2026/01/05 09:00:00 [notice] 2#2: gracefully shutting down\n'
      + '2026/01/05 09:00:00 [notice] 2#2: exiting\n'
      + '2026/01/05 09:00:00 [notice] 2#2: exit\n'
      + '2026/01/05 09:00:00 [notice] 1#1: signal 17 (SIGCHLD) received from 2\n'
      + '2026/01/05 09:00:00 [notice] 1#1: worker process 2 exited with code 0\n'
      + '2026/01/05 09:00:00 [notice] 1#1: exit\n',
    );
  });

  it('exits fast on SIGTERM', () => {
    const { box, server } = nginxBox();
    box.kernel.signal(server.proc, 'SIGTERM');
    box.clock.advance(10);
    expect(server.status()).toEqual({ code: 0 });
    expect(server.stderr()).toContain('[notice] 1#1: signal 15 (SIGTERM) received, exiting\n');
    expect(server.stderr()).not.toContain('gracefully');
  });

  it('1.20 images log at warn: no notices, and the old welcome page is served', () => {
    const { server, get } = nginxBox({ version: '1.20.2', level: 'warn' });
    expect(server.stderr()).toBe('');
    expect(get('/nope')).toContain('<hr><center>nginx/1.20.2</center>');
  });

  it('myapp: an exact location aliased to /etc/hostname, and the old 169-byte 404 page', () => {
    const conf = `server {\n    listen 80;\n    location / {\n        root /usr/share/nginx/html;\n        index index.html;\n    }\n    location = /hostname.html {\n        alias /etc/hostname;\n    }\n}\n`;
    const { get } = nginxBox({
      version: '1.12.2',
      level: 'warn',
      files: {
        '/etc/nginx/conf.d/default.conf': conf,
        '/etc/hostname': 'myapp-7d4b7b84b-x8bp4\n',
        '/usr/share/nginx/html/index.html': 'Hello MyApp | Version: v1 | <a href="hostname.html">Pod Name</a>\n',
      },
    });
    expect(get('/')).toMatch(/\r\n\r\nHello MyApp \| Version: v1 \| <a href="hostname.html">Pod Name<\/a>\n$/);
    const hostname = get('/hostname.html');
    expect(hostname).toContain('Content-Type: text/html\r\n');
    expect(hostname.endsWith('\r\n\r\nmyapp-7d4b7b84b-x8bp4\n')).toBe(true);
    const notFound = get('/missing');
    expect(notFound).toContain('Content-Length: 169\r\n');
    expect(notFound).toContain('<body bgcolor="white">');
  });

  it('keeps serving while a silent client holds a connection, after the client timeout', () => {
    const { box, get } = nginxBox();
    box.run(['http-client', IP, '80', '']); // connects and says nothing
    box.clock.advance(10);
    expect(get('/')).toMatch(/^HTTP\/1\.1 200 OK/);
  });

  it('reports a configuration error like nginx and exits 1', () => {
    const box = testBox({
      programs: { nginx: PROGRAMS['nginx']! },
      table: { '/usr/sbin/nginx': 'nginx' },
      files: { '/etc/nginx/nginx.conf': 'events {}\nhttp {\n  server {\n    listen 80;\n  }\n}\n}\n' },
    });
    const run = box.run(['nginx', '-g', 'daemon off;'], { env: { PATH: '/usr/sbin' } });
    box.clock.runUntilQuiet();
    expect(run.stderr()).toBe('nginx: [emerg] unexpected "}" in /etc/nginx/nginx.conf:7\n');
    expect(run.status()).toEqual({ code: 1 });
  });

  it('nginx -t, -v, and -s reload', () => {
    const { box, server } = nginxBox();
    const check = box.run(['nginx', '-t'], { env: { PATH: '/usr/sbin', NGINX_VERSION: '1.25.4' } });
    box.clock.advance(10);
    expect(check.stderr()).toBe('nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n');
    const version = box.run(['nginx', '-v'], { env: { PATH: '/usr/sbin', NGINX_VERSION: '1.25.4' } });
    box.clock.advance(10);
    expect(version.stderr()).toBe('nginx version: nginx/1.25.4\n');
    const reload = box.run(['nginx', '-s', 'reload'], { env: { PATH: '/usr/sbin', NGINX_VERSION: '1.25.4' } });
    box.clock.advance(10);
    expect(reload.status()).toEqual({ code: 0 });
    expect(server.stderr()).toContain('[notice] 1#1: signal 1 (SIGHUP) received, reconfiguring\n');
    expect(server.stderr()).toMatch(/start worker process (\d+)\n[\s\S]*gracefully shutting down/);
    expect(box.ns.list().filter((p) => p.argv[0] === 'nginx: worker process')).toHaveLength(1);
  });

  it('without daemon off it binds first: a second nginx fails in the foreground with exit 1', () => {
    const { box } = nginxBox();
    const second = box.run(['nginx'], { env: { PATH: '/usr/sbin', NGINX_VERSION: '1.25.4' } });
    box.clock.advance(3000);
    expect(second.status()).toEqual({ code: 1 });
    expect(second.stderr().split('\n').filter((l) => l.startsWith('nginx: '))).toEqual([
      ...Array<string>(5).fill('nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)'),
      'nginx: [emerg] still could not bind()',
    ]);
  });

  it('without daemon off it detaches: the command returns 0 and the master serves on', () => {
    const box = testBox({
      programs: { nginx: PROGRAMS['nginx']!, 'http-client': httpClient },
      table: { '/usr/sbin/nginx': 'nginx', '/bin/http-client': 'http-client' },
      files: { '/usr/share/nginx/html/index.html': 'hi\n', '/etc/nginx/nginx.conf': nginxConf('warn'), '/etc/nginx/conf.d/default.conf': NGINX_DEFAULT_CONF},
      ip: IP,
    });
    box.kernel.spawn(box.ns, ['init'], { program: function* () { for (;;) yield* sys.pause(); } });
    const run = box.run(['nginx'], { env: { PATH: '/usr/sbin' } });
    box.clock.advance(10);
    expect(run.status()).toEqual({ code: 0 });
    const client = box.run(['http-client', IP, '80', `GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`]);
    box.clock.advance(10);
    expect(client.stdout()).toMatch(/\r\n\r\nhi\n$/);
  });
});
