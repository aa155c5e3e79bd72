import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { describe, expect, it } from 'vitest';
import { R, TestCluster } from '../../controllers/testing/harness';
import type { TrafficEvent } from '../../runtime/process';
import { decode, encode, EDNS_COOKIE, query, rcodeName, rdataText, TYPES, typeName, type Message, type ResourceRecord } from './message';
import { ClusterZone, type QueryOrigin, type ZoneAnswer } from './zone';

/** A cluster with a few Services and hand-made EndpointSlices (no controllers), and its zone. */
function world() {
  const t = new TestCluster({ kubelets: false, binder: false });
  const events: TrafficEvent[] = [];
  const zone = new ClusterZone(t.context('coredns'), { domain: 'cluster.local', publish: (e) => events.push(e) });
  zone.start();
  t.start();
  const service = (name: string, spec: Service['spec'], namespace = 'default'): Service =>
    t.must(R.services, { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec });
  const slice = (svc: string, endpoints: EndpointSlice['endpoints'], ports: EndpointSlice['ports'] = [{ name: 'http', port: 80, protocol: 'TCP' }]): void => {
    t.must(R.endpointslices, {
      apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4',
      metadata: { name: `${svc}-abcde`, namespace: 'default', labels: { 'kubernetes.io/service-name': svc } },
      endpoints, ports,
    });
  };
  service('nginx', { clusterIP: '10.107.83.135', selector: { app: 'nginx' }, ports: [{ name: 'http', port: 80 }, { name: 'metrics', port: 9113, protocol: 'TCP' }] });
  service('db', { clusterIP: 'None', selector: { app: 'db' }, ports: [{ name: 'pg', port: 5432 }] });
  slice('db', [
    { addresses: ['10.244.1.5'], hostname: 'db-0', conditions: { ready: true } },
    { addresses: ['10.244.2.7'], conditions: { ready: true } },
    { addresses: ['10.244.2.9'], conditions: { ready: false } },
  ], [{ name: 'pg', port: 5432, protocol: 'TCP' }]);
  service('empty', { clusterIP: 'None', selector: { app: 'none' }, ports: [{ port: 80 }] });
  service('search', { type: 'ExternalName', externalName: 'www.example.com' });
  service('alias', { type: 'ExternalName', externalName: 'nginx.default.svc.cluster.local' });
  service('ping', { type: 'ExternalName', externalName: 'pong.default.svc.cluster.local' });
  service('pong', { type: 'ExternalName', externalName: 'ping.default.svc.cluster.local' });
  t.settle();
  let id = 100;
  const handle = (name: string, type: keyof typeof TYPES = 'A', edns?: Message['edns']) => zone.answer(encode(query(id++, name, TYPES[type], edns)), ORIGIN);
  const ask = (name: string, type: keyof typeof TYPES = 'A', edns?: Message['edns']): Message => decode(wireOf(handle(name, type, edns)));
  return { t, zone, events, ask, handle, service };
}

const ORIGIN: QueryOrigin = { client: { ip: '10.244.1.9', port: 40000 }, server: 'default/client', transport: 'udp' };
const origin = (client: QueryOrigin['client']): QueryOrigin => ({ client, server: 'x', transport: 'udp' });

function wireOf(answer: ZoneAnswer): string {
  if (answer.kind !== 'reply') throw new Error(`forwarded: ${answer.request.questions[0]?.name}`);
  return answer.wire;
}

const lines = (records: readonly ResourceRecord[]): string[] => records.map((rr) => `${rr.name} ${rr.ttl} ${typeName(rr.type)} ${rdataText(rr.data)}`);
const summary = (m: Message): string => `${rcodeName(m.rcode)}${m.flags.aa ? ' aa' : ''}${m.flags.ra ? ' ra' : ''}`;

