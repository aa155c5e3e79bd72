/**
 * Image pull policy and the kubelet's pull events (reference §3, §4.1), kubelet 1.30 wording.
 */
import type { PullPolicy } from '../../runtime/images/reference';
import { formatGoDuration } from './duration';

/**
 * What the kubelet does given the policy and whether the node already has the image:
 * - `pull`: contact the registry (with Always even a cached image is re-checked, quickly);
 * - `present`: event `Container image "x" already present on machine`;
 * - `neverPull`: ErrImageNeverPull.
 */
export type PullAction = 'pull' | 'present' | 'neverPull';

export function pullAction(policy: PullPolicy, presentOnNode: boolean): PullAction {
  if (policy === 'Always') return 'pull';
  if (presentOnNode) return 'present';
  return policy === 'Never' ? 'neverPull' : 'pull';
}

export const pullingMessage = (image: string): string => `Pulling image "${image}"`;

export const alreadyPresentMessage = (image: string): string => `Container image "${image}" already present on machine`;

/** 1.30+: durations truncated to ms, then the total including time queued behind other pulls. */
export const pulledMessage = (image: string, pullMs: number, includingWaitingMs: number, sizeBytes: number): string =>
  `Successfully pulled image "${image}" in ${formatGoDuration(pullMs)} (${formatGoDuration(includingWaitingMs)} including waiting). Image size: ${sizeBytes} bytes.`;

export const neverPullMessage = (image: string): string => `Container image "${image}" is not present with pull policy of Never`;
