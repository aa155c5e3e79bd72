/**
 * flanneld v0.25 with `--ip-masq --kube-subnet-mgr`, as the kube-flannel DaemonSet runs it on each
 * node's host network. It does what makes a kubeadm node's pod network "up", through the same
 * doors as the real daemon: it finds its node through the apiserver (its pod's spec.nodeName), reads
 * the node's pod CIDR as its lease, reads net-conf.json, finds the default interface, publishes
 * its VXLAN endpoint in the node's `flannel.alpha.coreos.com/*` annotations, installs its
 * masquerade rules (`FLANNEL-POSTRTG`), writes /run/flannel/subnet.env (which the flannel CNI
 * plugin reads for every pod) and marks the node's NetworkUnavailable condition False. Then it
 * waits: the VXLAN device and the routes to the other nodes' pod CIDRs are the simulated kernel's
 * (`engine/runtime/cni/flannel.ts`). It logs in klog's format what the real daemon logs.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { KUBE_API, type ApiGateway } from '../../../engine/api/gateway';
import type { ApiRequest, ApiResponse } from '../../../engine/api/types';
import { installFlannelMasquerade } from '../../../engine/cluster/flanneld';
import { NETFILTER } from '../../../engine/network/netfilter/netfilter';
import { sys, SignalInterrupt, SysError, type Proc, type Program, type Sys } from '../../../engine/runtime/process';
import { strftime } from '../../lib/time';
import { klogLine, type Severity } from '../kubectl/framework/klog';

const USER_AGENT = 'flanneld/v0.25.4';
const ANNOTATION_PREFIX = 'flannel.alpha.coreos.com';
const NET_CONF = '/etc/kube-flannel/net-conf.json';
const SUBNET_FILE = '/run/flannel/subnet.env';
/** VXLAN's 50 bytes of encapsulation come off the external interface's MTU. */
const VXLAN_OVERHEAD = 50;
/** client-go keeps retrying an apiserver it cannot reach. */
const RETRY_MS = 1000;

interface NetConf {
  readonly network: string;
  readonly backend: string;
}

