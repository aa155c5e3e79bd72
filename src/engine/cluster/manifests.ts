/**
 * What `kubeadm init` and `kubeadm join` leave in a fresh cluster, as plain manifests: the four
 * namespaces, the registered nodes, the `kubernetes` and `kube-dns` Services, the control-plane
 * static pod manifests (for master01's kubelet), and the kube-proxy DaemonSet and CoreDNS
 * Deployment (with their ConfigMaps) that the controllers then reconcile like any other workload.
 */
import type { ConfigMap, Namespace, Node, Pod, Service, ServiceAccount } from 'kubernetes-types/core/v1';
import type { DaemonSet, Deployment } from 'kubernetes-types/apps/v1';
import { KUBERNETES_VERSION, NETWORK, SYSTEM_INFO, type NodeSpec } from './layout';

export const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'] as const;

export function namespace(name: string): Namespace {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

const CONTROL_PLANE_TAINT = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };
/**
 * What the apiserver's TaintNodesByCondition admission gives every new Node, so that nothing is
 * scheduled there before its kubelet reports Ready; the node lifecycle controller lifts it then.
 */
const NOT_READY_TAINT = { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' };

/** What identifies one machine: /etc/machine-id, the firmware UUID and this boot's id. */
export interface MachineIds {
  machineID: string;
  systemUUID: string;
  bootID: string;
}

/** The Node object a kubelet registers (kubeadm adds the control-plane role label and taint), as the apiserver stores it. */
export function node(spec: NodeSpec, ids: MachineIds): Node {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': SYSTEM_INFO.architecture,
    'beta.kubernetes.io/os': SYSTEM_INFO.operatingSystem,
    'kubernetes.io/arch': SYSTEM_INFO.architecture,
    'kubernetes.io/hostname': spec.name,
    'kubernetes.io/os': SYSTEM_INFO.operatingSystem,
    ...(spec.controlPlane
      ? { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' }
      : {}),
    ...spec.labels,
  };
  const resources = { cpu: spec.cpu, 'ephemeral-storage': '51175Mi', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: spec.memory, pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: spec.name,
      labels,
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: spec.podCIDR,
      podCIDRs: [spec.podCIDR],
      taints: spec.controlPlane ? [CONTROL_PLANE_TAINT, NOT_READY_TAINT] : [NOT_READY_TAINT],
    },
    status: {
      capacity: resources,
      allocatable: { ...resources, 'ephemeral-storage': '47060071478' },
      addresses: [
        { type: 'InternalIP', address: spec.internalIP },
        { type: 'Hostname', address: spec.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: { ...ids, ...SYSTEM_INFO },
    },
  };
}

/** The apiserver's own Service: its endpoints are the control plane's address, not pods. */
export function kubernetesService(): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      clusterIP: NETWORK.kubernetesServiceIP,
      clusterIPs: [NETWORK.kubernetesServiceIP],
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: NETWORK.apiserverPort }],
      type: 'ClusterIP',
      sessionAffinity: 'None',
    },
  };
}

const DNS_LABELS = { 'k8s-app': 'kube-dns' };

export function kubeDnsService(): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'kube-dns',
      namespace: 'kube-system',
      labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
    },
    spec: {
      clusterIP: NETWORK.dnsServiceIP,
      clusterIPs: [NETWORK.dnsServiceIP],
      selector: DNS_LABELS,
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
    },
  };
}

