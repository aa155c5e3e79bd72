/**
 * What a describer works with: the REST client (each describer fetches its object and what it
 * shows alongside — events, pods, replica sets — itself, as kubectl's do), kubectl's own clock for
 * ages, and the `--show-events` setting.
 */
import type { Sys } from '../../../../engine/runtime/process';
import type { RestClient } from '../framework';

export interface DescribeContext {
  readonly client: RestClient;
  /** Wall-clock milliseconds on the machine kubectl runs on. */
  readonly now: number;
  readonly showEvents: boolean;
}

/** kubectl lists in chunks of 500 (`--chunk-size`). */
export const CHUNK = 500;

/** A list's items (in chunks of 500), with a label or field selector when given. */
export function* listItems<T>(ctx: DescribeContext, path: string, query: Record<string, string> = {}): Sys<T[]> {
  const list = yield* ctx.client.list<{ items?: T[] }>({ method: 'GET', path, query }, CHUNK);
  return list.items ?? [];
}

/** `/api/v1/namespaces/default/pods` — the core group's collection path. */
export const corePath = (plural: string, namespace?: string): string => (namespace ? `/api/v1/namespaces/${namespace}/${plural}` : `/api/v1/${plural}`);
