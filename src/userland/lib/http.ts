/**
 * HTTP/1.1 messages as text: formatting requests and responses, and parsing them from the bytes
 * received so far. Pure functions only, so the servers inside containers, the clients (curl,
 * wget) and the kubelet's httpGet probes all share one codec without sharing any state.
 *
 * Parsing is incremental the simple way: the caller keeps what it has received and asks again
 * after each chunk; the answer is `incomplete` until a whole message is there. Bodies are framed
 * by Content-Length, `Transfer-Encoding: chunked`, or (responses only) the end of the connection.
 * Lengths count UTF-8 bytes, as on the wire; message text is a JavaScript string.
 */
import { utf8Length } from '../../engine/runtime/fs/nodes';

/** Header fields in the order they were sent; names keep their spelling. */
export type Headers = readonly (readonly [name: string, value: string])[];

export interface HttpRequest {
  readonly method: string;
  /** The request target as sent: `/index.html?x=1`. */
  readonly target: string;
  readonly version: string;
  readonly headers: Headers;
  readonly body: string;
}

export interface HttpResponse {
  readonly version: string;
  readonly status: number;
  readonly reason: string;
  readonly headers: Headers;
  readonly body: string;
}

export type ParseResult<T> =
  | { readonly kind: 'incomplete' }
  | { readonly kind: 'complete'; readonly message: T; /** Bytes after the message (a pipelined next one). */ readonly rest: string }
  | { readonly kind: 'error'; readonly reason: string };

const REASONS: Readonly<Record<number, string>> = {
  100: 'Continue',
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  206: 'Partial Content',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  304: 'Not Modified',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  413: 'Request Entity Too Large',
  414: 'Request-URI Too Large',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The standard reason phrase for a status code (`404` → `Not Found`). */
export const reasonPhrase = (status: number): string => REASONS[status] ?? 'Unknown';

/** The value of the first header called `name` (case-insensitive). */
export function header(headers: Headers, name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find(([n]) => n.toLowerCase() === lower)?.[1];
}

export function formatRequest(request: { method: string; target: string; headers: Headers; body?: string; version?: string }): string {
  const lines = [`${request.method} ${request.target} ${request.version ?? 'HTTP/1.1'}`, ...request.headers.map(([n, v]) => `${n}: ${v}`)];
  return `${lines.join('\r\n')}\r\n\r\n${request.body ?? ''}`;
}

export function formatResponse(response: { status: number; reason?: string; headers: Headers; body?: string; version?: string }): string {
  const status = `${response.version ?? 'HTTP/1.1'} ${response.status} ${response.reason ?? reasonPhrase(response.status)}`;
  const lines = [status, ...response.headers.map(([n, v]) => `${n}: ${v}`)];
  return `${lines.join('\r\n')}\r\n\r\n${response.body ?? ''}`;
}

/** Lines of a header block; bare `\n` line ends are tolerated, as real servers do. */
function splitHead(buffer: string): { lines: string[]; rest: string } | undefined {
  const match = /\r?\n\r?\n/.exec(buffer);
  if (!match) return undefined;
  return { lines: buffer.slice(0, match.index).split(/\r?\n/), rest: buffer.slice(match.index + match[0].length) };
}

function parseHeaderLines(lines: readonly string[]): Headers | undefined {
  const headers: [string, string][] = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0 || /\s/.test(line.slice(0, colon))) return undefined;
    headers.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
  }
  return headers;
}

export function parseRequest(buffer: string): ParseResult<HttpRequest> {
  // Browsers and curl may send stray empty lines before a request; servers skip them.
  const trimmed = buffer.replace(/^(\r?\n)+/, '');
  const head = splitHead(trimmed);
  if (!head) return { kind: 'incomplete' };
  const [requestLine, ...headerLines] = head.lines;
  const m = /^([A-Z]+) (\S+) (HTTP\/\d\.\d)$/.exec(requestLine ?? '');
  if (!m) return { kind: 'error', reason: 'invalid request line' };
  const headers = parseHeaderLines(headerLines);
  if (!headers) return { kind: 'error', reason: 'invalid header' };
  const body = readBody(headers, head.rest, false, false);
  if (body.kind !== 'complete') return body;
  return { kind: 'complete', message: { method: m[1]!, target: m[2]!, version: m[3]!, headers, body: body.body }, rest: body.rest };
}

