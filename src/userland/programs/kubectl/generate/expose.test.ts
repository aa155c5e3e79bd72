/**
 * `kubectl expose` against the real kubectl 1.30: the objects below are the ones the captures were
 * made against, and each expected text is what `kubectl expose … --dry-run=client -o yaml` printed.
 */
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../engine/api/types';
import { serviceForExpose, type ExposeSpec } from './service';
import { thrown } from './testing';

const deployment = (name: string, ports?: object[]): KubeObject =>
  ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image: 'nginx', ...(ports ? { ports } : {}) }] } },
    },
  }) as KubeObject;
const pod = (name: string, labels: Record<string, string> | undefined, ports: object[] = []): KubeObject =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, ...(labels ? { labels } : {}) }, spec: { containers: [{ name, image: 'nginx', ports }] } }) as KubeObject;

const web = deployment('web', [{ containerPort: 80, protocol: 'TCP' }]);
const two = pod('two', { run: 'two' }, [
  { containerPort: 80, name: 'http', protocol: 'TCP' },
  { containerPort: 443, protocol: 'UDP' },
]);
const svc1 = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'svc1', labels: { app: 'svc1' } },
  spec: {
    selector: { app: 'svc1' },
    ports: [
      { name: '80-8080', port: 80, protocol: 'TCP', targetPort: 8080 },
      { name: '443-8443', port: 443, protocol: 'TCP', targetPort: 8443 },
    ],
  },
} as KubeObject;
const rs = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'web-748595ffdc', labels: { app: 'web', 'pod-template-hash': '748595ffdc' } },
  spec: {
    selector: { matchLabels: { app: 'web', 'pod-template-hash': '748595ffdc' } },
    template: { spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80, protocol: 'TCP' }] }] } },
  },
} as KubeObject;

