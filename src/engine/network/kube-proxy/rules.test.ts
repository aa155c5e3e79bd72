import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { ChainSpec } from '../netfilter/rules';
import { endpointChain } from './chain-names';
import { proxyRules, type ProxyRules } from './rules';
import { ep, ruleLine, saveLines, slice, svc, tcp, udp } from './testing';

const CIDR = '10.244.0.0/16';
const rules = (services: Service[], slices: EndpointSlice[], clusterCIDR = CIDR): ProxyRules => proxyRules({ services, slices, clusterCIDR });
const chain = (chains: readonly ChainSpec[], name: string): ChainSpec | undefined => chains.find((c) => c.name === name);
const lines = (chains: readonly ChainSpec[], name: string): string[] => saveLines(chains.filter((c) => c.name === name));
const natChainNames = (r: ProxyRules): string[] => r.nat.map((c) => c.name);

const kubernetes = svc('default', 'kubernetes', { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, targetPort: 6443, protocol: 'TCP' }] });
const kubernetesSlice = slice('default', 'kubernetes', 'kubernetes', [tcp(6443, 'https')], [ep('192.168.1.130', { ready: true }, undefined)]);
const nginx = (extra: Partial<NonNullable<Service['spec']>> = {}): Service =>
  svc('default', 'nginx', { clusterIP: '10.107.83.135', selector: { app: 'nginx' }, ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }], ...extra });
const nginxNodePort = nginx({ type: 'NodePort', externalTrafficPolicy: 'Cluster', ports: [{ port: 80, targetPort: 80, nodePort: 32444, protocol: 'TCP' }] });
// Listed out of order on purpose: kube-proxy sorts endpoints by their ip:port text.
const nginxSlice = (...endpoints: ReturnType<typeof ep>[]): EndpointSlice =>
  slice('default', 'nginx', 'nginx-x7k2p', [tcp(80)], endpoints.length ? endpoints : [ep('10.244.2.6'), ep('10.244.1.5')]);

const SEP = (endpoint: string, port = { namespace: 'default', name: 'nginx', port: '' }, protocol = 'TCP'): string => endpointChain(port, protocol, endpoint);

