import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { isStatus } from './errors';
import { encodeToken, pageOf, type Page } from './pagination';
import { base64Encode, base64Text, utf8Bytes } from './strategy/validation/bytes';

const names = (n: number): string[] => Array.from({ length: n }, (_, i) => `pod-${String(i).padStart(4, '0')}`);
const key = (name: string): string => name;
const page = (items: readonly string[], request: Partial<Parameters<typeof pageOf>[2]>): Page<string> => {
  const result = pageOf(items, key, { resourceVersion: 4711, filtered: false, ...request });
  if (isStatus(result)) throw new Error(result.message);
  return result;
};
/** What a token says, decoded as a client could. */
const decoded = (token: string): unknown => JSON.parse(base64Text(token.replace(/-/g, '+').replace(/_/g, '/')));
/** `text` in unpadded base64url, as a hand-made token. */
const tokenOf = (text: string): string => base64Encode(utf8Bytes(text)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

describe('pageOf', () => {
  test('1,200 objects asked 500 at a time: 500, a token naming the key after the 500th, and 700 remaining', () => {
    const first = page(names(1200), { limit: '500' });
    expect(first.items).toEqual(names(500));
    expect(first.remainingItemCount).toBe(700);
    expect(decoded(first.continue!)).toEqual({ v: 'meta.k8s.io/v1', rv: 4711, start: 'pod-0499\u0000' });
    expect(first.continue).not.toMatch(/[+/=]/);
  });

  test('following the tokens gives every object once, in order, and the last chunk has no token', () => {
    const all = names(1200);
    const second = page(all, { limit: '500', continue: page(all, { limit: '500' }).continue });
    expect(second.items).toEqual(all.slice(500, 1000));
    expect(second.remainingItemCount).toBe(200);
    const third = page(all, { limit: '500', continue: second.continue });
    expect(third).toEqual({ items: all.slice(1000) });
  });

  test.each([
    ['no limit', undefined],
    ['an empty limit', ''],
    ['limit 0', '0'],
    ['a limit above the count', '500'],
    ['a limit equal to the count', '3'],
  ])('%s: everything in one piece, no token', (_, limit) => {
    expect(page(['a', 'b', 'c'], { limit })).toEqual({ items: ['a', 'b', 'c'] });
  });

  test('a list filtered by a selector says nothing of what remains', () => {
    const first = page(names(10), { limit: '4', filtered: true });
    expect(first.items).toHaveLength(4);
    expect(first.continue).toBeDefined();
    expect(first.remainingItemCount).toBeUndefined();
  });

  test('an object deleted between chunks: the next chunk starts at the key after it', () => {
    const token = page(names(10), { limit: '4' }).continue;
    const without = names(10).filter((n) => n !== 'pod-0004');
    expect(page(without, { limit: '4', continue: token }).items).toEqual(['pod-0005', 'pod-0006', 'pod-0007', 'pod-0008']);
  });

  test('across namespaces, keys are namespace/name, in etcd key order', () => {
    const objects = ['default-2/a', 'default/web', 'default/z', 'kube-system/coredns'];
    const first = page(objects, { limit: '2' });
    expect(decoded(first.continue!)).toEqual({ v: 'meta.k8s.io/v1', rv: 4711, start: 'default/web\u0000' });
    expect(page(objects, { limit: '2', continue: first.continue }).items).toEqual(['default/z', 'kube-system/coredns']);
  });

  test.each([
    ['abc!', 'invalid continue token: continue key is not valid: illegal base64 data at input byte 3'],
    [encodeToken('x', 0), 'invalid continue token: continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)'],
    [encodeToken('', 5), 'invalid continue token: continue key is not valid: encoded start key empty (version meta.k8s.io/v1)'],
    [tokenOf('{"v":"v2","rv":5,"start":"a"}'), 'invalid continue token: continue key is not valid: server does not recognize this encoded version v2'],
    [tokenOf('hello'), "invalid continue token: continue key is not valid: invalid character 'h' looking for beginning of value"],
  ])('the token %s is refused with a 400: %s', (token, message) => {
    expect(pageOf(['a'], key, { continue: token, resourceVersion: 1, filtered: false })).toMatchObject({ kind: 'Status', code: 400, reason: 'BadRequest', message });
  });

  test('property: for any size and limit, the chunks put together are the list, none longer than the limit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 25 }), (size, limit) => {
        const all = names(size);
        const seen: string[] = [];
        let token: string | undefined;
        let chunks = 0;
        do {
          const chunk = page(all, { limit: String(limit), continue: token });
          expect(chunk.items.length).toBeLessThanOrEqual(limit);
          seen.push(...chunk.items);
          token = chunk.continue;
          if (token) expect(chunk.remainingItemCount).toBe(size - seen.length);
          chunks++;
        } while (token);
        expect(seen).toEqual(all);
        expect(chunks).toBe(Math.max(1, Math.ceil(size / limit)));
      }),
    );
  });
});
