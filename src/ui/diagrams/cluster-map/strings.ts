/** The cluster map's words. Object names and Kubernetes' own terms (Running, Ready, ClusterIP) stay as kubectl prints them. */
import { defineStrings } from '../../i18n';
import type { PodTone } from './tone';

const restarts = (n: number) => `${n} restart${n === 1 ? '' : 's'}`;

export const MAP_STRINGS = defineStrings({
  en: {
    map: 'cluster map',
    /** A map in a lesson step: not called the same as the tab's map. */
    lessonMap: 'map of the cluster in this lesson',
    namespace: 'Namespace',
    allNamespaces: 'all namespaces',
    shownNamespace: (namespace: string) => `Namespace: ${namespace}`,
    namespaceFromTab: 'Choose the namespace on the Cluster map tab',
    deployments: 'Deployments → ReplicaSets',
    services: 'Services',
    waiting: 'waiting for a node',
    legend: 'pod colours',
    noPods: 'No pods in this namespace yet.',
    restartsShort: (n: number) => `↻${n}`,
    node: (name: string, status: string, roles: string, ip: string) => `Node ${name}: ${status}, roles ${roles}, ${ip}`,
    lane: (count: number) => `${count} pod${count === 1 ? '' : 's'} waiting for a node`,
    pod: (name: string, status: string, ready: string, n: number, where: string) => `Pod ${name}: ${status}, ${ready} ready, ${restarts(n)}, ${where ? `on ${where}` : 'not scheduled'}`,
    group: (owner: string, count: number, tone: string) => `${count} pods of ${owner || 'no owner'}: ${tone}`,
    deployment: (name: string, ready: number, replicas: number) => `Deployment ${name}: ${ready}/${replicas} ready`,
    replicaSet: (name: string, ready: number, desired: number) => `ReplicaSet ${name}: ${ready}/${desired} ready`,
    service: (name: string, type: string, address: string) => `Service ${name}: ${type} ${address}`,
    tone_pending: 'starting',
    tone_ready: 'running, ready',
    'tone_not-ready': 'running, not ready',
    tone_failed: 'failing',
    tone_terminating: 'terminating',
    tone_succeeded: 'completed',
  },
  zh: {
    map: '集群地图',
    lessonMap: '本课里的集群示意图',
    namespace: '命名空间',
    allNamespaces: '全部命名空间',
    shownNamespace: (namespace: string) => `命名空间：${namespace}`,
    namespaceFromTab: '在“集群地图”标签页中切换命名空间',
    deployments: 'Deployment → ReplicaSet',
    services: 'Service',
    waiting: '等待调度到节点',
    legend: 'Pod 颜色',
    noPods: '这个命名空间里还没有 Pod。',
    restartsShort: (n: number) => `↻${n}`,
    node: (name: string, status: string, roles: string, ip: string) => `节点 ${name}：${status}，角色 ${roles}，${ip}`,
    lane: (count: number) => `${count} 个 Pod 在等待调度到节点`,
    pod: (name: string, status: string, ready: string, n: number, where: string) => `Pod ${name}：${status}，就绪 ${ready}，重启 ${n} 次，${where ? `在 ${where} 上` : '尚未调度'}`,
    group: (owner: string, count: number, tone: string) => `${owner || '无属主'} 的 ${count} 个 Pod：${tone}`,
    deployment: (name: string, ready: number, replicas: number) => `Deployment ${name}：就绪 ${ready}/${replicas}`,
    replicaSet: (name: string, ready: number, desired: number) => `ReplicaSet ${name}：就绪 ${ready}/${desired}`,
    service: (name: string, type: string, address: string) => `Service ${name}：${type} ${address}`,
    tone_pending: '启动中',
    tone_ready: '运行中，已就绪',
    'tone_not-ready': '运行中，未就绪',
    tone_failed: '出错',
    tone_terminating: '终止中',
    tone_succeeded: '已完成',
  },
});

export const toneKey = (tone: PodTone) => `tone_${tone}` as const;
