/**
 * How nginx answers one request with its static-file handler: which server and location, which
 * file, and the exact bytes it sends back — headers in nginx's order, its built-in error pages —
 * plus the error-log messages the request causes. Pure: the worker process does the I/O.
 */
import type { Vfs } from '../../../engine/runtime/fs';
import { formatResponse, header, httpDate, byteLength, type HttpRequest } from '../../lib/http';
import { decodePath, ERRNO_NUMBER, errnoText, lookupStatic, mimeType } from '../../lib/static-files';
import { requestPath } from '../../lib/serve';
import { chooseLocation, type NginxConfig, type Server } from './config';

/** nginx's own status texts (some differ from the RFC's: `405 Not Allowed`). */
const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: 'OK',
  301: 'Moved Permanently',
  302: 'Moved Temporarily',
  304: 'Not Modified',
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Not Allowed',
  408: 'Request Time-out',
  413: 'Request Entity Too Large',
  414: 'Request-URI Too Large',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
};

/** Errors after which nginx closes the connection whatever the client asked. */
const CLOSES_CONNECTION = new Set([400, 413, 414, 500, 501]);

export interface NginxContext {
  readonly fs: Vfs;
  readonly config: NginxConfig;
  /** `1.25.4`, from the image's NGINX_VERSION. */
  readonly version: string;
  /** The port the connection came in on. */
  readonly port: number;
  readonly client: string;
  /** Wall-clock now, and the wall-clock instant of simulated time 0 (for file dates). */
  readonly now: number;
  readonly epoch: number;
}

export interface Exchange {
  readonly status: number;
  /** The whole response as sent. */
  readonly wire: string;
  readonly bodyBytes: number;
  readonly keepAlive: boolean;
  /** `[error]` lines this request writes to the error log (without the time and pid prefix). */
  readonly errors: readonly string[];
  readonly server: Server | undefined;
}