describe('ClusterZone: the kubernetes plugin of CoreDNS', () => {
  const w = world();
  const serial = Math.floor((w.t.clock.epochMs + w.t.clock.now()) / 1000);
  const soa = `cluster.local. 30 SOA ns.dns.cluster.local. hostmaster.cluster.local. ${serial} 7200 1800 86400 30`;

  it.each([
    ['a Service: its ClusterIP', 'nginx.default.svc.cluster.local', 'A', 'NOERROR aa', ['nginx.default.svc.cluster.local. 30 A 10.107.83.135'], []],
    ['names are case-insensitive, the owner keeps the question\'s case', 'NGINX.Default.svc.cluster.local', 'A', 'NOERROR aa', ['NGINX.Default.svc.cluster.local. 30 A 10.107.83.135'], []],
    ['no such Service: NXDOMAIN with the SOA', 'nginxx.default.svc.cluster.local', 'A', 'NXDOMAIN aa', [], [soa]],
    ['no such namespace', 'nginx.nope.svc.cluster.local', 'A', 'NXDOMAIN aa', [], [soa]],
    ['an existing name without AAAA: NODATA', 'nginx.default.svc.cluster.local', 'AAAA', 'NOERROR aa', [], [soa]],
    ['a namespace name: NODATA', 'default.svc.cluster.local', 'A', 'NOERROR aa', [], [soa]],
    ['a headless endpoint by hostname', 'db-0.db.default.svc.cluster.local', 'A', 'NOERROR aa', ['db-0.db.default.svc.cluster.local. 30 A 10.244.1.5'], []],
    ['a headless endpoint by dashed address', '10-244-2-7.db.default.svc.cluster.local', 'A', 'NOERROR aa', ['10-244-2-7.db.default.svc.cluster.local. 30 A 10.244.2.7'], []],
    ['a not-ready endpoint has no name', '10-244-2-9.db.default.svc.cluster.local', 'A', 'NXDOMAIN aa', [], [soa]],
    ['a headless Service without ready endpoints', 'empty.default.svc.cluster.local', 'A', 'NXDOMAIN aa', [], [soa]],
    ['ExternalName: a CNAME the cluster cannot follow further', 'search.default.svc.cluster.local', 'A', 'NOERROR aa', ['search.default.svc.cluster.local. 30 CNAME www.example.com.'], []],
    ['ExternalName inside the zone: CNAME, then the address', 'alias.default.svc.cluster.local', 'A', 'NOERROR aa', ['alias.default.svc.cluster.local. 30 CNAME nginx.default.svc.cluster.local.', 'nginx.default.svc.cluster.local. 30 A 10.107.83.135'], []],
    ['an ExternalName loop: an empty answer', 'ping.default.svc.cluster.local', 'A', 'NOERROR aa', [], [soa]],
    ['CNAME asked directly', 'search.default.svc.cluster.local', 'CNAME', 'NOERROR aa', ['search.default.svc.cluster.local. 30 CNAME www.example.com.'], []],
    ['SRV for a named port', '_http._tcp.nginx.default.svc.cluster.local', 'SRV', 'NOERROR aa', ['_http._tcp.nginx.default.svc.cluster.local. 30 SRV 0 100 80 nginx.default.svc.cluster.local.'], []],
    ['SRV for a port name nobody defines', '_grpc._tcp.nginx.default.svc.cluster.local', 'SRV', 'NXDOMAIN aa', [], [soa]],
    ['a pod by dashed address (pods insecure)', '10-244-1-5.default.pod.cluster.local', 'A', 'NOERROR aa', ['10-244-1-5.default.pod.cluster.local. 30 A 10.244.1.5'], []],
    ['a pod name that is no address', 'web-1.default.pod.cluster.local', 'A', 'NXDOMAIN aa', [], [soa]],
    ['PTR of a ClusterIP: the Service', '135.83.107.10.in-addr.arpa', 'PTR', 'NOERROR aa', ['135.83.107.10.in-addr.arpa. 30 PTR nginx.default.svc.cluster.local.'], []],
    ['PTR of an endpoint: its name under the Service', '5.1.244.10.in-addr.arpa', 'PTR', 'NOERROR aa', ['5.1.244.10.in-addr.arpa. 30 PTR db-0.db.default.svc.cluster.local.'], []],
    ['the SOA of the zone', 'cluster.local', 'SOA', 'NOERROR aa', [soa], []],
  ] as const)('%s', (_, name, type, status, answers, authority) => {
    const m = w.ask(name, type);
    expect(summary(m)).toBe(status);
    expect(lines(m.answers)).toEqual(answers);
    expect(lines(m.authority)).toEqual(authority);
  });

  it('a SRV answer carries the target\'s address, one SRV per port without a port name', () => {
    const m = w.ask('_pg._tcp.db.default.svc.cluster.local', 'SRV');
    expect(lines(m.answers).sort()).toEqual([
      '_pg._tcp.db.default.svc.cluster.local. 30 SRV 0 50 5432 10-244-2-7.db.default.svc.cluster.local.',
      '_pg._tcp.db.default.svc.cluster.local. 30 SRV 0 50 5432 db-0.db.default.svc.cluster.local.',
    ]);
    expect(lines(m.additional).sort()).toEqual(['10-244-2-7.db.default.svc.cluster.local. 30 A 10.244.2.7', 'db-0.db.default.svc.cluster.local. 30 A 10.244.1.5']);
    expect(lines(w.ask('nginx.default.svc.cluster.local', 'SRV').answers)).toEqual([
      'nginx.default.svc.cluster.local. 30 SRV 0 50 80 nginx.default.svc.cluster.local.',
      'nginx.default.svc.cluster.local. 30 SRV 0 50 9113 nginx.default.svc.cluster.local.',
    ]);
  });

  it('a headless Service answers one A per ready endpoint, in an order loadbalance shuffles', () => {
    const orders = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const answers = w.ask('db.default.svc.cluster.local').answers.map((rr) => rdataText(rr.data));
      expect([...answers].sort()).toEqual(['10.244.1.5', '10.244.2.7']);
      orders.add(answers.join(' '));
    }
    expect(orders.size).toBe(2);
  });

  it('echoes the client\'s EDNS buffer size and cookie, and sends the reply uncompressed as CoreDNS does', () => {
    const cookie = { code: EDNS_COOKIE, data: 'abcdefgh' };
    const m = w.ask('nginx.default.svc.cluster.local', 'A', { udpSize: 1232, version: 0, do: false, options: [cookie] });
    expect(m.edns).toEqual({ udpSize: 1232, version: 0, do: false, options: [cookie] });
    // dig's reference answer is 107 bytes without a cookie: header, question and answer spelled out in full.
    const plain = wireOf(w.zone.answer(encode(query(1, 'nginx.default.svc.cluster.local', TYPES.A, { udpSize: 1232, version: 0, do: false, options: [] })), origin({ ip: '10.244.1.9', port: 1 })));
    expect(plain.length).toBe(107);
  });

  it.each([
    [20, 20, false],
    [60, 29, true],
  ])('a client without EDNS (512 bytes) and %i endpoints: compressed to fit, else cut to %i answers with TC', (count, kept, truncated) => {
    const t = new TestCluster({ kubelets: false, binder: false });
    const zone = new ClusterZone(t.context('coredns'), { domain: 'cluster.local' });
    zone.start();
    t.start();
    t.must(R.services, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'big', namespace: 'default' }, spec: { clusterIP: 'None', ports: [{ port: 80 }] } });
    const endpoints = Array.from({ length: count }, (_, i) => ({ addresses: [`10.244.1.${i + 2}`], conditions: { ready: true } }));
    t.must(R.endpointslices, { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4', metadata: { name: 'big-x', namespace: 'default', labels: { 'kubernetes.io/service-name': 'big' } }, endpoints, ports: [{ port: 80 }] });
    t.settle();
    const wire = wireOf(zone.answer(encode(query(1, 'big.default.svc.cluster.local', TYPES.A)), origin({ ip: '10.244.0.2', port: 1 })));
    const m = decode(wire);
    expect(wire.length).toBeLessThanOrEqual(512);
    expect(m.answers).toHaveLength(kept);
    expect(m.flags.tc).toBe(truncated);
    // Spelled out, the 45-byte answers would not have fitted: the owner names point back at the question.
    expect(encode(m).length).toBeGreaterThan(512);
  });

  it('serial: the second of the last change it saw', () => {
    const before = w.ask('nope.default.svc.cluster.local').authority[0]!.data;
    w.t.clock.advance(120_000);
    w.service('later', { clusterIP: '10.99.0.7', ports: [{ port: 80 }] });
    w.t.settle();
    const after = w.ask('nope.default.svc.cluster.local').authority[0]!.data;
    expect(before.kind === 'soa' && after.kind === 'soa' && after.serial - before.serial).toBe(120);
    expect(lines(w.ask('later.default.svc.cluster.local').answers)).toEqual(['later.default.svc.cluster.local. 30 A 10.99.0.7']);
  });

  it('publishes each answered query for the traffic view', () => {
    w.events.length = 0;
    w.ask('nginx.default.svc.cluster.local');
    w.ask('nginxx.default.svc.cluster.local', 'AAAA');
    expect(w.events.map(({ at: _, ...e }) => e)).toEqual([
      { kind: 'dns', server: 'default/client', client: { ip: '10.244.1.9', port: 40000 }, name: 'nginx.default.svc.cluster.local.', type: 'A', rcode: 'NOERROR', answers: ['10.107.83.135'] },
      { kind: 'dns', server: 'default/client', client: { ip: '10.244.1.9', port: 40000 }, name: 'nginxx.default.svc.cluster.local.', type: 'AAAA', rcode: 'NXDOMAIN', answers: [] },
    ]);
  });

  it('ignores responses and answers FORMERR to bytes that are no message', () => {
    const from = origin({ ip: '10.244.1.9', port: 1 });
    const response = encode({ ...query(9, 'x.', TYPES.A), flags: { ...query(9, 'x.', TYPES.A).flags, qr: true } });
    expect(wireOf(w.zone.answer(response, from))).toBe('');
    expect(rcodeName(decode(wireOf(w.zone.answer('\x12\x34\x01', from))).rcode)).toBe('FORMERR');
  });

  it.each([
    ['a name outside the cluster', 'www.example.com', 'A'],
    ['a lab machine asked by its full name', 'worker01.', 'A'],
    ['PTR of an address that is no cluster address', '1.2.3.4.in-addr.arpa', 'PTR'],
  ] as const)('%s goes to forward, untouched', (_, name, type) => {
    const handled = w.handle(name, type);
    expect(handled.kind).toBe('forward');
    expect(handled.kind === 'forward' && handled.request.questions[0]).toEqual({ name: name.endsWith('.') ? name : `${name}.`, type: TYPES[type], class: 1 });
  });

  describe('relay: what the client gets back for a forwarded query', () => {
    const request = query(4242, 'worker01.', TYPES.A, { udpSize: 1232, version: 0, do: false, options: [] });
    const upstream: Message = {
      ...query(7, 'worker01.', TYPES.A),
      flags: { ...query(7, 'worker01.', TYPES.A).flags, qr: true, aa: true, ra: true },
      answers: [{ name: 'worker01.', type: TYPES.A, class: 1, ttl: 0, data: { kind: 'address', address: '192.168.1.131' } }],
    };

    it('the upstream\'s answer under the client\'s id: its flags, TTL and rcode as they came', () => {
      w.events.length = 0;
      const m = decode(w.zone.relay(request, upstream, ORIGIN));
      expect(m.id).toBe(4242);
      expect(summary(m)).toBe('NOERROR aa ra');
      expect(lines(m.answers)).toEqual(['worker01. 0 A 192.168.1.131']);
      expect(w.events.map(({ at: _, ...e }) => e)).toEqual([
        { kind: 'dns', server: 'default/client', client: { ip: '10.244.1.9', port: 40000 }, name: 'worker01.', type: 'A', rcode: 'NOERROR', answers: ['192.168.1.131'] },
      ]);
    });

    it('no answer from upstream: SERVFAIL with qr and rd only, the OPT record kept', () => {
      const m = decode(w.zone.relay(request, undefined, ORIGIN));
      expect(m.id).toBe(4242);
      expect(summary(m)).toBe('SERVFAIL');
      expect(m.flags.rd).toBe(true);
      expect(m.answers).toEqual([]);
      expect(m.edns?.udpSize).toBe(1232);
    });
  });
});
