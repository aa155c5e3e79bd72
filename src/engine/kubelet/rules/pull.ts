/**
 * Image pull policy and the kubelet's pull events (reference §3, §4.1), kubelet 1.30 wording.
 */
import { formatGoDuration } from './duration';

export type PullPolicy = 'Always' | 'IfNotPresent' | 'Never';

/** API defaulting: `:latest` or no tag (and no digest) means Always, anything else IfNotPresent. */
export function defaultPullPolicy(image: string): PullPolicy {
  if (image.includes('@')) return 'IfNotPresent';
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  const tag = colon < 0 ? 'latest' : lastSegment.slice(colon + 1);
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

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

export const failedToPullMessage = (image: string, runtimeError: string): string => `Failed to pull image "${image}": ${runtimeError}`;
