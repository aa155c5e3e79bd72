/**
 * A small world for the DNS clients' tests: a cluster's apiserver with a few Services (no
 * controllers: EndpointSlices are written by hand), the ClusterZone provided to the kernel, a
 * CoreDNS process answering at the kube-dns address 10.96.0.10, and a client namespace (a pod at
 * 10.244.1.9 in `default`, with the resolv.conf the kubelet writes) to run nslookup, dig and the
 * resolver in. CoreDNS forwards other names to the lab router's dnsmasq at 192.168.1.2, which
 * knows `worker01` (192.168.1.131). Without `coredns`, nothing listens at 10.96.0.10: queries go
 * unanswered.
 */
import type { Service } from 'kubernetes-types/core/v1';
import { R, TestCluster } from '../../../engine/controllers/testing/harness';
import { CLUSTER_DNS, ClusterZone } from '../../../engine/network/dns/zone';
import { buildImageLayer, createContainerFs, type LayerSpec } from '../../../engine/runtime/fs';
import { SinkFile, SourceFile } from '../../../engine/runtime/process/files';
import { Netns, PidNamespace, type Program, type TrafficEvent } from '../../../engine/runtime/process';
import type { ToolRun } from '../testkit';

export const POD_RESOLV_CONF = 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n';

export interface DnsWorld {
  readonly cluster: TestCluster;
  readonly events: TrafficEvent[];
  service(name: string, spec: Service['spec'], namespace?: string): void;
  /** Runs argv in the client pod until it exits; `program` runs that code instead (a resolver test). */
  run(argv: string[], options?: { program?: Program; ms?: number }): ToolRun & { elapsedMs: number };
}

export function dnsWorld(options: { coredns?: boolean; resolvConf?: string } = {}): DnsWorld {
  const cluster = new TestCluster({ kubelets: false, binder: false });
  const events: TrafficEvent[] = [];
  const zone = new ClusterZone(cluster.context('coredns'), { domain: 'cluster.local', publish: (e) => events.push(e) });
  zone.start();
  cluster.kernel.provide(CLUSTER_DNS, zone);
  cluster.start();
  const service = (name: string, spec: Service['spec'], namespace = 'default'): void => {
    cluster.must(R.services, { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec });
  };
  service('nginx', { clusterIP: '10.107.83.135', selector: { app: 'nginx' }, ports: [{ name: 'http', port: 80 }] });
  service('kube-dns', { clusterIP: '10.96.0.10', selector: { 'k8s-app': 'kube-dns' }, ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] }, 'kube-system');
  service('web', { clusterIP: 'None', selector: { app: 'web' }, ports: [{ port: 80 }] });
  cluster.must(R.endpointslices, {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4',
    metadata: { name: 'web-x1', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } },
    endpoints: [{ addresses: ['10.244.1.5'], conditions: { ready: true } }, { addresses: ['10.244.2.6'], conditions: { ready: true } }],
    ports: [{ port: 80, protocol: 'TCP' }],
  });
  cluster.settle();

  const network = cluster.kernel.network;
  const namespace = (name: string, ip: string, files: LayerSpec): PidNamespace => {
    const netns = new Netns(name, [ip]);
    network.attach(ip, netns);
    const table = { '/usr/bin/coredns': 'coredns', '/bin/nslookup': 'busybox:nslookup', '/usr/bin/dig': 'dig', '/usr/sbin/dnsmasq': 'dnsmasq' };
    const layer: LayerSpec = { ...files, ...Object.fromEntries(Object.keys(table).map((p) => [p, { file: '\x7fELF', mode: 0o755 }])) };
    return new PidNamespace(name, name.split('/')[1]!, createContainerFs({ image: buildImageLayer(layer) }), table, netns);
  };
  if (options.coredns ?? true) {
    // CoreDNS answers at the Service address itself: what clients see once conntrack has done its work.
    cluster.kernel.spawn(namespace('kube-system/coredns', '10.96.0.10', { '/etc/resolv.conf': { file: 'nameserver 192.168.1.2\n' } }), ['/usr/bin/coredns', '-conf', '/etc/coredns/Corefile']);
    cluster.kernel.spawn(namespace('lab/gateway', '192.168.1.2', { '/etc/hosts': { file: '192.168.1.131 worker01\n' } }), ['/usr/sbin/dnsmasq', '-k']);
  }
  const client = namespace('default/client', '10.244.1.9', { '/etc/resolv.conf': { file: options.resolvConf ?? POD_RESOLV_CONF } });
  cluster.clock.advance(10);

  return {
    cluster,
    events,
    service,
    run(argv, runOptions = {}) {
      let stdout = '';
      let stderr = '';
      const stdin = new SourceFile();
      stdin.end();
      const started = cluster.clock.now();
      const proc = cluster.kernel.spawn(client, argv, {
        env: { PATH: '/bin:/usr/bin' },
        files: [stdin, new SinkFile((d) => (stdout += d)), new SinkFile((d) => (stderr += d))],
        ...(runOptions.program ? { program: runOptions.program } : {}),
      });
      cluster.clock.runUntil(() => proc.exited !== undefined, runOptions.ms ?? 600_000);
      return { stdout, stderr, code: proc.exited?.code, elapsedMs: cluster.clock.now() - started };
    },
  };
}
