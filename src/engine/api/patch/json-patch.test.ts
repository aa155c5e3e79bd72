import { describe, expect, it } from 'vitest';
import { PatchError } from './errors';
import { applyJsonPatch } from './json-patch';

const doc = { metadata: { name: 'web', labels: { app: 'web' } }, spec: { replicas: 1, containers: [{ name: 'a' }, { name: 'b' }] } };

describe('JSON patch (RFC 6902)', () => {
  it.each([
    ['replace a scalar', [{ op: 'replace', path: '/spec/replicas', value: 3 }], { ...doc, spec: { ...doc.spec, replicas: 3 } }],
    ['add a key', [{ op: 'add', path: '/metadata/labels/tier', value: 'fe' }], { ...doc, metadata: { ...doc.metadata, labels: { app: 'web', tier: 'fe' } } }],
    ['remove a key', [{ op: 'remove', path: '/metadata/labels/app' }], { ...doc, metadata: { ...doc.metadata, labels: {} } }],
    ['append with -', [{ op: 'add', path: '/spec/containers/-', value: { name: 'c' } }], { ...doc, spec: { ...doc.spec, containers: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] } }],
    ['insert at an index', [{ op: 'add', path: '/spec/containers/0', value: { name: 'z' } }], { ...doc, spec: { ...doc.spec, containers: [{ name: 'z' }, { name: 'a' }, { name: 'b' }] } }],
    ['remove from a list', [{ op: 'remove', path: '/spec/containers/0' }], { ...doc, spec: { ...doc.spec, containers: [{ name: 'b' }] } }],
    ['move', [{ op: 'move', from: '/metadata/labels/app', path: '/metadata/labels/name' }], { ...doc, metadata: { ...doc.metadata, labels: { name: 'web' } } }],
    ['copy', [{ op: 'copy', from: '/metadata/name', path: '/metadata/labels/copy' }], { ...doc, metadata: { ...doc.metadata, labels: { app: 'web', copy: 'web' } } }],
    ['test then replace', [{ op: 'test', path: '/spec/replicas', value: 1 }, { op: 'replace', path: '/spec/replicas', value: 2 }], { ...doc, spec: { ...doc.spec, replicas: 2 } }],
    ['escaped pointer', [{ op: 'add', path: '/metadata/labels/app.kubernetes.io~1name', value: 'x' }], { ...doc, metadata: { ...doc.metadata, labels: { app: 'web', 'app.kubernetes.io/name': 'x' } } }],
  ])('%s', (_, ops, expected) => {
    expect(applyJsonPatch(doc, ops)).toEqual(expected);
  });

  it.each([
    ['test failure', [{ op: 'test', path: '/spec/replicas', value: 5 }], 'testing value /spec/replicas failed: test failed'],
    ['replace of a missing key', [{ op: 'replace', path: '/spec/paused', value: true }], 'replace operation does not apply: doc is missing key: /spec/paused: missing value'],
    ['add under a missing parent', [{ op: 'add', path: '/spec/strategy/type', value: 'x' }], 'add operation does not apply: doc is missing path: "/spec/strategy/type": missing value'],
    ['remove of a missing key', [{ op: 'remove', path: '/metadata/annotations' }], 'Unable to remove nonexistent key: annotations: missing value'],
    ['an unknown op', [{ op: 'frobnicate', path: '/x' }], 'Unexpected kind: frobnicate'],
    ['an index past the end', [{ op: 'add', path: '/spec/containers/9', value: {} }], 'Unable to access invalid index: 9: invalid index referenced'],
  ])('%s', (_, ops, message) => {
    expect(() => applyJsonPatch(doc, ops)).toThrow(message);
    let error: unknown;
    try {
      applyJsonPatch(doc, ops);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PatchError);
    expect((error as PatchError).code).toBe(422);
    expect((error as PatchError).message).toBe(message);
  });

  it('rejects a body that is not a list', () => {
    expect(() => applyJsonPatch(doc, { op: 'add' })).toThrow('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  });

  it('leaves the original untouched and does not pollute prototypes', () => {
    const original = JSON.parse(JSON.stringify(doc));
    applyJsonPatch(original, [
      { op: 'add', path: '/__proto__', value: { polluted: true } },
      { op: 'add', path: '/constructor', value: { prototype: { polluted: true } } },
    ]);
    expect(original).toEqual(doc);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
