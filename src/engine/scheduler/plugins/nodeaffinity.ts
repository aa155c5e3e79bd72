/**
 * NodeAffinity: where a pod may go, by the node's labels.
 *
 * - `spec.nodeSelector` — every key must be present with exactly that value.
 * - `affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms` —
 *   the terms are ORed; inside a term every `matchExpressions` (on labels) and `matchFields` (only
 *   `metadata.name`) requirement must hold. Operators: In, NotIn, Exists, DoesNotExist, and Gt/Lt
 *   which compare the label as an integer. An empty term matches no node.
 * - `preferredDuringSchedulingIgnoredDuringExecution` — each matching term adds its weight to the
 *   node's score instead of filtering.
 *
 * Both filters report the same reason: `node(s) didn't match Pod's node affinity/selector`.
 */
import type { Node, NodeSelectorRequirement, NodeSelectorTerm } from 'kubernetes-types/core/v1';
import type { FilterPlugin, ScorePlugin } from '../framework';
import { normalizeScores, rejected } from '../framework';

export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";

const INTEGER_RE = /^[+-]?\d+$/;

/** One requirement against a set of labels (or the node's fields). */
export function requirementMatches(req: NodeSelectorRequirement, values: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(values, req.key);
  const actual = has ? values[req.key]! : undefined;
  const wanted = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return actual !== undefined && wanted.includes(actual);
    case 'NotIn':
      return actual === undefined || !wanted.includes(actual);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (actual === undefined || wanted.length !== 1 || !INTEGER_RE.test(actual) || !INTEGER_RE.test(wanted[0]!)) return false;
      const a = Number(actual);
      const w = Number(wanted[0]);
      return req.operator === 'Gt' ? a > w : a < w;
    }
    default:
      return false;
  }
}

/** A term holds when it has at least one requirement and all of them hold. */
export function termMatches(term: NodeSelectorTerm, node: Node): boolean {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return false;
  const labels = node.metadata?.labels ?? {};
  for (const req of expressions) if (!requirementMatches(req, labels)) return false;
  const nodeFields = { 'metadata.name': node.metadata?.name ?? '' };
  for (const req of fields) {
    if (req.key !== 'metadata.name' || (req.operator !== 'In' && req.operator !== 'NotIn')) return false;
    if (!requirementMatches(req, nodeFields)) return false;
  }
  return true;
}

export function nodeSelectorMatches(selector: Readonly<Record<string, string>> | undefined, node: Node): boolean {
  const labels = node.metadata?.labels ?? {};
  for (const [key, value] of Object.entries(selector ?? {})) if (labels[key] !== value) return false;
  return true;
}

export const nodeAffinity: FilterPlugin & ScorePlugin = {
  name: 'NodeAffinity',
  weight: 2,
  preFilter: (pod) => !!pod.pod.spec?.nodeSelector || !!pod.pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution,
  preScore: (pod) => !!pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length,
  filter(pod, node) {
    const spec = pod.pod.spec;
    const required = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    const fits =
      nodeSelectorMatches(spec?.nodeSelector, node.node) &&
      (!required || required.nodeSelectorTerms.some((term) => termMatches(term, node.node)));
    return fits ? undefined : rejected(this.name, 'UnschedulableAndUnresolvable', ERR_REASON_POD);
  },
  /** Raw score: the sum of the weights of the preferred terms this node matches. */
  score(pod, node) {
    const preferred = pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
    if (!preferred) return 0;
    let total = 0;
    for (const p of preferred) {
      if (p.weight !== 0 && termMatches(p.preference, node.node)) total += p.weight;
    }
    return total;
  },
  normalize(scores) {
    normalizeScores(scores, false);
  },
};
