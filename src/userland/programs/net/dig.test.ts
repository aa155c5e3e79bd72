import { describe, expect, it } from 'vitest';
import { decode, encode, query, TYPES } from '../../../engine/network/dns/message';
import { sys, type Program } from '../../../engine/runtime/process';
import { dnsWorld } from './dns.testkit';

/** The parts of dig's output that change per run: the id and the cookie. */
const stable = (out: string): string => out.replace(/id: \d+/, 'id: ID').replace(/COOKIE: [0-9a-f]{16}/, 'COOKIE: C');

describe('dig (BIND 9.16.23) against CoreDNS', () => {
  const w = dnsWorld();
  w.cluster.clock.advance(3_600_000);

  it('the tutorial\'s query: the answer in dig\'s layout, sizes and all', () => {
    const run = w.run(['dig', '-t', 'A', 'nginx.default.svc.cluster.local.', '@10.96.0.10']);
    expect(stable(run.stdout)).toBe(`
; <<>> DiG 9.16.23-RH <<>> -t A nginx.default.svc.cluster.local. @10.96.0.10
; (1 server found)
;; global options: +cmd
;; Got answer:
;; WARNING: .local is reserved for Multicast DNS
;; You are currently testing what happens when an mDNS query is leaked to DNS
;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: ID
;; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1
;; WARNING: recursion requested but not available

;; OPT PSEUDOSECTION:
; EDNS: version: 0, flags:; udp: 1232
; COOKIE: C (echoed)
;; QUESTION SECTION:
;nginx.default.svc.cluster.local. IN\tA

;; ANSWER SECTION:
nginx.default.svc.cluster.local. 30 IN\tA\t10.107.83.135

;; Query time: 0 msec
;; SERVER: 10.96.0.10#53(10.96.0.10)
;; WHEN: Mon Jan 05 10:00:00 UTC 2026
;; MSG SIZE  rcvd: 119

`);
    expect(run.code).toBe(0);
  });

  it('NXDOMAIN: the SOA in the authority section, exit 0; short names line up on tabs', () => {
    const run = w.run(['dig', 'nope.default.svc.cluster.local']);
    expect(run.stdout).toContain(';; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN');
    expect(run.stdout).toMatch(/;; AUTHORITY SECTION:\ncluster\.local\.\t\t30\tIN\tSOA\tns\.dns\.cluster\.local\. hostmaster\.cluster\.local\. \d+ 7200 1800 86400 30\n/);
    expect(run.stdout).not.toContain('(1 server found)');
    expect(run.code).toBe(0);
  });

  it.each([
    [['dig', '+short', 'web.default.svc.cluster.local'], ['10.244.1.5', '10.244.2.6']],
    [['dig', '+noall', '+answer', 'nginx.default.svc.cluster.local'], ['nginx.default.svc.cluster.local. 30 IN\tA\t10.107.83.135']],
    [['dig', '-x', '10.107.83.135', '+short'], ['nginx.default.svc.cluster.local.']],
    [['dig', '_http._tcp.nginx.default.svc.cluster.local', 'SRV', '+short'], ['0 100 80 nginx.default.svc.cluster.local.']],
  ])('%j', (argv, lines) => {
    const run = w.run(argv);
    expect(run.stdout.split('\n').filter(Boolean).sort()).toEqual(lines);
  });

  it('a name outside the cluster: NXDOMAIN forwarded from the lab resolver, which knows no names beyond the cluster', () => {
    const run = w.run(['dig', 'www.example.com']);
    expect(run.stdout).toContain('status: NXDOMAIN');
    expect(run.stdout).toContain(';; flags: qr rd ra; QUERY: 1, ANSWER: 0, AUTHORITY: 1, ADDITIONAL: 1\n\n');
    expect(run.stdout).toContain(';; AUTHORITY SECTION:\n.\t\t\t86400\tIN\tSOA\ta.root-servers.net. nstld.verisign-grs.com. 2026010500 1800 900 604800 86400\n');
  });

  it('rejects an unknown option with the usage', () => {
    const run = w.run(['dig', '+frobnicate', 'x']);
    expect(run.stderr).toMatch(/^Invalid option: \+frobnicate\nUsage: {2}dig \[@global-server\]/);
    expect(run.code).toBe(1);
  });
});

describe('dig with nobody answering', () => {
  it('three tries of five seconds, then no servers could be reached, exit 9', () => {
    const w = dnsWorld({ coredns: false });
    const run = w.run(['dig', 'nginx.default.svc.cluster.local']);
    expect(run.stdout).toBe('\n; <<>> DiG 9.16.23-RH <<>> nginx.default.svc.cluster.local\n;; global options: +cmd\n;; connection timed out; no servers could be reached\n');
    expect(run.code).toBe(9);
    expect(run.elapsedMs).toBe(15_000);
  });

  it.each([
    [['+timeout=2'], 6_000],
    [['+time=1', '+tries=2'], 2_000],
    [['+ti=2', '+retry=0'], 2_000],
  ])('%j: tries of that many seconds (the option names shortened as BIND accepts them)', (options, elapsed) => {
    const w = dnsWorld({ coredns: false });
    const run = w.run(['dig', ...options, 'nginx.default.svc.cluster.local']);
    expect(run.stdout).toContain(';; connection timed out; no servers could be reached\n');
    expect(run.code).toBe(9);
    expect(run.elapsedMs).toBe(elapsed);
  });
});

describe('CoreDNS over TCP', () => {
  it('answers length-framed messages, two on one connection', () => {
    const w = dnsWorld();
    const replies: string[] = [];
    const program: Program = function* () {
      const fd = yield* sys.connect('10.96.0.10', 53, 1000);
      const frame = (wire: string): string => String.fromCharCode(wire.length >> 8, wire.length & 0xff) + wire;
      yield* sys.write(fd, frame(encode(query(1, 'nginx.default.svc.cluster.local', TYPES.A))) + frame(encode(query(2, 'web.default.svc.cluster.local', TYPES.A))));
      let buffer = '';
      while (replies.length < 2) {
        buffer += (yield* sys.read(fd)) ?? '';
        const length = buffer.length >= 2 ? (buffer.charCodeAt(0) << 8) | buffer.charCodeAt(1) : Infinity;
        if (buffer.length < 2 + length) continue;
        const m = decode(buffer.slice(2, 2 + length));
        replies.push(`${m.id}: ${m.answers.length}`);
        buffer = buffer.slice(2 + length);
      }
      return 0;
    };
    expect(w.run(['tcp'], { program }).code).toBe(0);
    expect(replies).toEqual(['1: 1', '2: 2']);
  });
});