describe('kube-proxy rules: the documented layout', () => {
  it('a 2-endpoint NodePort Service and the kubernetes Service, as iptables-save -t nat shows them', () => {
    const r = rules([kubernetes, nginxNodePort], [kubernetesSlice, nginxSlice()]);
    const sep1 = SEP('10.244.1.5:80');
    const sep2 = SEP('10.244.2.6:80');
    const apiserver = SEP('192.168.1.130:6443', { namespace: 'default', name: 'kubernetes', port: 'https' });
    expect(saveLines(r.nat)).toEqual([
      '-A KUBE-SERVICES -d 10.96.0.1/32 -p tcp -m comment --comment "default/kubernetes:https cluster IP" -m tcp --dport 443 -j KUBE-SVC-NPX46M4PTMTKRN6Y',
      '-A KUBE-SERVICES -d 10.107.83.135/32 -p tcp -m comment --comment "default/nginx cluster IP" -m tcp --dport 80 -j KUBE-SVC-2CMXP7HKUVJN7L6M',
      '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
      '-A KUBE-NODEPORTS -p tcp -m comment --comment "default/nginx" -m tcp --dport 32444 -j KUBE-EXT-2CMXP7HKUVJN7L6M',
      '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
      '-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0',
      '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
      '-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000',
      '-A KUBE-SVC-NPX46M4PTMTKRN6Y ! -s 10.244.0.0/16 -d 10.96.0.1/32 -p tcp -m comment --comment "default/kubernetes:https cluster IP" -m tcp --dport 443 -j KUBE-MARK-MASQ',
      `-A KUBE-SVC-NPX46M4PTMTKRN6Y -m comment --comment "default/kubernetes:https -> 192.168.1.130:6443" -j ${apiserver}`,
      `-A ${apiserver} -s 192.168.1.130/32 -m comment --comment "default/kubernetes:https" -j KUBE-MARK-MASQ`,
      `-A ${apiserver} -p tcp -m comment --comment "default/kubernetes:https" -m tcp -j DNAT --to-destination 192.168.1.130:6443`,
      '-A KUBE-EXT-2CMXP7HKUVJN7L6M -m comment --comment "masquerade traffic for default/nginx external destinations" -j KUBE-MARK-MASQ',
      '-A KUBE-EXT-2CMXP7HKUVJN7L6M -j KUBE-SVC-2CMXP7HKUVJN7L6M',
      '-A KUBE-SVC-2CMXP7HKUVJN7L6M ! -s 10.244.0.0/16 -d 10.107.83.135/32 -p tcp -m comment --comment "default/nginx cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ',
      `-A KUBE-SVC-2CMXP7HKUVJN7L6M -m comment --comment "default/nginx -> 10.244.1.5:80" -m statistic --mode random --probability 0.50000000000 -j ${sep1}`,
      `-A KUBE-SVC-2CMXP7HKUVJN7L6M -m comment --comment "default/nginx -> 10.244.2.6:80" -j ${sep2}`,
      `-A ${sep1} -s 10.244.1.5/32 -m comment --comment "default/nginx" -j KUBE-MARK-MASQ`,
      `-A ${sep1} -p tcp -m comment --comment "default/nginx" -m tcp -j DNAT --to-destination 10.244.1.5:80`,
      `-A ${sep2} -s 10.244.2.6/32 -m comment --comment "default/nginx" -j KUBE-MARK-MASQ`,
      `-A ${sep2} -p tcp -m comment --comment "default/nginx" -m tcp -j DNAT --to-destination 10.244.2.6:80`,
    ]);
    expect(sep1).toMatch(/^KUBE-SEP-[A-Z2-7]{16}$/);
  });

  it('the filter table: forwarding of marked traffic, the localnet guard, empty portal chains', () => {
    const r = rules([kubernetes, nginxNodePort], [kubernetesSlice, nginxSlice()]);
    expect(r.filter.map((c) => c.name)).toEqual(['KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-FORWARD', 'KUBE-NODEPORTS', 'KUBE-PROXY-FIREWALL', 'KUBE-FIREWALL', 'KUBE-PROXY-CANARY']);
    expect(saveLines(r.filter)).toEqual([
      '-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP',
      '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT',
      '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
      '-A KUBE-FIREWALL ! -s 127.0.0.0/8 -d 127.0.0.0/8 -m comment --comment "block incoming localnet connections" -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP',
    ]);
  });

  it('the jumps from the builtin chains, prepended in order, come out as on a kubeadm node', () => {
    const chains = new Map<string, string[]>();
    for (const j of rules([], []).jumps) {
      const key = `${j.table} ${j.chain}`;
      chains.set(key, [ruleLine(j.chain, j.rule), ...(chains.get(key) ?? [])]);
    }
    expect(Object.fromEntries(chains)).toEqual({
      'filter INPUT': [
        '-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL',
        '-A INPUT -m comment --comment "kubernetes health check service ports" -j KUBE-NODEPORTS',
        '-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES',
        '-A INPUT -j KUBE-FIREWALL',
      ],
      'filter FORWARD': [
        '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL',
        '-A FORWARD -m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD',
        '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
        '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES',
      ],
      'filter OUTPUT': [
        '-A OUTPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL',
        '-A OUTPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
        '-A OUTPUT -j KUBE-FIREWALL',
      ],
      'nat OUTPUT': ['-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES'],
      'nat PREROUTING': ['-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES'],
      'nat POSTROUTING': ['-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING'],
    });
  });

  it('kube-dns after kubeadm: named ports, UDP and TCP on 53, metrics on 9153', () => {
    const kubeDns = svc('kube-system', 'kube-dns', {
      clusterIP: '10.96.0.10',
      selector: { 'k8s-app': 'kube-dns' },
      ports: [
        { ...udp(53, 'dns'), targetPort: 53 },
        { ...tcp(53, 'dns-tcp'), targetPort: 53 },
        { ...tcp(9153, 'metrics'), targetPort: 9153 },
      ],
    });
    // The slice lists its ports in its own order; names tie them to the Service's.
    const dnsSlice = slice('kube-system', 'kube-dns', 'kube-dns-4xq8n', [tcp(9153, 'metrics'), udp(53, 'dns'), tcp(53, 'dns-tcp')], [ep('10.244.0.3'), ep('10.244.0.2')]);
    const r = rules([kubernetes, kubeDns], [kubernetesSlice, dnsSlice]);
    expect(lines(r.nat, 'KUBE-SERVICES')).toEqual([
      '-A KUBE-SERVICES -d 10.96.0.1/32 -p tcp -m comment --comment "default/kubernetes:https cluster IP" -m tcp --dport 443 -j KUBE-SVC-NPX46M4PTMTKRN6Y',
      '-A KUBE-SERVICES -d 10.96.0.10/32 -p udp -m comment --comment "kube-system/kube-dns:dns cluster IP" -m udp --dport 53 -j KUBE-SVC-TCOU7JCQXEZGVUNU',
      '-A KUBE-SERVICES -d 10.96.0.10/32 -p tcp -m comment --comment "kube-system/kube-dns:dns-tcp cluster IP" -m tcp --dport 53 -j KUBE-SVC-ERIFXISQEP7F7OF4',
      '-A KUBE-SERVICES -d 10.96.0.10/32 -p tcp -m comment --comment "kube-system/kube-dns:metrics cluster IP" -m tcp --dport 9153 -j KUBE-SVC-JD5MR3NA4I4DYORP',
      '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
    ]);
    const dnsPort = { namespace: 'kube-system', name: 'kube-dns', port: 'dns' };
    const sep = SEP('10.244.0.2:53', dnsPort, 'UDP');
    expect(lines(r.nat, 'KUBE-SVC-TCOU7JCQXEZGVUNU').slice(1)).toEqual([
      `-A KUBE-SVC-TCOU7JCQXEZGVUNU -m comment --comment "kube-system/kube-dns:dns -> 10.244.0.2:53" -m statistic --mode random --probability 0.50000000000 -j ${sep}`,
      `-A KUBE-SVC-TCOU7JCQXEZGVUNU -m comment --comment "kube-system/kube-dns:dns -> 10.244.0.3:53" -j ${SEP('10.244.0.3:53', dnsPort, 'UDP')}`,
    ]);
    expect(lines(r.nat, sep)[1]).toBe(`-A ${sep} -p udp -m comment --comment "kube-system/kube-dns:dns" -m udp -j DNAT --to-destination 10.244.0.2:53`);
    expect(lines(r.nat, SEP('10.244.0.2:9153', { ...dnsPort, port: 'metrics' }))[1]).toContain('DNAT --to-destination 10.244.0.2:9153');
  });
});