export const flanneld: Program = function* (proc) {
  proc.signal('SIGTERM', 'catch');
  proc.signal('SIGINT', 'catch');
  const log = (severity: Severity, where: string, message: string): Sys<void> => sys.write(2, klogLine(proc, severity, where, message));
  const ipMasq = proc.argv.includes('--ip-masq');
  try {
    yield* log('I', 'main.go:211', cliFlags(ipMasq, proc.argv.includes('--kube-subnet-mgr')));
    yield* log('W', 'client_config.go:618', 'Neither --kubeconfig nor --master was specified.  Using the inClusterConfig.  This might not work.');
    const api = yield* connect(proc);
    const nodeName = yield* ownNodeName(proc, api);
    yield* log('I', 'kube.go:139', 'Waiting 10m0s for node controller to sync');
    yield* log('I', 'kube.go:469', 'Starting kube subnet manager');
    const node = yield* retrying(() => request<Node>(api, { method: 'GET', path: `/api/v1/nodes/${nodeName}` }));
    yield* log('I', 'kube.go:146', 'Node controller sync successful');
    yield* log('I', 'main.go:231', `Created subnet manager: Kubernetes Subnet Manager - ${nodeName}`);
    yield* log('I', 'main.go:234', 'Installing signal handlers');
    const conf = readNetConf(proc);
    if (typeof conf === 'string') {
      yield* log('E', 'main.go:332', `Failed to fetch network config: ${conf}`);
      return 1;
    }
    yield* log('I', 'main.go:452', `Found network config - Backend type: ${conf.backend}`);
    yield* log('I', 'match.go:210', 'Determining IP address of default interface');
    const external = defaultInterface(proc);
    if (!external) {
      yield* log('E', 'main.go:332', 'Failed to find any valid interface to use: failed to get default interface: Unable to find default route');
      return 1;
    }
    yield* log('I', 'match.go:263', `Using interface with name ${external.name} and address ${external.address}`);
    yield* log('I', 'match.go:285', `Defaulting external address to interface address (${external.address})`);
    yield* log('I', 'vxlan.go:141', 'VXLAN config: VNI=1 Port=0 GBP=false Learning=false DirectRouting=false');
    const vtep = proc.netns.interfaces.find((i) => i.name === 'flannel.1');
    yield* retrying(() => request(api, {
      method: 'PATCH',
      path: `/api/v1/nodes/${nodeName}`,
      headers: { 'content-type': 'application/strategic-merge-patch+json' },
      body: { metadata: { annotations: annotations(external.address, vtep?.mac ?? '') } },
    }));
    if (vtep) yield* log('I', 'vxlan.go:155', `Interface flannel.1 mac address set to: ${vtep.mac}`);
    const podCIDR = node.spec?.podCIDR ?? '';
    if (ipMasq) {
      yield* log('I', 'main.go:359', 'Setting up masking rules');
      const netfilter = proc.facility(NETFILTER)?.(proc.netns);
      if (netfilter) installFlannelMasquerade(netfilter, podCIDR, conf.network);
    }
    yield* log('I', 'main.go:410', 'Changing default FORWARD chain policy to ACCEPT');
    yield* log('I', 'iptables.go:290', 'generated 7 rules');
    writeSubnetFile(proc, conf.network, podCIDR, external.mtu - VXLAN_OVERHEAD, ipMasq);
    yield* log('I', 'main.go:438', `Wrote subnet file to ${SUBNET_FILE}`);
    yield* log('I', 'main.go:442', 'Running backend.');
    yield* log('I', 'iptables.go:290', 'generated 3 rules');
    yield* log('I', 'vxlan_network.go:65', 'watching for new subnet leases');
    yield* retrying(() => markNetworkAvailable(proc, api, nodeName));
    yield* log('I', 'main.go:463', 'Waiting for all goroutines to exit');
    yield* log('I', 'iptables.go:283', 'bootstrap done');
    yield* log('I', 'iptables.go:283', 'bootstrap done');
    for (;;) yield* sys.pause();
  } catch (e) {
    if (!(e instanceof SignalInterrupt)) throw e;
    yield* log('I', 'main.go:523', 'shutdownHandler sent cancel signal...');
    yield* log('I', 'main.go:466', 'Exiting cleanly...');
    return 0;
  }
};

/** The flag values main.go prints at start (the defaults, and the two the DaemonSet sets). */
function cliFlags(ipMasq: boolean, kubeSubnetMgr: boolean): string {
  return `CLI flags config: {etcdEndpoints:http://127.0.0.1:4001,http://127.0.0.1:2379 etcdPrefix:/coreos.com/network etcdKeyfile: etcdCertfile: etcdCAFile: etcdUsername: etcdPassword: version:false kubeSubnetMgr:${kubeSubnetMgr} kubeApiUrl: kubeAnnotationPrefix:${ANNOTATION_PREFIX} kubeConfigFile: iface:[] ifaceRegex:[] ipMasq:${ipMasq} ifaceCanReach: subnetFile:${SUBNET_FILE} publicIP: publicIPv6: subnetLeaseRenewMargin:60 healthzIP:0.0.0.0 healthzPort:0 iptablesResyncSeconds:5 iptablesForwardRules:true netConfPath:${NET_CONF} setNodeNetworkUnavailable:true}`;
}

/** The in-cluster config: the `kubernetes` Service the kubelet names in every container's environment. */
function* connect(proc: Proc): Sys<ApiGateway> {
  const host = proc.env['KUBERNETES_SERVICE_HOST'] ?? '10.96.0.1';
  const port = Number(proc.env['KUBERNETES_SERVICE_PORT'] ?? 443);
  for (;;) {
    try {
      yield* sys.connect(host, port, 30_000);
      const api = proc.facility(KUBE_API);
      if (api) return api;
    } catch (e) {
      if (!(e instanceof SysError)) throw e;
    }
    yield* sys.sleep(RETRY_MS);
  }
}

