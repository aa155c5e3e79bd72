import { describe, expect, it } from 'vitest';
import type { PullPolicy } from '../../runtime/images/reference';
import {
  type PullAction,
  alreadyPresentMessage,
  neverPullMessage,
  pullAction,
  pulledMessage,
  pullingMessage,
} from './pull';

describe('what the pull policy makes the kubelet do', () => {
  it.each<[PullPolicy, boolean, PullAction]>([
    ['Always', false, 'pull'],
    ['Always', true, 'pull'],
    ['IfNotPresent', false, 'pull'],
    ['IfNotPresent', true, 'present'],
    ['Never', true, 'present'],
    ['Never', false, 'neverPull'],
  ])('%s, on node %s → %s', (policy, present, action) => {
    expect(pullAction(policy, present)).toBe(action);
  });
});

describe('pull event messages (1.30)', () => {
  it('texts', () => {
    expect(pullingMessage('nginx')).toBe('Pulling image "nginx"');
    expect(pulledMessage('nginx', 7460, 7460, 71_027_698)).toBe(
      'Successfully pulled image "nginx" in 7.46s (7.46s including waiting). Image size: 71027698 bytes.',
    );
    expect(pulledMessage('nginx', 717, 60_809, 1)).toBe('Successfully pulled image "nginx" in 717ms (1m0.809s including waiting). Image size: 1 bytes.');
    expect(alreadyPresentMessage('nginx:1.25')).toBe('Container image "nginx:1.25" already present on machine');
    expect(neverPullMessage('app:dev')).toBe('Container image "app:dev" is not present with pull policy of Never');
  });
});
