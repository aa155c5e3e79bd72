/**
 * kubectl's REST client (client-go's rest.Client and its round trippers). Before the first request
 * it dials the server's host:port through the simulated network — a stopped apiserver, a wrong
 * `-s` or a worker without kubeconfig (localhost:8080) fails right there, with Go's `dial tcp`
 * texts — then hands each request object to the apiserver through the `KUBE_API` gateway, with
 * kubectl's User-Agent, and waits a small modelled latency before the answer arrives.
 *
 * `-v=6` and up log every call as client-go does (round_trippers.go): the URL, status and
 * latency; 7 adds the request headers, 8 the response headers and bodies (truncated), 9 the curl
 * form of the request.
 */
import type { ApiGateway } from '../../../../engine/api/gateway';
import { KUBE_API } from '../../../../engine/api/gateway';
import type { ApiRequest, ApiResponse, WatchEvent } from '../../../../engine/api/types';
import { sys, SysError, type Fd, type Proc, type Sys } from '../../../../engine/runtime/process';
import { lookupHost } from '../../../lib/resolver';
import { strftime } from '../../../lib/time';
import { ApiStatusError, ConnectionError, KubectlError } from './errors';
import { klogLine } from './klog';
import { serverAddress, type ResolvedConfig } from './kubeconfig';

export const KUBECTL_VERSION = 'v1.30.2';
export const USER_AGENT = `kubectl/${KUBECTL_VERSION} (linux/amd64) kubernetes/3968350`;
/** What `kubectl get` asks for: a server-side Table, plain JSON as the fallback. */
export const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
/** client-go's dialer gives up after 30 s. */
const DIAL_TIMEOUT_MS = 30_000;

const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden',
  404: 'Not Found', 405: 'Method Not Allowed', 406: 'Not Acceptable', 409: 'Conflict', 410: 'Gone',
  413: 'Request Entity Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Entity',
  429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

