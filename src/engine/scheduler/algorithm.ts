/**
 * One scheduling decision: filter every node, score the survivors, pick the best.
 * Pure — it reads the node picture and returns a verdict; binding and events are the caller's job.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { Rng } from '../sim/rng';
import type { FilterPlugin, PodInfo, Rejection, ScorePlugin } from './framework';
import { fitErrorMessage } from './fiterror';
import { controllerUid, type NodeInfo } from './nodeinfo';
import { nodeAffinity } from './plugins/nodeaffinity';
import { nodeName } from './plugins/nodename';
import { noderesourcesFit } from './plugins/noderesourcesfit';
import { nodeUnschedulable } from './plugins/nodeunschedulable';
import { spread } from './plugins/spread';
import { taintToleration } from './plugins/tainttoleration';
import { nonZeroRequests, podRequests } from './resources';

/** In upstream's order: the first filter that rejects a node is the one whose reason is reported. */
export const FILTERS: readonly FilterPlugin[] = [nodeUnschedulable, nodeName, taintToleration, nodeAffinity, noderesourcesFit];
export const SCORERS: readonly ScorePlugin[] = [noderesourcesFit, spread, taintToleration, nodeAffinity];

export function podInfo(pod: Pod): PodInfo {
  return { pod, requests: podRequests(pod), nonZero: nonZeroRequests(pod), ownerUid: controllerUid(pod) };
}

export type Verdict =
  | { fits: true; node: NodeInfo }
  | { fits: false; message: string; rejections: Rejection[] };

export function filterNode(pod: PodInfo, node: NodeInfo, filters: readonly FilterPlugin[] = FILTERS): Rejection | undefined {
  for (const f of filters) {
    const r = f.filter(pod, node);
    if (r) return r;
  }
  return undefined;
}

/**
 * The only nodes a pod can go to when its required node affinity names them: every term holds a
 * `matchFields metadata.name In [...]` requirement, as the DaemonSet controller pins its pods.
 * Any other node fails NodeAffinity, so filtering it is wasted work — upstream's NodeAffinity
 * PreFilter narrows the nodes the same way. Undefined when the pod is not pinned like that.
 */
export function pinnedNodeNames(pod: Pod): ReadonlySet<string> | undefined {
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms) return undefined;
  const names = new Set<string>();
  for (const term of terms) {
    const byName = term.matchFields?.find((f) => f.key === 'metadata.name' && f.operator === 'In');
    if (!byName) return undefined;
    for (const name of byName.values ?? []) names.add(name);
  }
  return names;
}

export function findNode(pod: PodInfo, nodes: readonly NodeInfo[], rng: Rng): Verdict {
  const filters = FILTERS.filter((f) => f.preFilter?.(pod) ?? true);
  const pinned = pinnedNodeNames(pod.pod);
  const feasible: NodeInfo[] = [];
  if (pinned) {
    for (const node of nodes) if (pinned.has(node.name) && !filterNode(pod, node, filters)) feasible.push(node);
    // Nowhere to go: the full pass below finds each node's own reason for the message.
  }
  const rejections: Rejection[] = [];
  if (feasible.length === 0) {
    for (const node of nodes) {
      const r = filterNode(pod, node, filters);
      if (r) rejections.push(r);
      else feasible.push(node);
    }
  }
  if (feasible.length === 0) {
    return { fits: false, rejections, message: fitErrorMessage(nodes.length, rejections, pod.pod.spec?.preemptionPolicy) };
  }
  if (feasible.length === 1) return { fits: true, node: feasible[0]! };

  const totals = new Array<number>(feasible.length).fill(0);
  const scores = new Array<number>(feasible.length);
  for (const plugin of SCORERS) {
    if (plugin.preScore && !plugin.preScore(pod)) continue;
    for (let i = 0; i < feasible.length; i++) scores[i] = plugin.score(pod, feasible[i]!);
    plugin.normalize?.(scores);
    for (let i = 0; i < scores.length; i++) totals[i]! += plugin.weight * scores[i]!;
  }
  // Among equal best scores every node gets the same chance (reservoir sampling, as upstream's selectHost).
  let best = 0;
  let ties = 1;
  for (let i = 1; i < feasible.length; i++) {
    if (totals[i]! > totals[best]!) {
      best = i;
      ties = 1;
    } else if (totals[i] === totals[best]) {
      ties++;
      if (rng.int(ties) === 0) best = i;
    }
  }
  return { fits: true, node: feasible[best]! };
}
