/**
 * Long-running stand-ins for Go servers (CoreDNS, the Kubernetes components): they print a few
 * startup lines, answer their health endpoints the way Go's net/http does, and stop on SIGTERM.
 *
 * A simulated process waits on one socket at a time, so a daemon with several ports runs one
 * listening process per extra port (think of them as the goroutines of the real binary).
 */
import { sys, SignalInterrupt, type Proc, type Program, type SignalName, type Sys } from '../../../engine/runtime/process';
import { byteLength, formatResponse, httpDate, parseRequest, type Headers, type HttpRequest } from '../../lib/http';
import { acceptOrSignal, HttpConnection, keepAlive, requestPath } from '../../lib/serve';

export interface GoReply {
  readonly status: number;
  readonly body: string;
  /** Set by the handler (written first, with nosniff); otherwise Go sniffs `text/plain; charset=utf-8`. */
  readonly contentType?: string;
}

/** A port: HTTP routes by path, or a bare TCP listener that accepts and hangs up (DNS over TCP). */
export type Port = { readonly port: number; readonly routes: Readonly<Record<string, (proc: Proc) => GoReply>> } | { readonly port: number; readonly tcp: true };

export interface GoDaemon {
  readonly ports: readonly Port[];
  /** Startup lines and the stream they go to. */
  readonly banner: (proc: Proc) => { readonly fd: 1 | 2; readonly lines: readonly string[] };
  /** Lines printed on SIGTERM/SIGINT before exiting 0. */
  readonly farewell?: (proc: Proc, signal: SignalName) => readonly string[];
  /** How long it lingers after the farewell (CoreDNS's `lameduck 5s`: still answering, then gone). */
  readonly lameDuckMs?: number;
}

/** How long a connection may stay idle between requests. */
export const IDLE_MS = 5000;

/** Go's 404: `404 page not found`. */
const NOT_FOUND: GoReply = { status: 404, body: '404 page not found\n', contentType: 'text/plain; charset=utf-8' };

/** The bytes Go's net/http sends: handler headers (sorted), then Date and Content-Length. */
export function goResponse(now: number, reply: GoReply, keep: boolean): string {
  const headers: [string, string][] = [];
  if (reply.contentType) headers.push(['Content-Type', reply.contentType], ['X-Content-Type-Options', 'nosniff']);
  headers.push(['Date', httpDate(now)], ['Content-Length', String(byteLength(reply.body))]);
  if (!reply.contentType) headers.push(['Content-Type', 'text/plain; charset=utf-8']);
  if (!keep) headers.push(['Connection', 'close']);
  return formatResponse({ status: reply.status, headers: headers as Headers, body: reply.body });
}

function* serveHttp(proc: Proc, listener: number, routes: Readonly<Record<string, (proc: Proc) => GoReply>>): Sys<never> {
  // Health checks (the kubelet's probes) are answered inline while the server is idle: the same
  // bytes as over a connection, since these handlers write no log.
  proc.respondInline(listener, (wire) => {
    const parsed = parseRequest(wire);
    if (parsed.kind !== 'complete' || parsed.rest !== '') return undefined;
    const route = routes[requestPath(parsed.message.target)];
    return goResponse(proc.wallClock(), route ? route(proc) : NOT_FOUND, keepAlive(parsed.message));
  });
  for (;;) {
    const fd = yield* acceptOrSignal(listener);
    if (fd instanceof SignalInterrupt) throw fd;
    const conn = new HttpConnection(proc, fd);
    for (;;) {
      const outcome = yield* conn.next(IDLE_MS);
      if (outcome.kind !== 'request') break;
      const request: HttpRequest = outcome.request;
      const route = routes[requestPath(request.target)];
      const keep = keepAlive(request);
      const sent = yield* conn.send(goResponse(proc.wallClock(), route ? route(proc) : NOT_FOUND, keep));
      if (!sent || !keep) break;
    }
    conn.close();
  }
}

function* serveTcp(proc: Proc, listener: number): Sys<never> {
  for (;;) {
    const fd = yield* acceptOrSignal(listener);
    if (fd instanceof SignalInterrupt) throw fd;
    proc.close(fd);
  }
}

const servePort = (proc: Proc, listener: number, port: Port): Sys<never> =>
  'tcp' in port ? serveTcp(proc, listener) : serveHttp(proc, listener, port.routes);

export function goDaemon(daemon: GoDaemon): Program {
  return function* (proc) {
    proc.signal('SIGPIPE', 'ignore');
    proc.signal('SIGTERM', 'catch');
    proc.signal('SIGINT', 'catch');
    const listeners = daemon.ports.map((p) => proc.listen(p.port));
    const banner = daemon.banner(proc);
    yield* sys.write(banner.fd, banner.lines.map((l) => `${l}\n`).join(''));
    daemon.ports.slice(1).forEach((port, i) => {
      proc.spawn(proc.argv, { thread: true, fds: [0, 1, 2, listeners[i + 1]], program: (child) => servePort(child, 3, port) });
    });
    try {
      if (daemon.ports.length === 0) for (;;) yield* sys.pause();
      return yield* servePort(proc, listeners[0]!, daemon.ports[0]!);
    } catch (e) {
      if (!(e instanceof SignalInterrupt)) throw e;
      const lines = daemon.farewell?.(proc, e.signal) ?? [];
      if (lines.length > 0) yield* sys.write(banner.fd, lines.map((l) => `${l}\n`).join(''));
      if (daemon.lameDuckMs) yield* sys.sleep(daemon.lameDuckMs);
      // The helpers die with the process; as PID 1 the kernel takes them down, otherwise we do.
      for (const p of proc.processes()) if (p.ppid === proc.pid) proc.kill(p.pid, 'SIGKILL');
      return 0;
    }
  };
}