/** flannel learns its node from its own pod (`POD_NAME`, `POD_NAMESPACE` from the downward API). */
function* ownNodeName(proc: Proc, api: ApiGateway): Sys<string> {
  const pod = yield* retrying(() => request<Pod>(api, { method: 'GET', path: `/api/v1/namespaces/${proc.env['POD_NAMESPACE']}/pods/${proc.env['POD_NAME']}` }));
  return pod.spec?.nodeName ?? proc.hostname;
}

function request<T>(api: ApiGateway, req: ApiRequest): ApiResponse<T> {
  return api.request({ ...req, userAgent: USER_AGENT }) as ApiResponse<T>;
}

/** A call repeated until the apiserver answers 2xx (a conflict or an outage only delays flannel). */
function* retrying<T>(call: () => ApiResponse<T>): Sys<T> {
  for (;;) {
    const response = call();
    if (response.status >= 200 && response.status < 300) return response.body as T;
    yield* sys.sleep(RETRY_MS);
  }
}

function readNetConf(proc: Proc): NetConf | string {
  let text: string;
  try {
    text = proc.fs.readFile(NET_CONF);
  } catch {
    return `open ${NET_CONF}: no such file or directory`;
  }
  try {
    const json = JSON.parse(text) as { Network?: string; Backend?: { Type?: string } };
    return { network: json.Network ?? '', backend: json.Backend?.Type ?? 'udp' };
  } catch {
    return 'invalid character in net-conf.json';
  }
}

/** The interface of the default route, with its address. */
function defaultInterface(proc: Proc): { name: string; address: string; mtu: number } | undefined {
  const route = proc.netns.routes.find((r) => r.to === 'default');
  const iface = route && proc.netns.interfaces.find((i) => i.name === route.dev);
  return iface?.address ? { name: iface.name, address: iface.address, mtu: iface.mtu } : undefined;
}

/** What the VXLAN backend publishes for the other nodes' flanneld to route through. */
function annotations(publicIP: string, vtepMAC: string): Record<string, string> {
  return {
    [`${ANNOTATION_PREFIX}/backend-data`]: JSON.stringify({ VNI: 1, VtepMAC: vtepMAC }),
    [`${ANNOTATION_PREFIX}/backend-type`]: 'vxlan',
    [`${ANNOTATION_PREFIX}/kube-subnet-manager`]: 'true',
    [`${ANNOTATION_PREFIX}/public-ip`]: publicIP,
  };
}

/** /run/flannel/subnet.env: the flannel CNI plugin's source for the pods' subnet and MTU. */
function writeSubnetFile(proc: Proc, network: string, podCIDR: string, mtu: number, ipMasq: boolean): void {
  const gateway = podCIDR.replace(/\.0\//, '.1/');
  const text = `FLANNEL_NETWORK=${network}\nFLANNEL_SUBNET=${gateway}\nFLANNEL_MTU=${mtu}\nFLANNEL_IPMASQ=${ipMasq}\n`;
  proc.fs.mkdir('/run/flannel', proc.now(), { parents: true });
  proc.fs.writeFile(SUBNET_FILE, text, proc.now());
}

function markNetworkAvailable(proc: Proc, api: ApiGateway, nodeName: string): ApiResponse {
  const now = strftime('%Y-%m-%dT%H:%M:%SZ', proc.wallClock());
  const condition = { type: 'NetworkUnavailable', status: 'False', reason: 'FlannelIsUp', message: 'Flannel is running on this node', lastTransitionTime: now, lastHeartbeatTime: now };
  return request(api, {
    method: 'PATCH',
    path: `/api/v1/nodes/${nodeName}/status`,
    headers: { 'content-type': 'application/strategic-merge-patch+json' },
    body: { status: { conditions: [condition] } },
  });
}
