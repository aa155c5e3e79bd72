/**
 * The apiserver as programs reach it. A program (kubectl on a node) cannot hold the `ApiServer`
 * itself; the cluster provides this gateway under `KUBE_API`, and the program asks for it with
 * `proc.facility(KUBE_API)` after it has opened its TCP connection to the server's address — so a
 * stopped apiserver or a wrong address fails the way it does for a real client, and every call
 * still goes through the one door (and shows up in the request log).
 *
 * A watch becomes a file the program reads like the chunked HTTP stream a real client reads: one
 * JSON-encoded watch event per line. Closing the last descriptor of it, or `stop()`, ends the watch.
 * A followed log (`pods/<name>/log?follow=true`) is read the same way through `follow`: the text so
 * far, then lines as the container writes them, end of file when the container exits.
 *
 * `pods/exec` and `pods/attach` upgrade the connection (101 Switching Protocols) to the node's
 * stream session; `stream` hands that session to the program, which then carries its terminal's
 * keystrokes and window size in and the container's output back, as kubectl does over SPDY or
 * WebSocket (stdin, stdout, stderr and resize streams).
 */
import type { StreamSession } from '../runtime/cri/types';
import { Facility, SourceFile } from '../runtime/process';
import { badRequest } from './errors';
import type { ApiServer } from './server';
import type { ApiRequest, ApiResponse, WatchEvent, WatchHandle } from './types';

export interface WatchStream {
  /** 200 once the watch is open, else the error the server answered with (no events follow). */
  readonly response: ApiResponse;
  /** Newline-delimited JSON watch events; end of file once the watch has ended. */
  readonly events: SourceFile;
  stop(): void;
}

export interface UpgradedStream {
  /** 101 once the node accepted, else the error the server answered with. */
  readonly response: ApiResponse;
  /** The exec or attach session, when the connection was upgraded. */
  readonly session?: StreamSession;
}

export interface FollowedBody {
  /** The answer's status (and for an error, its Status body) as the client logs it. */
  readonly response: ApiResponse;
  /** The body of a 200 as it is written: end of file once the server has ended it. */
  readonly body: SourceFile;
}

export interface ApiGateway {
  request(req: ApiRequest): ApiResponse;
  /** A request whose answer goes on (`pods/<name>/log?follow=true`); closing `body` hangs up. */
  follow(req: ApiRequest): FollowedBody;
  watch(req: ApiRequest): WatchStream;
  /** `POST pods/<name>/exec` or `attach` (query: container, stdin, tty; exec adds `command`, a JSON argv). */
  stream(req: ApiRequest): UpgradedStream;
}

/**
 * Sessions behind 101 answers. The answer's body is a plain empty object, so whatever records or
 * serialises responses sees what an HTTP client would (no body); only `stream` finds the session.
 */
const upgrades = new WeakMap<object, StreamSession>();

/** The node side's answer to exec or attach: the session, or the error the client prints. */
export function upgraded(result: StreamSession | { error: string }): ApiResponse {
  if (!('error' in result)) {
    const body = {};
    upgrades.set(body, result);
    return { status: 101, body };
  }
  // runc failing to start the command is reported inside the stream, after the upgrade, and the
  // command counts as not executable (126), as containerd's streaming server reports it.
  const oci = result.error.indexOf('OCI runtime exec failed');
  if (oci >= 0) return upgraded(failedExec(result.error.slice(oci)));
  return { status: 400, body: badRequest(result.error) };
}

function failedExec(message: string): StreamSession {
  return {
    stdin: new SourceFile(),
    onOutput: (listener) => listener('stdout', `${message}\n`),
    onExit: (listener) => listener(126),
    // Nothing runs: there is no terminal to size.
    resize: () => {},
  };
}

export const KUBE_API = new Facility<ApiGateway>('kube-api');

/** A watch's event stream; the watch stops when the reader closes it. */
class WatchEventsFile extends SourceFile {
  handle: WatchHandle | undefined;

  stop(): void {
    this.handle?.stop();
    this.handle = undefined;
    this.end();
  }

  protected override closed(): void {
    this.stop();
  }
}

/** A streamed body; the server's stream is let go when the reader closes it. */
class StreamedBodyFile extends SourceFile {
  hangUp: (() => void) | undefined;

  finish(): void {
    this.hangUp = undefined;
    this.end();
  }

  protected override closed(): void {
    this.hangUp?.();
    this.finish();
  }
}

export function apiGateway(api: Pick<ApiServer, 'request' | 'watch'>): ApiGateway {
  return {
    request: (req) => api.request(req),
    follow(req) {
      const { stream, ...response } = api.request(req);
      const body = new StreamedBodyFile();
      if (response.status < 300) body.push(String(response.body ?? ''));
      if (response.status >= 300 || !stream) body.end();
      else {
        let ended = false;
        const hangUp = stream.open(
          (chunk) => body.push(chunk),
          () => {
            ended = true;
            body.finish();
          },
        );
        if (!ended) body.hangUp = hangUp;
      }
      return { response, body };
    },
    stream(req) {
      const response = api.request(req);
      const session = response.status === 101 ? upgrades.get(response.body as object) : undefined;
      return session ? { response, session } : { response };
    },
    watch(req) {
      const events = new WatchEventsFile();
      const onEvent = (event: WatchEvent): void => {
        events.push(`${JSON.stringify(event)}\n`);
        // A real server closes the stream after an ERROR event (410 Gone): the client starts over.
        if (event.type === 'ERROR') events.stop();
      };
      const response = api.watch(req, onEvent);
      if (response.status >= 300 || !response.handle) events.end();
      else events.handle = response.handle;
      const { handle: _handle, ...plain } = response;
      return { response: plain, events, stop: () => events.stop() };
    },
  };
}
