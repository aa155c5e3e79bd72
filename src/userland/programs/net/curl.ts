/**
 * curl, in the two versions a learner meets: 7.88.1 in Debian bookworm images (nginx's
 * /usr/bin/curl) and 7.76.1 on the Rocky Linux 9 nodes. They differ in the words of some errors
 * (a refused connection, a timeout, -f) and in the User-Agent; the rest is one program.
 *
 * Known gaps: no TLS (an https URL is plain HTTP on port 443), every URL and redirect opens a new
 * connection (#0, #1, …) where curl would reuse a kept-alive one, -v does not print the
 * `{ [615 bytes data]` lines curl adds when the body goes to a pipe, and the progress meter is
 * drawn once at the start and once at the end (curl redraws it every second of a slow transfer).
 */
import { FsError } from '../../../engine/runtime/fs';
import { sys, type Fd, type Proc, type Sys } from '../../../engine/runtime/process';
import { byteLength, header, type HttpResponse } from '../../lib/http';
import { parseOptions } from '../../lib/args';
import { lookupHost } from '../../lib/resolver';
import { defineTool, errorText, type Tool } from '../../lib/tool';
import { connect, parseUrl, receiveResponse, SYN_TIMEOUT_MS, type Url } from './http-client';

interface CurlVersion {
  readonly version: string;
  /** A connection that failed (refused, unreachable, or the kernel's SYN retries ran out). */
  connectFailed(host: string, port: number, elapsedMs: number, errnoText: string): string;
  /** --connect-timeout or -m ran out while connecting. */
  connectTimeout(elapsedMs: number): string;
  /** -f and a status of 400 or more. */
  httpError(response: HttpResponse): string;
}

export const CURL_7_88: CurlVersion = {
  version: '7.88.1',
  connectFailed: (host, port, ms) => `Failed to connect to ${host} port ${port} after ${ms} ms: Couldn't connect to server`,
  connectTimeout: (ms) => `Connection timeout after ${ms} ms`,
  httpError: (r) => `The requested URL returned error: ${r.status}`,
};

export const CURL_7_76: CurlVersion = {
  version: '7.76.1',
  connectFailed: (host, port, _ms, text) => `Failed to connect to ${host} port ${port}: ${text}`,
  connectTimeout: (ms) => `Connection timed out after ${ms} milliseconds`,
  httpError: (r) => `The requested URL returned error: ${r.status} ${r.reason}`,
};

const OPTIONS = {
  short: 'sSvIio:m:H:X:d:Lw:A:fk',
  long: {
    silent: 's', 'show-error': 'S', verbose: 'v', head: 'I', include: 'i', 'output=': 'o', 'max-time=': 'm',
    'connect-timeout=': 'connect-timeout', 'header=': 'H', 'request=': 'X', 'data=': 'd', 'data-raw=': 'd', location: 'L',
    'write-out=': 'w', 'user-agent=': 'A', fail: 'f', insecure: 'k', 'http1.1': 'http1.1',
  },
} as const;

/** How curl stops: an exit code and the message after `curl: (code) `. */
class CurlError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

interface Settings {
  readonly silent: boolean;
  readonly showError: boolean;
  readonly verbose: boolean;
  readonly method: string | undefined;
  readonly head: boolean;
  readonly include: boolean;
  readonly fail: boolean;
  readonly follow: boolean;
  readonly headers: readonly string[];
  readonly data: string | undefined;
  readonly userAgent: string;
  readonly writeOut: string | undefined;
  /** Simulated instants: -m for the whole transfer, --connect-timeout for connecting. */
  readonly deadline: number;
  readonly connectDeadline: number;
}

/** The redirects -L follows before curl gives up (its default --max-redirs). */
const MAX_REDIRECTS = 50;

const TRY_HELP = "curl: try 'curl --help' or 'curl --manual' for more information\n";