describe('kube-proxy rules: which endpoints receive traffic', () => {
  it('only ready endpoints, with shares 1/3, 1/2, rest', () => {
    const r = rules([nginx()], [nginxSlice(ep('10.244.1.7'), ep('10.244.2.9', { ready: false, serving: false, terminating: false }), ep('10.244.1.5'), ep('10.244.2.6'))]);
    const svcRules = chain(r.nat, 'KUBE-SVC-2CMXP7HKUVJN7L6M')!.rules.slice(1);
    expect(svcRules.map((x) => [x.match.comment, x.match.probability])).toEqual([
      ['default/nginx -> 10.244.1.5:80', 1 / 3],
      ['default/nginx -> 10.244.1.7:80', 1 / 2],
      ['default/nginx -> 10.244.2.6:80', undefined],
    ]);
    expect(natChainNames(r)).not.toContain(SEP('10.244.2.9:80'));
  });

  it('no ready endpoint: no nat rules for the Service, a REJECT in filter KUBE-SERVICES (and KUBE-EXTERNAL-SERVICES for the NodePort)', () => {
    const r = rules([nginxNodePort], [nginxSlice(ep('10.244.1.5', { ready: false, serving: false, terminating: false }))]);
    expect(natChainNames(r)).toEqual(['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ', 'KUBE-PROXY-CANARY']);
    expect(lines(r.nat, 'KUBE-SERVICES')).toHaveLength(1);
    expect(lines(r.nat, 'KUBE-NODEPORTS')).toEqual([]);
    expect(lines(r.filter, 'KUBE-SERVICES')).toEqual([
      '-A KUBE-SERVICES -d 10.107.83.135/32 -p tcp -m comment --comment "default/nginx has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable',
    ]);
    expect(lines(r.filter, 'KUBE-EXTERNAL-SERVICES')).toEqual([
      '-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment "default/nginx has no endpoints" -m addrtype --dst-type LOCAL -m tcp --dport 32444 -j REJECT --reject-with icmp-port-unreachable',
    ]);
  });

  it('a Service whose selector matches nothing (an empty slice, or none at all) is rejected too', () => {
    const empty = slice('default', 'nginx', 'nginx-abcde', [], []);
    for (const slices of [[empty], []]) expect(lines(rules([nginx()], slices).filter, 'KUBE-SERVICES')).toHaveLength(1);
  });

  it('when none is ready, endpoints still serving while terminating take the traffic', () => {
    const draining = { ready: false, serving: true, terminating: true };
    const r = rules([nginx()], [nginxSlice(ep('10.244.1.5', draining), ep('10.244.2.6', { ready: false, serving: false, terminating: true }))]);
    expect(lines(r.nat, 'KUBE-SVC-2CMXP7HKUVJN7L6M')[1]).toBe(`-A KUBE-SVC-2CMXP7HKUVJN7L6M -m comment --comment "default/nginx -> 10.244.1.5:80" -j ${SEP('10.244.1.5:80')}`);
    expect(lines(r.filter, 'KUBE-SERVICES')).toEqual([]);
    // …but as soon as one is ready, only the ready ones.
    const r2 = rules([nginx()], [nginxSlice(ep('10.244.1.5', draining), ep('10.244.2.7'))]);
    expect(chain(r2.nat, 'KUBE-SVC-2CMXP7HKUVJN7L6M')!.rules.slice(1).map((x) => x.match.comment)).toEqual(['default/nginx -> 10.244.2.7:80']);
  });

  it('an address in two slices counts once, the non-terminating one winning', () => {
    const r = rules([nginx()], [
      nginxSlice(ep('10.244.1.5', { ready: false, serving: true, terminating: true })),
      slice('default', 'nginx', 'nginx-second', [tcp(80)], [ep('10.244.1.5')]),
    ]);
    expect(chain(r.nat, 'KUBE-SVC-2CMXP7HKUVJN7L6M')!.rules).toHaveLength(2);
  });

  it('a Service without a selector uses the slices a learner wrote (conditions left out mean ready)', () => {
    const external = svc('default', 'db', { clusterIP: '10.96.44.4', ports: [{ name: 'pg', port: 5432, targetPort: 5432, protocol: 'TCP' }] });
    const manual: EndpointSlice = {
      ...slice('default', 'db', 'db-1', [{ name: 'pg', port: 5432 }], []),
      endpoints: [{ addresses: ['192.168.1.50'] }],
    };
    const r = rules([external], [manual]);
    const sep = SEP('192.168.1.50:5432', { namespace: 'default', name: 'db', port: 'pg' });
    expect(lines(r.nat, sep)[1]).toBe(`-A ${sep} -p tcp -m comment --comment "default/db:pg" -m tcp -j DNAT --to-destination 192.168.1.50:5432`);
  });

  it('a slice port whose name matches no Service port serves nothing', () => {
    const r = rules([nginx()], [slice('default', 'nginx', 'nginx-x', [tcp(80, 'http')], [ep('10.244.1.5')])]);
    expect(lines(r.filter, 'KUBE-SERVICES')).toHaveLength(1);
  });
});

