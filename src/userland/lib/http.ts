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
import { strftime } from './time';

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

/**
 * The value of the first header called `name` (case-insensitive). Header names are ASCII tokens,
 * so a name of another length never matches and is skipped without lowering its case.
 */
export function header(headers: Headers, name: string): string | undefined {
  let lower: string | undefined;
  for (const [n, value] of headers) {
    if (n.length === name.length && (n === name || n.toLowerCase() === (lower ??= name.toLowerCase()))) return value;
  }
  return undefined;
}

export function formatRequest(request: { method: string; target: string; headers: Headers; body?: string; version?: string }): string {
  return formatMessage(`${request.method} ${request.target} ${request.version ?? 'HTTP/1.1'}`, request.headers, request.body);
}

export function formatResponse(response: { status: number; reason?: string; headers: Headers; body?: string; version?: string }): string {
  const statusLine = `${response.version ?? 'HTTP/1.1'} ${response.status} ${response.reason ?? reasonPhrase(response.status)}`;
  return formatMessage(statusLine, response.headers, response.body);
}

function formatMessage(startLine: string, headers: Headers, body = ''): string {
  let text = `${startLine}\r\n`;
  for (const [name, value] of headers) text += `${name}: ${value}\r\n`;
  return `${text}\r\n${body}`;
}

/** The start line and header fields of a message, and the bytes after the header block. */
interface Head {
  readonly startLine: string;
  /** Undefined when a line is not `Name: value`. */
  readonly headers: Headers | undefined;
  readonly rest: string;
}

/** A header field's name: a non-empty run without spaces, up to the colon (matched where a line starts). */
const FIELD_NAME = /[^\s:]+:/y;

/**
 * Reads the header block starting at `from`, in place; undefined until the empty line that ends
 * it has arrived. Lines end in `\r\n`; a bare `\n` is tolerated, as real servers do.
 */
function readHead(buffer: string, from: number): Head | undefined {
  let nl = buffer.indexOf('\n', from);
  let blank = 0;
  for (; nl >= 0; nl = buffer.indexOf('\n', nl + 1)) {
    blank = buffer[nl + 1] === '\n' ? 1 : buffer[nl + 1] === '\r' && buffer[nl + 2] === '\n' ? 2 : 0;
    if (blank > 0) break;
  }
  if (nl < 0) return undefined;
  const rest = buffer.slice(nl + 1 + blank);
  const headEnd = nl > from && buffer[nl - 1] === '\r' ? nl - 1 : nl;
  let lf = lineFeed(buffer, from, headEnd);
  const startLine = buffer.slice(from, lineEnd(buffer, lf, headEnd));
  const headers: [string, string][] = [];
  while (lf < headEnd) {
    const at = lf + 1;
    lf = lineFeed(buffer, at, headEnd);
    FIELD_NAME.lastIndex = at;
    if (!FIELD_NAME.test(buffer)) return { startLine, headers: undefined, rest };
    const colon = FIELD_NAME.lastIndex - 1;
    headers.push([buffer.slice(at, colon), buffer.slice(colon + 1, lineEnd(buffer, lf, headEnd)).trim()]);
  }
  return { startLine, headers, rest };
}

/** The `\n` that ends the line starting at `at`; `headEnd` for the last line of the block. */
function lineFeed(buffer: string, at: number, headEnd: number): number {
  const lf = buffer.indexOf('\n', at);
  return lf < 0 || lf >= headEnd ? headEnd : lf;
}

/** Where the text of a line ends: before the `\r` of its `\r\n`. */
const lineEnd = (buffer: string, lf: number, headEnd: number): number => (lf < headEnd && buffer[lf - 1] === '\r' ? lf - 1 : lf);

const REQUEST_LINE = /^([A-Z]+) (\S+) (HTTP\/\d\.\d)$/;
const STATUS_LINE = /^(HTTP\/\d\.\d) (\d{3})(?: (.*))?$/;

/** Where a request starts: browsers and curl may send stray empty lines first; servers skip them. */
function afterEmptyLines(buffer: string): number {
  let at = 0;
  for (;;) {
    if (buffer[at] === '\n') at += 1;
    else if (buffer[at] === '\r' && buffer[at + 1] === '\n') at += 2;
    else return at;
  }
}

export function parseRequest(buffer: string): ParseResult<HttpRequest> {
  const head = readHead(buffer, afterEmptyLines(buffer));
  if (!head) return { kind: 'incomplete' };
  const m = REQUEST_LINE.exec(head.startLine);
  if (!m) return { kind: 'error', reason: 'invalid request line' };
  const headers = head.headers;
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
  const head = readHead(buffer, 0);
  if (!head) return options.ended && buffer.length > 0 ? { kind: 'error', reason: 'truncated headers' } : { kind: 'incomplete' };
  const m = STATUS_LINE.exec(head.startLine);
  if (!m) return { kind: 'error', reason: 'invalid status line' };
  const headers = head.headers;
  if (!headers) return { kind: 'error', reason: 'invalid header' };
  const status = Number(m[2]);
  const bodiless = options.noBody === true || status < 200 || status === 204 || status === 304;
  const body = bodiless ? { kind: 'complete' as const, body: '', rest: head.rest } : readBody(headers, head.rest, true, options.ended ?? false);
  if (body.kind !== 'complete') return body;
  return { kind: 'complete', message: { version: m[1]!, status, reason: m[3] ?? '', headers, body: body.body }, rest: body.rest };
}

/**
 * Only the status code of a response whose head has fully arrived — all an HTTP probe's verdict
 * needs — or undefined while the head is incomplete or when its status line is malformed.
 */
export function responseStatus(buffer: string): number | undefined {
  const lf = buffer.indexOf('\n');
  if (lf < 0 || (buffer.indexOf('\n\r\n', lf) < 0 && buffer.indexOf('\n\n', lf) < 0)) return undefined;
  const m = STATUS_LINE.exec(buffer.slice(0, buffer[lf - 1] === '\r' ? lf - 1 : lf));
  return m ? Number(m[2]) : undefined;
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

/** Printable ASCII and line ends, one byte per character: what most messages are (a pattern scans faster than a loop). */
const PLAIN_TEXT = /^[\t\n\r -~]*$/;

/** Splits `text` after `bytes` UTF-8 bytes; undefined when it is shorter than that. */
export function splitAtBytes(text: string, bytes: number): [string, string] | undefined {
  if (bytes === 0) return ['', text];
  // Most bodies are ASCII: one character per byte.
  if (text.length >= bytes && PLAIN_TEXT.test(text.slice(0, bytes))) return [text.slice(0, bytes), text.slice(bytes)];
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
export const httpDate = (unixMs: number): string => strftime('%a, %d %b %Y %H:%M:%S GMT', unixMs);

/** Content-Length of a body. */
export const byteLength = (text: string): number => (PLAIN_TEXT.test(text) ? text.length : utf8Length(text));
