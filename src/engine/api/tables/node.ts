/** `kubectl get nodes`: STATUS from the Ready condition, ROLES from labels. */
import type { Node } from 'kubernetes-types/core/v1';
import { AGE_COLUMN, NAME_COLUMN, column, columns, type Printer, type RowContext } from './columns';
import { byteOrder } from './format';

const ROLE_PREFIX = 'node-role.kubernetes.io/';
const ROLE_LABEL = 'kubernetes.io/role';

const ADDRESSES_DOC =
  "List of addresses reachable to the node. Queried from cloud provider, if available. More info: https://kubernetes.io/docs/reference/node/node-status/#addresses Note: This field is declared as mergeable, but the merge key is not sufficiently unique, which can cause data corruption when it is merged. Callers should instead use a full-replacement patch. See https://pr.k8s.io/79391 for an example. Consumers should assume that addresses can change during the lifetime of a Node. However, there are some exceptions where this may not be possible, such as Pods that inherit a Node's address in its own status or consumers of the downward API (status.hostIP).";

export const NODE_COLUMNS = columns(
  NAME_COLUMN,
  column('Status', 'string', 'The status of the node'),
  column('Roles', 'string', 'The roles of the node'),
  AGE_COLUMN,
  column('Version', 'string', 'Kubelet Version reported by the node.'),
  column('Internal-IP', 'string', ADDRESSES_DOC, 1),
  column('External-IP', 'string', ADDRESSES_DOC, 1),
  column('OS-Image', 'string', 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).', 1),
  column('Kernel-Version', 'string', "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1),
  column('Container-Runtime', 'string', 'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).', 1),
);

/** `Ready`, `NotReady` or `Unknown` (no Ready condition), plus `,SchedulingDisabled` when cordoned. */
export function nodeStatus(node: Node): string {
  let status = 'Unknown';
  // The last Ready condition wins, as the server indexes conditions by type.
  for (const c of node.status?.conditions ?? []) {
    if (c.type === 'Ready') status = c.status === 'True' ? 'Ready' : 'NotReady';
  }
  return node.spec?.unschedulable ? `${status},SchedulingDisabled` : status;
}

/** Roles from `node-role.kubernetes.io/<role>` keys and `kubernetes.io/role=<role>`, sorted, or `<none>`. */
export function nodeRoles(node: Node): string {
  const roles = new Set<string>();
  const labels = node.metadata?.labels ?? {};
  for (const key of Object.keys(labels)) {
    if (key.startsWith(ROLE_PREFIX)) {
      const role = key.slice(ROLE_PREFIX.length);
      if (role) roles.add(role);
    } else if (key === ROLE_LABEL && labels[key]) {
      roles.add(labels[key]!);
    }
  }
  return roles.size === 0 ? '<none>' : [...roles].sort(byteOrder).join(',');
}

function nodeAddress(node: Node, type: string): string {
  for (const a of node.status?.addresses ?? []) if (a.type === type) return a.address;
  return '<none>';
}

export const nodePrinter: Printer<Node> = {
  columns: NODE_COLUMNS,
  cells(node: Node, ctx: RowContext): unknown[] {
    const info = node.status?.nodeInfo;
    return [
      node.metadata?.name ?? '',
      nodeStatus(node),
      nodeRoles(node),
      ctx.age(node.metadata?.creationTimestamp),
      info?.kubeletVersion ?? '',
      nodeAddress(node, 'InternalIP'),
      nodeAddress(node, 'ExternalIP'),
      info?.osImage || '<unknown>',
      info?.kernelVersion || '<unknown>',
      info?.containerRuntimeVersion || '<unknown>',
    ];
  },
};
