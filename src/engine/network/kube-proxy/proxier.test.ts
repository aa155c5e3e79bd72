/**
 * The proxier against a real apiserver, informers and the node's real netfilter, in simulated
 * time: what it writes is checked by sending connections' first packets through the tables.
 */
import { describe, expect, it } from 'vitest';
import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { R, TestCluster } from '../../controllers/testing/harness';
import { Rng } from '../../sim/rng';
import { Netfilter } from '../netfilter/netfilter';
import type { ChainSpec, TableName } from '../netfilter/rules';
import { KubeProxy } from './proxier';
import { ep, slice, svc, tcp } from './testing';

const NODE_IP = '192.168.1.131';

/** worker01's tables, remembering when kube-proxy restored its nat table. */
class Worker01Netfilter extends Netfilter {
  readonly natRestores: number[] = [];

  constructor(private readonly clock: { now(): number }) {
    super({ isLocal: (ip) => ip === NODE_IP || ip.startsWith('127.'), now: () => clock.now(), rng: new Rng(7) });
  }

  override restore(table: TableName, chains: readonly ChainSpec[], remove?: readonly string[]): void {
    super.restore(table, chains, remove);
    if (table === 'nat') this.natRestores.push(this.clock.now());
  }

  /** Where 200 new connections from this node to ip:port end up (DNAT), or the filter's verdict. */
  destinations(ip: string, port: number): string[] {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const packet = { protocol: 'tcp' as const, srcIP: NODE_IP, srcPort: 40000 + i, dstIP: ip, dstPort: port, bytes: 60, mark: 0 };
      this.traverse('nat', 'OUTPUT', packet);
      const { verdict } = this.traverse('filter', 'OUTPUT', packet);
      seen.add(verdict === 'ACCEPT' ? `${packet.dstIP}:${packet.dstPort}` : verdict);
    }
    return [...seen].sort();
  }

  natChains = (prefix: string): string[] => this.chains('nat').map((c) => c.name).filter((n) => n.startsWith(prefix));
}

const NGINX_SVC = 'KUBE-SVC-2CMXP7HKUVJN7L6M';
const CLUSTER_IP = '10.107.83.135';

function setup(): { c: TestCluster; nf: Worker01Netfilter; proxy: KubeProxy } {
  const c = new TestCluster({ kubelets: false, binder: false });
  const nf = new Worker01Netfilter(c.clock);
  const proxy = c.add(new KubeProxy(c.context('kube-proxy'), { nodeName: 'worker01', clusterCIDR: '10.244.0.0/16' }, nf));
  c.start();
  c.settle();
  return { c, nf, proxy };
}

const nginx = (): Service => svc('default', 'nginx', { clusterIP: CLUSTER_IP, selector: { app: 'nginx' }, ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }] });
const nginxSlice = (...endpoints: ReturnType<typeof ep>[]): EndpointSlice => slice('default', 'nginx', 'nginx-x7k2p', [tcp(80)], endpoints);

/** Replaces the slice's endpoints, as the EndpointSlice controller does when a pod's readiness changes. */
function updateSlice(c: TestCluster, endpoints: ReturnType<typeof ep>[]): void {
  const current = c.get<EndpointSlice>(R.endpointslices, 'default', 'nginx-x7k2p')!;
  const written = c.admin.update<EndpointSlice>(R.endpointslices, { ...current, endpoints });
  if (!written.ok) throw new Error(written.status.message);
}

const toNginx = (nf: Worker01Netfilter): string[] => nf.destinations(CLUSTER_IP, 80);
const rulesOf = (nf: Worker01Netfilter, table: TableName, chain: string): string[] => (nf.chain(table, chain)?.rules ?? []).map((r) => r.rule.match.comment ?? '');

