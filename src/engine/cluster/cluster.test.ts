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

  it('came up in kubeadm order: init on master01, then each worker joined a little later', () => {
    const created = (obj: { metadata?: { creationTimestamp?: string } }) => Date.parse(obj.metadata!.creationTimestamp!);
    const nodes = items<Node>(cluster, NODES);
    const [master, worker01, worker02] = nodes.map(created) as [number, number, number];
    expect(worker01 - master).toBeGreaterThanOrEqual(20_000);
    expect(worker02).toBeGreaterThan(worker01);
    // Each kube-proxy is as old as its node's join; CoreDNS came with the addons, before any worker.
    const pods = items<Pod>(cluster, PODS, 'kube-system');
    for (const node of nodes) {
      const proxy = pods.find((p) => p.metadata!.name!.startsWith('kube-proxy-') && p.spec!.nodeName === node.metadata!.name)!;
      expect(created(proxy) - created(node)).toBeGreaterThanOrEqual(0);
      expect(created(proxy) - created(node)).toBeLessThan(10_000);
    }
    for (const dns of pods.filter((p) => p.metadata!.name!.startsWith('coredns-'))) expect(created(dns)).toBeLessThan(worker01);
    // The session starts once all of it runs: nothing left that moves the cluster.
    expect(cluster.clock.now() - worker02).toBeLessThan(10_000);
  });

  it('pulled the addon images during init: on master01 they were already present', () => {
    const pulled = items<Event>(cluster, EVENTS, 'kube-system').filter((e) => e.reason === 'Pulled' && e.source?.host === 'master01');
    const dns = pulled.filter((e) => e.involvedObject!.name!.startsWith('coredns-'));
    expect(dns.map((e) => e.message)).toEqual([
      'Container image "registry.k8s.io/coredns/coredns:v1.11.1" already present on machine',
      'Container image "registry.k8s.io/coredns/coredns:v1.11.1" already present on machine',
    ]);
    const workerPulls = items<Event>(cluster, EVENTS, 'kube-system').filter((e) => e.reason === 'Pulling' && e.source?.host === 'worker01');
    expect(workerPulls.map((e) => e.message)).toEqual(['Pulling image "registry.k8s.io/kube-proxy:v1.30.2"']);
  });

  it('runs the control plane and CoreDNS on master01 (the only node when the addons came), all Running', () => {
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
    expect(dns.map((p) => p.spec!.nodeName)).toEqual(['master01', 'master01']);
    expect(dns.map((p) => p.status!.podIP).sort()).toEqual(['10.244.0.2', '10.244.0.3']);
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
  // Every node runs kube-proxy and flannel (two image pulls, three containers): about a minute of CPU alone,
  // four when the machine is shared — the timeout leaves room for the latter.
  it('scales to 1,000 workers: every node Ready and running its kube-proxy', { timeout: 600_000 }, () => {
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
