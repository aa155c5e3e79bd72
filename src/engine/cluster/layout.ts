/**
 * The machines of the simulated cluster, as data. The default is the tutorial's: one control-plane
 * node and two workers on 192.168.1.0/24, flannel-style pod CIDRs (one /24 per node) and kubeadm's
 * service range.
 */

export interface NodeSpec {
  name: string;
  internalIP: string;
  podCIDR: string;
  controlPlane: boolean;
  cpu: string;
  memory: string;
  /** Extra labels beyond the ones kubelet and kubeadm set. */
  labels?: Record<string, string>;
}

export interface NodeSystemInfo {
  osImage: string;
  kernelVersion: string;
  containerRuntimeVersion: string;
  kubeletVersion: string;
  kubeProxyVersion: string;
  operatingSystem: string;
  architecture: string;
}

export const KUBERNETES_VERSION = 'v1.30.2';

export const SYSTEM_INFO: NodeSystemInfo = {
  osImage: 'Rocky Linux 9.4 (Blue Onyx)',
  kernelVersion: '5.14.0-427.13.1.el9_4.x86_64',
  containerRuntimeVersion: 'containerd://1.7.13',
  kubeletVersion: KUBERNETES_VERSION,
  kubeProxyVersion: KUBERNETES_VERSION,
  operatingSystem: 'linux',
  architecture: 'amd64',
};

export const NETWORK = {
  /** kubeadm's default `--service-cidr`. */
  serviceCIDR: '10.96.0.0/12',
  /** flannel's default `--pod-network-cidr`; one /24 per node. */
  clusterCIDR: '10.244.0.0/16',
  kubernetesServiceIP: '10.96.0.1',
  dnsServiceIP: '10.96.0.10',
  apiserverPort: 6443,
  clusterDomain: 'cluster.local',
} as const;

/** `worker01`, `worker02`, … `worker100`: two digits at least, as people name lab machines. */
const workerName = (i: number): string => `worker${String(i).padStart(2, '0')}`;

/**
 * master01 plus `workers` worker nodes. Node i gets 192.168.1.(130+i) while that fits, then
 * addresses further up the private range; pod CIDR 10.244.i.0/24 (past 255 nodes the /24s continue
 * into 10.245.x, 10.246.x, … — a lab cluster that large would use a wider cluster CIDR).
 */
export function defaultLayout(workers = 2): NodeSpec[] {
  const nodes: NodeSpec[] = [];
  for (let i = 0; i <= workers; i++) {
    nodes.push({
      name: i === 0 ? 'master01' : workerName(i),
      internalIP: nodeIP(i),
      podCIDR: `10.${244 + Math.floor(i / 256)}.${i % 256}.0/24`,
      controlPlane: i === 0,
      cpu: i === 0 ? '4' : '8',
      memory: i === 0 ? '8008828Ki' : '16248904Ki',
    });
  }
  return nodes;
}

function nodeIP(i: number): string {
  const n = 130 + i;
  if (n < 255) return `192.168.1.${n}`;
  const offset = n - 255;
  return `192.168.${2 + Math.floor(offset / 254)}.${1 + (offset % 254)}`;
}
