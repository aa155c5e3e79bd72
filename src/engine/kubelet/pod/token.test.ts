import { describe, expect, it } from 'vitest';
import { Rng } from '../../sim/rng';
import { serviceAccountToken } from './token';

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** base64url → text (ASCII claims), the way jwt.io shows a token's parts. */
function decode(part: string): unknown {
  let bits = 0;
  let acc = 0;
  let out = '';
  for (const ch of part) {
    acc = (acc << 6) | B64URL.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((acc >> bits) & 0xff);
    }
  }
  return JSON.parse(out);
}

describe('service account token', () => {
  const subject = { namespace: 'dev', podName: 'web-1', podUID: 'p-uid', serviceAccount: 'default', serviceAccountUID: 'sa-uid', issuedAt: 1_767_603_600, expirationSeconds: 3607 };

  it('decodes like a real projected token: RS256 header, the pod and the account in the claims', () => {
    const [header, claims, signature] = serviceAccountToken(subject, new Rng(1)).split('.');
    expect(decode(header!)).toMatchObject({ alg: 'RS256' });
    expect(decode(claims!)).toEqual({
      aud: ['https://kubernetes.default.svc.cluster.local'],
      exp: subject.issuedAt + 365 * 24 * 3600,
      iat: subject.issuedAt,
      iss: 'https://kubernetes.default.svc.cluster.local',
      'kubernetes.io': { namespace: 'dev', pod: { name: 'web-1', uid: 'p-uid' }, serviceaccount: { name: 'default', uid: 'sa-uid' }, warnafter: subject.issuedAt + 3607 },
      nbf: subject.issuedAt,
      sub: 'system:serviceaccount:dev:default',
    });
    expect(signature).toMatch(/^[A-Za-z0-9_-]{342}$/);
  });

  it('one seed, one token', () => {
    expect(serviceAccountToken(subject, new Rng(5))).toBe(serviceAccountToken(subject, new Rng(5)));
    expect(serviceAccountToken(subject, new Rng(5))).not.toBe(serviceAccountToken(subject, new Rng(6)));
  });
});
