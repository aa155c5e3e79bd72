/**
 * How nginx answers one request with its static-file handler: which server and location, which
 * file, and the exact bytes it sends back — headers in nginx's order, its built-in error pages —
 * plus the error-log messages the request causes. No I/O: the worker process does that, and
 * keeps the only state, the header lines of the files it has served (`fileHeaders`).
 */
import type { Vfs } from '../../../engine/runtime/fs';
import { header, httpDate, byteLength, type HttpRequest } from '../../lib/http';
import { decodePath, ERRNO_NUMBER, errnoText, lookupStatic, mimeType, type StaticFile } from '../../lib/static-files';
import { requestPath } from '../../lib/serve';
import { chooseLocation, type Location, type NginxConfig, type Server } from './config';

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

/** The methods the static-file handler serves (POST only to answer 405 for a file). */
const SERVED_METHODS = new Set(['GET', 'HEAD', 'POST']);

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
  /**
   * The header lines of the files this worker has served, by lookup: a lookup is only reused
   * while the filesystem is unchanged, so a changed file comes with new lines.
   */
  readonly fileHeaders: WeakMap<StaticFile, FileHeaders>;
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
  const name = host?.replace(/:\d+$/, '').toLowerCase();
  let first: Server | undefined;
  let fallback: Server | undefined;
  for (const server of config.servers) {
    if (!server.ports.includes(port)) continue;
    if (name !== undefined && server.names.includes(name)) return server;
    first ??= server;
    if (server.defaultServer) fallback ??= server;
  }
  return fallback ?? first;
}

/**
 * A response before it is sent. nginx writes the head in a fixed order: status line, `Server`,
 * `Date`, the fields that describe the content, `Connection`, then the ones a file adds (`ETag`,
 * `Accept-Ranges`). The fields are kept as ready lines: for a file they stay the same until the
 * file changes, and a worker makes them once (see `fileHeaders`).
 */
interface Reply {
  readonly status: number;
  /** `Content-Type`, `Content-Length`, `Last-Modified`, `Location`: header lines ending in CRLF. */
  readonly contentFields: string;
  /** `ETag`, `Accept-Ranges`. */
  readonly afterConnection: string;
  readonly body: string;
  /** The body's length in bytes. */
  readonly bytes: number;
  readonly keepAlive: boolean;
}

const line = (name: string, value: string): string => `${name}: ${value}\r\n`;

function errorReply(ctx: NginxContext, status: number, keepAlive: boolean, location?: string): Reply {
  const body = errorPage(status, ctx.version);
  const bytes = byteLength(body);
  const contentFields = line('Content-Type', 'text/html') + line('Content-Length', String(bytes)) + (location !== undefined ? line('Location', location) : '');
  return { status, contentFields, afterConnection: '', body, bytes, keepAlive: keepAlive && !CLOSES_CONNECTION.has(status) };
}

function finish(ctx: NginxContext, reply: Reply, head: boolean, errors: string[], server: Server | undefined): Exchange {
  const wire = `HTTP/1.1 ${reply.status} ${STATUS_TEXT[reply.status] ?? ''}\r\n${line('Server', `nginx/${ctx.version}`)}${line('Date', httpDate(ctx.now))}`
    + `${reply.contentFields}${line('Connection', reply.keepAlive ? 'keep-alive' : 'close')}${reply.afterConnection}\r\n${head ? '' : reply.body}`;
  return { status: reply.status, wire, bodyBytes: head ? 0 : reply.bytes, keepAlive: reply.keepAlive, errors, server };
}

/** A request that could not be parsed: 400, connection closed. */
export function badRequest(ctx: NginxContext): Exchange {
  return finish(ctx, errorReply(ctx, 400, false), false, [], undefined);
}

