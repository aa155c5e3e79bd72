/**
 * HTTP ↔ `ApiRequest`/`ApiResponse`: what lets the real kubectl (or curl) talk to the simulated
 * apiserver. Requests become the same decoded shapes the in-browser kubectl sends; responses go
 * back as JSON with their status codes. Watches become a chunked stream of newline-delimited watch
 * events that lasts until the client hangs up (or `timeoutSeconds` passes). An answer that goes on
 * (`pods/<name>/log?follow=true`) is sent chunked too: the text so far, then each line as the
 * container writes it, until the container stops or the client hangs up.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Status } from 'kubernetes-types/meta/v1';
import { badRequest, internalError, methodNotAllowed } from '../engine/api/errors';
import type { ApiRequest, ApiResponse, BodyStream, HttpMethod, WatchEvent, WatchHandle } from '../engine/api/types';
import type { ApiBackend } from './backend';
import { acceptsJson, decodeBody, MAX_REQUEST_BYTES, notAcceptable, warningHeader } from './negotiation';
import { isOpenApiPath, openApiResponse } from './openapi';

const METHODS = new Set<string>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

export interface HttpAdapterOptions {
  /** Called before every request, so the cluster is as current as the wall clock says. */
  beforeRequest?: () => void;
  /** One line per finished request (for `--verbose`). */
  log?: (line: string) => void;
}

export interface HttpAdapter {
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Ends every open stream, watches and followed logs (server shutdown). */
  closeWatches(): void;
  /** Number of open watch streams. */
  readonly openWatches: number;
}

const isWatch = (query: Record<string, string>): boolean => query.watch === 'true' || query.watch === '1';

/** Decoded query parameters; for a repeated key the first value wins. */
function queryOf(url: URL): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) if (!(k in query)) query[k] = v;
  return query;
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return headers;
}

/** Reads the body; past the apiserver's request size limit it only counts (the answer is 413). */
function readBody(req: IncomingMessage): Promise<{ bytes: Buffer; size: number }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve({ bytes: Buffer.concat(chunks), size }));
    req.on('error', reject);
  });
}

/** Header values must be single-line Latin-1; warnings are free text from the engine. */
const headerSafe = (text: string): string => text.replace(/[^\x20-\x7e]/g, ' ');

function sendJson(res: ServerResponse, response: ApiResponse): void {
  const headers: Record<string, string | string[]> = { 'Cache-Control': 'no-cache, private' };
  if (response.warnings && response.warnings.length > 0) {
    headers.Warning = response.warnings.map((w) => warningHeader(headerSafe(w)));
  }
  // Logs (and healthz) are plain text on a real server too.
  if (typeof response.body === 'string') {
    headers['Content-Type'] = 'text/plain; charset=utf-8';
    res.writeHead(response.status, headers).end(response.body);
    return;
  }
  headers['Content-Type'] = 'application/json';
  res.writeHead(response.status, headers).end(JSON.stringify(response.body ?? null));
}

const failure = (status: Status): ApiResponse => ({ status: status.code ?? 500, body: status });

