import { describe, expect, it } from 'vitest';
import type { TrafficEvent } from '../../../engine/runtime/process/network';
import type { EndpointsView, NodeView, PodView, ServiceView } from '../../../worker/views';
import { addEvents, describeAnswer, describeFlow, hitsByEndpoint, KEEP_FLOWS, placeOf, type Directory } from './flows';

const base = { uid: 'u', createdAt: 0 };
const node = (name: string, ip: string): NodeView => ({ ...base, kind: 'Node', namespace: '', name, ready: true, unschedulable: false, roles: [], internalIP: ip, podCIDR: '' });
const pod = (namespace: string, name: string, ip: string, nodeName = 'worker01'): PodView => ({
  ...base, kind: 'Pod', namespace, name, node: nodeName, phase: 'Running', status: 'Running', ready: 1, total: 1, restarts: 0, ip, labels: {}, terminating: false, containers: [],
});
const service = (namespace: string, name: string, clusterIP: string): ServiceView => ({ ...base, kind: 'Service', namespace, name, type: 'ClusterIP', clusterIP, ports: [], selector: {} });
const endpoints = (namespace: string, name: string, ready: boolean): EndpointsView => ({ ...base, kind: 'Endpoints', namespace, name, addresses: ready ? [{ ip: '10.244.1.3', pod: 'web-1', node: 'worker01', ready }] : [] });
const byKey = <V extends { namespace: string; name: string }>(...views: V[]) => new Map(views.map((v) => [v.namespace ? `${v.namespace}/${v.name}` : v.name, v]));

const dir: Directory = {
  nodes: byKey(node('master01', '192.168.1.130')),
  pods: byKey(pod('default', 'web-1', '10.244.1.3'), pod('default', 'client', '10.244.2.4', 'worker02'), pod('kube-system', 'coredns-a', '10.244.0.2', 'master01')),
  services: byKey(service('default', 'web', '10.96.0.20'), service('default', 'nobody', '10.96.0.30'), service('kube-system', 'kube-dns', '10.96.0.10')),
  endpoints: byKey(endpoints('default', 'web', true), endpoints('default', 'nobody', false)),
};

const CHAINS = ['KUBE-SERVICES', 'KUBE-SVC-AAAA', 'KUBE-MARK-MASQ', 'KUBE-SEP-BBBB'];
const curl: TrafficEvent = {
  kind: 'connect', at: 1, protocol: 'tcp', from: { netns: 'master01', ip: '192.168.1.130', port: 40000 }, to: { ip: '10.96.0.20', port: 80 },
  service: 'default/web', chains: CHAINS, endpoint: { netns: 'default/web-1', ip: '10.244.1.3', port: 80 }, outcome: 'delivered',
};
const query: TrafficEvent = {
  kind: 'connect', at: 2, protocol: 'udp', from: { netns: 'default/client', ip: '10.244.2.4', port: 41000 }, to: { ip: '10.96.0.10', port: 53 },
  service: 'kube-system/kube-dns', chains: CHAINS, endpoint: { netns: 'kube-system/coredns-a', ip: '10.244.0.2', port: 53 }, outcome: 'delivered',
};
const answer: TrafficEvent = { kind: 'dns', at: 2, server: 'kube-system/coredns-a', client: { ip: '10.244.2.4', port: 41000 }, name: 'web.default.svc.cluster.local.', type: 'A', rcode: 'NOERROR', answers: ['10.96.0.20'] };

describe('placeOf', () => {
  it.each([
    ['192.168.1.130', 'master01', 'node'],
    ['10.96.0.20', 'default/web', 'service'],
    ['10.244.2.4', 'default/client', 'pod'],
    ['8.8.8.8', '8.8.8.8', 'unknown'],
  ])('%s is %s', (ip, name, kind) => {
    expect(placeOf(ip, dir)).toEqual({ name, ip, kind });
  });
});

