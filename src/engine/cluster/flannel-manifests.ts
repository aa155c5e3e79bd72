/**
 * flannel v0.25 as its `kube-flannel.yml` deploys it (what the administrator applies right after
 * `kubeadm init`): the `kube-flannel` namespace, flannel's ServiceAccount and its ClusterRole
 * (read pods and nodes, patch node status), the `kube-flannel-cfg` ConfigMap — the CNI config the
 * install-cni init container copies to /etc/cni/net.d, and flanneld's net-conf.json — and the
 * `kube-flannel-ds` DaemonSet that runs flanneld on every node's host network.
 */
import type { ConfigMap, Namespace, ServiceAccount } from 'kubernetes-types/core/v1';
import type { ClusterRole, ClusterRoleBinding } from 'kubernetes-types/rbac/v1';
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { KubeObject } from '../api/types';
import { NETWORK } from './layout';

export const FLANNEL_NAMESPACE = 'kube-flannel';
export const FLANNEL_IMAGE = 'docker.io/flannel/flannel:v0.25.4';
export const FLANNEL_CNI_PLUGIN_IMAGE = 'docker.io/flannel/flannel-cni-plugin:v1.4.1-flannel1';
/** Where install-cni puts the CNI config, and where containerd looks for one. */
export const CNI_CONF_DIR = '/etc/cni/net.d';
export const FLANNEL_CONFLIST = `${CNI_CONF_DIR}/10-flannel.conflist`;

const K8S_APP = { 'k8s-app': 'flannel' };
const NODE_TIER = { tier: 'node', app: 'flannel' };

/** flannel delegates to the bridge plugin (cni0, hairpin, pods' default route) and chains portmap. */
export const CNI_CONF_JSON = `{
  "name": "cbr0",
  "cniVersion": "0.3.1",
  "plugins": [
    {
      "type": "flannel",
      "delegate": {
        "hairpinMode": true,
        "isDefaultGateway": true
      }
    },
    {
      "type": "portmap",
      "capabilities": {
        "portMappings": true
      }
    }
  ]
}
`;

export const NET_CONF_JSON = `{
  "Network": "${NETWORK.clusterCIDR}",
  "Backend": {
    "Type": "vxlan"
  }
}
`;

/** The objects of kube-flannel.yml, in the file's order (`kubectl apply` creates them so). */
export function flannelManifests(): { resource: [group: string, plural: string]; object: KubeObject }[] {
  const namespace: Namespace = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: FLANNEL_NAMESPACE, labels: { ...K8S_APP, 'pod-security.kubernetes.io/enforce': 'privileged' } },
  };
  const role: ClusterRole = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'flannel', labels: K8S_APP },
    rules: [
      { apiGroups: [''], resources: ['pods'], verbs: ['get'] },
      { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['nodes/status'], verbs: ['patch'] },
    ],
  };
  const binding: ClusterRoleBinding = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'flannel', labels: K8S_APP },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'flannel' },
    subjects: [{ kind: 'ServiceAccount', name: 'flannel', namespace: FLANNEL_NAMESPACE }],
  };
  const account: ServiceAccount = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'flannel', namespace: FLANNEL_NAMESPACE, labels: K8S_APP } };
  const config: ConfigMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'kube-flannel-cfg', namespace: FLANNEL_NAMESPACE, labels: { tier: 'node', ...K8S_APP, app: 'flannel' } },
    data: { 'cni-conf.json': CNI_CONF_JSON, 'net-conf.json': NET_CONF_JSON },
  };
  return [
    { resource: ['', 'namespaces'], object: namespace },
    { resource: ['rbac.authorization.k8s.io', 'clusterroles'], object: role },
    { resource: ['rbac.authorization.k8s.io', 'clusterrolebindings'], object: binding },
    { resource: ['', 'serviceaccounts'], object: account },
    { resource: ['', 'configmaps'], object: config },
    { resource: ['apps', 'daemonsets'], object: flannelDaemonSet() },
  ];
}

export function flannelDaemonSet(): DaemonSet {
  const fieldRef = (fieldPath: string) => ({ valueFrom: { fieldRef: { fieldPath } } });
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'kube-flannel-ds', namespace: FLANNEL_NAMESPACE, labels: { ...NODE_TIER, ...K8S_APP } },
    spec: {
      selector: { matchLabels: { app: 'flannel' } },
      template: {
        metadata: { labels: NODE_TIER },
        spec: {
          affinity: {
            nodeAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }] }],
              },
            },
          },
          hostNetwork: true,
          priorityClassName: 'system-node-critical',
          tolerations: [{ operator: 'Exists', effect: 'NoSchedule' }],
          serviceAccountName: 'flannel',
          initContainers: [
            {
              name: 'install-cni-plugin',
              image: FLANNEL_CNI_PLUGIN_IMAGE,
              command: ['cp'],
              args: ['-f', '/flannel', '/opt/cni/bin/flannel'],
              volumeMounts: [{ name: 'cni-plugin', mountPath: '/opt/cni/bin' }],
            },
            {
              name: 'install-cni',
              image: FLANNEL_IMAGE,
              command: ['cp'],
              args: ['-f', '/etc/kube-flannel/cni-conf.json', FLANNEL_CONFLIST],
              volumeMounts: [
                { name: 'cni', mountPath: CNI_CONF_DIR },
                { name: 'flannel-cfg', mountPath: '/etc/kube-flannel/' },
              ],
            },
          ],
          containers: [
            {
              name: 'kube-flannel',
              image: FLANNEL_IMAGE,
              command: ['/opt/bin/flanneld'],
              args: ['--ip-masq', '--kube-subnet-mgr'],
              resources: { requests: { cpu: '100m', memory: '50Mi' } },
              securityContext: { privileged: false, capabilities: { add: ['NET_ADMIN', 'NET_RAW'] } },
              env: [
                { name: 'POD_NAME', ...fieldRef('metadata.name') },
                { name: 'POD_NAMESPACE', ...fieldRef('metadata.namespace') },
                { name: 'EVENT_QUEUE_DEPTH', value: '5000' },
              ],
              volumeMounts: [
                { name: 'run', mountPath: '/run/flannel' },
                { name: 'flannel-cfg', mountPath: '/etc/kube-flannel/' },
                { name: 'xtables-lock', mountPath: '/run/xtables.lock' },
              ],
            },
          ],
          volumes: [
            { name: 'run', hostPath: { path: '/run/flannel' } },
            { name: 'cni-plugin', hostPath: { path: '/opt/cni/bin' } },
            { name: 'cni', hostPath: { path: CNI_CONF_DIR } },
            { name: 'flannel-cfg', configMap: { name: 'kube-flannel-cfg' } },
            { name: 'xtables-lock', hostPath: { path: '/run/xtables.lock', type: 'FileOrCreate' } },
          ],
        },
      },
    },
  };
}
