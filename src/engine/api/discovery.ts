/**
 * Discovery: how kubectl learns which kinds exist (`kubectl api-resources`, `api-versions`, short
 * names like `po` and `deploy`, the `all` category). Everything is derived from the resource
 * tables in `resources.ts` (the served kinds, and the versions listed without their objects), so
 * adding a kind there makes it discoverable here.
 */
import { groupVersion, LISTED_RESOURCES, type ResourceInfo } from './resources';

export const VERSION_INFO = {
  major: '1',
  minor: '30',
  gitVersion: 'v1.30.2',
  gitCommit: '39683505b630ff2121012f3c5b16215a1449d5ed',
  gitTreeState: 'clean',
  buildDate: '2024-06-11T20:21:00Z',
  goVersion: 'go1.22.4',
  compiler: 'gc',
  platform: 'linux/amd64',
} as const;

/** The order a real 1.30 apiserver lists its groups in (aggregator priority), where we serve them. */
const GROUP_ORDER = [
  'apiregistration.k8s.io',
  'apps',
  'events.k8s.io',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'networking.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'scheduling.k8s.io',
  'coordination.k8s.io',
  'node.k8s.io',
  'discovery.k8s.io',
  'flowcontrol.apiserver.k8s.io',
];

const servedGroups = (): string[] => {
  const groups = [...new Set(LISTED_RESOURCES.filter((r) => r.group !== '').map((r) => r.group))];
  const rank = (g: string): number => {
    const i = GROUP_ORDER.indexOf(g);
    return i < 0 ? GROUP_ORDER.length : i;
  };
  return groups.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
};

function apiGroup(group: string) {
  const versions = [...new Set(LISTED_RESOURCES.filter((r) => r.group === group).map((r) => r.version))];
  const entries = versions.map((version) => ({ groupVersion: `${group}/${version}`, version }));
  return { name: group, versions: entries, preferredVersion: entries[0]! };
}

/** `GET /api`: the legacy core group's versions. */
export function apiVersions() {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '172.18.0.2:6443' }],
  };
}

/** `GET /apis`: every named group. */
export function apiGroupList() {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: servedGroups().map(apiGroup) };
}

/** `GET /apis/<group>` */
export function apiGroupInfo(group: string) {
  return { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(group) };
}

interface SubresourceShape {
  kind: string;
  group?: string;
  version?: string;
  verbs: string[];
}

/** What each subresource accepts and answers with. */
const SUBRESOURCES: Record<string, (r: ResourceInfo) => SubresourceShape> = {
  status: (r) => ({ kind: r.kind, verbs: ['get', 'patch', 'update'] }),
  scale: () => ({ kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] }),
  binding: () => ({ kind: 'Binding', verbs: ['create'] }),
  eviction: () => ({ kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] }),
  log: (r) => ({ kind: r.kind, verbs: ['get'] }),
  exec: () => ({ kind: 'PodExecOptions', verbs: ['create', 'get'] }),
  attach: () => ({ kind: 'PodAttachOptions', verbs: ['create', 'get'] }),
  finalize: (r) => ({ kind: r.kind, verbs: ['update'] }),
};

/** `GET /api/v1` or `/apis/<g>/<v>`: the kinds of one group version and their subresources. */
export function apiResourceList(group: string, version: string) {
  const resources: Record<string, unknown>[] = [];
  const members = LISTED_RESOURCES.filter((r) => r.group === group && r.version === version).sort((a, b) => (a.plural < b.plural ? -1 : 1));
  for (const r of members) {
    const entry: Record<string, unknown> = {
      name: r.plural,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.verbs,
    };
    if (r.shortNames.length > 0) entry.shortNames = r.shortNames;
    if (r.categories.length > 0) entry.categories = r.categories;
    resources.push(entry);
    for (const sub of [...r.subresources].sort()) {
      const shape = SUBRESOURCES[sub]?.(r) ?? { kind: r.kind, verbs: ['get'] };
      const subEntry: Record<string, unknown> = { name: `${r.plural}/${sub}`, singularName: '', namespaced: r.namespaced };
      if (shape.group !== undefined) subEntry.group = shape.group;
      if (shape.version !== undefined) subEntry.version = shape.version;
      subEntry.kind = shape.kind;
      subEntry.verbs = shape.verbs;
      resources.push(subEntry);
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: groupVersion({ group, version }), resources };
}
