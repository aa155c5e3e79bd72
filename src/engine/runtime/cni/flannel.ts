/**
 * A node's own network as kubeadm and flannel leave it: `ens33` on the lab's 192.168.1.0/24 with
 * the default route, and flannel's VXLAN device `flannel.1` holding the `.0` address of the node's
 * pod CIDR, with one route per other node's pod CIDR through it. Traffic from a node to another
 * node's pods therefore leaves from `10.244.N.0` — the address their access logs show.
 */
import type { Netns, Network } from '../process';
import { FLANNEL_MTU, macAddress } from './bridge';

export interface NodeAddressing {
  readonly ip: string;
  readonly podCIDR: string;
}

/** The LAN's gateway and nameserver: `.2` on the lab network (a hypervisor's NAT convention). */
export const lanGateway = (ip: string): string => ip.replace(/\.\d+$/, '.2');
const subnetOf = (ip: string): string => ip.replace(/\.\d+$/, '.0/24');
const flannelAddress = (podCIDR: string): string => podCIDR.split('/')[0]!;

export function setUpNodeNetwork(host: Netns, network: Network, node: NodeAddressing): void {
  host.addInterface({ index: host.nextIndex, name: 'ens33', address: node.ip, prefix: 24, mac: macAddress(`${host.name}/ens33`), mtu: 1500 });
  host.addRoute({ to: 'default', via: lanGateway(node.ip), dev: 'ens33', proto: 'static', metric: 100 });
  host.addRoute({ to: subnetOf(node.ip), dev: 'ens33', proto: 'kernel', scope: 'link', src: node.ip, metric: 100 });
  const vxlan = flannelAddress(node.podCIDR);
  host.addInterface({ index: host.nextIndex, name: 'flannel.1', address: vxlan, prefix: 32, mac: macAddress(`${host.name}/flannel.1`), mtu: FLANNEL_MTU });
  network.attach(vxlan, host);
}

/** flanneld's routes to the other nodes' pod CIDRs, through their VXLAN addresses. */
export function routeToPeers(host: Netns, peers: readonly NodeAddressing[]): void {
  for (const peer of peers) {
    const via = flannelAddress(peer.podCIDR);
    host.addRoute({ to: peer.podCIDR, via, dev: 'flannel.1', onlink: true, src: host.interfaces.find((i) => i.name === 'flannel.1')?.address });
  }
}
