/** A ClusterView over a simulated Cluster: what the worker (and the lesson tests) evaluate checks against. */
import { RESOURCES } from '../engine/api/resources';
import type { Cluster } from '../engine/cluster/cluster';
import type { ClusterView, KubeObject } from './checks';

export function clusterView(cluster: Cluster): ClusterView {
  return {
    list(kind, namespace) {
      // The first resource of a kind is the one lessons mean (core Events rather than events.k8s.io).
      const resource = RESOURCES.find((r) => r.kind === kind);
      if (!resource) return [];
      const listed = cluster.client().list<KubeObject>(resource, { namespace });
      return listed.ok ? listed.value.items : [];
    },
    readFile(node, path) {
      const machine = cluster.machines.get(node);
      try {
        return machine?.host.fs.readFile(path);
      } catch {
        return undefined;
      }
    },
  };
}