export function respond(ctx: NginxContext, request: HttpRequest, keepAlive: boolean): Exchange {
  const host = header(request.headers, 'Host');
  const server = chooseServer(ctx.config, ctx.port, host);
  const head = request.method === 'HEAD';
  if (!server || (request.version === 'HTTP/1.1' && host === undefined)) return finish(ctx, errorReply(ctx, 400, false), head, [], server);
  const uri = decodePath(requestPath(request.target));
  if (uri === undefined || !uri.startsWith('/')) return finish(ctx, errorReply(ctx, 400, false), head, [], server);
  if (!SERVED_METHODS.has(request.method)) return finish(ctx, errorReply(ctx, 405, keepAlive), head, [], server);

  const location = chooseLocation(server, uri);
  if (location?.return) return finish(ctx, returnReply(ctx, location.return, keepAlive), head, [], server);

  const file = location?.alias !== undefined
    ? location.modifier === '=' ? location.alias : location.alias + uri.slice(location.path.length)
    : (location?.root ?? server.root) + uri;
  const found = lookupStatic(ctx.fs, file, location?.index ?? server.index);
  switch (found.kind) {
    case 'file':
      if (request.method === 'POST') return finish(ctx, errorReply(ctx, 405, keepAlive), head, [], server);
      return finish(ctx, fileReply(ctx, 200, found, uri.endsWith('/') ? found.path : uri, keepAlive), head, [], server);
    case 'directory': {
      const port = ctx.port === 80 ? '' : `:${ctx.port}`;
      return finish(ctx, errorReply(ctx, 301, keepAlive, `http://${host?.replace(/:\d+$/, '')}${port}${uri}/`), head, [], server);
    }
    case 'no-index':
      return failure(ctx, request, server, location, 403, `directory index of "${found.path}" is forbidden`, keepAlive);
    case 'missing': {
      const errno = `${ERRNO_NUMBER[found.errno] ?? 2}: ${errnoText(found.errno)}`;
      if (file.endsWith('/')) return failure(ctx, request, server, location, 404, `"${file}${(location?.index ?? server.index)[0]}" is not found (${errno})`, keepAlive);
      return failure(ctx, request, server, location, 404, `open() "${found.path}" failed (${errno})`, keepAlive);
    }
  }
}

/** An error the error log tells about; the answer is the server's `error_page` for it if that file exists, else nginx's own page. */
function failure(ctx: NginxContext, request: HttpRequest, server: Server, location: Location | undefined, status: number, message: string, keepAlive: boolean): Exchange {
  const host = header(request.headers, 'Host');
  const errors = [`${message}, client: ${ctx.client}, server: ${server.names[0] ?? ''}, request: "${request.method} ${request.target} ${request.version}"${host !== undefined ? `, host: "${host}"` : ''}`];
  const head = request.method === 'HEAD';
  const page = server.errorPages.get(status);
  const custom = page ? lookupStatic(ctx.fs, (location?.root ?? server.root) + page, []) : undefined;
  if (custom?.kind === 'file') return finish(ctx, fileReply(ctx, status, custom, page!, keepAlive), head, errors, server);
  return finish(ctx, errorReply(ctx, status, keepAlive), head, errors, server);
}

function fileReply(ctx: NginxContext, status: number, file: StaticFile, typeFrom: string, keepAlive: boolean): Reply {
  let headers = ctx.fileHeaders.get(file);
  if (headers?.typeFrom !== typeFrom) ctx.fileHeaders.set(file, (headers = describeFile(ctx, file, typeFrom)));
  return { status, contentFields: headers.contentFields, afterConnection: headers.afterConnection, body: file.content, bytes: file.stat.size, keepAlive };
}

/** The header lines of a file: what it is, its size and date, and its ETag. */
export interface FileHeaders {
  /** The path the type comes from (a request for `/` has the index file's). */
  readonly typeFrom: string;
  readonly contentFields: string;
  readonly afterConnection: string;
}

function describeFile(ctx: NginxContext, file: StaticFile, typeFrom: string): FileHeaders {
  const size = file.stat.size;
  const modified = ctx.epoch + file.stat.mtime;
  const contentFields = line('Content-Type', mimeType(typeFrom) ?? ctx.config.defaultType) + line('Content-Length', String(size)) + line('Last-Modified', httpDate(modified));
  const etag = `"${Math.floor(modified / 1000).toString(16)}-${size.toString(16)}"`;
  return { typeFrom, contentFields, afterConnection: line('ETag', etag) + line('Accept-Ranges', 'bytes') };
}

/** `return 200 "text";`, `return 301 https://…;`, `return 404;`. */
function returnReply(ctx: NginxContext, ret: { code: number; text?: string }, keepAlive: boolean): Reply {
  if (ret.code >= 300 && ret.code < 400 && ret.text !== undefined) return errorReply(ctx, ret.code, keepAlive, ret.text);
  if (ret.text === undefined) return errorReply(ctx, ret.code, keepAlive);
  const bytes = byteLength(ret.text);
  const contentFields = line('Content-Type', ctx.config.defaultType) + line('Content-Length', String(bytes));
  return { status: ret.code, contentFields, afterConnection: '', body: ret.text, bytes, keepAlive };
}
