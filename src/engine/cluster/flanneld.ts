/**
 * flanneld's masquerade rules (`FLANNEL-POSTRTG` in the nat table, as flannel v0.25 writes them on
 * every node): traffic between pods keeps its addresses; a pod talking to anything outside the pod
 * network — a node, the lab's router and its DNS server — leaves with the node's address.
 */
import type { Netfilter } from '../network/netfilter/netfilter';
import type { Rule } from '../network/netfilter/rules';

const CHAIN = 'FLANNEL-POSTRTG';
const COMMENT = 'flanneld masq';
const MULTICAST = '224.0.0.0/4';
/** kube-proxy's masquerade mark: such packets are KUBE-POSTROUTING's business. */
const KUBE_MARK = { value: 0x4000, mask: 0x4000 };

export function installFlannelMasquerade(netfilter: Netfilter, podCIDR: string, clusterCIDR: string): void {
  const rule = (match: Rule['match'], target: Rule['target']): Rule => ({ match: { ...match, comment: COMMENT }, target });
  const masquerade: Rule['target'] = { kind: 'MASQUERADE', randomFully: true };
  netfilter.restore('nat', [
    {
      name: CHAIN,
      rules: [
        rule({ mark: KUBE_MARK, commentLast: true }, { kind: 'RETURN' }),
        rule({ source: podCIDR, destination: clusterCIDR }, { kind: 'RETURN' }),
        rule({ source: clusterCIDR, destination: podCIDR }, { kind: 'RETURN' }),
        rule({ source: clusterCIDR, sourceNegated: true, destination: podCIDR }, { kind: 'RETURN' }),
        rule({ source: clusterCIDR, destination: MULTICAST, destinationNegated: true }, masquerade),
        rule({ source: clusterCIDR, sourceNegated: true, destination: clusterCIDR }, masquerade),
      ],
    },
  ]);
  netfilter.ensureRule('nat', 'POSTROUTING', rule({}, { kind: 'jump', chain: CHAIN }), 'append');
}