export function createHttpAdapter(backend: ApiBackend, options: HttpAdapterOptions = {}): HttpAdapter {
  const streams = new Set<() => void>();
  const followedBodies = new Set<() => void>();

  const log = (req: IncomingMessage, code: number, started: number, suffix = ''): void => {
    options.log?.(`${req.method} ${req.url} ${code} ${(performance.now() - started).toFixed(1)}ms${suffix}`);
  };

  function streamWatch(req: IncomingMessage, res: ServerResponse, apiReq: ApiRequest, query: Record<string, string>, started: number): void {
    // Events arrive on the simulated clock, so never before `watch` has returned and the headers are out.
    const stream = { open: true, handle: undefined as WatchHandle | undefined, timer: undefined as NodeJS.Timeout | undefined };
    const end = (): void => {
      if (!stream.open) return;
      stream.open = false;
      streams.delete(end);
      if (stream.timer) clearTimeout(stream.timer);
      stream.handle?.stop();
      if (!res.writableEnded) res.end();
    };
    const onEvent = (event: WatchEvent): void => {
      if (!stream.open) return;
      res.write(`${JSON.stringify(event)}\n`);
      // The real server closes the stream after an error event (e.g. 410 Gone): the client relists.
      if (event.type === 'ERROR') end();
    };
    const start = backend.watch(apiReq, onEvent);
    if (start.status >= 300 || !start.handle) {
      stream.open = false;
      sendJson(res, start);
      log(req, start.status, started);
      return;
    }
    stream.handle = start.handle;
    streams.add(end);
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-cache, private',
      'Transfer-Encoding': 'chunked',
    });
    res.flushHeaders();
    res.on('close', end);
    const timeout = Number(query.timeoutSeconds);
    if (Number.isFinite(timeout) && timeout > 0) stream.timer = setTimeout(end, timeout * 1000);
    log(req, 200, started, ' (watch)');
  }

  /** A 200 whose body goes on: chunked plain text, written as the engine produces it. */
  function streamBody(req: IncomingMessage, res: ServerResponse, response: ApiResponse, stream: BodyStream, started: number): void {
    // Chunks arrive on the simulated clock, so never before the headers and the text so far are out.
    res.writeHead(response.status, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-cache, private',
      'Transfer-Encoding': 'chunked',
    });
    res.write(String(response.body ?? ''));
    let open = true;
    let hangUp = (): void => {};
    const end = (): void => {
      if (!open) return;
      open = false;
      followedBodies.delete(end);
      hangUp();
      if (!res.writableEnded) res.end();
    };
    followedBodies.add(end);
    hangUp = stream.open((chunk) => {
      if (open) res.write(chunk);
    }, end);
    if (!open) hangUp();
    res.on('close', end);
    log(req, response.status, started, ' (streaming)');
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://kubeplay.invalid');
    const headers = headersOf(req);
    const method = (req.method ?? 'GET').toUpperCase();

    // kubectl fetches OpenAPI documents with their own media types; they never go to the engine.
    if (method === 'GET' && isOpenApiPath(url.pathname)) {
      const openapi = await openApiResponse(url.pathname);
      req.resume();
      sendJson(res, openapi);
      log(req, openapi.status, started);
      return;
    }
    // exec and attach need a connection upgrade (SPDY/WebSocket) this server does not speak.
    const stream = /^\/api\/v1\/namespaces\/[^/]+\/pods\/[^/]+\/(exec|attach)$/.exec(url.pathname);
    if (stream) {
      req.resume();
      sendJson(res, failure(badRequest(`pods/${stream[1]} is not available: kubeplay serve speaks no streaming protocol; use kubectl ${stream[1]} inside kubeplay`)));
      log(req, 400, started);
      return;
    }
    if (!METHODS.has(method)) {
      req.resume();
      sendJson(res, failure(methodNotAllowed()));
      log(req, 405, started);
      return;
    }
    if (!acceptsJson(headers.accept)) {
      req.resume();
      sendJson(res, failure(notAcceptable()));
      log(req, 406, started);
      return;
    }
    const body = await readBody(req);
    const decoded = decodeBody(body.bytes, headers['content-type'], body.size);
    if (!decoded.ok) {
      sendJson(res, failure(decoded.status));
      log(req, decoded.status.code ?? 400, started);
      return;
    }
    options.beforeRequest?.();
    const query = queryOf(url);
    const apiReq: ApiRequest = { method: method as HttpMethod, path: url.pathname, query, headers };
    if (decoded.body !== undefined) apiReq.body = decoded.body;
    if (headers['user-agent']) apiReq.userAgent = headers['user-agent'];

    if (method === 'GET' && isWatch(query)) {
      streamWatch(req, res, apiReq, query, started);
      return;
    }
    const { stream: rest, ...response } = backend.request(apiReq);
    if (rest && response.status === 200) {
      streamBody(req, res, response, rest, started);
      return;
    }
    sendJson(res, response);
    log(req, response.status, started);
  }

  return {
    handle(req, res) {
      serve(req, res).catch((e: unknown) => {
        // An engine bug must cost one request, never the server.
        const message = e instanceof Error ? e.message : String(e);
        options.log?.(`${req.method} ${req.url} failed: ${e instanceof Error ? (e.stack ?? message) : message}`);
        if (!res.headersSent) sendJson(res, failure(internalError(message)));
        else if (!res.writableEnded) res.end();
      });
    },
    closeWatches() {
      for (const end of [...streams, ...followedBodies]) end();
    },
    get openWatches() {
      return streams.size;
    },
  };
}
