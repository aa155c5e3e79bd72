/**
 * Test fixture: a node's tables with kube-proxy's layout for one Service (`default/nginx`,
 * ClusterIP 10.107.83.135:80, NodePort 32444), written by hand after the reference dump
 * (k8s-facts §6.4) so the tests of this folder do not depend on kube-proxy's own code.
 */
import { Rng } from '../../sim/rng';
import { endpointChain, serviceChains } from '../kube-proxy/chain-names';
import { Netfilter } from './netfilter';
import type { ChainSpec, Match, Packet, Rule, Target } from './rules';

export const NODE_IP = '192.168.1.130';
export const CLUSTER_IP = '10.107.83.135';
export const NODE_PORT = 32444;
export const POD_CIDR = '10.244.0.0/16';

const NGINX = { namespace: 'default', name: 'nginx', port: '' };
export const NGINX_CHAINS = serviceChains(NGINX, 'TCP');
export const sepChain = (endpoint: string): string => endpointChain(NGINX, 'TCP', endpoint);

const rule = (match: Match, target: Target): Rule => ({ match, target });
const jump = (chain: string): Target => ({ kind: 'jump', chain });

/** The nat chains kube-proxy restores for nginx with these endpoints (`10.244.1.5:80`), affinity optional. */
export function natLayout(endpoints: readonly string[], affinitySeconds?: number): ChainSpec[] {
  const { svc, ext } = NGINX_CHAINS;
  const clusterIP: Match = { destination: `${CLUSTER_IP}/32`, protocol: 'tcp', dport: 80, comment: 'default/nginx cluster IP' };
  const seps = endpoints.map((e) => ({ endpoint: e, chain: sepChain(e), comment: `default/nginx -> ${e}` }));
  return [
    { name: 'KUBE-SERVICES', rules: [
      rule(clusterIP, jump(svc)),
      rule({ comment: 'kubernetes service nodeports; NOTE: this must be the last rule in this chain', dstTypeLocal: true }, jump('KUBE-NODEPORTS')),
    ] },
    { name: 'KUBE-NODEPORTS', rules: [rule({ comment: 'default/nginx', protocol: 'tcp', dport: NODE_PORT }, jump(ext))] },
    { name: 'KUBE-POSTROUTING', rules: [
      rule({ mark: { value: 0x4000, mask: 0x4000, negated: true } }, { kind: 'RETURN' }),
      rule({}, { kind: 'MARK', value: 0x4000, mask: 0 }),
      rule({ comment: 'kubernetes service traffic requiring SNAT' }, { kind: 'MASQUERADE', randomFully: true }),
    ] },
    { name: 'KUBE-MARK-MASQ', rules: [rule({}, { kind: 'MARK', value: 0x4000, mask: 0x4000 })] },
    { name: ext, rules: [
      rule({ comment: 'masquerade traffic for default/nginx external destinations' }, jump('KUBE-MARK-MASQ')),
      rule({}, jump(svc)),
    ] },
    { name: svc, rules: [
      rule({ ...clusterIP, source: POD_CIDR, sourceNegated: true }, jump('KUBE-MARK-MASQ')),
      ...(affinitySeconds === undefined ? [] : seps.map((s) => rule({ comment: s.comment, recent: { name: s.chain, mode: 'rcheck', seconds: affinitySeconds, reap: true } }, jump(s.chain)))),
      ...seps.map((s, i) => rule({ comment: s.comment, ...(i < seps.length - 1 ? { probability: 1 / (seps.length - i) } : {}) }, jump(s.chain))),
    ] },
    ...seps.map((s) => {
      const [ip = '', port = ''] = s.endpoint.split(':');
      const remember = affinitySeconds === undefined ? {} : { recent: { name: s.chain, mode: 'set' as const } };
      return { name: s.chain, rules: [
        rule({ source: `${ip}/32`, comment: 'default/nginx' }, jump('KUBE-MARK-MASQ')),
        rule({ comment: 'default/nginx', ...remember, protocol: 'tcp' }, { kind: 'DNAT', ip, port: Number(port) }),
      ] };
    }),
  ];
}

/** A node whose tables hold the layout, with the jumps from the builtin chains; `now` is settable. */
export function kubeNode(endpoints: readonly string[], options: { affinitySeconds?: number; seed?: number } = {}): { nf: Netfilter; clock: { now: number } } {
  const clock = { now: 0 };
  const nf = new Netfilter({ isLocal: (ip) => ip === NODE_IP || ip === '127.0.0.1', now: () => clock.now, rng: new Rng(options.seed ?? 42) });
  nf.restore('nat', natLayout(endpoints, options.affinitySeconds));
  nf.ensureRule('nat', 'PREROUTING', rule({ comment: 'kubernetes service portals' }, jump('KUBE-SERVICES')), 'prepend');
  nf.ensureRule('nat', 'OUTPUT', rule({ comment: 'kubernetes service portals' }, jump('KUBE-SERVICES')), 'prepend');
  nf.ensureRule('nat', 'POSTROUTING', rule({ comment: 'kubernetes postrouting rules' }, jump('KUBE-POSTROUTING')), 'prepend');
  return { nf, clock };
}

/** A TCP SYN (60 bytes on the wire). */
export const syn = (srcIP: string, dstIP: string, dstPort: number): Packet => ({ protocol: 'tcp', srcIP, srcPort: 40000, dstIP, dstPort, bytes: 60, mark: 0 });
