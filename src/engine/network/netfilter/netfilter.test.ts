import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../sim/rng';
import { Netfilter } from './netfilter';
import type { Rule, Target } from './rules';
import { CLUSTER_IP, kubeNode, NGINX_CHAINS, NODE_IP, NODE_PORT, sepChain, syn } from './testing';

const EP1 = '10.244.1.5:80';
const EP2 = '10.244.2.6:80';
const rule = (target: Target, match: Rule['match'] = {}): Rule => ({ match, target });
const jump = (chain: string): Target => ({ kind: 'jump', chain });
const bare = (seed = 1): Netfilter => new Netfilter({ isLocal: () => false, now: () => 0, rng: new Rng(seed) });

describe('Netfilter tables', () => {
  it('starts with the builtin chains of nat and filter, policy ACCEPT, in hook order', () => {
    const nf = bare();
    expect(nf.chains('nat').map((c) => [c.name, c.policy])).toEqual([
      ['PREROUTING', 'ACCEPT'], ['INPUT', 'ACCEPT'], ['OUTPUT', 'ACCEPT'], ['POSTROUTING', 'ACCEPT'],
    ]);
    expect(nf.chains('filter').map((c) => c.name)).toEqual(['INPUT', 'FORWARD', 'OUTPUT']);
  });

  it('lists user chains after the builtin ones, sorted by name as iptables-nft does', () => {
    const nf = bare();
    nf.restore('nat', [{ name: 'KUBE-SERVICES', rules: [] }, { name: 'KUBE-SEP-B', rules: [] }, { name: 'KUBE-MARK-MASQ', rules: [] }]);
    expect(nf.chains('nat').map((c) => c.name).slice(4)).toEqual(['KUBE-MARK-MASQ', 'KUBE-SEP-B', 'KUBE-SERVICES']);
  });

  it('restore keeps the counters of an unchanged chain, resets a changed one, deletes removed ones', () => {
    const nf = bare();
    const a = rule({ kind: 'ACCEPT' }, { destination: '10.0.0.1/32' });
    const b = rule({ kind: 'ACCEPT' }, { destination: '10.0.0.2/32' });
    nf.restore('filter', [{ name: 'SAME', rules: [a] }, { name: 'CHANGING', rules: [b] }, { name: 'GONE', rules: [] }]);
    nf.ensureRule('filter', 'INPUT', rule(jump('SAME')), 'append');
    nf.ensureRule('filter', 'INPUT', rule(jump('CHANGING')), 'append');
    nf.traverse('filter', 'INPUT', syn('1.1.1.1', '10.0.0.1', 80));
    nf.traverse('filter', 'INPUT', syn('1.1.1.1', '10.0.0.2', 80));
    nf.restore('filter', [{ name: 'SAME', rules: [{ match: { destination: '10.0.0.1/32' }, target: { kind: 'ACCEPT' } }] }, { name: 'CHANGING', rules: [b, a] }], ['GONE']);
    expect(nf.chain('filter', 'SAME')!.rules[0]!.packets).toBe(1);
    expect(nf.chain('filter', 'CHANGING')!.rules.map((r) => r.packets)).toEqual([0, 0]);
    expect(nf.chain('filter', 'GONE')).toBeUndefined();
  });

  it('restore refuses, changing nothing, a jump to a missing chain or the removal of a referenced one', () => {
    const nf = bare();
    nf.restore('nat', [{ name: 'A', rules: [rule(jump('B'))] }, { name: 'B', rules: [] }]);
    expect(() => nf.restore('nat', [{ name: 'C', rules: [rule(jump('NOPE'))] }])).toThrow(/missing chain NOPE/);
    expect(() => nf.restore('nat', [], ['B'])).toThrow(/missing chain B/);
    expect(() => nf.restore('nat', [], ['OUTPUT'])).toThrow(/builtin/);
    expect(nf.chain('nat', 'C')).toBeUndefined();
    expect(nf.chain('nat', 'B')).toBeDefined();
  });

  it('ensureRule adds a rule once, prepended or appended, creating the chains it needs', () => {
    const nf = bare();
    nf.ensureRule('filter', 'INPUT', rule(jump('KUBE-FIREWALL')), 'prepend');
    nf.ensureRule('filter', 'INPUT', rule(jump('KUBE-NODEPORTS'), { comment: 'kubernetes health check service ports' }), 'prepend');
    nf.ensureRule('filter', 'INPUT', rule(jump('KUBE-FIREWALL')), 'prepend');
    nf.ensureRule('filter', 'INPUT', rule({ kind: 'DROP' }), 'append');
    expect(nf.chain('filter', 'INPUT')!.rules.map((r) => r.rule.target.kind === 'jump' ? r.rule.target.chain : r.rule.target.kind)).toEqual(['KUBE-NODEPORTS', 'KUBE-FIREWALL', 'DROP']);
    expect(nf.chain('filter', 'KUBE-FIREWALL')!.rules).toEqual([]);
    expect(nf.references('filter', 'KUBE-FIREWALL')).toBe(1);
  });

  it.each<[string, number, number, number, number]>([
    ['KUBE-MARK-MASQ sets the bit (0x4000/0x4000)', 0, 0x4000, 0x4000, 0x4000],
    ['setting keeps other bits', 0x1, 0x4000, 0x4000, 0x4001],
    ['KUBE-POSTROUTING clears it (0x4000/0x0 flips the bit)', 0x4001, 0x4000, 0, 0x0001],
    ['a full mask sets the value outright', 0xff, 0x4000, 0xffffffff, 0x4000],
  ])('MARK --set-xmark: %s', (_name, before, value, mask, after) => {
    const nf = bare();
    nf.ensureRule('nat', 'OUTPUT', rule({ kind: 'MARK', value, mask }), 'append');
    const p = { ...syn('1.1.1.1', '2.2.2.2', 80), mark: before };
    nf.traverse('nat', 'OUTPUT', p);
    expect(p.mark).toBe(after);
  });

  it('returns from a user chain, applies the policy when nothing decided, and counts it', () => {
    const nf = bare();
    nf.restore('filter', [{ name: 'SUB', rules: [rule({ kind: 'RETURN' }), rule({ kind: 'DROP' })] }]);
    nf.ensureRule('filter', 'OUTPUT', rule(jump('SUB')), 'append');
    const v = nf.traverse('filter', 'OUTPUT', syn('1.1.1.1', '2.2.2.2', 80));
    expect(v.verdict).toBe('ACCEPT');
    expect(v.trace.map((s) => s.chain)).toEqual(['OUTPUT', 'SUB']);
    expect(nf.chain('filter', 'OUTPUT')).toMatchObject({ packets: 1, bytes: 60 });
    expect(nf.chain('filter', 'SUB')!.rules.map((r) => r.packets)).toEqual([1, 0]);
  });

  it('REJECTs a Service without endpoints in the filter table, and lets a hook without chain pass', () => {
    const nf = bare();
    nf.restore('filter', [{ name: 'KUBE-SERVICES', rules: [rule({ kind: 'REJECT', with: 'icmp-port-unreachable' }, { destination: `${CLUSTER_IP}/32`, protocol: 'tcp', dport: 80, comment: 'default/nginx has no endpoints' })] }]);
    nf.ensureRule('filter', 'OUTPUT', rule(jump('KUBE-SERVICES'), { ctstate: { states: ['NEW'] }, comment: 'kubernetes service portals', commentLast: true }), 'prepend');
    expect(nf.traverse('filter', 'OUTPUT', syn(NODE_IP, CLUSTER_IP, 80)).verdict).toBe('REJECT');
    expect(nf.traverse('filter', 'OUTPUT', syn(NODE_IP, CLUSTER_IP, 81)).verdict).toBe('ACCEPT');
    expect(nf.traverse('nat', 'FORWARD', syn(NODE_IP, CLUSTER_IP, 80))).toEqual({ verdict: 'ACCEPT', masquerade: false, trace: [] });
    expect(nf.chain('filter', 'OUTPUT')).toMatchObject({ packets: 1, bytes: 60 });
  });
});

