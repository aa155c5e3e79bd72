/**
 * `kubeplay serve` without the command line: the simulated apiserver on a local HTTP port, with
 * simulated time following the wall clock. The caller owns the cluster; `close()` stops serving
 * and stops moving its clock.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServableCluster } from './backend';
import { followWallClock } from './clock-follower';
import { createHttpAdapter } from './http-adapter';

export interface ServeOptions {
  cluster: ServableCluster;
  /** Interface to bind; loopback unless told otherwise (the server has no authentication). */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Simulated milliseconds per wall millisecond; 0 freezes time (tests move it by hand). */
  speed?: number;
  /** One line per request and per engine error, e.g. `console.error`. */
  log?: (line: string) => void;
}

export interface Serving {
  /** `http://127.0.0.1:6443` */
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  /** Number of watch streams currently open. */
  readonly openWatches: number;
  close(): Promise<void>;
}

export async function startServe(options: ServeOptions): Promise<Serving> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log;
  const follower = followWallClock(options.cluster.clock, {
    speed: options.speed ?? 1,
    onError: (e) => log?.(`clock tick failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
  });
  const adapter = createHttpAdapter(options.cluster.api, { beforeRequest: follower.catchUp, log });
  const server = createServer((req, res) => adapter.handle(req, res));

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    follower.stop();
    throw e;
  }
  const port = (server.address() as AddressInfo).port;
  const hostInUrl = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${hostInUrl}:${port}`,
    port,
    server,
    get openWatches() {
      return adapter.openWatches;
    },
    close: () =>
      new Promise<void>((resolve) => {
        follower.stop();
        adapter.closeWatches();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
