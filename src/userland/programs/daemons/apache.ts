/**
 * Apache httpd 2.4 of the official `httpd` image, serving /usr/local/apache2/htdocs on port 80
 * ("It works!"). Startup notices on stderr, access lines in common log format on stdout, its
 * own error pages and directory listings, and the image's stop signal SIGWINCH (graceful) as
 * well as SIGTERM.
 */
import { sys, SignalInterrupt, type Proc, type Program } from '../../../engine/runtime/process';
import { byteLength, formatResponse, header, httpDate, type HttpRequest } from '../../lib/http';
import { acceptOrSignal, HttpConnection, keepAlive, requestPath } from '../../lib/serve';
import { decodePath, lookupStatic, mimeType } from '../../lib/static-files';
import { strftime } from '../../lib/time';

const DOCUMENT_ROOT = '/usr/local/apache2/htdocs';
const VERSION = '2.4.59';
const SERVER = `Apache/${VERSION} (Unix)`;
/** KeepAliveTimeout 5. */
const KEEPALIVE_MS = 5000;
/** A thread id for the log lines; any stable number does. */
const TID = '140175812556672';

function errorLine(proc: Proc, module: string, message: string): string {
  const now = proc.wallClock();
  const stamp = `${strftime('%a %b %d %H:%M:%S', now)}.${String((now % 1000) * 1000).padStart(6, '0')} ${strftime('%Y', now)}`;
  return `[${stamp}] [${module}] [pid ${proc.pid}:tid ${TID}] ${message}\n`;
}

/** Apache's error page: HTML 2.0 doctype, the status text as a heading, one sentence. */
function errorPage(status: number, text: string, sentence: string): string {
  return `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>${status} ${text}</title>\n</head><body>\n<h1>${text}</h1>\n<p>${sentence}</p>\n</body></html>\n`;
}

/** The plain listing mod_autoindex makes when a directory has no index.html. */
function listing(uri: string, names: readonly string[]): string {
  const items = [...(uri === '/' ? [] : ['<li><a href="/"> Parent Directory</a></li>']), ...names.map((n) => `<li><a href="${n}"> ${n}</a></li>`)];
  return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<html>\n <head>\n  <title>Index of ${uri}</title>\n </head>\n <body>\n<h1>Index of ${uri}</h1>\n<ul>${items.join('\n')}\n</ul>\n</body></html>\n`;
}

interface Answer {
  status: number;
  reason: string;
  headers: [string, string][];
  body: string;
}

function answer(proc: Proc, request: HttpRequest): Answer {
  const uri = decodePath(requestPath(request.target)) ?? '/';
  const error = (status: number, reason: string, sentence: string, extra: [string, string][] = []): Answer => ({
    status,
    reason,
    headers: [...extra, ['Content-Type', 'text/html; charset=iso-8859-1']],
    body: errorPage(status, reason, sentence),
  });
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return error(405, 'Method Not Allowed', `The requested method ${request.method} is not allowed for this URL.`, [['Allow', 'GET,POST,OPTIONS,HEAD']]);
  }
  const found = lookupStatic(proc.fs, DOCUMENT_ROOT + uri, ['index.html']);
  switch (found.kind) {
    case 'file': {
      const modified = proc.wallClock() - proc.now() + found.stat.mtime;
      const size = byteLength(found.content);
      return {
        status: 200,
        reason: 'OK',
        headers: [
          ['Last-Modified', httpDate(modified)],
          ['ETag', `"${size.toString(16)}-${(modified * 1000).toString(16)}"`],
          ['Accept-Ranges', 'bytes'],
          ['Content-Type', mimeType(found.path) ?? 'text/plain'],
        ],
        body: found.content,
      };
    }
    case 'directory': {
      const location = `http://${header(request.headers, 'Host') ?? proc.netns.primaryAddress}${uri}/`;
      return error(301, 'Moved Permanently', `The document has moved <a href="${location}">here</a>.`, [['Location', location]]);
    }
    case 'no-index':
      return { status: 200, reason: 'OK', headers: [['Content-Type', 'text/html;charset=ISO-8859-1']], body: listing(uri, proc.fs.readdir(found.path)) };
    case 'missing':
      return error(404, 'Not Found', 'The requested URL was not found on this server.');
  }
}

/** `Date`, `Server`, the answer's own headers with Content-Length before the keep-alive pair and Content-Type last. */
function wire(proc: Proc, a: Answer, keep: boolean, head: boolean): string {
  const type = a.headers.filter(([n]) => n === 'Content-Type');
  const others = a.headers.filter(([n]) => n !== 'Content-Type');
  const connection: [string, string][] = keep ? [['Keep-Alive', 'timeout=5, max=100'], ['Connection', 'Keep-Alive']] : [['Connection', 'close']];
  const headers: [string, string][] = [['Date', httpDate(proc.wallClock())], ['Server', SERVER], ...others, ['Content-Length', String(byteLength(a.body))], ...connection, ...type];
  return formatResponse({ status: a.status, reason: a.reason, headers, body: head ? '' : a.body });
}

export const apacheHttpd: Program = function* (proc) {
  proc.signal('SIGPIPE', 'ignore');
  for (const s of ['SIGTERM', 'SIGWINCH', 'SIGINT'] as const) proc.signal(s, 'catch');
  const listener = proc.listen(80);
  const fqdn = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${proc.netns.primaryAddress}. Set the 'ServerName' directive globally to suppress this message\n`;
  // Printed twice: once while the configuration is checked, once when it is loaded.
  yield* sys.write(2, fqdn + fqdn
    + errorLine(proc, 'mpm_event:notice', `AH00489: ${SERVER} configured -- resuming normal operations`)
    + errorLine(proc, 'core:notice', "AH00094: Command line: 'httpd -D FOREGROUND'"));
  try {
    for (;;) {
      const fd = yield* acceptOrSignal(listener);
      if (fd instanceof SignalInterrupt) throw fd;
      const conn = new HttpConnection(proc, fd);
      for (;;) {
        const outcome = yield* conn.next(KEEPALIVE_MS);
        if (outcome.kind !== 'request') break;
        const request = outcome.request;
        const keep = keepAlive(request);
        const a = answer(proc, request);
        yield* sys.write(1, `${conn.peer} - - [${strftime('%d/%b/%Y:%H:%M:%S +0000', proc.wallClock())}] "${request.method} ${request.target} ${request.version}" ${a.status} ${request.method === 'HEAD' ? '-' : byteLength(a.body)}\n`);
        if (!(yield* conn.send(wire(proc, a, keep, request.method === 'HEAD'))) || !keep) break;
      }
      conn.close();
    }
  } catch (e) {
    if (!(e instanceof SignalInterrupt)) throw e;
    const graceful = e.signal === 'SIGWINCH';
    yield* sys.write(2, errorLine(proc, 'mpm_event:notice', graceful ? 'AH00492: caught SIGWINCH, shutting down gracefully' : `AH00491: caught ${e.signal}, shutting down`));
    return 0;
  }
};