export const COREFILE = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes ${NETWORK.clusterDomain} in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30
    loop
    reload
    loadbalance
}
`;

export function corednsConfigMap(): ConfigMap {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'coredns', namespace: 'kube-system' }, data: { Corefile: COREFILE } };
}

export function serviceAccount(namespace: string, name: string): ServiceAccount {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } };
}

export function corednsDeployment(): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'coredns', namespace: 'kube-system', labels: DNS_LABELS },
    spec: {
      replicas: 2,
      selector: { matchLabels: DNS_LABELS },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      template: {
        metadata: { labels: DNS_LABELS },
        spec: {
          priorityClassName: 'system-cluster-critical',
          serviceAccountName: 'coredns',
          dnsPolicy: 'Default',
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          tolerations: [
            { key: 'CriticalAddonsOnly', operator: 'Exists' },
            { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
          ],
          containers: [
            {
              name: 'coredns',
              image: 'registry.k8s.io/coredns/coredns:v1.11.1',
              imagePullPolicy: 'IfNotPresent',
              args: ['-conf', '/etc/coredns/Corefile'],
              resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
              ports: [
                { name: 'dns', containerPort: 53, protocol: 'UDP' },
                { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
                { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
              ],
              volumeMounts: [{ name: 'config-volume', mountPath: '/etc/coredns', readOnly: true }],
              livenessProbe: {
                httpGet: { path: '/health', port: 8080, scheme: 'HTTP' },
                initialDelaySeconds: 60,
                timeoutSeconds: 5,
                successThreshold: 1,
                failureThreshold: 5,
              },
              readinessProbe: { httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' } },
            },
          ],
          volumes: [{ name: 'config-volume', configMap: { name: 'coredns', items: [{ key: 'Corefile', path: 'Corefile' }] } }],
        },
      },
    },
  };
}

export function kubeProxyDaemonSet(): DaemonSet {
  const labels = { 'k8s-app': 'kube-proxy' };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'kube-proxy', namespace: 'kube-system', labels },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          priorityClassName: 'system-node-critical',
          serviceAccountName: 'kube-proxy',
          hostNetwork: true,
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          tolerations: [{ operator: 'Exists' }],
          containers: [
            {
              name: 'kube-proxy',
              image: `registry.k8s.io/kube-proxy:${KUBERNETES_VERSION}`,
              imagePullPolicy: 'IfNotPresent',
              command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'],
              env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }],
              securityContext: { privileged: true },
              volumeMounts: [
                { name: 'kube-proxy', mountPath: '/var/lib/kube-proxy' },
                { name: 'xtables-lock', mountPath: '/run/xtables.lock' },
                { name: 'lib-modules', mountPath: '/lib/modules', readOnly: true },
              ],
            },
          ],
          volumes: [
            { name: 'kube-proxy', configMap: { name: 'kube-proxy' } },
            { name: 'xtables-lock', hostPath: { path: '/run/xtables.lock', type: 'FileOrCreate' } },
            { name: 'lib-modules', hostPath: { path: '/lib/modules', type: '' } },
          ],
        },
      },
    },
  };
}

/** kubeadm's kube-proxy ConfigMap: the KubeProxyConfiguration and the kubeconfig it points at. */
export function kubeProxyConfigMap(master: NodeSpec): ConfigMap {
  const config = `apiVersion: kubeproxy.config.k8s.io/v1alpha1
bindAddress: 0.0.0.0
bindAddressHardFail: false
clientConnection:
  acceptContentTypes: ""
  burst: 0
  contentType: ""
  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf
  qps: 0
clusterCIDR: ${NETWORK.clusterCIDR}
configSyncPeriod: 0s
enableProfiling: false
healthzBindAddress: ""
hostnameOverride: ""
iptables:
  localhostNodePorts: null
  masqueradeAll: false
  masqueradeBit: null
  minSyncPeriod: 0s
  syncPeriod: 0s
kind: KubeProxyConfiguration
metricsBindAddress: ""
mode: ""
nodePortAddresses: null
oomScoreAdj: null
portRange: ""
`;
  const kubeconfig = `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
    server: https://${master.internalIP}:${NETWORK.apiserverPort}
  name: default
contexts:
- context:
    cluster: default
    namespace: default
    user: default
  name: default
current-context: default
users:
- name: default
  user:
    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token