describe('kube-proxy rules: Services without rules, and the rest', () => {
  it.each([
    ['headless', svc('default', 'db', { clusterIP: 'None', selector: { app: 'db' }, ports: [tcp(5432)] })],
    ['ExternalName', svc('default', 'ext', { type: 'ExternalName', externalName: 'example.com' })],
    ['for another proxy', { ...nginx(), metadata: { namespace: 'default', name: 'nginx', labels: { 'service.kubernetes.io/service-proxy-name': 'other' } } }],
  ])('%s: nothing in either table', (_label, service) => {
    const r = rules([service], [slice('default', service.metadata!.name!, 'x', [tcp(5432)], [ep('10.244.1.5')])]);
    expect(saveLines(r.nat)).toEqual(saveLines(rules([], []).nat));
    expect(saveLines(r.filter)).toEqual(saveLines(rules([], []).filter));
  });

  it('sessionAffinity ClientIP: recent-list checks before the dice, a --set before the DNAT', () => {
    const sticky = nginx({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } } });
    const r = rules([sticky], [nginxSlice()]);
    const [sep1, sep2] = [SEP('10.244.1.5:80'), SEP('10.244.2.6:80')];
    expect(lines(r.nat, 'KUBE-SVC-2CMXP7HKUVJN7L6M').slice(1)).toEqual([
      `-A KUBE-SVC-2CMXP7HKUVJN7L6M -m comment --comment "default/nginx -> 10.244.1.5:80" -m recent --rcheck --seconds 10800 --reap --name ${sep1} --mask 255.255.255.255 --rsource -j ${sep1}`,
      `-A KUBE-SVC-2CMXP7HKUVJN7L6M -m comment --comment "default/nginx -> 10.244.2.6:80" -m recent --rcheck --seconds 10800 --reap --name ${sep2} --mask 255.255.255.255 --rsource -j ${sep2}`,
      `-A KUBE-SVC-2CMXP7HKUVJN7L6M -m comment --comment "default/nginx -> 10.244.1.5:80" -m statistic --mode random --probability 0.50000000000 -j ${sep1}`,
      `-A KUBE-SVC-2CMXP7HKUVJN7L6M -m comment --comment "default/nginx -> 10.244.2.6:80" -j ${sep2}`,
    ]);
    expect(lines(r.nat, sep1)[1]).toBe(
      `-A ${sep1} -p tcp -m comment --comment "default/nginx" -m recent --set --name ${sep1} --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 10.244.1.5:80`,
    );
    // Without a timeout given, the default three hours.
    const defaulted = rules([nginx({ sessionAffinity: 'ClientIP' })], [nginxSlice()]);
    expect(chain(defaulted.nat, 'KUBE-SVC-2CMXP7HKUVJN7L6M')!.rules[1]!.match.recent).toEqual({ name: sep1, mode: 'rcheck', seconds: 10800, reap: true });
  });

  it('a multi-port Service gets a chain set per port, each DNATing to its own target port', () => {
    const web = nginx({ ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }, { name: 'https', port: 443, targetPort: 8443, protocol: 'TCP' }] });
    const r = rules([web], [slice('default', 'nginx', 'nginx-a', [tcp(8443, 'https'), tcp(8080, 'http')], [ep('10.244.1.5')])]);
    const comments = chain(r.nat, 'KUBE-SERVICES')!.rules.map((x) => x.match.comment);
    expect(comments.slice(0, 2)).toEqual(['default/nginx:http cluster IP', 'default/nginx:https cluster IP']);
    const dnats = r.nat.filter((c) => c.name.startsWith('KUBE-SEP-')).map((c) => c.rules[1]!.target);
    expect(dnats).toEqual([
      { kind: 'DNAT', ip: '10.244.1.5', port: 8080 },
      { kind: 'DNAT', ip: '10.244.1.5', port: 8443 },
    ]);
  });

  it('externalIPs are captured like the ClusterIP, through the EXT chain', () => {
    const r = rules([nginx({ externalIPs: ['192.168.1.200'] })], [nginxSlice()]);
    expect(lines(r.nat, 'KUBE-SERVICES')[1]).toBe(
      '-A KUBE-SERVICES -d 192.168.1.200/32 -p tcp -m comment --comment "default/nginx external IP" -m tcp --dport 80 -j KUBE-EXT-2CMXP7HKUVJN7L6M',
    );
    expect(natChainNames(r)).toContain('KUBE-EXT-2CMXP7HKUVJN7L6M');
  });

  it('without a cluster CIDR there is no masquerade rule for non-pod clients', () => {
    const r = rules([nginx()], [nginxSlice()], '');
    expect(chain(r.nat, 'KUBE-SVC-2CMXP7HKUVJN7L6M')!.rules.map((x) => x.target)).not.toContainEqual({ kind: 'jump', chain: 'KUBE-MARK-MASQ' });
  });
});

