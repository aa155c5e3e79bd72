import { describe, expect, it } from 'vitest';
import type { Service, ServicePort } from 'kubernetes-types/core/v1';
import { envVariableName, serviceEnvVars, servicesForPod } from './service-env';

const svc = (namespace: string, name: string, clusterIP: string, ports: ServicePort[]): Service => ({
  metadata: { namespace, name },
  spec: { clusterIP, ports },
});

describe('service environment variables', () => {
  it.each([
    ['nginx', 'NGINX'],
    ['my-web', 'MY_WEB'],
    ['3d-render', '_3D_RENDER'],
  ])('%s → %s', (name, env) => expect(envVariableName(name)).toBe(env));

  it('a service with a named port, as the kubelet writes them', () => {
    const vars = serviceEnvVars([svc('default', 'my-web', '10.96.3.7', [{ name: 'http', port: 80, protocol: 'TCP' }])]);
    expect(vars.map((v) => `${v.name}=${v.value}`)).toEqual([
      'MY_WEB_SERVICE_HOST=10.96.3.7',
      'MY_WEB_SERVICE_PORT=80',
      'MY_WEB_SERVICE_PORT_HTTP=80',
      'MY_WEB_PORT=tcp://10.96.3.7:80',
      'MY_WEB_PORT_80_TCP=tcp://10.96.3.7:80',
      'MY_WEB_PORT_80_TCP_PROTO=tcp',
      'MY_WEB_PORT_80_TCP_PORT=80',
      'MY_WEB_PORT_80_TCP_ADDR=10.96.3.7',
    ]);
  });

  it('the kubernetes service (https 443, UDP defaults aside)', () => {
    const vars = serviceEnvVars([svc('default', 'kubernetes', '10.96.0.1', [{ name: 'https', port: 443, protocol: 'TCP' }])]);
    expect(Object.fromEntries(vars.map((v) => [v.name, v.value]))).toMatchObject({
      KUBERNETES_SERVICE_HOST: '10.96.0.1',
      KUBERNETES_SERVICE_PORT: '443',
      KUBERNETES_SERVICE_PORT_HTTPS: '443',
      KUBERNETES_PORT: 'tcp://10.96.0.1:443',
      KUBERNETES_PORT_443_TCP_ADDR: '10.96.0.1',
    });
  });

  it('only the first port gets the plain _PORT variable; UDP ports say udp', () => {
    const vars = serviceEnvVars([svc('kube-system', 'kube-dns', '10.96.0.10', [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP' }])]);
    const names = vars.map((v) => v.name);
    expect(names.filter((n) => n === 'KUBE_DNS_PORT')).toHaveLength(1);
    expect(vars.find((v) => v.name === 'KUBE_DNS_PORT')!.value).toBe('udp://10.96.0.10:53');
    expect(names).toContain('KUBE_DNS_PORT_53_UDP_PROTO');
    expect(names).toContain('KUBE_DNS_PORT_53_TCP_PROTO');
    expect(names).toContain('KUBE_DNS_SERVICE_PORT_DNS_TCP');
  });

  describe('which services a pod sees', () => {
    const all = [
      svc('default', 'kubernetes', '10.96.0.1', [{ port: 443 }]),
      svc('default', 'nginx', '10.96.5.5', [{ port: 80 }]),
      svc('default', 'headless', 'None', [{ port: 80 }]),
      svc('kube-system', 'kube-dns', '10.96.0.10', [{ port: 53 }]),
      svc('dev', 'api', '10.96.9.9', [{ port: 8080 }]),
    ];
    it.each<[string, string, boolean, string[]]>([
      ['default namespace', 'default', true, ['kubernetes', 'nginx']],
      ['another namespace', 'dev', true, ['api', 'kubernetes']],
      ['enableServiceLinks: false keeps only kubernetes', 'default', false, ['kubernetes']],
      ['kube-system', 'kube-system', true, ['kube-dns', 'kubernetes']],
    ])('%s', (_name, namespace, links, expected) => {
      expect(servicesForPod(all, namespace, links).map((s) => s.metadata!.name)).toEqual(expected);
    });
  });
});