export const curl = (version: CurlVersion) => defineTool({ usage: 'curl [options...] <url>', options: 'none' }, function* (tool) {
  const { proc } = tool;
  const parsed = parseOptions(proc.argv.slice(1), OPTIONS);
  if (!parsed.ok) {
    yield* sys.write(2, `curl: ${optionError(parsed.error)}\n${TRY_HELP}`);
    return 2;
  }
  const options = parsed.options;
  if (options.operands.length === 0) {
    yield* sys.write(2, `curl: no URL specified!\n${TRY_HELP}`);
    return 2;
  }
  const seconds = (key: string): number | undefined => {
    const text = options.value(key);
    return text === undefined ? undefined : Number(text) * 1000;
  };
  const maxTime = seconds('m');
  const connectTimeout = seconds('connect-timeout');
  if ((maxTime !== undefined && Number.isNaN(maxTime)) || (connectTimeout !== undefined && Number.isNaN(connectTimeout))) {
    yield* sys.write(2, `curl: option ${Number.isNaN(maxTime) ? '-m' : '--connect-timeout'}: expected a proper numerical parameter\n${TRY_HELP}`);
    return 2;
  }
  const start = proc.now();
  const deadline = maxTime === undefined ? Infinity : start + maxTime;
  const settings: Settings = {
    silent: options.has('s'),
    showError: options.has('S'),
    verbose: options.has('v'),
    method: options.value('X'),
    head: options.has('I'),
    include: options.has('i'),
    fail: options.has('f'),
    follow: options.has('L'),
    headers: options.all('H'),
    data: options.has('d') ? yield* dataOf(tool, options.all('d')) : undefined,
    userAgent: options.value('A') ?? `curl/${version.version}`,
    writeOut: options.value('w'),
    deadline,
    connectDeadline: Math.min(deadline, connectTimeout === undefined ? Infinity : start + connectTimeout),
  };
  const outputName = options.value('o');
  let output: Fd = 1;
  if (outputName !== undefined) {
    try {
      output = proc.open(outputName, 'w');
    } catch (e) {
      yield* sys.write(2, `Warning: Failed to open the file ${outputName}: ${errorText(e)}\n`);
      yield* report(settings, new CurlError(23, 'Failure writing output to destination'));
      return 23;
    }
  }
  const meter = !settings.silent && (outputName !== undefined || !proc.isatty(1)) ? new Meter(proc) : undefined;
  let connection = 0;
  try {
    for (const text of options.operands) {
      if (meter) yield* meter.begin();
      let url = urlOf(text);
      for (let redirects = 0; ; redirects++) {
        const result = yield* transfer(tool, version, settings, url, connection++, output);
        if (!result.follow) {
          if (meter) yield* meter.end(result.response, result.uploaded);
          if (settings.writeOut !== undefined) yield* sys.write(1, writeOut(settings.writeOut, result));
          break;
        }
        if (redirects === MAX_REDIRECTS) throw new CurlError(47, `Maximum (${MAX_REDIRECTS}) redirects followed`);
        url = result.follow;
      }
    }
  } catch (e) {
    if (!(e instanceof CurlError)) throw e;
    if (meter) yield* sys.write(2, '\n');
    yield* report(settings, e);
    return e.code;
  } finally {
    if (output !== 1) proc.close(output);
  }
  return 0;
});

/** Our getopt's complaint in curl's words. */
function optionError(error: string): string {
  const option = /-- '(.)'$/.exec(error)?.[1];
  const long = /'(--[^'=]+)/.exec(error)?.[1];
  const name = option !== undefined ? `-${option}` : long ?? error;
  return error.includes('argument') ? `option ${name}: requires parameter` : `option ${name}: is unknown`;
}

/** `-d @file` reads the file; several -d join with `&`. */
function* dataOf(tool: Tool, values: readonly string[]): Sys<string> {
  const parts: string[] = [];
  for (const value of values) {
    if (!value.startsWith('@')) parts.push(value);
    else {
      try {
        parts.push(tool.proc.fs.readFile(value.slice(1)).replace(/[\r\n]/g, ''));
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        yield* sys.write(2, `Warning: Couldn't read data from file "${value.slice(1)}", this makes an empty POST.\n`);
      }
    }
  }
  return parts.join('&');
}

function urlOf(text: string): Url {
  const url = parseUrl(text);
  if (url && url.host !== '') return url;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(text)?.[1];
  if (scheme && !/^https?$/i.test(scheme)) throw new CurlError(1, `Protocol "${scheme}" not supported or disabled in libcurl`);
  throw new CurlError(3, 'URL using bad/illegal format or missing URL');
}

interface Transferred {
  readonly response: HttpResponse;
  readonly url: Url;
  readonly ip: string;
  readonly uploaded: number;
  /** Where -L goes next. */
  readonly follow?: Url;
}