describe('kube-proxy rules: an invariant', () => {
  it('every usable endpoint gets an equal share of new connections, and only usable ones get a chain', () => {
    const endpointArb = fc.record({ host: fc.integer({ min: 1, max: 254 }), ready: fc.boolean() });
    fc.assert(
      fc.property(fc.uniqueArray(endpointArb, { selector: (e) => e.host, maxLength: 12 }), (endpoints) => {
        const eps = endpoints.map((e) => ep(`10.244.1.${e.host}`, { ready: e.ready, serving: e.ready, terminating: false }));
        const r = rules([nginx()], [slice('default', 'nginx', 'nginx-x7k2p', [tcp(80)], eps)]);
        const ready = endpoints.filter((e) => e.ready);
        const seps = r.nat.filter((c) => c.name.startsWith('KUBE-SEP-'));
        expect(seps).toHaveLength(ready.length);
        if (ready.length === 0) return;
        // P(rule i is taken) = p_i × Π_{j<i} (1 − p_j), the last rule taking what remains.
        let remaining = 1;
        for (const rule of chain(r.nat, 'KUBE-SVC-2CMXP7HKUVJN7L6M')!.rules.slice(1)) {
          const share = remaining * (rule.match.probability ?? 1);
          expect(share).toBeCloseTo(1 / ready.length, 9);
          remaining -= share;
        }
        expect(remaining).toBeCloseTo(0, 9);
      }),
    );
  });
});
