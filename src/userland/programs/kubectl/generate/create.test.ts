/**
 * `kubectl create deployment|service|namespace|configmap|secret|job` against the real kubectl
 * 1.30: each expected text is what `kubectl create … --dry-run=client -o yaml|json` printed.
 */
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { configMapForCreate, parseFileSource, parseLiteralSource, secretForCreate } from './data';
import { deploymentForCreate } from './deployment';
import { jobForCreate } from './job';
import { namespaceForCreate } from './namespace';
import { serviceForCreate } from './service';
import { thrown } from './testing';

const suffix = () => 'pjffp';

describe('kubectl create deployment', () => {
  it('create deployment myapp --image=ikubernetes/myapp:v1', () => {
    expect(deploymentForCreate({ name: 'myapp', images: ['ikubernetes/myapp:v1'], randomSuffix: suffix })).toEqual(
      load(`apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: myapp
  name: myapp
spec:
  replicas: 1
  selector:
    matchLabels:
      app: myapp
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: myapp
    spec:
      containers:
      - image: ikubernetes/myapp:v1
        name: myapp
        resources: {}
status: {}
`),
    );
  });

  it('create deployment web --image=nginx:1.25 --image=busybox --replicas=3 --port=80: only the first container gets the port', () => {
    const deployment = deploymentForCreate({ name: 'web', images: ['nginx:1.25', 'busybox'], replicas: 3, port: 80, randomSuffix: suffix });
    expect(deployment.spec!.template.spec!.containers).toEqual(
      load(`- image: nginx:1.25
  name: nginx
  ports:
  - containerPort: 80
  resources: {}
- image: busybox
  name: busybox
  resources: {}
`),
    );
    expect(JSON.stringify({ ...deployment, spec: { ...deployment.spec, template: { ...deployment.spec!.template, spec: {} } } }, null, 4)).toBe(`{
    "kind": "Deployment",
    "apiVersion": "apps/v1",
    "metadata": {
        "name": "web",
        "creationTimestamp": null,
        "labels": {
            "app": "web"
        }
    },
    "spec": {
        "replicas": 3,
        "selector": {
            "matchLabels": {
                "app": "web"
            }
        },
        "template": {
            "metadata": {
                "creationTimestamp": null,
                "labels": {
                    "app": "web"
                }
            },
            "spec": {}
        },
        "strategy": {}
    },
    "status": {}
}`);
  });

  it.each([
    ['registry.k8s.io/my_img.v2@sha256:abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789', 'my-img-v2-pjffp'],
    ['localhost:5000/team/app:1.0', 'app'],
    ['nginx', 'nginx'],
  ])('the container for %s is named %s', (image, name) => {
    expect(deploymentForCreate({ name: 'x', images: [image], randomSuffix: suffix }).spec!.template.spec!.containers[0]!.name).toBe(name);
  });

  it('-- sleep 3600 is the command; several images and a command are refused', () => {
    expect(deploymentForCreate({ name: 'cmd', images: ['busybox'], command: ['sleep', '3600'], randomSuffix: suffix }).spec!.template.spec!.containers).toEqual(
      load(`- command:
  - sleep
  - "3600"
  image: busybox
  name: busybox
  resources: {}
`),
    );
    expect(thrown(() => deploymentForCreate({ name: 'cmd', images: ['busybox', 'nginx'], command: ['sleep'], randomSuffix: suffix }))).toMatchObject({
      message: 'cannot specify multiple --image options and command',
    });
  });
});

describe('kubectl create service', () => {
  it.each([
    [
      'clusterip myapp --tcp=80:8080',
      { type: 'ClusterIP', name: 'myapp', tcp: ['80:8080'] },
      `apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: myapp
  name: myapp
spec:
  ports:
  - name: 80-8080
    port: 80
    protocol: TCP
    targetPort: 8080
  selector:
    app: myapp
  type: ClusterIP
status:
  loadBalancer: {}
`,
    ],
    [
      'clusterip h --clusterip=None',
      { type: 'ClusterIP', name: 'h', tcp: [], clusterIP: 'None' },
      `apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: h
  name: h
spec:
  clusterIP: None
  selector:
    app: h
  type: ClusterIP
status:
  loadBalancer: {}
`,
    ],
    [
      'clusterip multi --tcp=80:8080 --tcp=443 --tcp=80:http',
      { type: 'ClusterIP', name: 'multi', tcp: ['80:8080', '443', '81:http'] },
      `apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: multi
  name: multi
spec:
  ports:
  - name: 80-8080
    port: 80
    protocol: TCP
    targetPort: 8080
  - name: "443"
    port: 443
    protocol: TCP
    targetPort: 443
  - name: 81-http
    port: 81
    protocol: TCP
    targetPort: http
  selector:
    app: multi
  type: ClusterIP
status:
  loadBalancer: {}
`,
    ],
    [
      'nodeport s --tcp=80,81 --node-port=30001',
      { type: 'NodePort', name: 's', tcp: ['80', '81'], nodePort: 30001 },
      `apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: s
  name: s
spec:
  ports:
  - name: "80"
    nodePort: 30001
    port: 80
    protocol: TCP
    targetPort: 80
  - name: "81"
    nodePort: 30001
    port: 81
    protocol: TCP
    targetPort: 81
  selector:
    app: s
  type: NodePort
status:
  loadBalancer: {}
`,
    ],
  ] as const)('create service %s', (_, spec, yaml) => {
    expect(serviceForCreate({ ...spec, tcp: [...spec.tcp] })).toEqual(load(yaml));
  });

  it('orders a headless NodePort-less service as -o json does', () => {
    expect(JSON.stringify(serviceForCreate({ type: 'ClusterIP', name: 'h', tcp: ['80'], clusterIP: 'None' }).spec, null, 4)).toBe(`{
    "ports": [
        {
            "name": "80",
            "protocol": "TCP",
            "port": 80,
            "targetPort": 80
        }
    ],
    "selector": {
        "app": "h"
    },
    "clusterIP": "None",
    "type": "ClusterIP"
}`);
  });

  it.each([
    [[], 'at least one tcp port specifier must be provided'],
    [['abc'], 'strconv.ParseUint: parsing "abc": invalid syntax'],
  ])('--tcp=%j is refused', (tcp, message) => {
    expect(thrown(() => serviceForCreate({ type: 'ClusterIP', name: 's', tcp }))).toMatchObject({ message });
  });
});