describe('kubectl expose → Service', () => {
  it.each<[string, KubeObject, ExposeSpec, string]>([
    [
      'expose deployment web',
      web,
      {},
      `metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  ports:
  - port: 80
    protocol: TCP
    targetPort: 80
  selector:
    app: web
`,
    ],
    [
      'expose pod nginx-deploy --name=nginx --port=80 --target-port=80 --protocol=TCP (the tutorial)',
      pod('nginx-deploy', { run: 'nginx-deploy' }, [{ containerPort: 80, protocol: 'TCP' }]),
      { name: 'nginx', port: '80', targetPort: '80', protocol: 'TCP' },
      `metadata:
  creationTimestamp: null
  labels:
    run: nginx-deploy
  name: nginx
spec:
  ports:
  - port: 80
    protocol: TCP
    targetPort: 80
  selector:
    run: nginx-deploy
`,
    ],
    [
      'expose pod two: every container port, named port-N, protocols kept',
      two,
      {},
      `metadata:
  creationTimestamp: null
  labels:
    run: two
  name: two
spec:
  ports:
  - name: port-1
    port: 80
    protocol: TCP
    targetPort: 80
  - name: port-2
    port: 443
    protocol: UDP
    targetPort: 443
  selector:
    run: two
`,
    ],
    [
      'expose pod two --protocol=UDP: one protocol for all',
      two,
      { protocol: 'UDP' },
      `metadata:
  creationTimestamp: null
  labels:
    run: two
  name: two
spec:
  ports:
  - name: port-1
    port: 80
    protocol: UDP
    targetPort: 80
  - name: port-2
    port: 443
    protocol: UDP
    targetPort: 443
  selector:
    run: two
`,
    ],
    [
      'expose pod two --port=8080',
      two,
      { port: '8080' },
      `metadata:
  creationTimestamp: null
  labels:
    run: two
  name: two
spec:
  ports:
  - port: 8080
    protocol: TCP
    targetPort: 8080
  selector:
    run: two
`,
    ],
    [
      'expose service svc1 --name=svc2: the service ports, targeting themselves',
      svc1,
      { name: 'svc2' },
      `metadata:
  creationTimestamp: null
  labels:
    app: svc1
  name: svc2
spec:
  ports:
  - name: port-1
    port: 80
    protocol: TCP
    targetPort: 80
  - name: port-2
    port: 443
    protocol: TCP
    targetPort: 443
  selector:
    app: svc1
`,
    ],
    [
      'expose replicaset web-748595ffdc --name=rsvc',
      rs,
      { name: 'rsvc' },
      `metadata:
  creationTimestamp: null
  labels:
    app: web
    pod-template-hash: 748595ffdc
  name: rsvc
spec:
  ports:
  - port: 80
    protocol: TCP
    targetPort: 80
  selector:
    app: web
    pod-template-hash: 748595ffdc
`,
    ],
    [
      'expose deployment web --port=8080 --target-port=http --type=NodePort --selector=app=web,x=y --name=w2',
      web,
      { port: '8080', targetPort: 'http', type: 'NodePort', selector: 'app=web,x=y', name: 'w2' },
      `metadata:
  creationTimestamp: null
  labels:
    app: web
  name: w2
spec:
  ports:
  - port: 8080
    protocol: TCP
    targetPort: http
  selector:
    app: web
    x: "y"
  type: NodePort
`,
    ],
    [
      'expose pod two --port=80 --target-port=8080 --name=x --type=LoadBalancer --external-ip=1.2.3.4 --load-balancer-ip=5.6.7.8 --session-affinity=ClientIP --cluster-ip=None -l a=b',
      two,
      {
        port: '80',
        targetPort: '8080',
        name: 'x',
        type: 'LoadBalancer',
        externalIP: '1.2.3.4',
        loadBalancerIP: '5.6.7.8',
        sessionAffinity: 'ClientIP',
        clusterIP: 'None',
        labels: 'a=b',
      },
      `metadata:
  creationTimestamp: null
  labels:
    a: b
  name: x
spec:
  clusterIP: None
  externalIPs:
  - 1.2.3.4
  loadBalancerIP: 5.6.7.8
  ports:
  - port: 80
    protocol: TCP
    targetPort: 8080
  selector:
    run: two
  sessionAffinity: ClientIP
  type: LoadBalancer
`,
    ],
  ])('%s', (_, object, spec, yaml) => {
    expect(serviceForExpose(object, spec)).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      ...(load(yaml) as object),
      status: { loadBalancer: {} },
    });
  });

  it('orders the fields as -o json prints them', () => {
    expect(JSON.stringify(serviceForExpose(two, { port: '80', targetPort: '8080', name: 'x' }))).toBe(
      '{"kind":"Service","apiVersion":"v1","metadata":{"name":"x","creationTimestamp":null,"labels":{"run":"two"}},' +
        '"spec":{"ports":[{"protocol":"TCP","port":80,"targetPort":8080}],"selector":{"run":"two"}},"status":{"loadBalancer":{}}}',
    );
  });

  it.each<[string, KubeObject, ExposeSpec, string]>([
    ['a deployment made without --port', deployment('myapp'), { name: 'myapp' }, "couldn't find port via --port flag or introspection"],
    [
      'a pod without labels',
      pod('bare', undefined),
      { port: '80' },
      "couldn't retrieve selectors via --selector flag or introspection: the pod has no labels and cannot be exposed",
    ],
    ['a node', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker01' } }, { port: '80' }, 'cannot expose a Node'],
    ['--port=abc', two, { port: 'abc' }, 'strconv.Atoi: parsing "abc": invalid syntax'],
    ['--selector=a', two, { port: '80', selector: 'a' }, 'unexpected label spec: a'],
    ['--session-affinity=x', two, { port: '80', sessionAffinity: 'x' }, 'unknown session affinity: x'],
  ])('%s is refused with kubectl\'s message', (_, object, spec, message) => {
    expect(thrown(() => serviceForExpose(object, spec))).toMatchObject({ message });
  });
});
