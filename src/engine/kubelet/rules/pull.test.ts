import { describe, expect, it } from 'vitest';
import {
  type PullAction,
  type PullPolicy,
  alreadyPresentMessage,
  defaultPullPolicy,
  failedToPullMessage,
  neverPullMessage,
  pullAction,
  pulledMessage,
  pullingMessage,
} from './pull';

describe('image pull policy', () => {
  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.25', 'IfNotPresent'],
    ['busybox:1.36', 'IfNotPresent'],
    ['localhost:5000/app', 'Always'],
    ['localhost:5000/app:v2', 'IfNotPresent'],
    ['ikubernetes/myapp:v1', 'IfNotPresent'],
    ['nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31', 'IfNotPresent'],
  ])('%s → %s', (image, policy) => {
    expect(defaultPullPolicy(image)).toBe(policy);
  });

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
    expect(failedToPullMessage('nginx:nope', 'boom')).toBe('Failed to pull image "nginx:nope": boom');
  });
});
