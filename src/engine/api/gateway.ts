/**
 * The apiserver as programs reach it. A program (kubectl on a node) cannot hold the `ApiServer`
 * itself; the cluster provides this gateway under `KUBE_API`, and the program asks for it with
 * `proc.facility(KUBE_API)` after it has opened its TCP connection to the server's address — so a
 * stopped apiserver or a wrong address fails the way it does for a real client, and every call
 * still goes through the one door (and shows up in the request log).
 *
 * A watch becomes a file the program reads like the chunked HTTP stream a real client reads: one
 * JSON-encoded watch event per line. Closing the last descriptor of it, or `stop()`, ends the watch.
 */
import { Facility, SourceFile } from '../runtime/process';
import type { ApiServer } from './server';
import type { ApiRequest, ApiResponse, WatchEvent, WatchHandle } from './types';

export interface WatchStream {
  /** 200 once the watch is open, else the error the server answered with (no events follow). */
  readonly response: ApiResponse;
  /** Newline-delimited JSON watch events; end of file once the watch has ended. */
  readonly events: SourceFile;
  stop(): void;
}

export interface ApiGateway {
  request(req: ApiRequest): ApiResponse;
  watch(req: ApiRequest): WatchStream;
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

export function apiGateway(api: Pick<ApiServer, 'request' | 'watch'>): ApiGateway {
  return {
    request: (req) => api.request(req),
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
