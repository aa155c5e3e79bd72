import { describe, expect, it } from 'vitest';
import { strategyFor } from './index';
import { context, create, resource, texts, update } from './testing';

const configmaps = resource('', 'configmaps');
const deployments = resource('apps', 'deployments');
const pods = resource('', 'pods');
const ingresses = resource('networking.k8s.io', 'ingresses');

describe('metadata checks every kind shares', () => {
  it.each([
    ['annotations over 256 KiB', { annotations: { big: 'x'.repeat(256 * 1024) } }, ['metadata.annotations: Too long: must have at most 262144 bytes']],
    [
      'an annotation key with two slashes',
      { annotations: { 'a/b/c': 'x' } },
      [
        "metadata.annotations: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
      ],
    ],
    ['upper-case annotation keys are fine', { annotations: { 'Example.com/Key': 'x' } }, []],
    ['a finalizer without a domain', { finalizers: ['mine'] }, ['metadata.finalizers[0]: Invalid value: "mine": name is neither a standard finalizer name nor is it fully qualified']],
    ['a missing namespace', { namespace: '' }, ['metadata.namespace: Required value']],
    [
      'generateName with a trailing dash',
      { name: undefined, generateName: 'cfg-' },
      ['metadata.name: Required value: name or generateName is required'],
    ],
  ])('%s', (_, meta, expected) => {
    const metadata = { name: 'cfg', namespace: 'default', ...meta };
    expect(create(configmaps, { metadata }).errors).toEqual(expected);
  });

  it('refuses to rename an object', () => {
    const stored = create(configmaps, { metadata: { name: 'cfg', namespace: 'default', uid: 'u1' } }).obj;
    expect(update(configmaps, { metadata: { name: 'other', namespace: 'default', uid: 'u1' } }, stored).errors).toEqual([
      'metadata.name: Invalid value: "other": field is immutable',
    ]);
  });
});

describe('status and generation', () => {
  it('clears a status sent on create, for kinds with a status', () => {
    const { obj } = create(ingresses, { metadata: { name: 'i', namespace: 'default' }, spec: {}, status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } } });
    expect((obj as unknown as { status?: unknown }).status).toBeUndefined();
    expect(obj.metadata?.generation).toBe(1);
  });

  it('ignores a client-sent generation', () => {
    const stored = create(deployments, {
      metadata: { name: 'd', namespace: 'default' },
      spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'x' }] } } },
    }).obj;
    const next = JSON.parse(JSON.stringify(stored));
    next.metadata.generation = 40;
    expect(update(deployments, next, stored).obj.metadata?.generation).toBe(1);
  });

  it('does not give Pods a generation', () => {
    expect(create(pods, { metadata: { name: 'p', namespace: 'default', generation: 5 }, spec: { containers: [{ name: 'c', image: 'x' }] } }).obj.metadata?.generation).toBeUndefined();
  });
});

describe('prototype safety', () => {
  it('keeps __proto__, constructor and prototype keys as plain data', () => {
    const body = JSON.parse(
      '{"metadata":{"name":"p","namespace":"default","labels":{"__proto__":"x","constructor":"y"}},"spec":{"containers":[{"name":"c","image":"x","resources":{"limits":{"__proto__":"1"}}}],"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}}',
    );
    const strategy = strategyFor(pods);
    const ctx = context();
    strategy.applyDefaults(body, ctx);
    strategy.prepareForCreate?.(body, ctx);
    const errors = texts(strategy.validate(body, ctx));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(body.spec)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(body.spec.containers[0].resources.requests)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(body.spec.containers[0].resources.requests, '__proto__')).toBe(true);
    expect(errors).toContain('metadata.labels: Invalid value: "__proto__": name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyName\',  or \'my.name\',  or \'123-abc\', regex used for validation is \'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\')');
    // Updating with such an object copies it without changing any prototype either.
    const next = JSON.parse(JSON.stringify(body));
    strategy.prepareForUpdate?.(next, body, ctx, 'status');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(next.spec)).toBe(Object.prototype);
  });
});