`;
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { app: 'kube-proxy' } },
    data: { 'config.conf': config, 'kubeconfig.conf': kubeconfig },
  };
}

interface StaticPodSpec {
  component: string;
  image: string;
  command: string[];
  cpu: string;
  memory?: string;
  /** The health endpoint kubeadm probes (liveness and startup, readiness for the apiserver). */
  health: { host: string; port: number; scheme: 'HTTP' | 'HTTPS'; liveness: string; startup: string; readiness?: string };
  annotations?: Record<string, string>;
}

/**
 * The control plane's static pod manifests, as kubeadm writes them to /etc/kubernetes/manifests on
 * master01. Its kubelet runs them and publishes a mirror pod for each, named `<component>-<node>`.
 */
export function staticPods(master: NodeSpec): Pod[] {
  const ip = master.internalIP;
  const specs: StaticPodSpec[] = [
    {
      component: 'etcd',
      image: 'registry.k8s.io/etcd:3.5.12-0',
      command: ['etcd', `--advertise-client-urls=https://${ip}:2379`, '--data-dir=/var/lib/etcd', '--listen-metrics-urls=http://127.0.0.1:2381', `--name=${master.name}`],
      cpu: '100m',
      memory: '100Mi',
      health: { host: '127.0.0.1', port: 2381, scheme: 'HTTP', liveness: '/health?exclude=NOSPACE&serializable=true', startup: '/health?serializable=false' },
      annotations: { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${ip}:2379` },
    },
    {
      component: 'kube-apiserver',
      image: `registry.k8s.io/kube-apiserver:${KUBERNETES_VERSION}`,
      command: ['kube-apiserver', `--advertise-address=${ip}`, `--service-cluster-ip-range=${NETWORK.serviceCIDR}`, `--secure-port=${NETWORK.apiserverPort}`],
      cpu: '250m',
      health: { host: ip, port: NETWORK.apiserverPort, scheme: 'HTTPS', liveness: '/livez', startup: '/livez', readiness: '/readyz' },
      annotations: { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${ip}:${NETWORK.apiserverPort}` },
    },
    {
      component: 'kube-controller-manager',
      image: `registry.k8s.io/kube-controller-manager:${KUBERNETES_VERSION}`,
      command: ['kube-controller-manager', '--allocate-node-cidrs=true', `--cluster-cidr=${NETWORK.clusterCIDR}`, '--leader-elect=true'],
      cpu: '200m',
      health: { host: '127.0.0.1', port: 10257, scheme: 'HTTPS', liveness: '/healthz', startup: '/healthz' },
    },
    {
      component: 'kube-scheduler',
      image: `registry.k8s.io/kube-scheduler:${KUBERNETES_VERSION}`,
      command: ['kube-scheduler', '--bind-address=127.0.0.1', '--kubeconfig=/etc/kubernetes/scheduler.conf', '--leader-elect=true'],
      cpu: '100m',
      health: { host: '127.0.0.1', port: 10259, scheme: 'HTTPS', liveness: '/healthz', startup: '/healthz' },
    },
  ];
  return specs.map((s) => {
    const probe = (path: string, failureThreshold: number, extra: Record<string, number> = { initialDelaySeconds: 10, periodSeconds: 10 }) => ({
      httpGet: { host: s.health.host, path, port: s.health.port, scheme: s.health.scheme },
      failureThreshold,
      timeoutSeconds: 15,
      ...extra,
    });
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: s.component, namespace: 'kube-system', labels: { component: s.component, tier: 'control-plane' }, ...(s.annotations ? { annotations: s.annotations } : {}) },
      spec: {
        hostNetwork: true,
        priorityClassName: 'system-node-critical',
        priority: 2000001000,
        securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
        containers: [
          {
            name: s.component,
            image: s.image,
            imagePullPolicy: 'IfNotPresent',
            command: s.command,
            resources: { requests: { cpu: s.cpu, ...(s.memory ? { memory: s.memory } : {}) } },
            livenessProbe: probe(s.health.liveness, 8),
            startupProbe: probe(s.health.startup, 24),
            ...(s.health.readiness ? { readinessProbe: probe(s.health.readiness, 3, { periodSeconds: 1 }) } : {}),
          },
        ],
      },
    };
  });
}

/**
 * What `kubeadm config images list` names (the images init pulls in preflight): the control
 * plane's, kube-proxy's, CoreDNS's and the pause image the kubelet's sandboxes use.
 */
const PAUSE_IMAGE = 'registry.k8s.io/pause:3.9';

export function kubeadmImages(master: NodeSpec): string[] {
  const pods = [...staticPods(master).map((p) => p.spec!), kubeProxyDaemonSet().spec!.template.spec!, corednsDeployment().spec!.template.spec!];
  return [...new Set([...pods.flatMap((spec) => spec.containers.map((c) => c.image!)), PAUSE_IMAGE])];
}
