/**
 * What wget and curl share: reading a URL, opening the TCP connection, and reading one HTTP
 * response off it with the deadlines each tool keeps. The messages each tool prints stay in its
 * own module; this one only reports what happened.
 */
import { sys, SysError, type Fd, type Proc, type Sys } from '../../../engine/runtime/process';
import { parseResponse, type HttpResponse } from '../../lib/http';

/**
 * How long Linux keeps retrying an unanswered SYN before connect() fails with ETIMEDOUT:
 * tcp_syn_retries=6 → 1+2+4+8+16+32+64 seconds.
 */
export const SYN_TIMEOUT_MS = 127_000;

export interface Url {
  readonly scheme: string;
  /** The authority as written, port included (`nginx:8080`): what wget sends as `Host:`. */
  readonly authority: string;
  readonly host: string;
  readonly port: number;
  /** `/path?query`, always starting with `/`. */
  readonly target: string;
}

const DEFAULT_PORTS: Readonly<Record<string, number>> = { http: 80, https: 443 };

/**
 * `http://host[:port][/path]`, or without a scheme (both tools assume http). Undefined for an
 * unknown scheme or a bad port; the fragment is never sent.
 */
export function parseUrl(text: string): Url | undefined {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/?#]*)([^#]*)/.exec(text)!;
  const scheme = (m[1] ?? 'http').toLowerCase();
  if (!(scheme in DEFAULT_PORTS)) return undefined;
  const authority = m[2]!.replace(/^.*@/, '');
  const colon = authority.lastIndexOf(':');
  const host = colon < 0 ? authority : authority.slice(0, colon);
  const portText = colon < 0 ? '' : authority.slice(colon + 1);
  if (portText !== '' && !/^\d{1,5}$/.test(portText)) return undefined;
  const port = portText === '' ? DEFAULT_PORTS[scheme]! : Number(portText);
  if (port > 65535) return undefined;
  const rest = m[3]!;
  return { scheme, authority, host, port, target: rest.startsWith('/') ? rest : `/${rest}` };
}

export type Connected = { readonly ok: true; readonly fd: Fd } | { readonly ok: false; readonly error: SysError };

/** connect(2), with the errno as a value: each tool words it its own way. */
export function* connect(ip: string, port: number, timeoutMs: number): Sys<Connected> {
  try {
    return { ok: true, fd: yield* sys.connect(ip, port, timeoutMs) };
  } catch (e) {
    if (e instanceof SysError) return { ok: false, error: e };
    throw e;
  }
}

export type Received =
  | { readonly kind: 'response'; readonly response: HttpResponse; /** The status line and header fields as sent. */ readonly head: string }
  /** No byte of a response before the server closed. */
  | { readonly kind: 'empty' }
  /** The server closed, or sent something that is not HTTP, before the response was whole. */
  | { readonly kind: 'broken'; readonly reason: string }
  | { readonly kind: 'timeout'; /** Whether the status line and headers had arrived. */ readonly headDone: boolean; readonly bodyBytes: number };

export interface Deadlines {
  /** Longest wait for the next bytes (wget's -T). */
  readonly idleMs?: number;
  /** Simulated instant after which the whole exchange has failed (curl's -m). */
  readonly until?: number;
}

/** Reads one response from `fd`, up to its end (Content-Length, chunks or the server closing). */
export function* receiveResponse(proc: Proc, fd: Fd, options: Deadlines & { readonly noBody?: boolean }): Sys<Received> {
  let buffer = '';
  let ended = false;
  for (;;) {
    const parsed = parseResponse(buffer, { ended, noBody: options.noBody ?? false });
    if (parsed.kind === 'complete') return { kind: 'response', response: parsed.message, head: headOf(buffer) };
    if (ended || parsed.kind === 'error') {
      if (buffer === '') return { kind: 'empty' };
      return { kind: 'broken', reason: parsed.kind === 'error' ? parsed.reason : 'closed' };
    }
    const waitMs = Math.min(options.idleMs ?? Infinity, (options.until ?? Infinity) - proc.now());
    try {
      const chunk = yield* sys.read(fd, Number.isFinite(waitMs) ? Math.max(0, waitMs) : undefined);
      if (chunk === null) ended = true;
      else buffer += chunk;
    } catch (e) {
      if (!(e instanceof SysError)) throw e;
      if (e.errno !== 'ETIMEDOUT') {
        ended = true;
        continue;
      }
      const head = headOf(buffer);
      return { kind: 'timeout', headDone: head !== '', bodyBytes: head === '' ? 0 : buffer.length - head.length };
    }
  }
}

/** The status line and header fields up to and including the empty line; '' until it arrived. */
function headOf(buffer: string): string {
  const crlf = buffer.indexOf('\r\n\r\n');
  const lf = buffer.indexOf('\n\n');
  if (crlf < 0 && lf < 0) return '';
  return crlf >= 0 && (lf < 0 || crlf < lf) ? buffer.slice(0, crlf + 4) : buffer.slice(0, lf + 2);
}

/** The lines of a header block without their line ends, the empty last line excluded. */
export const headLines = (head: string): string[] => head.split('\n').map((l) => l.replace(/\r$/, '')).slice(0, -2);
