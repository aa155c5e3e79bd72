/**
 * What the CNI plugins do for a pod on a flannel cluster (flannel delegates to `bridge`): the
 * node gets a `cni0` bridge holding the first address of its pod CIDR, and each pod a veth pair —
 * `eth0` inside with the pod's IP, `veth…` on the node enslaved to cni0 — and routes through the
 * bridge. `ip addr` and `ip route` in a pod or on the node print exactly these.
 */
import type { Netns, Network } from '../process';

/** flannel's VXLAN MTU: 1500 minus the 50 bytes of encapsulation. */
export const FLANNEL_MTU = 1450;

/** A stable, locally administered MAC address for an interface. */
export function macAddress(seed: string): string {
  let h = 0x811c9dc5;
  const bytes = [0x02];
  for (let round = 0; bytes.length < 6; round++) {
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
    h = Math.imul(h ^ round, 0x01000193) >>> 0;
    bytes.push(h & 0xff, (h >>> 8) & 0xff);
  }
  return bytes.slice(0, 6).map((b) => b.toString(16).padStart(2, '0')).join(':');
}

/** The pod network the node's pod CIDR belongs to: flannel's /16 (`10.244.0.0/16`). */
export function clusterNetwork(podCIDR: string): string {
  const [a, b] = podCIDR.split('.');
  return `${a}.${b}.0.0/16`;
}

/** cni0 with the gateway address, and the route to the node's own pods through it. */
export function setUpBridge(host: Netns, network: Network, podCIDR: string, gateway: string): void {
  host.addInterface({ index: host.nextIndex, name: 'cni0', address: gateway, prefix: Number(podCIDR.split('/')[1]), mac: macAddress(`${host.name}/cni0`), mtu: FLANNEL_MTU });
  host.addRoute({ to: podCIDR, dev: 'cni0', proto: 'kernel', scope: 'link', src: gateway });
  network.attach(gateway, host);
}

/** The veth pair of one pod: `eth0` in the pod (index 2), `veth<id>` on the node. */
export function attachPod(host: Netns, pod: Netns, options: { readonly ip: string; readonly podCIDR: string; readonly gateway: string; readonly sandboxId: string }): void {
  const hostIndex = host.nextIndex;
  const veth = vethName(options.sandboxId);
  host.addInterface({ index: hostIndex, name: veth, mac: macAddress(`${host.name}/${veth}`), mtu: FLANNEL_MTU, peer: 2, master: 'cni0' });
  pod.addInterface({ index: 2, name: 'eth0', address: options.ip, prefix: Number(options.podCIDR.split('/')[1]), mac: macAddress(`${pod.name}/${options.ip}`), mtu: FLANNEL_MTU, peer: hostIndex });
  pod.addRoute({ to: 'default', via: options.gateway, dev: 'eth0' });
  pod.addRoute({ to: clusterNetwork(options.podCIDR), via: options.gateway, dev: 'eth0' });
  pod.addRoute({ to: options.podCIDR, dev: 'eth0', proto: 'kernel', scope: 'link', src: options.ip });
}

/** CNI DEL: the veth pair goes (the pod's end with its namespace). */
export function detachPod(host: Netns, sandboxId: string): void {
  host.removeInterface(vethName(sandboxId));
}

/** The bridge plugin names the host end `veth` + 8 hex characters. */
const vethName = (sandboxId: string): string => `veth${sandboxId.slice(0, 8)}`;
