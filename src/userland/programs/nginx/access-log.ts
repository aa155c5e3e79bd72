/**
 * nginx's access log line: a `log_format` such as `$remote_addr - $remote_user [$time_local] …`
 * with each variable replaced by this request's value, `-` for the ones it has none for.
 *
 * A format is split into its text and its variables once; every request then only fills in the
 * values (a busy server writes a line per request, a probed pod one every few seconds).
 */
import type { Headers } from '../../lib/http';
import { strftime } from '../../lib/time';

/** What one line can tell about a request. */
export interface LoggedRequest {
  readonly peer: string;
  /** `GET / HTTP/1.1`, or what arrived instead of a request line. */
  readonly requestLine: string;
  readonly headers: Headers;
  readonly status: number;
  readonly bodyBytes: number;
  readonly bytesSent: number;
  /** Wall-clock milliseconds. */
  readonly now: number;
}

type Value = (request: LoggedRequest) => string;

/** The variables nginx's static-file configurations log; `$http_<name>` is any request header. */
const VARIABLES: Readonly<Record<string, Value>> = {
  remote_addr: (r) => r.peer,
  time_local: (r) => strftime('%d/%b/%Y:%H:%M:%S +0000', r.now),
  request: (r) => r.requestLine,
  status: (r) => String(r.status),
  body_bytes_sent: (r) => String(r.bodyBytes),
  bytes_sent: (r) => String(r.bytesSent),
  request_method: (r) => word(r.requestLine, 0) ?? '-',
  request_uri: (r) => word(r.requestLine, 1) ?? '-',
};

/** The `index`th space-separated word of a line. */
function word(line: string, index: number): string | undefined {
  return line.split(' ')[index];
}

/** `$http_user_agent`: the last `User-Agent` header. */
function requestHeader(variable: string): Value {
  const wanted = variable.slice('http_'.length);
  return (r) => {
    for (let i = r.headers.length - 1; i >= 0; i--) {
      const [name, value] = r.headers[i]!;
      if (isNamed(name, wanted)) return value;
    }
    return '-';
  };
}

const UPPER_A = 65;
const UPPER_Z = 90;
const DASH = 45;
const UNDERSCORE = 95;

/** Whether a header is the one a variable names, as nginx compares them: ASCII letters in any case, `-` written `_`. */
function isNamed(header: string, variable: string): boolean {
  if (header.length !== variable.length) return false;
  for (let i = 0; i < header.length; i++) {
    const c = header.charCodeAt(i);
    const folded = c >= UPPER_A && c <= UPPER_Z ? c + 32 : c === DASH ? UNDERSCORE : c;
    if (folded !== variable.charCodeAt(i)) return false;
  }
  return true;
}

const valueOf = (variable: string): Value =>
  Object.hasOwn(VARIABLES, variable) ? VARIABLES[variable]! : variable.startsWith('http_') ? requestHeader(variable) : () => '-';

/** A format made ready to fill in: request → the line, with its newline. */
export type LogFormat = (request: LoggedRequest) => string;

export function compileLogFormat(format: string): LogFormat {
  // Splitting on a capturing pattern alternates text and variable names: text, name, text, …
  const pieces = format.split(/\$(\w+)/);
  const parts = pieces.map((piece, i): string | Value => (i % 2 === 0 ? piece : valueOf(piece)));
  return (request) => {
    let line = '';
    for (const part of parts) line += typeof part === 'string' ? part : part(request);
    return `${line}\n`;
  };
}
