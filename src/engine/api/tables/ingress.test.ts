import type { Ingress } from 'kubernetes-types/networking/v1';
import { describe, expect, it } from 'vitest';
import { ingressHosts, ingressPrinter } from './ingress';
import { at, rowContext } from './testkit';

describe('Ingress', () => {
  it.each<[string[], string]>([
    [[], '*'],
    [[''], '*'],
    [['foo.com'], 'foo.com'],
    [['a.com', '', 'b.com'], 'a.com,b.com'],
    [['a.com', 'b.com', 'c.com', 'd.com', 'e.com'], 'a.com,b.com,c.com + 2 more...'],
  ])('HOSTS %j → %s', (hosts, want) => {
    expect(ingressHosts(hosts.map((host) => (host ? { host } : {})))).toBe(want);
  });

  it('prints CLASS HOSTS ADDRESS PORTS', () => {
    const ing: Ingress = {
      metadata: { name: 'web', creationTimestamp: at(0) },
      spec: { ingressClassName: 'nginx', rules: [{ host: 'hello.example' }], tls: [{ hosts: ['hello.example'] }] },
      status: { loadBalancer: { ingress: [{ ip: '192.168.49.2' }] } },
    };
    expect(ingressPrinter.cells(ing, rowContext(30_000))).toEqual(['web', 'nginx', 'hello.example', '192.168.49.2', '80, 443', '30s']);
    expect(ingressPrinter.cells({ metadata: { name: 'x' } }, rowContext(0))).toEqual(['x', '<none>', '*', '', '80', '<unknown>']);
    expect(ingressPrinter.columns.map((c) => c.name)).toEqual(['Name', 'Class', 'Hosts', 'Address', 'Ports', 'Age']);
  });
});