describe('KubeProxy', () => {
  it('writes the jumps and its fixed chains once the caches have synced, with no Services yet', () => {
    const { nf, proxy } = setup();
    expect(proxy.syncs).toBe(1);
    expect(rulesOf(nf, 'nat', 'PREROUTING')).toEqual(['kubernetes service portals']);
    expect(nf.natChains('KUBE-')).toEqual(['KUBE-MARK-MASQ', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-PROXY-CANARY', 'KUBE-SERVICES']);
    expect(toNginx(nf)).toEqual([`${CLUSTER_IP}:80`]); // nothing to rewrite: the packet goes on, unrouted
  });

  it('a Service with 2 ready endpoints takes connections within a second, sharing them between both', () => {
    const { c, nf } = setup();
    const start = c.clock.now();
    c.must(R.services, nginx());
    c.must(R.endpointslices, nginxSlice(ep('10.244.2.6'), ep('10.244.1.5')));
    expect(c.runUntil(() => nf.chain('nat', NGINX_SVC) !== undefined, 1_000)).toBe(true);
    expect(c.clock.now() - start).toBeLessThanOrEqual(1_000);
    expect(toNginx(nf)).toEqual(['10.244.1.5:80', '10.244.2.6:80']);
  });

  it('an endpoint turning not-ready drops out at the next sync, and its KUBE-SEP chain is deleted', () => {
    const { c, nf } = setup();
    c.must(R.services, nginx());
    c.must(R.endpointslices, nginxSlice(ep('10.244.1.5'), ep('10.244.2.6')));
    c.settle();
    const seps = nf.natChains('KUBE-SEP-');
    expect(seps).toHaveLength(2);

    const changed = c.clock.now();
    updateSlice(c, [ep('10.244.1.5', { ready: false, serving: false, terminating: false }), ep('10.244.2.6')]);
    expect(c.runUntil(() => nf.natChains('KUBE-SEP-').length === 1, 1_000)).toBe(true);
    expect(c.clock.now() - changed).toBeLessThanOrEqual(1_000);
    expect(toNginx(nf)).toEqual(['10.244.2.6:80']);

    // Ready again: back in rotation, under the same chain names.
    updateSlice(c, [ep('10.244.1.5'), ep('10.244.2.6')]);
    c.settle();
    expect(toNginx(nf)).toEqual(['10.244.1.5:80', '10.244.2.6:80']);
    expect(nf.natChains('KUBE-SEP-')).toEqual(seps);
  });

  it('deleting the Service removes its chains; its address is no longer rewritten', () => {
    const { c, nf } = setup();
    c.must(R.services, nginx());
    c.must(R.endpointslices, nginxSlice(ep('10.244.1.5')));
    c.settle();
    expect(nf.natChains('KUBE-SVC-')).toEqual([NGINX_SVC]);
    c.admin.delete(R.services, 'default', 'nginx');
    c.admin.delete(R.endpointslices, 'default', 'nginx-x7k2p');
    c.settle();
    expect(nf.natChains('KUBE-SVC-')).toEqual([]);
    expect(nf.natChains('KUBE-SEP-')).toEqual([]);
    expect(toNginx(nf)).toEqual([`${CLUSTER_IP}:80`]);
  });

  it('a Service whose endpoints all went away refuses connections (filter REJECT)', () => {
    const { c, nf } = setup();
    c.must(R.services, nginx());
    c.must(R.endpointslices, nginxSlice(ep('10.244.1.5')));
    c.settle();
    updateSlice(c, []);
    c.settle();
    expect(nf.natChains('KUBE-SVC-')).toEqual([]);
    expect(rulesOf(nf, 'filter', 'KUBE-SERVICES')).toEqual(['default/nginx has no endpoints']);
    expect(toNginx(nf)).toEqual(['REJECT']);
  });

  it('rapid changes are batched: a burst of two syncs, then one per second of earned credit, the last change applied', () => {
    const { c, nf } = setup();
    c.must(R.services, nginx());
    c.must(R.endpointslices, nginxSlice(ep('10.244.1.1')));
    c.settle();
    c.clock.advance(5_000); // a quiet spell fills the bucket
    const before = nf.natRestores.length;
    const start = c.clock.now();
    // 20 changes, one every 100 ms.
    for (let i = 2; i <= 21; i++) {
      updateSlice(c, Array.from({ length: i }, (_, k) => ep(`10.244.1.${k + 1}`)));
      c.clock.advance(100);
    }
    c.settle();
    // The first two go in at once; each later sync waits until a second's credit has built up.
    expect(nf.natRestores.slice(before).map((t) => t - start)).toEqual([0, 100, 1_000, 2_000]);
    expect(nf.natChains('KUBE-SEP-')).toHaveLength(21);
  });

  it('resyncs everything every 30 s in the background: the cluster stays quiet, flushed jumps come back', () => {
    const { c, nf, proxy } = setup();
    c.must(R.services, nginx());
    c.must(R.endpointslices, nginxSlice(ep('10.244.1.5')));
    expect(c.settle()).toBe(true);
    nf.restore('nat', [{ name: 'OUTPUT', rules: [] }]); // iptables -t nat -F OUTPUT
    expect(toNginx(nf)).toEqual([`${CLUSTER_IP}:80`]);
    const before = proxy.syncs;
    c.clock.advance(30_000);
    expect(proxy.syncs).toBe(before + 1);
    expect(toNginx(nf)).toEqual(['10.244.1.5:80']);
    expect(c.settle()).toBe(true);
  });

  it('a restore the kernel refuses leaves the tables alone and is retried at the next resync', () => {
    const { c, nf, proxy } = setup();
    c.must(R.services, nginx());
    c.must(R.endpointslices, nginxSlice(ep('10.244.1.5'), ep('10.244.2.6')));
    c.settle();
    const [sep] = nf.natChains('KUBE-SEP-');
    // A learner's own rule jumping into an endpoint chain: that chain cannot be deleted now.
    const handWritten = { match: { comment: 'mine' }, target: { kind: 'jump' as const, chain: sep! } };
    nf.ensureRule('nat', 'PREROUTING', handWritten, 'append');
    updateSlice(c, [ep('10.244.2.6')]);
    c.settle();
    expect(proxy.lastFailure).toMatch(/iptables-restore/);
    expect(toNginx(nf)).toEqual(['10.244.1.5:80', '10.244.2.6:80']); // still the old rules

    const prerouting = nf.chain('nat', 'PREROUTING')!.rules.map((r) => r.rule);
    nf.restore('nat', [{ name: 'PREROUTING', rules: prerouting.filter((r) => r.match.comment !== 'mine') }]); // the learner deletes it
    c.clock.advance(30_000);
    expect(proxy.lastFailure).toBeUndefined();
    expect(toNginx(nf)).toEqual(['10.244.2.6:80']);
  });

  it('keeps the counters of chains a sync did not change', () => {
    const { c, nf } = setup();
    c.must(R.services, nginx());
    c.must(R.endpointslices, nginxSlice(ep('10.244.1.5')));
    c.settle();
    toNginx(nf);
    const packets = (chain: string): number[] => nf.chain('nat', chain)!.rules.map((r) => r.packets);
    expect(packets(NGINX_SVC)).toEqual([200, 200]); // from the node (not a pod): marked for masquerade, then to the endpoint
    c.must(R.services, svc('default', 'other', { clusterIP: '10.96.7.7', ports: [tcp(80)] }));
    c.must(R.endpointslices, slice('default', 'other', 'other-1', [tcp(80)], [ep('10.244.2.2')]));
    c.settle();
    expect(packets('KUBE-SERVICES')).toEqual([0, 0, 0]); // rewritten: counts start again, as after iptables-restore
    expect(packets(NGINX_SVC)).toEqual([200, 200]);
  });
});
