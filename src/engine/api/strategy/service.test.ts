import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types';
import { context, create, resource, update } from './testing';

const services = resource('', 'services');

const svc = (spec: Record<string, unknown>, name = 'web', namespace = 'default'): Record<string, unknown> => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace },
  spec,
});
const specOf = (o: KubeObject): Record<string, unknown> => (o as unknown as { spec: Record<string, unknown> }).spec;

describe('Service defaults and allocation', () => {
  it('ClusterIP: defaults and an address from the upper part of 10.96.0.0/12', () => {
    const { obj, errors } = create(services, svc({ selector: { app: 'web' }, ports: [{ port: 80 }] }));
    expect(errors).toEqual([]);
    const spec = specOf(obj);
    expect(spec).toMatchObject({
      type: 'ClusterIP',
      sessionAffinity: 'None',
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
    });
    expect(spec.externalTrafficPolicy).toBeUndefined();
    expect(spec.clusterIPs).toEqual([spec.clusterIP]);
    const [a, b, c] = String(spec.clusterIP).split('.').map(Number);
    expect(a).toBe(10);
    expect(b! >= 96 && b! <= 111).toBe(true);
    expect(b! > 96 || c! > 0).toBe(true);
    expect((obj as unknown as { status: unknown }).status).toEqual({ loadBalancer: {} });
  });

  it('NodePort: a node port in range and externalTrafficPolicy Cluster', () => {
    const { obj } = create(services, svc({ type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] }));
    const spec = specOf(obj);
    const port = (spec.ports as { nodePort: number; targetPort: number }[])[0]!;
    expect(port.targetPort).toBe(8080);
    expect(port.nodePort >= 30000 && port.nodePort <= 32767).toBe(true);
    expect(spec.externalTrafficPolicy).toBe('Cluster');
  });

  it('headless and ExternalName services get no address', () => {
    const headless = specOf(create(services, svc({ clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] })).obj);
    expect(headless).toMatchObject({ clusterIP: 'None', clusterIPs: ['None'], ipFamilyPolicy: 'SingleStack' });
    const external = create(services, svc({ type: 'ExternalName', externalName: 'example.com' }));
    expect(external.errors).toEqual([]);
    expect(specOf(external.obj).clusterIP).toBeUndefined();
    expect(specOf(external.obj).ipFamilies).toBeUndefined();
  });

  it('takes the bootstrap addresses when asked for them', () => {
    const { obj, errors } = create(services, svc({ clusterIP: '10.96.0.10', ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] }, 'kube-dns', 'kube-system'));
    expect(errors).toEqual([]);
    expect(specOf(obj).clusterIPs).toEqual(['10.96.0.10']);
  });

  it('never hands out an address or node port that is in use', () => {
    const stored: { resource: typeof services; obj: KubeObject }[] = [];
    const ips = new Set<string>();
    const ports = new Set<number>();
    for (let i = 0; i < 50; i++) {
      const ctx = context(stored, 3);
      const { obj } = create(services, svc({ type: 'NodePort', ports: [{ port: 80 }] }, `s${i}`), ctx);
      const spec = specOf(obj);
      ips.add(String(spec.clusterIP));
      ports.add((spec.ports as { nodePort: number }[])[0]!.nodePort);
      stored.push({ resource: services, obj });
    }
    expect(ips.size).toBe(50);
    expect(ports.size).toBe(50);
  });
});