/** The built-in page for an error status: CRLF lines, `nginx/<version>` at the bottom. */
export function errorPage(status: number, version: string): string {
  const title = `${status} ${STATUS_TEXT[status] ?? ''}`;
  // Until nginx 1.17 the body tag carried bgcolor="white" (ikubernetes/myapp runs 1.12.2).
  const body = olderThan(version, [1, 17]) ? '<body bgcolor="white">' : '<body>';
  return `<html>\r\n<head><title>${title}</title></head>\r\n${body}\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;
}

function olderThan(version: string, [major, minor]: [number, number]): boolean {
  const [a = 0, b = 0] = version.split('.').map(Number);
  return a < major || (a === major && b < minor);
}

/** The server block for a port and Host header: a matching server_name, else the default one. */
export function chooseServer(config: NginxConfig, port: number, host: string | undefined): Server | undefined {
  const candidates = config.servers.filter((s) => s.ports.includes(port));
  const name = host?.replace(/:\d+$/, '').toLowerCase();
  return candidates.find((s) => name !== undefined && s.names.includes(name)) ?? candidates.find((s) => s.defaultServer) ?? candidates[0];
}

interface Reply {
  status: number;
  headers: [string, string][];
  body: string;
  keepAlive: boolean;
}

function baseHeaders(ctx: NginxContext): [string, string][] {
  return [['Server', `nginx/${ctx.version}`], ['Date', httpDate(ctx.now)]];
}

function errorReply(ctx: NginxContext, status: number, keepAlive: boolean, extra: [string, string][] = []): Reply {
  const body = errorPage(status, ctx.version);
  const alive = keepAlive && !CLOSES_CONNECTION.has(status);
  return {
    status,
    headers: [...baseHeaders(ctx), ['Content-Type', 'text/html'], ['Content-Length', String(byteLength(body))], ...extra, ['Connection', alive ? 'keep-alive' : 'close']],
    body,
    keepAlive: alive,
  };
}

function finish(reply: Reply, head: boolean, errors: string[], server: Server | undefined): Exchange {
  const wire = formatResponse({ status: reply.status, reason: STATUS_TEXT[reply.status] ?? '', headers: reply.headers, body: head ? '' : reply.body });
  return { status: reply.status, wire, bodyBytes: head ? 0 : byteLength(reply.body), keepAlive: reply.keepAlive, errors, server };
}

/** A request that could not be parsed: 400, connection closed. */
export function badRequest(ctx: NginxContext): Exchange {
  return finish(errorReply(ctx, 400, false), false, [], undefined);
}

export function respond(ctx: NginxContext, request: HttpRequest, keepAlive: boolean): Exchange {
  const host = header(request.headers, 'Host');
  const server = chooseServer(ctx.config, ctx.port, host);
  const head = request.method === 'HEAD';
  const errors: string[] = [];
  const where = `, client: ${ctx.client}, server: ${server?.names[0] ?? ''}, request: "${request.method} ${request.target} ${request.version}"${host !== undefined ? `, host: "${host}"` : ''}`;
  if (!server || (request.version === 'HTTP/1.1' && host === undefined)) return finish(errorReply(ctx, 400, false), head, errors, server);
  const uri = decodePath(requestPath(request.target));
  if (uri === undefined || !uri.startsWith('/')) return finish(errorReply(ctx, 400, false), head, errors, server);
  if (!['GET', 'HEAD', 'POST'].includes(request.method)) return finish(errorReply(ctx, 405, keepAlive), head, errors, server);

  const location = chooseLocation(server, uri);
  if (location?.return) return finish(returnReply(ctx, location.return, keepAlive), head, errors, server);

  const file = location?.alias !== undefined
    ? location.modifier === '=' ? location.alias : location.alias + uri.slice(location.path.length)
    : (location?.root ?? server.root) + uri;
  const found = lookupStatic(ctx.fs, file, location?.index ?? server.index);
  const fail = (status: number, message: string): Exchange => {
    errors.push(message + where);
    const page = server.errorPages.get(status);
    const custom = page ? lookupStatic(ctx.fs, (location?.root ?? server.root) + page, []) : undefined;
    if (custom?.kind === 'file') {
      const reply = fileReply(ctx, status, custom.content, custom.stat.mtime, page!, keepAlive);
      return finish(reply, head, errors, server);
    }
    return finish(errorReply(ctx, status, keepAlive), head, errors, server);
  };
  switch (found.kind) {
    case 'file':
      if (request.method === 'POST') return finish(errorReply(ctx, 405, keepAlive), head, errors, server);
      return finish(fileReply(ctx, 200, found.content, found.stat.mtime, uri.endsWith('/') ? found.path : uri, keepAlive), head, errors, server);
    case 'directory': {
      const port = ctx.port === 80 ? '' : `:${ctx.port}`;
      const location = `http://${host?.replace(/:\d+$/, '')}${port}${uri}/`;
      return finish(errorReply(ctx, 301, keepAlive, [['Location', location]]), head, errors, server);
    }
    case 'no-index':
      return fail(403, `directory index of "${found.path}" is forbidden`);
    case 'missing': {
      const errno = `${ERRNO_NUMBER[found.errno] ?? 2}: ${errnoText(found.errno)}`;
      if (file.endsWith('/')) return fail(404, `"${file}${(location?.index ?? server.index)[0]}" is not found (${errno})`);
      return fail(404, `open() "${found.path}" failed (${errno})`);
    }
  }
}

function fileReply(ctx: NginxContext, status: number, content: string, mtime: number, typeFrom: string, keepAlive: boolean): Reply {
  const size = byteLength(content);
  const modified = ctx.epoch + mtime;
  const etag = `"${Math.floor(modified / 1000).toString(16)}-${size.toString(16)}"`;
  return {
    status,
    headers: [
      ...baseHeaders(ctx),
      ['Content-Type', mimeType(typeFrom) ?? ctx.config.defaultType],
      ['Content-Length', String(size)],
      ['Last-Modified', httpDate(modified)],
      ['Connection', keepAlive ? 'keep-alive' : 'close'],
      ['ETag', etag],
      ['Accept-Ranges', 'bytes'],
    ],
    body: content,
    keepAlive,
  };
}

/** `return 200 "text";`, `return 301 https://…;`, `return 404;`. */
function returnReply(ctx: NginxContext, ret: { code: number; text?: string }, keepAlive: boolean): Reply {
  if (ret.code >= 300 && ret.code < 400 && ret.text !== undefined) return errorReply(ctx, ret.code, keepAlive, [['Location', ret.text]]);
  if (ret.text === undefined) return errorReply(ctx, ret.code, keepAlive);
  return {
    status: ret.code,
    headers: [...baseHeaders(ctx), ['Content-Type', ctx.config.defaultType], ['Content-Length', String(byteLength(ret.text))], ['Connection', keepAlive ? 'keep-alive' : 'close']],
    body: ret.text,
    keepAlive,
  };
}