function* transfer(tool: Tool, version: CurlVersion, settings: Settings, url: Url, connection: number, output: Fd): Sys<Transferred> {
  const { proc } = tool;
  const verbose = (line: string): Sys<void> => (settings.verbose ? sys.write(2, line) : noop());
  const found = yield* lookupHost(proc, url.host);
  if (!found.ok) {
    yield* verbose(`* Could not resolve host: ${url.host}\n* Closing connection ${connection}\n`);
    throw new CurlError(6, `Could not resolve host: ${url.host}`);
  }
  const ip = found.addresses[0]!;
  yield* verbose(`*   Trying ${ip}:${url.port}...\n`);
  const started = proc.now();
  const connectBy = settings.connectDeadline;
  const connected = yield* connect(ip, url.port, Math.min(SYN_TIMEOUT_MS, connectBy - started));
  if (!connected.ok) {
    const elapsed = proc.now() - started;
    if (connected.error.errno === 'ETIMEDOUT' && proc.now() >= connectBy) {
      const message = version.connectTimeout(elapsed);
      yield* verbose(`* ${message}\n* Closing connection ${connection}\n`);
      throw new CurlError(28, message);
    }
    const message = version.connectFailed(url.host, url.port, elapsed, connected.error.message);
    yield* verbose(`* connect to ${ip} port ${url.port} failed: ${connected.error.message}\n* ${message}\n* Closing connection ${connection}\n`);
    throw new CurlError(7, message);
  }
  const fd = connected.fd;
  yield* verbose(`* Connected to ${url.host} (${ip}) port ${url.port} (#${connection})\n`);
  const requestHead = requestHeadOf(settings, url);
  yield* verbose(requestHead.split('\r\n').slice(0, -1).map((line) => `> ${line}\r\n`).join(''));
  yield* sys.write(fd, requestHead + (settings.data ?? ''));
  const received = yield* receiveResponse(proc, fd, { until: settings.deadline, noBody: settings.head || settings.method === 'HEAD' });
  proc.close(fd);
  if (received.kind === 'timeout') {
    const bytes = received.bodyBytes;
    throw new CurlError(28, `Operation timed out after ${proc.now() - started} milliseconds with ${bytes} bytes received`);
  }
  if (received.kind === 'empty') {
    yield* verbose(`* Empty reply from server\n* Closing connection ${connection}\n`);
    throw new CurlError(52, 'Empty reply from server');
  }
  if (received.kind === 'broken') throw new CurlError(56, 'Recv failure: Connection reset by peer');
  const { response, head } = received;
  if (response.version === 'HTTP/1.1') yield* verbose('* Mark bundle as not supporting multiuse\n');
  yield* verbose(head.split('\n').slice(0, -1).map((line) => `< ${line}\n`).join(''));
  const closes = response.version !== 'HTTP/1.1' || header(response.headers, 'Connection')?.toLowerCase() === 'close';
  const done = closes ? `* Closing connection ${connection}\n` : `* Connection #${connection} to host ${url.host} left intact\n`;
  if (settings.fail && response.status >= 400) {
    yield* verbose(`* ${version.httpError(response)}\n${done}`);
    throw new CurlError(22, version.httpError(response));
  }
  const location = header(response.headers, 'Location');
  const follow = settings.follow && response.status >= 300 && response.status < 400 && location !== undefined
    ? (location.startsWith('/') ? { ...url, target: location } : urlOf(location))
    : undefined;
  if (settings.include || settings.head) yield* sys.write(output, head);
  if (!follow && response.body !== '') yield* sys.write(output, response.body);
  yield* verbose(done);
  if (follow) yield* verbose(`* Issue another request to this URL: '${urlText(follow)}'\n`);
  return { response, url, ip, uploaded: settings.data === undefined ? 0 : byteLength(settings.data), ...(follow ? { follow } : {}) };
}

function* noop(): Sys<void> {}

const urlText = (url: Url): string => `${url.scheme}://${url.authority}${url.target}`;

/** The request head: Host (port only when not the default), User-Agent, Accept, then -H, then the body's fields. */
function requestHeadOf(settings: Settings, url: Url): string {
  const custom = new Map<string, string>();
  for (const line of settings.headers) {
    const m = /^([^:;]+)([:;])\s*(.*)$/.exec(line);
    if (m) custom.set(m[1]!.toLowerCase(), m[2] === ';' ? `${m[1]}:` : m[3] === '' ? '' : `${m[1]}: ${m[3]}`);
  }
  const lines: string[] = [];
  const builtIn = (name: string, value: string): void => {
    const own = custom.get(name.toLowerCase());
    if (own === undefined) lines.push(`${name}: ${value}`);
    else if (own !== '' && name === 'Host') lines.push(own);
  };
  const defaultPort = url.scheme === 'https' ? 443 : 80;
  builtIn('Host', url.port === defaultPort ? url.host : `${url.host}:${url.port}`);
  builtIn('User-Agent', settings.userAgent);
  builtIn('Accept', '*/*');
  for (const [name, line] of custom) if (line !== '' && name !== 'host') lines.push(line);
  if (settings.data !== undefined) {
    builtIn('Content-Length', String(byteLength(settings.data)));
    builtIn('Content-Type', 'application/x-www-form-urlencoded');
  }
  const method = settings.method ?? (settings.head ? 'HEAD' : settings.data !== undefined ? 'POST' : 'GET');
  return `${method} ${url.target} HTTP/1.1\r\n${lines.map((l) => `${l}\r\n`).join('')}\r\n`;
}

