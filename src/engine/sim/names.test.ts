import { describe, expect, it } from 'vitest';
import { Rng } from './rng';
import { canonicalJson, fnv32a, generateName, podTemplateHash, safeEncodeString } from './names';

describe('names', () => {
  it('maps decimal digits onto the alphabet as the real controller does', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  it('FNV-1a matches the published test vectors', () => {
    expect(fnv32a('')).toBe(0x811c9dc5);
    expect(fnv32a('a')).toBe(0xe40c292c);
    expect(fnv32a('foobar')).toBe(0xbf9cf968);
  });

  it('pod-template-hash uses only the digit alphabet and ignores key order', () => {
    const a = { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } };
    const b = { spec: { containers: [{ image: 'nginx', name: 'nginx' }] }, metadata: { labels: { app: 'nginx' } } };
    expect(podTemplateHash(a)).toBe(podTemplateHash(b));
    expect(podTemplateHash(a)).toMatch(/^[456789bcdf]{1,10}$/);
    expect(podTemplateHash(a, 1)).not.toBe(podTemplateHash(a));
    expect(canonicalJson({ b: 1, a: undefined, c: [1, { z: 1, y: 2 }] })).toBe('{"b":1,"c":[1,{"y":2,"z":1}]}');
  });

  it('generated names are base + 5 chars without vowels, deterministic per seed', () => {
    const one = generateName('nginx-7854ff8877-', new Rng(7));
    expect(one).toMatch(/^nginx-7854ff8877-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(generateName('nginx-7854ff8877-', new Rng(7))).toBe(one);
    expect(generateName('x'.repeat(80), new Rng(1))).toHaveLength(63);
  });
});
