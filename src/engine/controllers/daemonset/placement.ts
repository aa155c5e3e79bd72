/**
 * Where a DaemonSet wants a pod: on every node whose labels fit the pod template's node selector
 * and required node affinity, and whose taints the pod tolerates.
 *
 * DaemonSet pods tolerate more than ordinary pods: the controller adds tolerations for the taints
 * a node gets when it is sick or cordoned (not-ready, unreachable, memory/disk/PID pressure,
 * unschedulable), because node-level agents — kube-proxy, a CNI plugin, a log shipper — must keep
 * running exactly when a node is in trouble. A control-plane taint is *not* tolerated
 * automatically: kube-proxy runs on the master only because its own template tolerates it.
 */
import type { Affinity, Node, NodeSelectorRequirement, NodeSelectorTerm, PodSpec, Toleration } from 'kubernetes-types/core/v1';
import {
  TAINT_DISK_PRESSURE,
  TAINT_MEMORY_PRESSURE,
  TAINT_NETWORK_UNAVAILABLE,
  TAINT_NOT_READY,
  TAINT_PID_PRESSURE,
  TAINT_UNREACHABLE,
  TAINT_UNSCHEDULABLE,
  untoleratedTaints,
} from '../nodelifecycle/taints';

/** The tolerations every DaemonSet pod gets (AddOrUpdateDaemonPodTolerations). No tolerationSeconds: forever. */
export function daemonPodTolerations(spec: PodSpec | undefined): Toleration[] {
  const automatic: Toleration[] = [
    { key: TAINT_NOT_READY, operator: 'Exists', effect: 'NoExecute' },
    { key: TAINT_UNREACHABLE, operator: 'Exists', effect: 'NoExecute' },
    { key: TAINT_DISK_PRESSURE, operator: 'Exists', effect: 'NoSchedule' },
    { key: TAINT_MEMORY_PRESSURE, operator: 'Exists', effect: 'NoSchedule' },
    { key: TAINT_PID_PRESSURE, operator: 'Exists', effect: 'NoSchedule' },
    { key: TAINT_UNSCHEDULABLE, operator: 'Exists', effect: 'NoSchedule' },
  ];
  // A host-network pod does not need the pod network, so it also runs before the CNI is up.
  if (spec?.hostNetwork) automatic.push({ key: TAINT_NETWORK_UNAVAILABLE, operator: 'Exists', effect: 'NoSchedule' });
  const result = [...(spec?.tolerations ?? [])];
  for (const t of automatic) {
    const i = result.findIndex((r) => r.key === t.key && r.effect === t.effect);
    if (i >= 0) result[i] = t;
    else result.push(t);
  }
  return result;
}

function requirementMatches(req: NodeSelectorRequirement, value: string | undefined): boolean {
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      if (value === undefined || !/^-?\d+$/.test(value) || !/^-?\d+$/.test(values[0] ?? '')) return false;
      return req.operator === 'Gt' ? Number(value) > Number(values[0]) : Number(value) < Number(values[0]);
    }
    default:
      return false;
  }
}

/** A term matches when all its expressions (on labels) and fields (only metadata.name) match; an empty term matches nothing. */
export function nodeSelectorTermMatches(term: NodeSelectorTerm, node: Node): boolean {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return false;
  const labels = node.metadata?.labels ?? {};
  for (const req of expressions) {
    const value = Object.prototype.hasOwnProperty.call(labels, req.key) ? labels[req.key] : undefined;
    if (!requirementMatches(req, value)) return false;
  }
  for (const req of fields) {
    if (req.key !== 'metadata.name' || !requirementMatches(req, node.metadata?.name)) return false;
  }
  return true;
}

/** `nodeSelector` (every label equal) and required node affinity (any term) must both hold. */
export function nodeMatchesPod(node: Node, spec: PodSpec | undefined): boolean {
  const labels = node.metadata?.labels ?? {};
  for (const [k, v] of Object.entries(spec?.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const required = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required && !required.nodeSelectorTerms.some((term) => nodeSelectorTermMatches(term, node))) return false;
  return true;
}

export interface Placement {
  /** A daemon pod should be created here if missing. */
  shouldRun: boolean;
  /** A daemon pod already here may stay (only NoExecute taints and a changed selector evict it). */
  shouldContinueRunning: boolean;
}

/**
 * Placements by template and node. Both are stored objects — deeply frozen, replaced rather than
 * changed — so the answer for a pair never changes. A sync walks every node, and with a thousand
 * nodes it would otherwise recompute a thousand answers for every pod that changed anywhere.
 */
const placements = new WeakMap<PodSpec, WeakMap<Node, Placement>>();
const tolerationsByTemplate = new WeakMap<PodSpec, readonly Toleration[]>();

/** Should this node run the DaemonSet's pod (nodeShouldRunDaemonPod)? */
export function placementOn(node: Node, template: PodSpec | undefined): Placement {
  if (!template || !Object.isFrozen(template) || !Object.isFrozen(node)) return computePlacement(node, template, daemonPodTolerations(template));
  let byNode = placements.get(template);
  if (!byNode) placements.set(template, (byNode = new WeakMap()));
  let placement = byNode.get(node);
  if (!placement) {
    let tolerations = tolerationsByTemplate.get(template);
    if (!tolerations) tolerationsByTemplate.set(template, (tolerations = daemonPodTolerations(template)));
    byNode.set(node, (placement = computePlacement(node, template, tolerations)));
  }
  return placement;
}

const NOWHERE: Placement = Object.freeze({ shouldRun: false, shouldContinueRunning: false });

function computePlacement(node: Node, template: PodSpec | undefined, tolerations: readonly Toleration[]): Placement {
  if (template?.nodeName && template.nodeName !== node.metadata?.name) return NOWHERE;
  if (!nodeMatchesPod(node, template)) return NOWHERE;
  const blocking = untoleratedTaints(node.spec?.taints, tolerations, ['NoSchedule', 'NoExecute']);
  const evicting = blocking.filter((t) => t.effect === 'NoExecute');
  return { shouldRun: blocking.length === 0, shouldContinueRunning: evicting.length === 0 };
}

/**
 * Pins a daemon pod to its node with required node affinity on the node's *name*
 * (`matchFields metadata.name In [node]`), replacing any other required terms — the controller has
 * already checked those. The scheduler then binds the pod like any other, so resources and ports
 * are accounted for (the scheduler does the binding since Kubernetes 1.12).
 */
export function pinToNode(affinity: Affinity | undefined, nodeName: string): Affinity {
  const term: NodeSelectorTerm = { matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] };
  return {
    ...affinity,
    nodeAffinity: {
      ...affinity?.nodeAffinity,
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term] },
    },
  };
}

/** The node a daemon pod is meant for: its nodeName once bound, else the pinned name in its affinity. */
export function targetNodeName(spec: PodSpec | undefined): string | undefined {
  if (spec?.nodeName) return spec.nodeName;
  for (const term of spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const f of term.matchFields ?? []) {
      if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
    }
  }
  return undefined;
}
