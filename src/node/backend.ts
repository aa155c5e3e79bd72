/**
 * The slice of the engine that `kubeplay serve` needs, stated structurally so the HTTP layer can be
 * tested against a tiny fake and does not care how a cluster is assembled.
 */
import type { ApiRequest, ApiResponse, WatchEvent, WatchHandle } from '../engine/api/types';

/** A watch start: the immediate response, and while it succeeds, the handle that ends the stream. */
export type WatchStart = ApiResponse & { handle?: WatchHandle };

/** What `ApiServer` offers: synchronous requests and asynchronous watch events. */
export interface ApiBackend {
  request(req: ApiRequest): ApiResponse;
  watch(req: ApiRequest, onEvent: (event: WatchEvent) => void): WatchStart;
}

/** Simulated time that the server moves forward (watch events are delivered on it too). */
export interface AdvancingClock {
  advance(ms: number): void;
}

/** A cluster as `startServe` sees it: an apiserver and its clock. */
export interface ServableCluster {
  readonly api: ApiBackend;
  readonly clock: AdvancingClock;
}
