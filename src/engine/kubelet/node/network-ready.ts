/**
 * Is the pod network ready? containerd's CRI plugin answers the kubelet's runtime status with
 * NetworkReady=false until a CNI network config is in its config directory (/etc/cni/net.d) — on
 * a fresh kubeadm node, until the network add-on's pod has installed one. Until then the kubelet
 * reports the node NotReady with this reason, and starts only pods on the host network.
 */
import type { Vfs } from '../../runtime/fs';

/** containerd's wording, as the kubelet wraps it (`container runtime network not ready: …`). */
export const NETWORK_NOT_READY =
  'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized';

/** The file names libcni loads network configs from. */
const CONFIG_FILE = /\.(conflist|conf|json)$/;

/** The runtime's network error on this node, or undefined when the pod network is ready. */
export function cniNetworkError(fs: Vfs, confDir: string): string | undefined {
  if (!fs.exists(confDir)) return NETWORK_NOT_READY;
  for (const name of fs.readdir(confDir)) if (CONFIG_FILE.test(name)) return undefined;
  return NETWORK_NOT_READY;
}