describe("kube-proxy's layout for a 2-endpoint Service (k8s-facts §6.4)", () => {
  it('splits a pod\'s connections to the ClusterIP about evenly, DNATs them, and leaves the source alone', () => {
    const { nf } = kubeNode([EP1, EP2]);
    const hits = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const p = syn('10.244.1.9', CLUSTER_IP, 80);
      const nat = nf.traverse('nat', 'PREROUTING', p);
      expect(nat.verdict).toBe('ACCEPT');
      expect(p.mark).toBe(0);
      expect(nf.traverse('nat', 'POSTROUTING', p).masquerade).toBe(false);
      hits.set(`${p.dstIP}:${p.dstPort}`, (hits.get(`${p.dstIP}:${p.dstPort}`) ?? 0) + 1);
    }
    expect([...hits.keys()].sort()).toEqual([EP1, EP2]);
    expect(hits.get(EP1)! / 2000).toBeGreaterThan(0.45);
    expect(hits.get(EP1)! / 2000).toBeLessThan(0.55);
    // Every connection passed the ClusterIP rule; the SVC chain's first endpoint rule saw them all.
    expect(nf.chain('nat', 'KUBE-SERVICES')!.rules[0]).toMatchObject({ packets: 2000, bytes: 120000 });
    expect(nf.chain('nat', sepChain(EP1))!.rules[1]!.packets + nf.chain('nat', sepChain(EP2))!.rules[1]!.packets).toBe(2000);
    expect(nf.chain('nat', 'PREROUTING')).toMatchObject({ packets: 0 });
  });

  it('marks traffic from outside the pod CIDR for masquerade; KUBE-POSTROUTING clears the mark and masquerades', () => {
    const { nf } = kubeNode([EP1, EP2]);
    const p = syn(NODE_IP, CLUSTER_IP, 80);
    const out = nf.traverse('nat', 'OUTPUT', p);
    expect(out.trace.map((s) => s.chain)).toEqual(['OUTPUT', 'KUBE-SERVICES', NGINX_CHAINS.svc, 'KUBE-MARK-MASQ', NGINX_CHAINS.svc, expect.stringMatching(/^KUBE-SEP-/)]);
    expect(p.mark).toBe(0x4000);
    expect([EP1, EP2]).toContain(`${p.dstIP}:${p.dstPort}`);
    const post = nf.traverse('nat', 'POSTROUTING', p);
    expect(post).toMatchObject({ verdict: 'ACCEPT', masquerade: true });
    expect(p.mark).toBe(0);
  });

  it('sends a NodePort connection through KUBE-NODEPORTS and KUBE-EXT, marked for masquerade', () => {
    const { nf } = kubeNode([EP1, EP2]);
    const p = syn('192.168.1.1', NODE_IP, NODE_PORT);
    nf.traverse('nat', 'PREROUTING', p);
    expect(p.mark).toBe(0x4000);
    expect([EP1, EP2]).toContain(`${p.dstIP}:${p.dstPort}`);
    expect(nf.chain('nat', 'KUBE-NODEPORTS')!.rules[0]!.packets).toBe(1);
    // Another port of the node is no Service: nothing changes.
    const other = syn('192.168.1.1', NODE_IP, 22);
    nf.traverse('nat', 'PREROUTING', other);
    expect(other).toMatchObject({ dstIP: NODE_IP, dstPort: 22, mark: 0 });
  });

  it('marks hairpin traffic: an endpoint reaching its own Service', () => {
    const { nf } = kubeNode([EP1]);
    const p = syn('10.244.1.5', CLUSTER_IP, 80);
    nf.traverse('nat', 'PREROUTING', p);
    expect(p).toMatchObject({ dstIP: '10.244.1.5', dstPort: 80, mark: 0x4000, dnat: true });
  });

  it('keeps a client on its endpoint with sessionAffinity ClientIP, until the affinity times out', () => {
    const { nf, clock } = kubeNode([EP1, EP2], { affinitySeconds: 10800 });
    const dest = (src: string): string => {
      const p = syn(src, CLUSTER_IP, 80);
      nf.traverse('nat', 'PREROUTING', p);
      return `${p.dstIP}:${p.dstPort}`;
    };
    for (const client of ['10.244.1.9', '10.244.2.3', '10.244.0.7']) {
      const first = dest(client);
      for (let i = 0; i < 50; i++) expect(dest(client)).toBe(first);
    }
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      clock.now += 10_801_000;
      seen.add(dest('10.244.1.9'));
    }
    expect(seen.size).toBe(2);
  });

  it('gives each of n endpoints about 1/n of the connections with probabilities 1/(n−i) (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer(), (n, seed) => {
        const endpoints = Array.from({ length: n }, (_, i) => `10.244.1.${i + 10}:80`);
        const { nf } = kubeNode(endpoints, { seed });
        const counts = new Map<string, number>();
        const total = 4000;
        for (let i = 0; i < total; i++) {
          const p = syn('10.244.1.9', CLUSTER_IP, 80);
          nf.traverse('nat', 'PREROUTING', p);
          counts.set(p.dstIP, (counts.get(p.dstIP) ?? 0) + 1);
        }
        expect(counts.size).toBe(n);
        for (const c of counts.values()) expect(Math.abs(c / total - 1 / n)).toBeLessThan(0.035);
      }),
      { numRuns: 25 },
    );
  });
});