/**
 * @param options.ended the connection is closed: a body without a length ends here.
 * @param options.noBody the answer to a HEAD request (or a 1xx/204/304) has no body whatever its headers say.
 */
export function parseResponse(buffer: string, options: { ended?: boolean; noBody?: boolean } = {}): ParseResult<HttpResponse> {
  const head = splitHead(buffer);
  if (!head) return options.ended && buffer.length > 0 ? { kind: 'error', reason: 'truncated headers' } : { kind: 'incomplete' };
  const [statusLine, ...headerLines] = head.lines;
  const m = /^(HTTP\/\d\.\d) (\d{3})(?: (.*))?$/.exec(statusLine ?? '');
  if (!m) return { kind: 'error', reason: 'invalid status line' };
  const headers = parseHeaderLines(headerLines);
  if (!headers) return { kind: 'error', reason: 'invalid header' };
  const status = Number(m[2]);
  const bodiless = options.noBody === true || status < 200 || status === 204 || status === 304;
  const body = bodiless ? { kind: 'complete' as const, body: '', rest: head.rest } : readBody(headers, head.rest, true, options.ended ?? false);
  if (body.kind !== 'complete') return body;
  return { kind: 'complete', message: { version: m[1]!, status, reason: m[3] ?? '', headers, body: body.body }, rest: body.rest };
}

type BodyResult = { kind: 'complete'; body: string; rest: string } | { kind: 'incomplete' } | { kind: 'error'; reason: string };

function readBody(headers: Headers, data: string, untilClose: boolean, ended: boolean): BodyResult {
  if (header(headers, 'Transfer-Encoding')?.toLowerCase().includes('chunked')) return readChunked(data);
  const length = header(headers, 'Content-Length');
  if (length !== undefined) {
    if (!/^\d+$/.test(length)) return { kind: 'error', reason: 'invalid Content-Length' };
    const split = splitAtBytes(data, Number(length));
    return split ? { kind: 'complete', body: split[0], rest: split[1] } : { kind: 'incomplete' };
  }
  if (!untilClose) return { kind: 'complete', body: '', rest: data };
  return ended ? { kind: 'complete', body: data, rest: '' } : { kind: 'incomplete' };
}

function readChunked(data: string): BodyResult {
  let body = '';
  let at = 0;
  for (;;) {
    const eol = data.indexOf('\r\n', at);
    if (eol < 0) return { kind: 'incomplete' };
    const size = parseInt(data.slice(at, eol).split(';')[0]!.trim(), 16);
    if (Number.isNaN(size)) return { kind: 'error', reason: 'invalid chunk size' };
    if (size === 0) {
      // The last chunk; trailer fields (unused here) end with an empty line.
      const end = data.startsWith('\r\n', eol + 2) ? eol + 2 : data.indexOf('\r\n\r\n', eol + 2) + 2;
      if (end < eol + 2 || !data.startsWith('\r\n', end)) return { kind: 'incomplete' };
      return { kind: 'complete', body, rest: data.slice(end + 2) };
    }
    const split = splitAtBytes(data.slice(eol + 2), size);
    if (!split || split[1].length < 2) return { kind: 'incomplete' };
    body += split[0];
    at = data.length - split[1].length + 2;
  }
}

/** Splits `text` after `bytes` UTF-8 bytes; undefined when it is shorter than that. */
export function splitAtBytes(text: string, bytes: number): [string, string] | undefined {
  if (bytes === 0) return ['', text];
  // Most bodies are ASCII: one character per byte.
  if (text.length >= bytes && utf8Length(text.slice(0, bytes)) === bytes) return [text.slice(0, bytes), text.slice(bytes)];
  let count = 0;
  let i = 0;
  while (i < text.length && count < bytes) {
    const code = text.codePointAt(i)!;
    count += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    i += code >= 0x10000 ? 2 : 1;
  }
  return count >= bytes ? [text.slice(0, i), text.slice(i)] : undefined;
}

/** RFC 7231 date for `Date:` and `Last-Modified:` headers: `Mon, 19 Feb 2024 12:41:20 GMT`. */
export function httpDate(unixMs: number): string {
  const d = new Date(unixMs);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${day}, ${two(d.getUTCDate())} ${month} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} GMT`;
}

/** Content-Length of a body. */
export const byteLength = utf8Length;
