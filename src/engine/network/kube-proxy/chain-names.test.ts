import { describe, expect, it } from 'vitest';
import { endpointChain, endpointProbability, serviceChains } from './chain-names';

describe('kube-proxy chain names', () => {
  it.each([
    [{ namespace: 'default', name: 'kubernetes', port: 'https' }, 'TCP', 'KUBE-SVC-NPX46M4PTMTKRN6Y'],
    [{ namespace: 'kube-system', name: 'kube-dns', port: 'dns' }, 'UDP', 'KUBE-SVC-TCOU7JCQXEZGVUNU'],
    [{ namespace: 'kube-system', name: 'kube-dns', port: 'dns-tcp' }, 'TCP', 'KUBE-SVC-ERIFXISQEP7F7OF4'],
    [{ namespace: 'kube-system', name: 'kube-dns', port: 'metrics' }, 'TCP', 'KUBE-SVC-JD5MR3NA4I4DYORP'],
    [{ namespace: 'default', name: 'nginx', port: '' }, 'TCP', 'KUBE-SVC-2CMXP7HKUVJN7L6M'],
  ])('%j %s → %s (as on real clusters)', (port, protocol, chain) => {
    const chains = serviceChains(port, protocol);
    expect(chains.svc).toBe(chain);
    expect(chains.ext).toBe(chain.replace('KUBE-SVC-', 'KUBE-EXT-'));
  });

  it('names an endpoint chain after the endpoint too', () => {
    expect(endpointChain({ namespace: 'default', name: 'nginx', port: '' }, 'TCP', '10.244.0.5:80')).toBe('KUBE-SEP-4IEO3WJHPKXV3AOH');
  });
});

describe('endpoint probabilities, as iptables-save prints them', () => {
  it.each([
    [0, 2, '0.50000000000'],
    [0, 3, '0.33333333349'],
    [1, 3, '0.50000000000'],
    [0, 4, '0.25000000000'],
    [0, 5, '0.20000000019'],
    [0, 6, '0.16666666651'],
    [2, 3, undefined],
    [0, 1, undefined],
  ])('rule %i of %i → %s', (i, n, printed) => expect(endpointProbability(i, n)).toBe(printed));
});
