/**
 * JSONPath templates against the kube-dns Service and a small node list. Every expected output is
 * what the real kubectl 1.30 printed for the same object (`kubectl get svc -n kube-system kube-dns
 * -o jsonpath=…` against `kubeplay serve`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { executeJsonPath, executeJsonPathAsJson, goSprint, goSyntax, JsonPathError, parseJsonPath } from './jsonpath';

const KUBE_DNS = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: {
    annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
    creationTimestamp: '2026-11-26T04:04:40Z',
    labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
    name: 'kube-dns',
    namespace: 'kube-system',
    resourceVersion: '12',
    uid: '2ad593d0-d511-4c00-ae4b-7d5f32746ca2',
  },
  spec: {
    clusterIP: '10.96.0.10',
    clusterIPs: ['10.96.0.10'],
    internalTrafficPolicy: 'Cluster',
    ipFamilies: ['IPv4'],
    ipFamilyPolicy: 'SingleStack',
    ports: [
      { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
      { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
      { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
    ],
    selector: { 'k8s-app': 'kube-dns' },
    sessionAffinity: 'None',
    type: 'ClusterIP',
  },
  status: { loadBalancer: {} },
};

const node = (name: string, ip: string, ready: string) => ({
  metadata: { name, labels: { 'kubernetes.io/hostname': name } },
  status: {
    addresses: [{ address: ip, type: 'InternalIP' }, { address: name, type: 'Hostname' }],
    conditions: [{ status: 'False', type: 'MemoryPressure' }, { status: ready, type: 'Ready' }],
  },
});
const NODES = {
  apiVersion: 'v1',
  kind: 'List',
  metadata: { resourceVersion: '' },
  items: [node('master01', '192.168.1.130', 'True'), node('worker01', '192.168.1.131', 'True'), node('worker02', '192.168.1.132', 'False')],
};

const run = (template: string, data: unknown, allowMissingKeys = true): string => executeJsonPath(parseJsonPath(template), data, { allowMissingKeys });
const parseError = (template: string): string => {
  try {
    parseJsonPath(template);
  } catch (e) {
    if (e instanceof JsonPathError) return e.message;
    throw e;
  }
  return 'parsed';
};
const runError = (template: string, data: unknown, allowMissingKeys = true): string => {
  try {
    return `printed ${run(template, data, allowMissingKeys)}`;
  } catch (e) {
    if (e instanceof JsonPathError) return e.message;
    throw e;
  }
};

describe('jsonpath templates print what kubectl prints', () => {
  it.each([
    ['{.spec.clusterIP}', '10.96.0.10'],
    ['{.spec.ports[0].port}', '53'],
    ['{.spec.ports[*].port}', '53 53 9153'],
    ['{.spec.ports[*].port}{.spec.ports[0,2].name}', '53 53 9153dns metrics'],
    ['{.spec.ports[-1:].name}', 'metrics'],
    ['{.spec.ports[-1].name}', 'metrics'],
    ['{.spec.ports[0:2].name}', 'dns dns-tcp'],
    ['{.spec.ports[::2].name}', 'dns metrics'],
    ['{.spec.ports[?(@.port==53)].name}', 'dns dns-tcp'],
    ['{.spec.ports[?(@.port>9000)].name}', 'metrics'],
    ['{.spec.ports[?(@.name)].port}', '53 53 9153'],
    ['{.spec.ports[?(@.protocol!="UDP")].name}', 'dns-tcp metrics'],
    ["{.spec.ports[?(@.protocol=='TCP')].name}", 'dns-tcp metrics'],
    ['{.spec..port}', '53 53 9153'],
    ['{.spec.ports}', '[{"name":"dns","port":53,"protocol":"UDP","targetPort":53},{"name":"dns-tcp","port":53,"protocol":"TCP","targetPort":53},{"name":"metrics","port":9153,"protocol":"TCP","targetPort":9153}]'],
    ['{.metadata.labels}', '{"k8s-app":"kube-dns","kubernetes.io/cluster-service":"true","kubernetes.io/name":"CoreDNS"}'],
    ['{.metadata.annotations.prometheus\\.io/port}', '9153'],
    ["{['metadata.name']}", 'kube-dns'],
    ['{.spec.foo}', ''],
    ['{.spec.ports.name}', ''],
    ['{$.kind}', 'Service'],
    ['{@.kind}', 'Service'],
    ['{.metadata.name}{"\\n"}', 'kube-dns\n'],
    ['{.metadata.name}{"\\t"}{.spec.type}', 'kube-dns\tClusterIP'],
    ['{"a\\"b"}', 'a"b'],
    ["{'x'}", 'x'],
    ['.spec.clusterIP', '.spec.clusterIP'],
    ['name: {.metadata.name}', 'name: kube-dns'],
    ['{range .spec.ports[*]}[{.name}] {end}', '[dns] [dns-tcp] [metrics] '],
    ['{range .spec.ports[*]}{.name}', 'dnsdns-tcpmetrics'],
    ['{range .spec.ports[*]}{.name}:{range .spec.ports[*]}x{end};{end}', 'dns:;dns-tcp:;metrics:;'],
    ['{range .spec.nothing[*]}{.name}{end}done', 'done'],
  ])('%s', (template, expected) => {
    expect(run(template, KUBE_DNS)).toBe(expected);
  });

  it.each([
    ['{.items[*].metadata.name}', 'master01 worker01 worker02'],
    ['{.items[0].status.conditions[?(@.type=="Ready")].status}', 'True'],
    ['{.items[?(@.metadata.name=="worker01")].status.addresses[?(@.type=="InternalIP")].address}', '192.168.1.131'],
    ['{.items[?(@.metadata.name!="worker01")].metadata.name}', 'master01 worker02'],
    ['{.items[*].metadata.labels.kubernetes\\.io/hostname}', 'master01 worker01 worker02'],
    ['{range .items[*]}{.metadata.name}{"\\t"}{.status.addresses[0].address}{"\\n"}{end}', 'master01\t192.168.1.130\nworker01\t192.168.1.131\nworker02\t192.168.1.132\n'],
    ['{.kind}', 'List'],
    ['{..type}', 'InternalIP Hostname MemoryPressure Ready InternalIP Hostname MemoryPressure Ready InternalIP Hostname MemoryPressure Ready'],
  ])('on a list: %s', (template, expected) => {
    expect(run(template, NODES)).toBe(expected);
  });

  it('null prints as null; numbers, booleans and strings as text', () => {
    expect(run('{.a} {.b} {.c} {.d}', { a: null, b: 1.5, c: false, d: 'x' })).toBe('null 1.5 false x');
  });

  it('Go escapes <, > and & in JSON', () => {
    expect(run('{.a}', { a: { s: '<a&b>' } })).toBe('{"s":"\\u003ca\\u0026b\\u003e"}');
  });

  it('jsonpath-as-json prints every result in one indented array', () => {
    expect(executeJsonPathAsJson(parseJsonPath('{.spec.ports[0].port}'), KUBE_DNS, { allowMissingKeys: true })).toBe('[\n    53\n]\n');
  });
});

describe('jsonpath errors have client-go\'s texts', () => {
  it.each([
    ['{.spec.clusterIP', 'unclosed action'],
    ['{.metadata.name}x{.metadata.namespace', 'unclosed action'],
    ['{.items[x]}', 'invalid array index x'],
    ['{.spec.ports[0]]}', "unrecognized character in action: U+005D ']'"],
    ['{.spec.ports[0].port} {"a}', 'unterminated quoted string'],
    ['{#}', "unrecognized character in action: U+0023 '#'"],
    ['{....port}', 'invalid multiple recursive descent'],
    ['{.a[0}', 'unterminated array'],
    ['{.a[?(@.x=="y"}', 'unterminated filter'],
    ['{.a[?(@.x)x}', 'unclosed array expect ]'],
    ['{"\\q"}', 'unquote string "\\q" error invalid syntax'],
    ['{.a[1:x]}', 'invalid array index 1:x'],
  ])('parsing %s', (template, message) => {
    expect(parseError(template)).toBe(message);
  });

  it.each([
    ['{.spec.ports[3]}', 'array index out of bounds: index 3, length 3'],
    ['{.spec.ports[2:1]}', 'starting index 2 is greater than ending index 1'],
    ['{.spec.ports[::0]}', 'step must be > 0'],
    ['{.spec[0]}', 'map[string]interface {} is not array or slice'],
    ['{.spec.ports[?(@.port=="53")].name}', 'incompatible types for comparison'],
    ['{.spec.ports[?(@.port=53)]}', 'unrecognized filter operator ='],
    ['{foo}', 'unrecognized identifier foo'],
    ['{end}', 'not in range, nothing to end'],
    ['{.spec.clusterIP[?(@.x)]}', '10.96.0.10 is not array or slice and cannot be filtered'],
    ['{.spec.ports[?(@.name<true)]}', 'incompatible types for comparison'],
    ['{.spec.ports[?(@.port>@.name)]}', 'incompatible types for comparison'],
  ])('executing %s', (template, message) => {
    expect(runError(template, KUBE_DNS)).toBe(message);
  });

  it('a missing key is an error only when missing keys are not allowed', () => {
    expect(runError('{.spec.foo}', KUBE_DNS, false)).toBe('foo is not found');
    expect(runError('{.items[*].foo}', NODES, false)).toBe('foo is not found');
    expect(runError('{.spec.foo}', KUBE_DNS, true)).toBe('printed ');
  });
});

describe('Go formatting of decoded JSON', () => {
  it('%#v as kubectl shows the object given to the jsonpath engine', () => {
    expect(goSyntax({ b: [1, 'x'], a: { c: null, d: true } })).toBe('map[string]interface {}{"a":map[string]interface {}{"c":interface {}(nil), "d":true}, "b":[]interface {}{1, "x"}}');
  });

  it('fmt.Sprint as custom-columns prints maps and lists', () => {
    expect(goSprint({ taints: [{ key: 'k', effect: 'NoSchedule' }], podCIDR: '10.244.0.0/24' })).toBe('map[podCIDR:10.244.0.0/24 taints:[map[effect:NoSchedule key:k]]]');
    expect(goSprint(null)).toBe('<nil>');
  });
});

describe('properties', () => {
  const key = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9]{0,8}$/);
  it('{.k} prints a string value unchanged, and text outside braces is copied', () => {
    fc.assert(
      fc.property(key, fc.string({ maxLength: 20 }), fc.stringMatching(/^[^{]{0,20}$/), (k, value, text) => {
        expect(run(`${text}{.${k}}`, { [k]: value })).toBe(`${text}${value}`);
      }),
    );
  });

  it('{.list[*]} of strings without spaces splits back into the list', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z0-9]{1,6}$/), { minLength: 1, maxLength: 10 }), (list) => {
        expect(run('{.list[*]}', { list }).split(' ')).toEqual(list);
        expect(run('{range .list[*]}{@}{"\\n"}{end}', { list })).toBe(list.map((x) => `${x}\n`).join(''));
      }),
    );
  });
});
