/**
 * The proxier against a real apiserver and informers in simulated time. The node's netfilter is a
 * recording stand-in for the two calls kube-proxy makes (the real one was not on main yet).
 */
import { describe, expect, it } from 'vitest';
import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { R, TestCluster } from '../../controllers/testing/harness';
import type { ChainSpec, Hook, Rule, TableName } from '../netfilter/rules';
import { KubeProxy, type ProxyNetfilter } from './proxier';
import { ep, slice, svc, tcp } from './testing';

/** Keeps the tables as kube-proxy wrote them, and when each restore happened. */
class RecordingNetfilter implements ProxyNetfilter {
  readonly tables: Record<TableName, Map<string, readonly Rule[]>> = { nat: new Map(), filter: new Map() };
  readonly natRestores: number[] = [];
  ensured = 0;

  constructor(private readonly now: () => number) {}

  restore(table: TableName, chains: ChainSpec[], remove: string[] = []): void {
    for (const c of chains) this.tables[table].set(c.name, c.rules);
    for (const name of remove) this.tables[table].delete(name);
    if (table === 'nat') this.natRestores.push(this.now());
  }

  ensureRule(table: TableName, chain: Hook, rule: Rule): void {
    const rules = this.tables[table].get(chain) ?? [];
    if (!rules.some((r) => JSON.stringify(r) === JSON.stringify(rule))) this.tables[table].set(chain, [rule, ...rules]);
    this.ensured++;
  }

  /** Where `KUBE-SVC-…` sends new connections: the endpoints' DNAT targets, in rule order. */
  endpointsOf(svcChain: string): string[] {
    return (this.tables.nat.get(svcChain) ?? []).flatMap((r) => {
      if (r.target.kind !== 'jump' || !r.target.chain.startsWith('KUBE-SEP-')) return [];
      const dnat = this.tables.nat.get(r.target.chain)?.find((x) => x.target.kind === 'DNAT')?.target;
      return dnat?.kind === 'DNAT' ? [`${dnat.ip}:${dnat.port}`] : ['(missing KUBE-SEP chain)'];
    });
  }

  natChains = (prefix: string): string[] => [...this.tables.nat.keys()].filter((n) => n.startsWith(prefix));
}

const NGINX_SVC = 'KUBE-SVC-2CMXP7HKUVJN7L6M';

function setup(): { c: TestCluster; nf: RecordingNetfilter; proxy: KubeProxy } {
  const c = new TestCluster({ kubelets: false, binder: false });
  const nf = new RecordingNetfilter(() => c.clock.now());
  const proxy = c.add(new KubeProxy(c.context('kube-proxy'), { nodeName: 'worker01', clusterCIDR: '10.244.0.0/16' }, nf));
  c.start();
  c.settle();
  return { c, nf, proxy };
}

const nginx = (): Service => svc('default', 'nginx', { clusterIP: '10.107.83.135', selector: { app: 'nginx' }, ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }] });
const nginxSlice = (...endpoints: ReturnType<typeof ep>[]): EndpointSlice => slice('default', 'nginx', 'nginx-x7k2p', [tcp(80)], endpoints);

/** Replaces the slice's endpoints, as the EndpointSlice controller does when a pod's readiness changes. */
function updateSlice(c: TestCluster, endpoints: ReturnType<typeof ep>[]): void {
  const current = c.get<EndpointSlice>(R.endpointslices, 'default', 'nginx-x7k2p')!;
  const written = c.admin.update<EndpointSlice>(R.endpointslices, { ...current, endpoints });
  if (!written.ok) throw new Error(written.status.message);
}

describe('KubeProxy', () => {
  it('writes the jumps and its fixed chains once the caches have synced, with no Services yet', () => {
    const { nf, proxy } = setup();
    expect(proxy.syncs).toBe(1);
    expect(nf.tables.nat.get('PREROUTING')?.map((r) => r.target)).toEqual([{ kind: 'jump', chain: 'KUBE-SERVICES' }]);
    expect([...nf.tables.nat.keys()]).toEqual(expect.arrayContaining(['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ']));
  });

  it('a Service with 2 ready endpoints is in the tables within a second', () => {
    const { c, nf } = setup();
    const start = c.clock.now();
    c.must(R.services, nginx());
    c.must(R.endpointslices, nginxSlice(ep('10.244.2.6'), ep('10.244.1.5')));
    expect(c.runUntil(() => nf.endpointsOf(NGINX_SVC).length === 2, 1_000)).toBe(true);
    expect(c.clock.now() - start).toBeLessThanOrEqual(1_000);
    expect(nf.endpointsOf(NGINX_SVC)).toEqual(['10.244.1.5:80', '10.244.2.6:80']);
  });

  it('an endpoint turning not-ready drops out of KUBE-SVC at the next sync, and its KUBE-SEP chain is deleted', () => {
    const { c, nf } = setup();
    c.must(R.services, nginx());
    c.must(R.endpointslices, nginxSlice(ep('10.244.1.5'), ep('10.244.2.6')));
    c.settle();
    const seps = nf.natChains('KUBE-SEP-');
    expect(seps).toHaveLength(2);

    const changed = c.clock.now();
    updateSlice(c, [ep('10.244.1.5', { ready: false, serving: false, terminating: false }), ep('10.244.2.6')]);
    expect(c.runUntil(() => nf.endpointsOf(NGINX_SVC).length === 1, 1_000)).toBe(true);
    expect(c.clock.now() - changed).toBeLessThanOrEqual(1_000);
    expect(nf.endpointsOf(NGINX_SVC)).toEqual(['10.244.2.6:80']);
    expect(nf.natChains('KUBE-SEP-')).toHaveLength(1);

    // Back to ready: back in rotation.
    updateSlice(c, [ep('10.244.1.5'), ep('10.244.2.6')]);
    c.settle();
    expect(nf.endpointsOf(NGINX_SVC)).toEqual(['10.244.1.5:80', '10.244.2.6:80']);
    expect(nf.natChains('KUBE-SEP-').sort()).toEqual([...seps].sort());
  });

  it('deleting the Service removes its chains; its port is no longer captured', () => {
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
    expect(nf.tables.nat.get('KUBE-SERVICES')!.map((r) => r.match.comment)).toEqual([
      'kubernetes service nodeports; NOTE: this must be the last rule in this chain',
    ]);
  });

  it('a Service whose endpoints all went away is rejected in the filter table', () => {
    const { c, nf } = setup();
    c.must(R.services, nginx());
    c.must(R.endpointslices, nginxSlice(ep('10.244.1.5')));
    c.settle();
    updateSlice(c, []);
    c.settle();
    expect(nf.natChains('KUBE-SVC-')).toEqual([]);
    expect(nf.tables.filter.get('KUBE-SERVICES')!.map((r) => [r.match.comment, r.target.kind])).toEqual([['default/nginx has no endpoints', 'REJECT']]);
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
    expect(nf.endpointsOf(NGINX_SVC)).toHaveLength(21);
  });

  it('resyncs everything every 30 s in the background: the cluster stays quiet, flushed jumps come back', () => {
    const { c, nf, proxy } = setup();
    expect(c.clock.quiet).toBe(true);
    nf.tables.nat.set('PREROUTING', []); // iptables -t nat -F PREROUTING
    const before = proxy.syncs;
    c.clock.advance(30_000);
    expect(proxy.syncs).toBe(before + 1);
    expect(nf.tables.nat.get('PREROUTING')).toHaveLength(1);
    expect(c.settle()).toBe(true);
  });
});
