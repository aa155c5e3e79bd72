import { describe, expect, it } from 'vitest';
import type { Program } from '../../engine/runtime/process';
import { dnsWorld, POD_RESOLV_CONF } from '../programs/net/dns.testkit';
import { lookupHost, parseResolvConf, searchNames, type Lookup } from './resolver';

describe('resolv.conf and the names res_search tries', () => {
  const pod = parseResolvConf(POD_RESOLV_CONF);

  it('reads the pod file, and glibc defaults without one', () => {
    expect(pod).toEqual({ nameservers: ['10.96.0.10'], search: ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'], ndots: 5, timeoutSeconds: 5, attempts: 2 });
    expect(parseResolvConf('')).toEqual({ nameservers: ['127.0.0.1'], search: [], ndots: 1, timeoutSeconds: 5, attempts: 2 });
    expect(parseResolvConf('nameserver 1.1.1.1\nnameserver 2.2.2.2\nnameserver 3.3.3.3\nnameserver 4.4.4.4\noptions timeout:1 attempts:9 ndots:20\n')).toMatchObject({
      nameservers: ['1.1.1.1', '2.2.2.2', '3.3.3.3'], timeoutSeconds: 1, attempts: 5, ndots: 15,
    });
  });

  it.each([
    ['nginx', ['nginx.default.svc.cluster.local.', 'nginx.svc.cluster.local.', 'nginx.cluster.local.', 'nginx.']],
    ['nginx.default', ['nginx.default.default.svc.cluster.local.', 'nginx.default.svc.cluster.local.', 'nginx.default.cluster.local.', 'nginx.default.']],
    ['a.b.c.d.e.f', ['a.b.c.d.e.f.', 'a.b.c.d.e.f.default.svc.cluster.local.', 'a.b.c.d.e.f.svc.cluster.local.', 'a.b.c.d.e.f.cluster.local.']],
    ['nginx.default.svc.cluster.local.', ['nginx.default.svc.cluster.local.']],
  ])('ndots:5 — %s', (host, names) => {
    expect(searchNames(host, pod)).toEqual(names);
  });
});

describe('lookupHost over DNS', () => {
  const resolve = (w: ReturnType<typeof dnsWorld>, host: string): { found: Lookup | undefined; elapsedMs: number } => {
    let found: Lookup | undefined;
    const program: Program = function* (proc) {
      found = yield* lookupHost(proc, host);
      return 0;
    };
    const { elapsedMs } = w.run(['resolve'], { program });
    return { found, elapsedMs };
  };

  const w = dnsWorld();
  it.each([
    ['nginx', { ok: true, addresses: ['10.107.83.135'], name: 'nginx.default.svc.cluster.local' }],
    ['nginx.default', { ok: true, addresses: ['10.107.83.135'], name: 'nginx.default.svc.cluster.local' }],
    ['kube-dns.kube-system', { ok: true, addresses: ['10.96.0.10'], name: 'kube-dns.kube-system.svc.cluster.local' }],
    ['10-244-1-5.default.pod', { ok: true, addresses: ['10.244.1.5'], name: '10-244-1-5.default.pod.cluster.local' }],
    ['nginxx', { ok: false, error: 'not-found' }],
    ['www.example.com', { ok: false, error: 'not-found' }],
  ])('%s', (host, expected) => {
    expect(resolve(w, host).found).toEqual(expected);
  });

  it('a headless Service gives every ready address', () => {
    const found = resolve(w, 'web').found;
    expect(found?.ok && [...found.addresses].sort()).toEqual(['10.244.1.5', '10.244.2.6']);
  });

  it('no DNS server answering: a timeout after two attempts of five seconds', () => {
    expect(resolve(dnsWorld({ coredns: false }), 'nginx')).toEqual({ found: { ok: false, error: 'timeout' }, elapsedMs: 10_000 });
  });

  it('nothing listening on port 53 there: refused at once', () => {
    const own = dnsWorld({ coredns: false, resolvConf: 'nameserver 10.244.1.9\n' });
    expect(resolve(own, 'nginx')).toEqual({ found: { ok: false, error: 'refused' }, elapsedMs: 0 });
  });
});
