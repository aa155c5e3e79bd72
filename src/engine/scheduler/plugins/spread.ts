/**
 * Spread: replicas of one controller should not all end up on one node, or one node failure takes
 * the whole app down. A node scores higher the fewer pods of the same owner (the pod's ReplicaSet,
 * DaemonSet, ...) it already runs — a simple stand-in for upstream's default PodTopologySpread
 * constraint on `kubernetes.io/hostname`.
 */
import type { ScorePlugin } from '../framework';
import { normalizeScores } from '../framework';

export const spread: ScorePlugin = {
  name: 'PodTopologySpread',
  weight: 2,
  preScore: (pod) => pod.ownerUid !== undefined,
  score(pod, node) {
    return node.podsOwnedBy(pod.ownerUid!);
  },
  normalize(scores) {
    normalizeScores(scores, true);
  },
};