describe('kubectl create namespace|configmap|secret|job', () => {
  it('create namespace dev', () => {
    expect(JSON.stringify(namespaceForCreate('dev'), null, 4)).toBe(`{
    "kind": "Namespace",
    "apiVersion": "v1",
    "metadata": {
        "name": "dev",
        "creationTimestamp": null
    },
    "spec": {},
    "status": {}
}`);
  });

  it('create configmap cfg --from-literal=name=x=y --from-literal=a=1: keys sorted, values may hold =', () => {
    const entries = ['name=x=y', 'a=1'].map(parseLiteralSource);
    expect(JSON.stringify(configMapForCreate('cfg', entries), null, 4)).toBe(`{
    "kind": "ConfigMap",
    "apiVersion": "v1",
    "metadata": {
        "name": "cfg",
        "creationTimestamp": null
    },
    "data": {
        "a": "1",
        "name": "x=y"
    }
}`);
  });

  it('create configmap cf --from-file=greet.txt --from-file=k2=greet.txt', () => {
    expect(parseFileSource('/tmp/kw/greet.txt')).toEqual({ path: '/tmp/kw/greet.txt' });
    expect(parseFileSource('k2=/tmp/kw/greet.txt')).toEqual({ key: 'k2', path: '/tmp/kw/greet.txt' });
    expect(configMapForCreate('cf', [['greet.txt', 'hello\n'], ['k2', 'hello\n']])).toEqual(
      load(`apiVersion: v1
data:
  greet.txt: |
    hello
  k2: |
    hello
kind: ConfigMap
metadata:
  creationTimestamp: null
  name: cf
`),
    );
  });

  it('create secret generic s --from-literal=user=admin --from-literal=pw=s3cr3t', () => {
    expect(secretForCreate('s', [['user', 'admin'], ['pw', 's3cr3t']])).toEqual(
      load(`apiVersion: v1
data:
  pw: czNjcjN0
  user: YWRtaW4=
kind: Secret
metadata:
  creationTimestamp: null
  name: s
`),
    );
    expect(JSON.stringify(secretForCreate('s2', [['a', 'b']], 'kubernetes.io/basic-auth'))).toBe(
      '{"kind":"Secret","apiVersion":"v1","metadata":{"name":"s2","creationTimestamp":null},"data":{"a":"Yg=="},"type":"kubernetes.io/basic-auth"}',
    );
  });

  it.each([
    [() => parseLiteralSource('noval'), 'invalid literal source noval, expected key=value'],
    [() => parseLiteralSource('=x'), 'invalid literal source =x, expected key=value'],
    [
      () => configMapForCreate('c', [['a', '1'], ['a', '2']]),
      'cannot add key "a", another key by that name already exists in Data for ConfigMap "c"',
    ],
    [() => secretForCreate('s', [['a', '1'], ['a', '2']]), 'cannot add key a, another key by that name already exists'],
    [
      () => configMapForCreate('c', [['b@d', '1']]),
      `"b@d" is not a valid key name for a ConfigMap: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
    ],
    [
      () => secretForCreate('s', [['b@d', '1']]),
      `"b@d" is not valid key name for a Secret a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
    ],
    [() => jobForCreate({ name: 'j3' }), 'either --image or --from must be specified'],
  ])('%s is refused', (fn, message) => {
    expect(thrown(fn)).toMatchObject({ message });
  });

  it('a key named __proto__ stays data', () => {
    const cm = configMapForCreate('c', [['__proto__', 'x']]);
    expect(Object.keys(cm.data!)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(cm.data)).toBe(Object.prototype);
  });

  it('create job j --image=busybox [-- echo hi]', () => {
    expect(jobForCreate({ name: 'j', image: 'busybox' })).toEqual(
      load(`apiVersion: batch/v1
kind: Job
metadata:
  creationTimestamp: null
  name: j
spec:
  template:
    metadata:
      creationTimestamp: null
    spec:
      containers:
      - image: busybox
        name: j
        resources: {}
      restartPolicy: Never
status: {}
`),
    );
    expect(jobForCreate({ name: 'j', image: 'busybox', command: ['echo', 'hi'] }).spec!.template.spec!.containers[0]!.command).toEqual(['echo', 'hi']);
  });
});
