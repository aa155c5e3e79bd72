/**
 * BusyBox 1.36 `wget`: one GET per URL over a fresh connection (`Connection: close`), the body to
 * a file or stdout, its progress on stderr. What the tutorial's loop `wget -O - -q http://nginx`
 * runs once per answer.
 */
import { sys, SysError, type Fd, type Sys } from '../../../engine/runtime/process';
import { lookupHost } from '../../lib/resolver';
import { defineTool, errorText, type Tool } from '../../lib/tool';
import { byteLength, header } from '../../lib/http';
import { connect, headLines, parseUrl, receiveResponse, SYN_TIMEOUT_MS, type Url } from './http-client';

const USAGE = 'wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n'
  + '\t[--post-data STR | --post-file FILE] [-Y on/off]\n'
  + '\t[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...';

/** Busybox's network read timeout when -T is not given. */
const DEFAULT_TIMEOUT_S = 900;

/** Redirects followed before giving up, as busybox counts them. */
const REDIRECT_LIMIT = 16;

/** A download that cannot go on: busybox prints `wget: <message>` and exits 1. */
class Fatal extends Error {}

interface Settings {
  readonly quiet: boolean;
  readonly serverResponse: boolean;
  readonly spider: boolean;
  readonly timeoutMs: number;
  readonly userAgent: string;
  /** `--header` lines, sent after busybox's own (which a same-named one replaces). */
  readonly headers: readonly string[];
  readonly postData: string | undefined;
}

export const wget = defineTool({
  usage: USAGE,
  options: {
    short: 'cqSO:o:P:Y:U:T:t:',
    long: {
      continue: 'c', quiet: 'q', 'server-response': 'S', 'output-document=': 'O', 'output-file=': 'o',
      'directory-prefix=': 'P', 'proxy=': 'Y', 'user-agent=': 'U', 'timeout=': 'T', 'tries=': 't',
      'header=': 'header', 'post-data=': 'post-data', spider: 'spider', 'no-check-certificate': 'no-check-certificate',
    },
  },
}, function* (tool, options) {
  if (options.operands.length === 0) return yield* tool.usage('');
  const timeout = options.value('T');
  const settings: Settings = {
    quiet: options.has('q'),
    serverResponse: options.has('S'),
    spider: options.has('spider'),
    timeoutMs: (timeout === undefined ? DEFAULT_TIMEOUT_S : Number(timeout)) * 1000,
    userAgent: options.value('U') ?? 'Wget',
    headers: options.all('header'),
    postData: options.value('post-data'),
  };
  if (timeout !== undefined && !/^\d+$/.test(timeout)) {
    yield* tool.warn(`invalid number '${timeout}'`);
    return 1;
  }
  const output = new Output(tool, options.value('O'), options.value('P'));
  try {
    for (const url of options.operands) yield* download(tool, settings, output, url);
  } catch (e) {
    if (!(e instanceof Fatal)) throw e;
    yield* tool.warn(e.message);
    return 1;
  } finally {
    output.close();
  }
  return 0;
});

/** Where bodies go: `-O -` is stdout, `-O FILE` one file for every URL, otherwise a file per URL. */
class Output {
  private fd: Fd | undefined;

  constructor(
    private readonly tool: Tool,
    private readonly named: string | undefined,
    private readonly prefix: string | undefined,
  ) {
    if (named === '-') this.fd = 1;
  }

  get toStdout(): boolean {
    return this.named === '-';
  }

