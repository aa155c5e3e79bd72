import type { Service } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { Clock } from '../../sim/clock';
import { sinceWall, wallNow } from './duration';
import { SERVICE_COLUMNS, loadBalancerStatusString, serviceExternalIP, servicePorts, servicePrinter } from './service';

const clock = new Clock();
const nowWall = wallNow(clock, 12_000);
const ctx = { nowWall, age: (t: string | undefined | null) => sinceWall(t, nowWall) };

const svc = (spec: Service['spec'], status?: Service['status']): Service => ({
  metadata: { name: 'nginx', creationTimestamp: clock.timestamp(0) },
  spec,
  ...(status ? { status } : {}),
});

describe('service row', () => {
  it.each<[string, Service, unknown[]]>([
    [
      'kubernetes',
      svc({ type: 'ClusterIP', clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] }),
      ['nginx', 'ClusterIP', '10.96.0.1', '<none>', '443/TCP', '12s', '<none>'],
    ],
    [
      'node port',
      svc({ type: 'NodePort', clusterIPs: ['10.107.83.135'], selector: { app: 'nginx' }, ports: [{ port: 80, nodePort: 32444, protocol: 'TCP' }] }),
      ['nginx', 'NodePort', '10.107.83.135', '<none>', '80:32444/TCP', '12s', 'app=nginx'],
    ],
    [
      'kube-dns',
      svc({
        type: 'ClusterIP',
        clusterIPs: ['10.96.0.10'],
        selector: { 'k8s-app': 'kube-dns' },
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP' },
          { name: 'dns-tcp', port: 53, protocol: 'TCP' },
          { name: 'metrics', port: 9153, protocol: 'TCP' },
        ],
      }),
      ['nginx', 'ClusterIP', '10.96.0.10', '<none>', '53/UDP,53/TCP,9153/TCP', '12s', 'k8s-app=kube-dns'],
    ],
    ['headless', svc({ type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], ports: [{ port: 80, protocol: 'TCP' }] }), ['nginx', 'ClusterIP', 'None', '<none>', '80/TCP', '12s', '<none>']],
    ['external name', svc({ type: 'ExternalName', externalName: 'example.com' }), ['nginx', 'ExternalName', '<none>', 'example.com', '<none>', '12s', '<none>']],
    [
      'load balancer pending',
      svc({ type: 'LoadBalancer', clusterIPs: ['10.96.5.5'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }] }),
      ['nginx', 'LoadBalancer', '10.96.5.5', '<pending>', '80:30080/TCP', '12s', '<none>'],
    ],
    [
      'clusterIP only (before clusterIPs were synced)',
      svc({ type: 'ClusterIP', clusterIP: '10.96.1.1', ports: [{ port: 80, protocol: 'TCP' }] }),
      ['nginx', 'ClusterIP', '10.96.1.1', '<none>', '80/TCP', '12s', '<none>'],
    ],
  ])('%s', (_, s, want) => {
    const cells = servicePrinter.cells(s, ctx);
    expect(cells).toEqual(want);
    expect(cells).toHaveLength(SERVICE_COLUMNS.length);
  });

  it('names its columns like the server', () => {
    expect(SERVICE_COLUMNS.map((c) => c.name)).toEqual(['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age', 'Selector']);
  });
});

describe('EXTERNAL-IP', () => {
  it('joins external IPs for ClusterIP and NodePort', () => {
    expect(serviceExternalIP(svc({ type: 'ClusterIP', externalIPs: ['1.2.3.4', '5.6.7.8'] }))).toBe('1.2.3.4,5.6.7.8');
    expect(serviceExternalIP(svc({ type: 'NodePort', externalIPs: ['1.2.3.4'] }))).toBe('1.2.3.4');
  });
  it('lists load-balancer ingress sorted and de-duplicated, then external IPs', () => {
    const lb = svc({ type: 'LoadBalancer', externalIPs: ['9.9.9.9'] }, { loadBalancer: { ingress: [{ ip: '5.5.5.5' }, { hostname: 'a.example.com' }, { ip: '5.5.5.5' }] } });
    expect(serviceExternalIP(lb)).toBe('5.5.5.5,a.example.com,9.9.9.9');
  });
  it('cuts long addresses only when not wide (the server always builds wide)', () => {
    const status = { ingress: [{ hostname: 'a1234567890.elb.example.com' }] };
    expect(loadBalancerStatusString(status, false)).toBe('a1234567890.e...');
    expect(loadBalancerStatusString(status, true)).toBe('a1234567890.elb.example.com');
  });
  it('is <unknown> for an unknown type', () => {
    expect(serviceExternalIP(svc({ type: 'Weird' }))).toBe('<unknown>');
  });
});

describe('PORT(S)', () => {
  it('is <none> without ports', () => {
    expect(servicePorts(undefined)).toBe('<none>');
    expect(servicePorts([])).toBe('<none>');
  });
});