describe('Service validation', () => {
  const taken = [{ resource: services, obj: create(services, svc({ type: 'NodePort', clusterIP: '10.107.83.135', ports: [{ port: 80, nodePort: 32444 }] }, 'nginx')).obj }];

  it.each([
    ['no ports', svc({ selector: { app: 'web' } }), ['spec.ports: Required value']],
    [
      'bad name',
      svc({ ports: [{ port: 80 }] }, '1web'),
      [
        `metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
      ],
    ],
    ['port out of range', svc({ ports: [{ port: 0, targetPort: 80 }] }), ['spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive']],
    ['several ports need names', svc({ ports: [{ port: 80 }, { name: 'https', port: 443 }] }), ['spec.ports[0].name: Required value']],
    [
      'duplicate port names',
      svc({ ports: [{ name: 'http', port: 80 }, { name: 'http', port: 81 }] }),
      ['spec.ports[1].name: Duplicate value: "http"'],
    ],
    [
      'duplicate port numbers',
      svc({ ports: [{ name: 'a', port: 80 }, { name: 'b', port: 80 }] }),
      [
        'spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
      ],
    ],
    ['unknown type', svc({ type: 'Internal', ports: [{ port: 80 }] }), ['spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"']],
    ['nodePort on ClusterIP', svc({ ports: [{ port: 80, nodePort: 30080 }] }), ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]],
    [
      'nodePort out of range',
      svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 40000 }] }),
      ['spec.ports[0].nodePort: Invalid value: 40000: provided port is not in the valid range. The range of valid ports is 30000-32767'],
    ],
    ['nodePort taken', svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 32444 }] }), ['spec.ports[0].nodePort: Invalid value: 32444: provided port is already allocated']],
    [
      'clusterIP out of range',
      svc({ clusterIP: '1.2.3.4', ports: [{ port: 80 }] }),
      ['spec.clusterIPs: Invalid value: []string{"1.2.3.4"}: failed to allocate IP 1.2.3.4: provided IP is not in the valid range. The range of valid IPs is 10.96.0.0/12'],
    ],
    [
      'clusterIP taken',
      svc({ clusterIP: '10.107.83.135', ports: [{ port: 80 }] }),
      ['spec.clusterIPs: Invalid value: []string{"10.107.83.135"}: failed to allocate IP 10.107.83.135: provided IP is already allocated'],
    ],
    [
      'clusterIP not an address',
      svc({ clusterIP: 'abc', ports: [{ port: 80 }] }),
      ['spec.clusterIPs[0]: Invalid value: "abc": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'],
    ],
    ['ExternalName without a name', svc({ type: 'ExternalName' }), ['spec.externalName: Required value']],
    [
      'bad selector value',
      svc({ selector: { app: 'a b' }, ports: [{ port: 80 }] }),
      [
        `spec.selector: Invalid value: "a b": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
      ],
    ],
    ['headless NodePort', svc({ type: 'NodePort', clusterIP: 'None', ports: [{ port: 80 }] }), ["spec.clusterIP: Invalid value: \"None\": may not be set to 'None' for NodePort services"]],
  ])('%s', (_, body, expected) => {
    expect(create(services, body, context(taken)).errors).toEqual(expected);
  });
});

describe('Service updates', () => {
  const stored = create(services, svc({ type: 'NodePort', selector: { app: 'web' }, ports: [{ name: 'http', port: 80 }] })).obj;
  const storedSpec = specOf(stored);

  it('keeps the allocated address and node port when the client leaves them out (kubectl apply / replace)', () => {
    const { obj, errors } = update(services, svc({ type: 'NodePort', selector: { app: 'web' }, ports: [{ name: 'http', port: 80 }] }), stored);
    expect(errors).toEqual([]);
    expect(specOf(obj).clusterIP).toBe(storedSpec.clusterIP);
    expect(specOf(obj).ports).toEqual(storedSpec.ports);
  });

  it('refuses a new address', () => {
    const next = JSON.parse(JSON.stringify(stored));
    next.spec.clusterIP = '10.100.0.5';
    expect(update(services, next, stored).errors).toEqual(['spec.clusterIPs[0]: Invalid value: []string{"10.100.0.5"}: may not change once set']);
  });

  it('drops node ports and the external policy when going back to ClusterIP', () => {
    const next = JSON.parse(JSON.stringify(stored));
    next.spec.type = 'ClusterIP';
    const { obj, errors } = update(services, next, stored);
    expect(errors).toEqual([]);
    expect((specOf(obj).ports as { nodePort?: number }[])[0]!.nodePort).toBeUndefined();
    expect(specOf(obj).externalTrafficPolicy).toBeUndefined();
  });

  it('allocates node ports when becoming a NodePort', () => {
    const clusterIP = create(services, svc({ ports: [{ port: 80 }] })).obj;
    const next = JSON.parse(JSON.stringify(clusterIP));
    next.spec.type = 'NodePort';
    const { obj, errors } = update(services, next, clusterIP);
    expect(errors).toEqual([]);
    expect((specOf(obj).ports as { nodePort?: number }[])[0]!.nodePort).toBeGreaterThanOrEqual(30000);
  });
});
