/**
 * URL → what is being asked for. The apiserver's URL space is small and regular:
 *
 *   /api/v1/<plural>[/<name>[/<sub>]]                         core group, cluster-scoped or all namespaces
 *   /api/v1/namespaces/<ns>/<plural>[/<name>[/<sub>]]         core group, one namespace
 *   /apis/<group>/<version>/...                               the same for named groups
 *   /api, /apis, /api/v1, /apis/<g>, /apis/<g>/<v>, /version  discovery
 *
 * `namespaces/<name>/status` and `namespaces/<name>/finalize` are the Namespace's own
 * subresources, not a resource called "status" inside a namespace.
 */
import { LISTED_RESOURCES, resourceFor, type ResourceInfo } from './resources';

export type Route =
  | { type: 'discovery'; what: 'api' | 'apis' | 'version' | 'healthz' }
  | { type: 'groupDiscovery'; group: string }
  | { type: 'resourceList'; group: string; version: string }
  | { type: 'resource'; resource: ResourceInfo; namespace?: string; name?: string; subresource?: string }
  | { type: 'notFound' };

const NOT_FOUND: Route = { type: 'notFound' };
/** Group versions discovery lists (their objects are routed only where a served kind lives). */
const KNOWN_VERSIONS = new Set(LISTED_RESOURCES.map((r) => `${r.group}/${r.version}`));

/** Splits `path?query` and decodes each segment. Returns undefined for a malformed escape. */
export function splitPath(path: string): { segments: string[]; query: Record<string, string> } | undefined {
  const q = path.indexOf('?');
  const query: Record<string, string> = {};
  let p = path;
  if (q >= 0) {
    p = path.slice(0, q);
    for (const pair of path.slice(q + 1).split('&')) {
      if (!pair) continue;
      const eq = pair.indexOf('=');
      const key = eq >= 0 ? pair.slice(0, eq) : pair;
      const value = eq >= 0 ? pair.slice(eq + 1) : '';
      try {
        query[decodeURIComponent(key.replace(/\+/g, ' '))] = decodeURIComponent(value.replace(/\+/g, ' '));
      } catch {
        return undefined;
      }
    }
  }
  // Every request comes through here: a plain loop, no per-call closures.
  const segments: string[] = [];
  let start = 0;
  for (let i = 0; i <= p.length; i++) {
    if (i < p.length && p.charCodeAt(i) !== 47 /* '/' */) continue;
    if (i > start) segments.push(p.slice(start, i));
    start = i + 1;
  }
  if (!p.includes('%')) return { segments, query };
  try {
    return { segments: segments.map(decodeURIComponent), query };
  } catch {
    return undefined;
  }
}

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

export function route(segments: readonly string[]): Route {
  const root = segments[0];
  const rest = segments.slice(1);
  if (root === 'version' && rest.length === 0) return { type: 'discovery', what: 'version' };
  if ((root === 'healthz' || root === 'livez' || root === 'readyz') && rest.length === 0) return { type: 'discovery', what: 'healthz' };
  let group: string;
  let version: string;
  let tail: string[];
  if (root === 'api') {
    if (rest.length === 0) return { type: 'discovery', what: 'api' };
    version = rest[0]!;
    group = '';
    tail = rest.slice(1);
  } else if (root === 'apis') {
    if (rest.length === 0) return { type: 'discovery', what: 'apis' };
    group = rest[0]!;
    if (rest.length === 1) return LISTED_RESOURCES.some((r) => r.group === group) ? { type: 'groupDiscovery', group } : NOT_FOUND;
    version = rest[1]!;
    tail = rest.slice(2);
  } else return NOT_FOUND;
  if (!KNOWN_VERSIONS.has(`${group}/${version}`)) return NOT_FOUND;
  if (tail.length === 0) return { type: 'resourceList', group, version };

  // namespaces/<ns>/<plural>/...  (but not namespaces/<name>/status|finalize)
  if (tail[0] === 'namespaces' && tail.length >= 3 && !(tail.length === 3 && NAMESPACE_SUBRESOURCES.has(tail[2]!) && group === '')) {
    const resource = resourceFor(group, tail[2]!);
    if (!resource || resource.version !== version || !resource.namespaced || tail.length > 5) return NOT_FOUND;
    return withSub(resource, tail[1]!, tail[3], tail[4]);
  }
  const resource = resourceFor(group, tail[0]!);
  if (!resource || resource.version !== version || tail.length > 3) return NOT_FOUND;
  // A namespaced kind has no per-object URL outside a namespace.
  if (resource.namespaced && tail.length > 1) return NOT_FOUND;
  return withSub(resource, undefined, tail[1], tail[2]);
}

function withSub(resource: ResourceInfo, namespace: string | undefined, name: string | undefined, subresource: string | undefined): Route {
  if (subresource !== undefined && !resource.subresources.includes(subresource)) return NOT_FOUND;
  const r: Route = { type: 'resource', resource };
  if (namespace !== undefined) r.namespace = namespace;
  if (name !== undefined) r.name = name;
  if (subresource !== undefined) r.subresource = subresource;
  return r;
}
