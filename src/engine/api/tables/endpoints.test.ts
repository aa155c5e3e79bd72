import type { Endpoints } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { describe, expect, it } from 'vitest';
import { endpointSlicePrinter, endpointsPrinter, formatEndpoints, formatSliceEndpoints, formatSlicePorts } from './endpoints';
import { at, rowContext } from './testkit';

const ep = (subsets: Endpoints['subsets']): Endpoints => ({ metadata: { name: 'nginx', creationTimestamp: at(0) }, ...(subsets ? { subsets } : {}) });
const addrs = (...ips: string[]) => ips.map((ip) => ({ ip }));

describe('ENDPOINTS', () => {
  it.each<[string, Endpoints, string]>([
    ['no subsets', ep(undefined), '<none>'],
    ['empty subsets', ep([]), '<none>'],
    ['kubernetes', ep([{ addresses: addrs('172.18.0.2'), ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }]), '172.18.0.2:6443'],
    [
      'three pods',
      ep([{ addresses: addrs('10.244.1.2', '10.244.2.3', '10.244.1.4'), ports: [{ port: 80, protocol: 'TCP' }] }]),
      '10.244.1.2:80,10.244.2.3:80,10.244.1.4:80',
    ],
    [
      'five pods',
      ep([{ addresses: addrs('10.244.1.2', '10.244.2.3', '10.244.1.4', '10.244.2.5', '10.244.1.6'), ports: [{ port: 80, protocol: 'TCP' }] }]),
      '10.244.1.2:80,10.244.2.3:80,10.244.1.4:80 + 2 more...',
    ],
    [
      'address × port',
      ep([{ addresses: addrs('10.244.0.2', '10.244.0.3'), ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP' }, { name: 'metrics', port: 9153, protocol: 'TCP' }] }]),
      '10.244.0.2:53,10.244.0.3:53,10.244.0.2:53 + 3 more...',
    ],
    ['headless without ports', ep([{ addresses: addrs('10.244.1.2', '10.244.2.3') }]), '10.244.1.2,10.244.2.3'],
    ['only not-ready addresses', ep([{ notReadyAddresses: addrs('10.244.1.2'), ports: [{ port: 80 }] }]), ''],
  ])('%s', (_, e, want) => {
    expect(formatEndpoints(e)).toBe(want);
  });

  it('builds the row', () => {
    const e = ep([{ addresses: addrs('172.18.0.2'), ports: [{ port: 6443 }] }]);
    expect(endpointsPrinter.cells(e, rowContext(5 * 86_400_000))).toEqual(['nginx', '172.18.0.2:6443', '5d']);
  });
});

describe('EndpointSlice', () => {
  const slice = (ports: EndpointSlice['ports'], endpoints: EndpointSlice['endpoints']): EndpointSlice => ({
    metadata: { name: 'nginx-x7k2p', creationTimestamp: at(0) },
    addressType: 'IPv4',
    ...(ports ? { ports } : {}),
    endpoints,
  });
  it.each<[string, EndpointSlice, string, string]>([
    ['empty', slice(undefined, []), '<unset>', '<unset>'],
    ['one pod', slice([{ port: 80, protocol: 'TCP' }], [{ addresses: ['10.244.1.2'] }]), '80', '10.244.1.2'],
    ['all ports', slice([{ protocol: 'TCP' }], [{ addresses: ['10.244.1.2'] }]), '*', '10.244.1.2'],
    ['named port without number', slice([{ name: 'http' }], []), 'http', '<unset>'],
    [
      'many',
      slice(
        [{ port: 53 }, { port: 53 }, { port: 9153 }, { port: 8080 }],
        ['10.244.0.2', '10.244.0.3', '10.244.0.4', '10.244.0.5'].map((a) => ({ addresses: [a], conditions: { ready: false } })),
      ),
      '53,53,9153 + 1 more...',
      '10.244.0.2,10.244.0.3,10.244.0.4 + 1 more...',
    ],
  ])('%s', (_, s, ports, endpoints) => {
    expect(formatSlicePorts(s)).toBe(ports);
    expect(formatSliceEndpoints(s)).toBe(endpoints);
    expect(endpointSlicePrinter.cells(s, rowContext(3000))).toEqual(['nginx-x7k2p', 'IPv4', ports, endpoints, '3s']);
  });
});
