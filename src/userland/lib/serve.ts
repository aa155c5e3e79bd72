/**
 * The server side of an HTTP connection on the kernel's sockets: read requests (never waiting
 * forever on a silent client), send responses, notice a client that went away.
 *
 * Servers here handle one connection at a time (the kernel has no select/poll), so every wait
 * on a client has a deadline; a client that connects and says nothing only delays the next one.
 */
import { sys, SignalInterrupt, SysError, type Fd, type Proc, type Sys } from '../../engine/runtime/process';
import { header, parseRequest, type HttpRequest } from './http';

export type RequestOutcome =
  | { readonly kind: 'request'; readonly request: HttpRequest }
  /** The client closed the connection (or reset it) before sending a whole request. */
  | { readonly kind: 'closed' }
  | { readonly kind: 'timeout' }
  /** Bytes that are not HTTP; `text` is what arrived, for the access log. */
  | { readonly kind: 'bad'; readonly text: string };

export class HttpConnection {
  private buffer = '';

  constructor(
    private readonly proc: Proc,
    readonly fd: Fd,
  ) {}

  /** The client's address, for access logs. */
  get peer(): string {
    return this.proc.peer(this.fd)?.ip ?? '-';
  }

  /** Waits for the next whole request, at most `timeoutMs` of simulated time. */
  *next(timeoutMs: number): Sys<RequestOutcome> {
    const deadline = this.proc.now() + timeoutMs;
    for (;;) {
      const parsed = parseRequest(this.buffer);
      if (parsed.kind === 'complete') {
        this.buffer = parsed.rest;
        return { kind: 'request', request: parsed.message };
      }
      if (parsed.kind === 'error') return { kind: 'bad', text: this.buffer.split(/\r?\n/)[0] ?? '' };
      let chunk: string | null;
      try {
        chunk = yield* sys.read(this.fd, Math.max(0, deadline - this.proc.now()));
      } catch (e) {
        if (e instanceof SysError && e.errno === 'ETIMEDOUT') return { kind: 'timeout' };
        if (e instanceof SysError) return { kind: 'closed' };
        throw e;
      }
      if (chunk === null) return { kind: 'closed' };
      this.buffer += chunk;
    }
  }

  /** Sends bytes; false when the client is gone (the server ignores SIGPIPE, so this is EPIPE). */
  *send(data: string): Sys<boolean> {
    try {
      yield* sys.write(this.fd, data);
      return true;
    } catch (e) {
      if (e instanceof SysError) return false;
      throw e;
    }
  }

  close(): void {
    this.proc.close(this.fd);
  }
}

/** HTTP/1.1 keeps a connection open unless asked not to; HTTP/1.0 only when asked to. */
export function keepAlive(request: HttpRequest): boolean {
  const connection = header(request.headers, 'Connection')?.toLowerCase();
  return request.version === 'HTTP/1.1' ? connection !== 'close' : connection === 'keep-alive';
}

/** The path part of a request target, without the query: `/a/b.html?x=1` → `/a/b.html`. */
export function requestPath(target: string): string {
  const path = target.startsWith('/') ? target : target.replace(/^https?:\/\/[^/]*/, '');
  const q = path.indexOf('?');
  return q < 0 ? path : path.slice(0, q);
}

/** Accepts the next connection, or returns the caught signal that interrupted the wait. */
export function* acceptOrSignal(listener: Fd): Sys<Fd | SignalInterrupt> {
  try {
    return yield* sys.accept(listener);
  } catch (e) {
    if (e instanceof SignalInterrupt) return e;
    throw e;
  }
}