/** `?a=1&b=2` in the order kubectl's URLs show them (sorted, as Go's url.Values.Encode does). */
export function queryString(query: Readonly<Record<string, string>> | undefined): string {
  const keys = Object.keys(query ?? {}).sort();
  if (keys.length === 0) return '';
  return `?${keys.map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(query![k]!)}`).join('&')}`;
}

/** An open watch: `next()` gives each event in turn, null once the server has ended it. */
export class WatchReader {
  private buffer = '';
  constructor(
    private readonly proc: Proc,
    readonly fd: Fd,
  ) {}

  /** With `timeoutMs`, fails with SysError ETIMEDOUT when no event came in that time (`kubectl wait`). */
  *next(timeoutMs?: number): Sys<WatchEvent | null> {
    const deadline = timeoutMs === undefined ? undefined : this.proc.now() + timeoutMs;
    for (;;) {
      const nl = this.buffer.indexOf('\n');
      if (nl >= 0) {
        const line = this.buffer.slice(0, nl);
        this.buffer = this.buffer.slice(nl + 1);
        return JSON.parse(line) as WatchEvent;
      }
      const chunk = yield* sys.read(this.fd, deadline === undefined ? undefined : Math.max(0, deadline - this.proc.now()));
      if (chunk === null) return null;
      this.buffer += chunk;
    }
  }

  /** Closing the stream ends the watch on the server. */
  close(): void {
    if (this.proc.file(this.fd)) this.proc.close(this.fd);
  }
}

/** A List or a Table, as far as chunking needs it. */
export interface ChunkedList {
  metadata?: { continue?: string; remainingItemCount?: number; resourceVersion?: string };
  items?: unknown[];
  rows?: unknown[];
}

export class RestClient {
  private gateway: ApiGateway | undefined;
  private readonly address: ReturnType<typeof serverAddress>;

  constructor(
    private readonly proc: Proc,
    readonly config: ResolvedConfig,
    /** klog verbosity (`-v`). */
    readonly verbosity: number,
  ) {
    this.address = serverAddress(config.server);
  }

  /** `https://192.168.1.130:6443` + path + query, as logs and error messages show a request. */
  url(path: string, query?: Readonly<Record<string, string>>): string {
    return `${this.config.server}${path}${queryString(query)}`;
  }

  /** A request whose failure status is an answer too (the caller looks at `status`). */
  *request(req: ApiRequest): Sys<ApiResponse> {
    const url = this.url(req.path, req.query);
    const headers = { accept: 'application/json', ...req.headers };
    const gateway = yield* this.connect(req.method, url, headers);
    const response = gateway.request({ ...req, headers, userAgent: USER_AGENT });
    const latency = modelledLatency(response);
    yield* sys.sleep(latency);
    yield* this.logResponse(response, latency);
    yield* this.printWarnings(response.warnings);
    return response;
  }

  private readonly warned = new Set<string>();

  /** The server's `Warning:` headers on stderr, each once per run (kubectl's deduplicating warning writer). */
  private *printWarnings(warnings: readonly string[] | undefined): Sys<void> {
    for (const warning of warnings ?? []) {
      if (this.warned.has(warning)) continue;
      this.warned.add(warning);
      const label = this.proc.isatty(2) ? '\x1b[33;1mWarning:\x1b[0m' : 'Warning:';
      yield* sys.write(2, `${label} ${warning}\n`);
    }
  }

  /** A request that must succeed: a failure Status is thrown as ApiStatusError. */
  *call<T>(req: ApiRequest): Sys<T> {
    const response = yield* this.request(req);
    if (response.status >= 400) throw new ApiStatusError(statusOf(response));
    return response.body as T;
  }

  /**
   * A collection, `chunkSize` objects at a time (`--chunk-size`; 0: in one piece), as client-go's
   * pager reads it: each chunk's continue token asks for the next, and the chunks' items (or Table
   * rows) come back as one list.
   */
  *list<T extends ChunkedList>(req: ApiRequest, chunkSize: number): Sys<T> {
    const query = chunkSize > 0 ? { limit: String(chunkSize), ...req.query } : { ...req.query };
    const first = yield* this.call<T>({ ...req, query });
    let next = first.metadata?.continue;
    if (!next) return first;
    const items = [...(first.items ?? [])];
    const rows = [...(first.rows ?? [])];
    while (next) {
      const chunk: T = yield* this.call<T>({ ...req, query: { ...query, continue: next } });
      items.push(...(chunk.items ?? []));
      rows.push(...(chunk.rows ?? []));
      next = chunk.metadata?.continue;
    }
    const { continue: _, remainingItemCount: __, ...metadata } = first.metadata ?? {};
    return { ...first, metadata, ...(first.items ? { items } : {}), ...(first.rows ? { rows } : {}) };
  }

  /** Starts a watch (`?watch=true` is added). */
  *watch(req: ApiRequest): Sys<WatchReader> {
    const query = { ...req.query, watch: 'true' };
    const url = this.url(req.path, query);
    const headers = { accept: 'application/json', ...req.headers };
    const gateway = yield* this.connect(req.method, url, headers);
    const stream = gateway.watch({ ...req, query, headers, userAgent: USER_AGENT });
    yield* sys.sleep(1);
    yield* this.logResponse(stream.response, 1);
    if (stream.response.status >= 400) {
      stream.stop();
      throw new ApiStatusError(statusOf(stream.response));
    }
    return new WatchReader(this.proc, this.proc.install(stream.events));
  }

  /**
   * A request whose answer goes on (`pods/<name>/log?follow=true`): logged once, when the answer
   * starts; the body is then read from the descriptor returned, to end of file. Closing it hangs up.
   */
  *follow(req: ApiRequest): Sys<Fd> {
    const url = this.url(req.path, req.query);
    const headers = { accept: 'application/json', ...req.headers };
    const gateway = yield* this.connect(req.method, url, headers);
    const { response, body } = gateway.follow({ ...req, headers, userAgent: USER_AGENT });
    const fd = this.proc.install(body);
    yield* sys.sleep(1);
    yield* this.logResponse(response, 1);
    yield* this.printWarnings(response.warnings);
    if (response.status >= 400) {
      this.proc.close(fd);
      throw new ApiStatusError(statusOf(response));
    }
    return fd;
  }

  private *log(where: string, message: string): Sys<void> {
    yield* sys.write(2, klogLine(this.proc, 'I', where, message));
  }

  private pending: { method: string; url: string; fresh: boolean } | undefined;

  /** Dials the server once per kubectl run (a kept-alive connection), then finds the gateway. */
  private *connect(method: string, url: string, headers: Record<string, string>): Sys<ApiGateway> {
    const fresh = this.gateway === undefined;
    this.pending = { method, url, fresh };
    if (this.verbosity >= 9) {
      const h = [`-H "User-Agent: ${USER_AGENT}"`, ...Object.entries(headers).map(([k, v]) => `-H "${headerName(k)}: ${v}"`)];
      yield* this.log('round_trippers.go:466', `curl -v -X${method}  ${h.join(' ')} '${url}'`);
    } else if (this.verbosity >= 7) {
      yield* this.log('round_trippers.go:463', `${method} ${url}`);
      yield* this.log('round_trippers.go:469', 'Request Headers:');
      for (const [k, v] of Object.entries(headers)) yield* this.log('round_trippers.go:473', `    ${headerName(k)}: ${v}`);
      yield* this.log('round_trippers.go:473', `    User-Agent: ${USER_AGENT}`);
    }
    if (this.gateway) return this.gateway;
    const { host, port, hostPort } = this.address;
    const dialFailed = (detail: string): ConnectionError => new ConnectionError(hostPort, detail, url, method);
    const lookup = yield* lookupHost(this.proc, host);
    if (!lookup.ok) {
      yield* this.logFailure();
      throw dialFailed(`dial tcp: lookup ${host}${lookup.error === 'not-found' ? ': no such host' : ' on resolver: i/o timeout'}`);
    }
    const ip = lookup.addresses[0]!;
    try {
      yield* sys.connect(ip, port, DIAL_TIMEOUT_MS);
    } catch (e) {
      if (!(e instanceof SysError)) throw e;
      yield* this.logFailure();
      const why = e.errno === 'ECONNREFUSED' ? 'connect: connection refused' : e.errno === 'EHOSTUNREACH' ? 'connect: no route to host' : 'i/o timeout';
      throw dialFailed(`dial tcp ${ip}:${port}: ${why}`);
    }
    const gateway = this.proc.facility(KUBE_API);
    if (!gateway) throw new KubectlError('this kubeplay world provides no Kubernetes API');
    if (this.verbosity >= 9) yield* this.log('round_trippers.go:510', `HTTP Trace: Dial to tcp:${ip}:${port} succeed`);
    this.gateway = gateway;
    return gateway;
  }

  /** What client-go logs for a request that never got an answer. */
  private *logFailure(): Sys<void> {
    const p = this.pending!;
    if (this.verbosity >= 7) yield* this.log('round_trippers.go:574', 'Response Status:  in 0 milliseconds');
    else if (this.verbosity >= 6) yield* this.log('round_trippers.go:553', `${p.method} ${p.url}  in 0 milliseconds`);
  }

  private *logResponse(response: ApiResponse, ms: number): Sys<void> {
    const p = this.pending!;
    const status = `${response.status} ${STATUS_TEXT[response.status] ?? ''}`.trim();
    if (this.verbosity >= 9 || (this.verbosity === 6)) {
      yield* this.log('round_trippers.go:553', `${p.method} ${p.url} ${status} in ${ms} milliseconds`);
    }
    if (this.verbosity >= 9) {
      yield* this.log('round_trippers.go:570', `HTTP Statistics: ${p.fresh ? 'DNSLookup 0 ms Dial 0 ms TLSHandshake 0 ms ' : ''}ServerProcessing ${ms} ms Duration ${ms} ms`);
    } else if (this.verbosity >= 7) {
      yield* this.log('round_trippers.go:574', `Response Status: ${status} in ${ms} milliseconds`);
    }
    if (this.verbosity >= 8) {
      yield* this.log('round_trippers.go:577', 'Response Headers:');
      const text = typeof response.body === 'string';
      const date = strftime('%a, %d %b %Y %H:%M:%S GMT', this.proc.wallClock());
      for (const h of ['Cache-Control: no-cache, private', `Content-Type: ${text ? 'text/plain; charset=utf-8' : 'application/json'}`, `Date: ${date}`]) {
        yield* this.log('round_trippers.go:580', `    ${h}`);
      }
      const body = text ? (response.body as string) : JSON.stringify(response.body);
      yield* this.log('request.go:1212', `Response Body: ${truncateBody(body, this.verbosity)}`);
    }
  }
}

/** client-go's truncateBody: 1024 characters at -v=8, 10240 at -v=9, everything from -v=10. */
export function truncateBody(body: string, verbosity: number): string {
  if (verbosity >= 10) return body;
  const max = verbosity >= 9 ? 10240 : 1024;
  return body.length <= max ? body : `${body.slice(0, max)} [truncated ${body.length - max} chars]`;
}

/** `content-type` → `Content-Type`, as Go canonicalizes header names. */
const headerName = (name: string): string => name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());

/** A millisecond or two on the LAN, a little more for long lists. */
function modelledLatency(response: ApiResponse): number {
  const body = response.body as { items?: unknown[]; rows?: unknown[] } | undefined;
  const count = (typeof body === 'object' && body !== null ? (body.items ?? body.rows)?.length : 0) ?? 0;
  return 1 + Math.floor(count / 100);
}

function statusOf(response: ApiResponse): ApiStatusError['status'] {
  const body = response.body as ApiStatusError['status'] | string | undefined;
  if (typeof body === 'object' && body !== null && body.kind === 'Status') return body;
  return { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: response.status, message: typeof body === 'string' ? body : `the server responded with the status code ${response.status}` };
}
