/**
 * What kinds the server serves, and which one a word on the command line means (kubectl's
 * RESTMapper and shortcut expander): `po`, `pod`, `pods`, `Pod`, `deploy`, `deployments.apps`,
 * `deployments.v1.apps`. kubectl learns them from discovery (`/api`, `/apis`, then each group
 * version) and keeps them in ~/.kube/cache/discovery/<host_port>/ for six hours, so only a cold
 * cache shows those requests under `-v=6`.
 *
 * When the server cannot be reached, discovery is what fails first: kubectl logs
 * `memcache.go:265] couldn't get current server API group list: …` for each attempt.
 */
import { sys, type Proc, type Sys } from '../../../../engine/runtime/process';
import type { RestClient } from './client';
import { ConnectionError, KubectlError } from './errors';
import { klogLine } from './klog';
import { serverAddress } from './kubeconfig';

export interface ApiResource {
  /** '' for the core group. */
  readonly group: string;
  readonly version: string;
  /** Plural: the URL segment and what `api-resources` lists. */
  readonly name: string;
  readonly singularName: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly shortNames: readonly string[];
  readonly verbs: readonly string[];
  readonly categories: readonly string[];
}

export interface DiscoveryDoc {
  /** `v1`, `apps/v1`, … every version of every group, in the server's order (`api-versions`). */
  readonly groupVersions: readonly string[];
  readonly resources: readonly ApiResource[];
}

/** client-go's disk cache TTL for discovery. */
const CACHE_TTL_MS = 6 * 3600_000;
const DISCOVERY_QUERY = { timeout: '32s' };

export const groupVersionOf = (r: Pick<ApiResource, 'group' | 'version'>): string => (r.group ? `${r.group}/${r.version}` : r.version);

/** `/api/v1/namespaces/default/pods` or `/apis/apps/v1/deployments` (all namespaces without one). */
export function collectionPath(r: ApiResource, namespace?: string): string {
  const root = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  return r.namespaced && namespace ? `${root}/namespaces/${namespace}/${r.name}` : `${root}/${r.name}`;
}

export const objectPath = (r: ApiResource, namespace: string | undefined, name: string): string =>
  `${collectionPath(r, namespace)}/${encodeURIComponent(name)}`;

/** `pod`, `deployment.apps`: how kubectl names a kind in `-o name` and in kind prefixes. */
export const kindPrefix = (r: Pick<ApiResource, 'group' | 'kind'>): string => (r.group ? `${r.kind.toLowerCase()}.${r.group}` : r.kind.toLowerCase());

export class Discovery {
  constructor(readonly doc: DiscoveryDoc) {}

  /** The kinds a word may mean; discovery order decides between groups (core first). */
  resolve(word: string): ApiResource | undefined {
    const w = word.toLowerCase();
    const named = (r: ApiResource, name: string): boolean =>
      r.name === name || r.singularName === name || r.kind.toLowerCase() === name || r.shortNames.includes(name);
    const plain = this.doc.resources.find((r) => named(r, w));
    if (plain) return plain;
    // `deployments.apps`, `deployments.v1.apps`
    const dot = w.indexOf('.');
    if (dot < 0) return undefined;
    const [name, rest] = [w.slice(0, dot), w.slice(dot + 1)];
    return this.doc.resources.find(
      (r) => named(r, name) && r.group !== '' && (r.group === rest || `${r.version}.${r.group}` === rest || (r.group === '' && rest === r.version)),
    ) ?? this.doc.resources.find((r) => named(r, name) && r.group === '' && rest === r.version);
  }

  /** Every kind of a category (`all`), in discovery order. */
  category(name: string): ApiResource[] {
    return this.doc.resources.filter((r) => r.categories.includes(name));
  }
}

interface ApiResourceList {
  groupVersion: string;
  resources: { name: string; singularName?: string; namespaced: boolean; kind: string; verbs?: string[]; shortNames?: string[]; categories?: string[] }[];
}

