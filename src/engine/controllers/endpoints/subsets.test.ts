import { describe, expect, it } from 'vitest';
import { computeSubsets } from './subsets';
import { pod, service } from './testdata';

const ref = (name: string) => ({ kind: 'Pod', namespace: 'default', name, uid: `uid-${name}` });
const addr = (name: string, ip: string, nodeName = 'worker01') => ({ ip, nodeName, targetRef: ref(name) });

describe('computeSubsets', () => {
  it('ready pods in addresses, not-ready in notReadyAddresses, one subset for one port set', () => {
    const svc = service('web', [{ port: 80, targetPort: 80, protocol: 'TCP' }]);
    const subsets = computeSubsets(svc, [
      pod('b', '10.244.1.10'),
      pod('a', '10.244.1.9'),
      pod('c', '10.244.2.3', { ready: false, node: 'worker02' }),
    ]);
    expect(subsets).toEqual([
      {
        addresses: [addr('a', '10.244.1.9'), addr('b', '10.244.1.10')],
        notReadyAddresses: [addr('c', '10.244.2.3', 'worker02')],
        ports: [{ port: 80, protocol: 'TCP' }],
      },
    ]);
  });

  it('publishNotReadyAddresses treats every pod as ready, even terminating ones', () => {
    const svc = service('web', [{ port: 80 }], { publishNotReadyAddresses: true });
    const subsets = computeSubsets(svc, [pod('a', '10.244.1.2', { ready: false }), pod('t', '10.244.1.3', { terminating: true })]);
    expect(subsets).toEqual([{ addresses: [addr('a', '10.244.1.2'), addr('t', '10.244.1.3')], ports: [{ port: 80, protocol: 'TCP' }] }]);
  });

  it('terminating and IP-less pods are dropped', () => {
    const svc = service('web', [{ port: 80 }]);
    expect(computeSubsets(svc, [pod('t', '10.244.1.3', { terminating: true }), pod('n', undefined)])).toEqual([]);
  });

  it('named targetPort: pods without the name are skipped for that port', () => {
    const svc = service('web', [
      { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' },
      { name: 'metrics', port: 9100, targetPort: 'metrics', protocol: 'TCP' },
    ]);
    const a = pod('a', '10.244.1.2', { ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9100 }] });
    const b = pod('b', '10.244.1.3', { ports: [{ name: 'http', containerPort: 8080 }] });
    const c = pod('c', '10.244.1.4', { ports: [{ name: 'web', containerPort: 80 }] });
    expect(computeSubsets(svc, [a, b, c])).toEqual([
      // Port http:8080 is offered by {a, b}; metrics:9100 by {a} alone; c offers neither.
      { addresses: [addr('a', '10.244.1.2'), addr('b', '10.244.1.3')], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] },
      { addresses: [addr('a', '10.244.1.2')], ports: [{ name: 'metrics', port: 9100, protocol: 'TCP' }] },
    ]);
  });

  it('the same name on different numbers gives one subset per number', () => {
    const svc = service('web', [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }]);
    const a = pod('a', '10.244.1.2', { ports: [{ name: 'http', containerPort: 8080 }] });
    const b = pod('b', '10.244.1.3', { ports: [{ name: 'http', containerPort: 9090 }] });
    expect(computeSubsets(svc, [b, a])).toEqual([
      { addresses: [addr('a', '10.244.1.2')], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] },
      { addresses: [addr('b', '10.244.1.3')], ports: [{ name: 'http', port: 9090, protocol: 'TCP' }] },
    ]);
  });

  it('pods serving all ports share one subset with every port', () => {
    const svc = service('web', [
      { name: 'https', port: 443, targetPort: 8443, protocol: 'TCP' },
      { name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' },
    ]);
    expect(computeSubsets(svc, [pod('a', '10.244.1.2'), pod('b', '10.244.2.2', { ready: false })])).toEqual([
      {
        addresses: [addr('a', '10.244.1.2')],
        notReadyAddresses: [addr('b', '10.244.2.2')],
        ports: [
          { name: 'http', port: 8080, protocol: 'TCP' },
          { name: 'https', port: 8443, protocol: 'TCP' },
        ],
      },
    ]);
  });

  it('a headless Service without ports gets address-only subsets; a ClusterIP one gets none', () => {
    expect(computeSubsets(service('db', [], { clusterIP: 'None' }), [pod('a', '10.244.1.2')])).toEqual([{ addresses: [addr('a', '10.244.1.2')] }]);
    expect(computeSubsets(service('db', []), [pod('a', '10.244.1.2')])).toEqual([]);
  });

  it('hostname is published for pods with subdomain = service name', () => {
    const p = pod('a', '10.244.1.2');
    p.spec!.hostname = 'db-0';
    p.spec!.subdomain = 'db';
    expect(computeSubsets(service('db', [], { clusterIP: 'None' }), [p])[0]!.addresses![0]!.hostname).toBe('db-0');
  });
});