  /** The file name for `url`: -O's, else the last path component or index.html. */
  nameFor(url: Url): string {
    if (this.named !== undefined) return this.named;
    const last = url.target.replace(/[?#].*$/, '').split('/').pop() ?? '';
    const name = last === '' ? 'index.html' : last;
    return this.prefix === undefined ? name : `${this.prefix.replace(/\/$/, '')}/${name}`;
  }

  /**
   * Opens the file when the body is about to come. Without -O busybox refuses to overwrite
   * (O_EXCL), which is what a second `wget http://x` in the same directory runs into.
   */
  open(name: string): Fd {
    if (this.fd !== undefined) return this.fd;
    try {
      if (this.named === undefined && this.tool.proc.fs.exists(name)) throw new Fatal(`can't open '${name}': File exists`);
      const fd = this.tool.proc.open(name, 'w');
      if (this.named !== undefined) this.fd = fd;
      return fd;
    } catch (e) {
      if (e instanceof Fatal) throw e;
      throw new Fatal(`can't open '${name}': ${errorText(e)}`);
    }
  }

  release(fd: Fd): void {
    if (fd !== this.fd) this.tool.proc.close(fd);
  }

  close(): void {
    if (this.fd !== undefined && this.fd !== 1) this.tool.proc.close(this.fd);
  }
}

function* download(tool: Tool, settings: Settings, output: Output, text: string): Sys<void> {
  const { proc } = tool;
  const parsed = parseUrl(text);
  if (!parsed) throw new Fatal(`not an http or ftp url: ${text}`);
  let url: Url = parsed;
  const fileName = output.nameFor(url);
  let redirects = REDIRECT_LIMIT;
  let address = yield* resolve(tool, settings, url);
  for (;;) {
    const connected = yield* connect(address, url.port, Math.min(settings.timeoutMs, SYN_TIMEOUT_MS));
    if (!connected.ok) {
      if (connected.error.errno === 'ETIMEDOUT' && settings.timeoutMs <= SYN_TIMEOUT_MS) throw new Fatal('download timed out');
      throw new Fatal(`can't connect to remote host (${address}): ${connected.error.message}`);
    }
    const fd = connected.fd;
    yield* sys.write(fd, request(settings, url));
    const received = yield* receiveResponse(proc, fd, { idleMs: settings.timeoutMs });
    proc.close(fd);
    if (received.kind === 'empty' || received.kind === 'broken') {
      if (received.kind === 'broken' && received.reason !== 'closed') throw new Fatal(`bad header line: ${received.reason}`);
      throw new Fatal('error getting response');
    }
    if (received.kind === 'timeout') {
      if (received.headDone && !settings.quiet) yield* sys.write(2, savingLine(output, fileName));
      throw new Fatal('download timed out');
    }
    const { response, head } = received;
    if (settings.serverResponse) yield* sys.write(2, [...headLines(head), ''].map((l) => `  ${l}\n`).join(''));
    const statusLine = headLines(head)[0]!;
    const location = header(response.headers, 'Location');
    if (response.status >= 300 && response.status <= 308 && location !== undefined) {
      if (--redirects === 0) throw new Fatal('too many redirections');
      const next: Url | undefined = location.startsWith('/') ? { ...url, target: location } : parseUrl(location);
      if (!next) throw new Fatal(`not an http or ftp url: ${location}`);
      if (!location.startsWith('/')) address = yield* resolve(tool, settings, next);
      url = next;
      continue;
    }
    if (response.status < 200 || response.status > 204) throw new Fatal(`server returned error: ${statusLine}`);
    if (settings.spider) {
      if (!settings.quiet) yield* sys.write(2, 'remote file exists\n');
      return;
    }
    yield* save(tool, settings, output, fileName, response.body);
    return;
  }
}

/** The one address wget connects to, announced unless -q. */
function* resolve(tool: Tool, settings: Settings, url: Url): Sys<string> {
  const found = yield* lookupHost(tool.proc, url.host);
  if (!found.ok) throw new Fatal(`bad address '${url.authority}'`);
  const address = found.addresses[0]!;
  if (!settings.quiet) yield* sys.write(2, `Connecting to ${url.authority} (${address}:${url.port})\n`);
  return address;
}

/** The request busybox writes: request line, Host, User-Agent, Connection: close, then --header lines. */
function request(settings: Settings, url: Url): string {
  const own = (name: string) => settings.headers.some((h) => h.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  let text = `${settings.postData === undefined ? 'GET' : 'POST'} ${url.target} HTTP/1.1\r\n`;
  if (!own('Host')) text += `Host: ${url.authority}\r\n`;
  if (!own('User-Agent')) text += `User-Agent: ${settings.userAgent}\r\n`;
  text += 'Connection: close\r\n';
  for (const line of settings.headers) text += `${line}\r\n`;
  if (settings.postData === undefined) return `${text}\r\n`;
  if (!own('Content-Type')) text += 'Content-Type: application/x-www-form-urlencoded\r\n';
  return `${text}Content-Length: ${byteLength(settings.postData)}\r\n\r\n${settings.postData}`;
}

const savingLine = (output: Output, fileName: string): string => (output.toStdout ? 'writing to stdout\n' : `saving to '${fileName}'\n`);

function* save(tool: Tool, settings: Settings, output: Output, fileName: string, body: string): Sys<void> {
  const fd = output.open(fileName);
  if (!settings.quiet) yield* sys.write(2, savingLine(output, fileName));
  try {
    if (body !== '') yield* sys.write(fd, body);
  } catch (e) {
    if (!(e instanceof SysError)) throw e;
    throw new Fatal(`write error: ${e.message}`);
  } finally {
    output.release(fd);
  }
  if (settings.quiet) return;
  const curfile = fileName.slice(fileName.lastIndexOf('/') + 1);
  const tty = tool.proc.isatty(2);
  yield* sys.write(2, `${tty ? '\r' : ''}${progressLine(curfile, byteLength(body), terminalWidth(tool))}\n`);
  yield* sys.write(2, output.toStdout ? 'written to stdout\n' : `'${fileName}' saved\n`);
}

/** The width busybox assumes for stderr: $COLUMNS, else 80 (also when stderr is no terminal). */
function terminalWidth(tool: Tool): number {
  const columns = Number(tool.proc.env['COLUMNS']);
  return Number.isInteger(columns) && columns > 1 ? columns : 80;
}

/**
 * The last state of busybox's progress meter, for a transfer that took no whole second:
 * `index.html           100% |*****…|   615    0:00:00 ETA`. The name takes 20 columns, the bar
 * what the terminal leaves (width − 49), the size five digits before scaling to k, M, ….
 */
export function progressLine(curfile: string, bytes: number, width: number): string {
  let line = curfile.slice(0, 20).padEnd(20);
  if (bytes > 0) {
    line += ' 100%';
    const bar = Math.min(width - 49, 999);
    if (bar > 0) line += ` |${'*'.repeat(bar)}|`;
  }
  let size = bytes;
  let scale = 0;
  while (size >= 100_000) {
    size = Math.floor(size / 1024);
    scale++;
  }
  line += `${String(size).padStart(6)}${' kMGTPEZY'[scale]}`;
  return line + (bytes > 0 ? '   0:00:00 ETA' : ' --:--:-- ETA');
}