describe('addEvents', () => {
  it.each<{ what: string; event: TrafficEvent; line: string; ok: boolean; reason?: string; chains?: string[] }>([
    { what: 'curl of a ClusterIP from a node', event: curl, line: 'master01 → default/web 10.96.0.20:80 → default/web-1 10.244.1.3:80', ok: true, chains: ['KUBE-SERVICES', 'KUBE-SVC-AAAA', 'KUBE-SEP-BBBB'] },
    {
      what: 'a pod IP straight',
      event: { ...curl, to: { ip: '10.244.1.3', port: 80 }, service: undefined, chains: undefined },
      line: 'master01 → default/web-1 10.244.1.3:80', ok: true, chains: [],
    },
    {
      what: 'a Service without endpoints',
      event: { kind: 'connect', at: 1, protocol: 'tcp', from: curl.from, to: { ip: '10.96.0.30', port: 80 }, outcome: 'refused' },
      line: 'master01 → default/nobody 10.96.0.30:80', ok: false, reason: 'no-endpoints',
    },
    {
      what: 'a closed port on a pod',
      event: { ...curl, to: { ip: '10.244.1.3', port: 8080 }, service: undefined, chains: undefined, endpoint: { netns: 'default/web-1', ip: '10.244.1.3', port: 8080 }, outcome: 'refused' },
      line: 'master01 → default/web-1 10.244.1.3:8080', ok: false, reason: 'refused',
    },
    {
      what: 'nobody at the address',
      event: { kind: 'connect', at: 1, protocol: 'tcp', from: curl.from, to: { ip: '10.244.9.9', port: 80 }, outcome: 'timeout' },
      line: 'master01 → 10.244.9.9:80', ok: false, reason: 'timeout',
    },
    {
      what: 'ping of a ClusterIP',
      event: { kind: 'echo', at: 1, from: { netns: 'default/client', ip: '10.244.2.4', port: 0 }, to: '10.96.0.20', replied: false },
      line: 'default/client → default/web 10.96.0.20', ok: false, reason: 'no-ping',
    },
    {
      what: 'ping of a pod',
      event: { kind: 'echo', at: 1, from: { netns: 'default/client', ip: '10.244.2.4', port: 0 }, to: '10.244.1.3', replied: true },
      line: 'default/client → default/web-1 10.244.1.3', ok: true,
    },
  ])('$what', ({ event, line, ok, reason, chains }) => {
    const [flow] = addEvents([], [event], 1, dir);
    expect(describeFlow(flow!)).toBe(line);
    expect(flow!.ok).toBe(ok);
    expect(flow!.reason).toBe(reason);
    if (chains) expect(flow!.chains).toEqual(chains);
  });

  it('a DNS answer joins the datagram that carried its query, in a later batch too', () => {
    const first = addEvents([], [query], 1, dir);
    const flows = addEvents(first, [answer, curl], 2, dir);
    expect(flows).toHaveLength(2);
    expect(describeFlow(flows[0]!)).toBe('default/client → kube-system/kube-dns 10.96.0.10:53 → kube-system/coredns-a 10.244.0.2:53');
    expect(flows[0]!.dns.map(describeAnswer)).toEqual(['A web.default.svc.cluster.local. → 10.96.0.20']);
    expect(flows.map((f) => f.id)).toEqual([1, 2]);
  });

  it('an answer whose datagram was not seen stands alone', () => {
    const [flow] = addEvents([], [{ ...answer, rcode: 'NXDOMAIN', answers: [] }], 1, dir);
    expect(describeFlow(flow!)).toBe('default/client → kube-system/coredns-a 10.244.0.2:53');
    expect(flow!.dns.map(describeAnswer)).toEqual(['A web.default.svc.cluster.local. → NXDOMAIN']);
  });

  it(`keeps the last ${KEEP_FLOWS}`, () => {
    const flows = addEvents([], Array.from({ length: KEEP_FLOWS + 7 }, (_, i) => ({ ...curl, at: i })), 1, dir);
    expect(flows).toHaveLength(KEEP_FLOWS);
    expect(flows[0]!.at).toBe(7);
  });
});

it('hitsByEndpoint counts the flows each endpoint of a Service took', () => {
  const other = { ...curl, endpoint: { netns: 'default/web-2', ip: '10.244.2.9', port: 80 } };
  const flows = addEvents([], [curl, other, curl, query], 1, dir);
  expect(hitsByEndpoint(flows, 'default/web')).toEqual(new Map([['default/web-1', 2], ['default/web-2', 1]]));
});