/** Reads discovery: from the cache when it is fresh, else from the server (and fills the cache). */
export function* discover(proc: Proc, client: RestClient): Sys<Discovery> {
  const cacheFile = `${cacheDir(proc, client.config.server)}/servergroupsandresources.json`;
  const cached = readCache(proc, cacheFile);
  if (cached) return new Discovery(cached);
  const doc = yield* fetchDiscovery(proc, client);
  writeCache(proc, cacheFile, doc);
  return new Discovery(doc);
}

/** kubectl tries discovery this many times before giving up on an unreachable server. */
const ATTEMPTS = 5;

function* fetchDiscovery(proc: Proc, client: RestClient): Sys<DiscoveryDoc> {
  let core: { versions: string[] } | undefined;
  for (let attempt = 1; !core; attempt++) {
    try {
      core = yield* client.call<{ versions: string[] }>({ method: 'GET', path: '/api', query: DISCOVERY_QUERY });
    } catch (e) {
      if (!(e instanceof ConnectionError)) throw e;
      yield* sys.write(2, klogLine(proc, 'E', 'memcache.go:265', `couldn't get current server API group list: ${e.message}`));
      if (attempt === ATTEMPTS) throw e;
    }
  }
  type ApiGroup = { versions: { groupVersion: string }[]; preferredVersion: { groupVersion: string } };
  const groups = yield* client.call<{ groups: ApiGroup[] }>({ method: 'GET', path: '/apis', query: DISCOVERY_QUERY });
  const groupVersions = [...core.versions, ...groups.groups.flatMap((g) => g.versions.map((v) => v.groupVersion))];
  // Kinds are known by their group's preferred version (autoscaling/v2, not v1).
  const resources: ApiResource[] = [];
  for (const gv of [...core.versions, ...groups.groups.map((g) => g.preferredVersion.groupVersion)]) {
    const path = gv.includes('/') ? `/apis/${gv}` : `/api/${gv}`;
    const list = yield* client.call<ApiResourceList>({ method: 'GET', path, query: DISCOVERY_QUERY });
    const [group, version] = gv.includes('/') ? gv.split('/') as [string, string] : ['', gv];
    for (const r of list.resources) {
      if (r.name.includes('/')) continue;
      resources.push({
        group,
        version,
        name: r.name,
        singularName: r.singularName || r.kind.toLowerCase(),
        kind: r.kind,
        namespaced: r.namespaced,
        shortNames: r.shortNames ?? [],
        verbs: r.verbs ?? [],
        categories: r.categories ?? [],
      });
    }
  }
  return { groupVersions, resources };
}

/** `~/.kube/cache/discovery/192.168.1.130_6443` */
function cacheDir(proc: Proc, server: string): string {
  const home = proc.env.HOME ?? '/root';
  return `${home === '/' ? '' : home}/.kube/cache/discovery/${serverAddress(server).hostPort.replace(/:/g, '_')}`;
}

function readCache(proc: Proc, file: string): DiscoveryDoc | undefined {
  try {
    if (proc.now() - proc.fs.stat(file).mtime > CACHE_TTL_MS) return undefined;
    return JSON.parse(proc.fs.readFile(file)) as DiscoveryDoc;
  } catch {
    return undefined;
  }
}

/** A cache that cannot be written (read-only home) is skipped, as client-go does. */
function writeCache(proc: Proc, file: string, doc: DiscoveryDoc): void {
  try {
    proc.fs.mkdir(file.slice(0, file.lastIndexOf('/')), proc.now(), { parents: true });
    proc.fs.writeFile(file, JSON.stringify(doc), proc.now());
  } catch {
    // nothing to do: the next run asks the server again
  }
}

/** `error: the server doesn't have a resource type "deploment"` */
export const unknownType = (word: string): KubectlError => new KubectlError(`the server doesn't have a resource type ${JSON.stringify(word)}`);
