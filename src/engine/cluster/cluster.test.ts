import { describe, expect, it } from 'vitest';
import type { Endpoints, Event, Node, Pod, Service } from 'kubernetes-types/core/v1';
import type { Deployment } from 'kubernetes-types/apps/v1';
import { resourceFor } from '../api/resources';
import { Cluster } from './cluster';

const PODS = resourceFor('', 'pods')!;
const NODES = resourceFor('', 'nodes')!;
const SERVICES = resourceFor('', 'services')!;
const EVENTS = resourceFor('', 'events')!;
const DEPLOYMENTS = resourceFor('apps', 'deployments')!;

function items<T>(cluster: Cluster, resource = PODS, namespace?: string): T[] {
  const list = cluster.client().list(resource, namespace ? { namespace } : {});
  if (!list.ok) throw new Error(list.status.message);
  return list.value.items as T[];
}

describe('a fresh cluster, as kubeadm leaves it', () => {
  const cluster = Cluster.create();

  it('has master01 (control plane, tainted) and two Ready workers with the tutorial addresses', () => {
    const nodes = items<Node>(cluster, NODES);
    expect(nodes.map((n) => n.metadata!.name)).toEqual(['master01', 'worker01', 'worker02']);
    for (const node of nodes) {
      expect(node.status!.conditions!.find((c) => c.type === 'Ready')!.status).toBe('True');
    }
    const master = nodes[0]!;
    expect(master.spec!.taints).toEqual([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
    expect(nodes.map((n) => n.status!.addresses!.find((a) => a.type === 'InternalIP')!.address)).toEqual([
      '192.168.1.130',
      '192.168.1.131',
      '192.168.1.132',
    ]);
    expect(nodes.map((n) => n.spec!.podCIDR)).toEqual(['10.244.0.0/24', '10.244.1.0/24', '10.244.2.0/24']);
  });

  it('runs the control plane on master01 and CoreDNS on the workers, all Running', () => {
    const pods = items<Pod>(cluster, PODS, 'kube-system');
    const byName = (prefix: string) => pods.filter((p) => p.metadata!.name!.startsWith(prefix));
    for (const component of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) {
      const [pod] = byName(`${component}-master01`);
      expect(pod?.spec!.nodeName).toBe('master01');
      expect(pod?.status!.podIP).toBe('192.168.1.130');
    }
    const proxies = byName('kube-proxy-');
    expect(proxies.map((p) => p.spec!.nodeName).sort()).toEqual(['master01', 'worker01', 'worker02']);
    expect(proxies.every((p) => p.status!.podIP === p.status!.hostIP)).toBe(true);
    const dns = byName('coredns-');
    expect(dns).toHaveLength(2);
    expect(dns.every((p) => p.metadata!.name!.match(/^coredns-[456789bcdf]+-[bcdfghjklmnpqrstvwxz2456789]{5}$/))).toBe(true);
    for (const pod of pods) expect(pod.status!.phase, pod.metadata!.name).toBe('Running');
  });

  it('serves the kubernetes and kube-dns Services at their well-known addresses', () => {
    const services = items<Service>(cluster, SERVICES);
    const ip = (name: string) => services.find((s) => s.metadata!.name === name)!.spec!.clusterIP;
    expect(ip('kubernetes')).toBe('10.96.0.1');
    expect(ip('kube-dns')).toBe('10.96.0.10');
  });

  it('kube-dns and kubernetes have endpoints: the CoreDNS pods and the apiserver', () => {
    const endpoints = (ns: string, name: string) => {
      const got = cluster.client().get<Endpoints>(resourceFor('', 'endpoints')!, ns, name);
      if (!got.ok) throw new Error(got.status.message);
      return got.value.subsets!.flatMap((s) => s.addresses ?? []).map((a) => a.ip).sort();
    };
    const dnsIPs = items<Pod>(cluster, PODS, 'kube-system')
      .filter((p) => p.metadata!.labels?.['k8s-app'] === 'kube-dns')
      .map((p) => p.status!.podIP!)
      .sort();
    expect(endpoints('kube-system', 'kube-dns')).toEqual(dnsIPs);
    expect(endpoints('default', 'kubernetes')).toEqual(['192.168.1.130']);
  });

  it('reached this state through reconciliation: the events tell the story', () => {
    const reasons = new Set(items<Event>(cluster, EVENTS, 'kube-system').map((e) => e.reason));
    expect(reasons).toContain('ScalingReplicaSet');
    expect(reasons).toContain('SuccessfulCreate');
    expect(reasons).toContain('Scheduled');
    const coredns = items<Deployment>(cluster, DEPLOYMENTS, 'kube-system')[0]!;
    expect(coredns.status?.availableReplicas).toBe(2);
  });

  it('is deterministic: the same seed gives the same names and IPs', () => {
    const again = Cluster.create();
    const summary = (c: Cluster) => items<Pod>(c).map((p) => `${p.metadata!.name} ${p.status!.podIP} ${p.spec!.nodeName}`);
    expect(summary(again)).toEqual(summary(cluster));
    const other = Cluster.create({ seed: 99 });
    expect(summary(other)).not.toEqual(summary(cluster));
  });
});

describe('a large cluster', () => {
  it('scales to 1,000 workers: every node Ready and running its kube-proxy', () => {
    const big = Cluster.create({ workers: 1000, seed: 3 });
    const nodes = items<Node>(big, NODES);
    expect(nodes).toHaveLength(1001);
    expect(nodes.every((n) => n.status!.conditions!.find((c) => c.type === 'Ready')!.status === 'True')).toBe(true);
    expect(new Set(nodes.map((n) => n.spec!.podCIDR)).size).toBe(1001);
    const proxies = items<Pod>(big, PODS, 'kube-system').filter((p) => p.metadata!.name!.startsWith('kube-proxy-'));
    expect(proxies).toHaveLength(1001);
    expect(proxies.every((p) => p.status!.phase === 'Running')).toBe(true);
  });
});
