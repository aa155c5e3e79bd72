/**
 * busybox `httpd [-fv] [-p [IP:]PORT] [-h HOME]`: serves files from HOME (default: the current
 * directory), `index.html` for directories. As in busybox, it changes into HOME and binds the
 * port first — so a bad home directory or a busy port fails in the foreground with exit 1 —
 * and only then daemonizes unless `-f` is given.
 *
 * Busybox forks a child per connection; here the server answers one connection at a time, with
 * a short wait for a silent client (see serve.ts).
 */
import { sys, type Proc, type Sys } from '../../engine/runtime/process';
import { byteLength, formatResponse, httpDate, type Headers } from '../lib/http';
import { acceptOrSignal, HttpConnection, requestPath } from '../lib/serve';
import { decodePath, lookupStatic, mimeType } from '../lib/static-files';
import { defineTool, errorText } from '../lib/tool';

/** How long the server waits for a request line before answering 408 (busybox: 60 s). */
export const HTTPD_REQUEST_TIMEOUT_MS = 5000;

/** Status texts and the sentence busybox puts in its error pages. */
const RESPONSES: Readonly<Record<number, readonly [string, string | undefined]>> = {
  200: ['OK', undefined],
  302: ['Found', undefined],
  400: ['Bad Request', 'Unsupported method'],
  403: ['Forbidden', ''],
  404: ['Not Found', 'The requested URL was not found'],
  408: ['Request Timeout', 'No request appeared within 60 seconds'],
  500: ['Internal Server Error', 'Internal Server Error'],
  501: ['Not Implemented', 'The requested method is not recognized'],
};

/** busybox's error page: `<HTML><HEAD><TITLE>404 Not Found</TITLE></HEAD>` and so on. */
export function busyboxErrorPage(status: number): string {
  const [text, info] = RESPONSES[status]!;
  return `<HTML><HEAD><TITLE>${status} ${text}</TITLE></HEAD>\n<BODY><H1>${status} ${text}</H1>\n${info}\n</BODY></HTML>\n`;
}

interface Served {
  status: number;
  wire: string;
}

function respond(proc: Proc, status: number, extra: [string, string][] = [], file?: { content: string; mtime: number; type: string }): Served {
  const now = proc.wallClock();
  const headers: [string, string][] = [['Date', httpDate(now)], ['Connection', 'close']];
  if (file) {
    const modified = now - proc.now() + file.mtime;
    const size = byteLength(file.content);
    headers.push(
      ['Content-type', file.type],
      ['Last-Modified', httpDate(modified)],
      ['ETag', `"${Math.floor(modified / 1000).toString(16)}-${size.toString(16)}"`],
      ['Accept-Ranges', 'bytes'],
      ['Content-Length', String(size)],
    );
  } else {
    headers.push(['Content-type', 'text/html']);
  }
  headers.push(...extra);
  const [reason, info] = RESPONSES[status]!;
  const body = file ? file.content : info === undefined ? '' : busyboxErrorPage(status);
  return { status, wire: formatResponse({ status, reason, headers: headers as Headers, body }) };
}

/** Serves one request line and path under the current directory (HOME). */
function serve(proc: Proc, method: string, target: string): Served {
  if (method !== 'GET' && method !== 'HEAD') return respond(proc, 501);
  const raw = requestPath(target);
  const path = decodePath(raw);
  if (path === undefined || !path.startsWith('/')) return respond(proc, 400);
  // Canonicalise: no `..` above HOME (busybox answers 400), no `.` or doubled slashes.
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return respond(proc, 400);
      parts.pop();
    } else parts.push(part);
  }
  const clean = `/${parts.join('/')}${path.endsWith('/') && parts.length > 0 ? '/' : ''}`;
  const found = lookupStatic(proc.fs, `.${clean}`, ['index.html']);
  switch (found.kind) {
    case 'file': {
      const response = respond(proc, 200, [], { content: found.content, mtime: found.stat.mtime, type: mimeType(found.path) ?? 'application/octet-stream' });
      return method === 'HEAD' ? { ...response, wire: response.wire.slice(0, response.wire.indexOf('\r\n\r\n') + 4) } : response;
    }
    case 'directory':
      return respond(proc, 302, [['Location', `${clean}/`]]);
    default:
      return respond(proc, 404);
  }
}

export const busyboxHttpd = defineTool(
  { usage: 'httpd [-ifv[v]] [-c CONFFILE] [-p [IP:]PORT] [-u USER[:GRP]] [-r REALM] [-h HOME]', options: { short: 'ifvp:h:c:r:u:m:d:e:' } },
  function* (tool, options) {
    const { proc } = tool;
    const home = options.value('h') ?? '.';
    try {
      proc.chdir(home);
    } catch (e) {
      yield* tool.warn(`can't change directory to '${home}': ${errorText(e)}`);
      return 1;
    }
    const portText = (options.value('p') ?? '80').split(':').pop()!;
    const port = Number(portText);
    if (!/^\d+$/.test(portText) || port > 65535) {
      yield* tool.warn(`invalid number '${portText}'`);
      return 1;
    }
    let listener: number;
    try {
      listener = proc.listen(port);
    } catch (e) {
      yield* tool.warn(`bind: ${errorText(e)}`);
      return 1;
    }
    const verbose = options.count('v');
    const loop = (p: Proc): Sys<number> => acceptLoop(p, listener, verbose);
    if (options.has('f')) return yield* loop(proc);
    // Daemonize: the server goes on in a background child; the command returns at once.
    proc.spawn(proc.argv, { pgid: 'new', fds: [undefined, undefined, undefined, listener], program: (child) => acceptLoop(child, 3, verbose) });
    return 0;
  },
);

function* acceptLoop(proc: Proc, listener: number, verbose: number): Sys<number> {
  proc.signal('SIGPIPE', 'ignore');
  for (;;) {
    const fd = yield* acceptOrSignal(listener);
    if (typeof fd !== 'number') throw fd;
    const conn = new HttpConnection(proc, fd);
    const peer = proc.peer(fd);
    const outcome = yield* conn.next(HTTPD_REQUEST_TIMEOUT_MS);
    let served: Served | undefined;
    if (outcome.kind === 'request') {
      if (verbose > 1) yield* sys.write(2, `${peer?.ip}:${peer?.port}: url:${requestPath(outcome.request.target)}\n`);
      served = serve(proc, outcome.request.method, outcome.request.target);
    } else if (outcome.kind === 'timeout') served = respond(proc, 408);
    else if (outcome.kind === 'bad') served = respond(proc, 400);
    if (served) {
      // With -v, busybox names itself by the client's address in its log lines.
      if (verbose > 0) yield* sys.write(2, `${peer?.ip}:${peer?.port}: response:${served.status}\n`);
      yield* conn.send(served.wire);
    }
    conn.close();
  }
}
