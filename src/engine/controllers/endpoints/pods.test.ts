import { describe, expect, it } from 'vitest';
import type { ServicePort } from 'kubernetes-types/core/v1';
import { compareIPs, findPort, shouldPodBeInEndpoints } from './pods';
import { pod } from './testdata';

describe('findPort', () => {
  const web = pod('a', '10.244.1.2', {
    ports: [
      { name: 'http', containerPort: 8080 },
      { name: 'dns', containerPort: 53, protocol: 'UDP' },
    ],
  });
  const cases: Array<[string, ServicePort, number | undefined]> = [
    ['numeric targetPort is used as is', { port: 80, targetPort: 9376 }, 9376],
    ['numeric string targetPort', { port: 80, targetPort: '9376' }, 9376],
    ['no targetPort: the service port', { port: 80 }, 80],
    ['named targetPort resolves against container ports', { port: 80, targetPort: 'http' }, 8080],
    ['named port must match the protocol', { port: 53, targetPort: 'dns', protocol: 'TCP' }, undefined],
    ['named port with its protocol', { port: 53, targetPort: 'dns', protocol: 'UDP' }, 53],
    ['unknown name: the pod is skipped for this port', { port: 80, targetPort: 'https' }, undefined],
  ];
  it.each(cases)('%s', (_name, sp, expected) => {
    expect(findPort(web, sp)).toBe(expected);
  });
});

describe('shouldPodBeInEndpoints', () => {
  const cases: Array<[string, ReturnType<typeof pod>, boolean, boolean]> = [
    ['running with an IP', pod('a', '10.244.1.2'), false, true],
    ['not ready still counts (as not-ready)', pod('a', '10.244.1.2', { ready: false }), false, true],
    ['no IP yet', pod('a', undefined), false, false],
    ['terminating is dropped', pod('a', '10.244.1.2', { terminating: true }), false, false],
    ['terminating kept when asked', pod('a', '10.244.1.2', { terminating: true }), true, true],
    ['succeeded', pod('a', '10.244.1.2', { phase: 'Succeeded' }), true, false],
    ['failed', pod('a', '10.244.1.2', { phase: 'Failed' }), true, false],
  ];
  it.each(cases)('%s', (_name, p, includeTerminating, expected) => {
    expect(shouldPodBeInEndpoints(p, includeTerminating)).toBe(expected);
  });
});

it('compareIPs orders numerically', () => {
  expect(['10.244.1.10', '10.244.1.9', '10.244.0.30'].sort(compareIPs)).toEqual(['10.244.0.30', '10.244.1.9', '10.244.1.10']);
});