function* report(settings: Settings, error: CurlError): Sys<void> {
  if (!settings.silent || settings.showError) yield* sys.write(2, `curl: (${error.code}) ${error.message}\n`);
}

/** `-w`: the variables learners use, `\n` and `\t`; others print nothing. */
function writeOut(format: string, result: Transferred): string {
  const values: Readonly<Record<string, string>> = {
    http_code: String(result.response.status).padStart(3, '0'),
    response_code: String(result.response.status),
    size_download: String(byteLength(result.response.body)),
    url_effective: urlText(result.url),
    remote_ip: result.ip,
    remote_port: String(result.url.port),
    content_type: header(result.response.headers, 'Content-Type') ?? '',
  };
  return format.replace(/%\{([^}]*)\}|\\([nt\\])/g, (_, name: string | undefined, escape: string | undefined) => {
    if (escape !== undefined) return escape === 'n' ? '\n' : escape === 't' ? '\t' : '\\';
    return values[name!] ?? '';
  });
}

/**
 * curl's progress meter, shown when the body does not go to a terminal: the two header lines,
 * the all-zero line, and the final line (`\r` before each, as curl redraws in place).
 */
class Meter {
  private started = 0;

  constructor(private readonly proc: Proc) {}

  *begin(): Sys<void> {
    this.started = this.proc.now();
    yield* sys.write(2, '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n'
      + '                                 Dload  Upload   Total   Spent    Left  Speed\n'
      + `\r${meterLine({ dl: 0, dlTotal: undefined, ul: 0, ulTotal: undefined, ms: 0 })}`);
  }

  *end(response: HttpResponse, uploaded: number): Sys<void> {
    const dl = byteLength(response.body);
    const known = header(response.headers, 'Content-Length') !== undefined;
    const line = meterLine({ dl, dlTotal: known ? dl : undefined, ul: uploaded, ulTotal: uploaded > 0 ? uploaded : undefined, ms: this.proc.now() - this.started });
    yield* sys.write(2, `\r${line}\n`);
  }
}

/** One meter line: percentages and sizes of total, received and sent, speeds, times, current speed. */
export function meterLine(p: { dl: number; dlTotal: number | undefined; ul: number; ulTotal: number | undefined; ms: number }): string {
  const total = (p.dlTotal ?? p.dl) + (p.ulTotal ?? p.ul);
  const percent = (cur: number, of: number | undefined): string => String(of ? Math.floor((cur * 100) / of) : 0).padStart(3);
  // A transfer that took no simulated time counts as one millisecond, as curl's clock always ticks.
  const perSecond = (bytes: number): number => Math.floor((bytes * 1000) / Math.max(1, p.ms));
  const spent = Math.floor(p.ms / 1000);
  return `${percent(p.dl + p.ul, total)} ${size5(total)}  ${percent(p.dl, p.dlTotal)} ${size5(p.dl)}  ${percent(p.ul, p.ulTotal)} ${size5(p.ul)}  `
    + `${size5(perSecond(p.dl))}  ${size5(perSecond(p.ul))} ${clock(spent)} ${clock(spent)} ${clock(0)} ${size5(perSecond(p.dl + p.ul))}`;
}

/** A size in five columns: `  615`, ` 600k`, `12.3M`, ` 120M`, … as curl's max5data. */
export function size5(bytes: number): string {
  const K = 1024;
  const M = K * K;
  if (bytes < 100_000) return String(bytes).padStart(5);
  if (bytes < 10_000 * K) return `${String(Math.floor(bytes / K)).padStart(4)}k`;
  if (bytes < 100 * M) return `${String(Math.floor(bytes / M)).padStart(2)}.${Math.floor((bytes % M) / (M / 10))}M`;
  if (bytes < 10_000 * M) return `${String(Math.floor(bytes / M)).padStart(4)}M`;
  return `${String(Math.floor(bytes / (M * K))).padStart(4)}G`;
}

/** `H:MM:SS` in eight columns; no time at all is `--:--:--`. */
function clock(seconds: number): string {
  if (seconds <= 0) return '--:--:--';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return `${String(h).padStart(2)}:${String(m).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}
