/**
 * The projected service-account token a pod finds at
 * /var/run/secrets/kubernetes.io/serviceaccount/token. Real clusters get it from the TokenRequest
 * API, signed with the cluster's key; kubeplay does no cryptography, so this is a stand-in with
 * the real shape — three base64url parts, the claims a learner sees when decoding it — and a
 * seeded pseudo-signature.
 */
import type { Rng } from '../../sim/rng';
import { base64Encode, utf8Bytes } from '../../api/strategy/validation/bytes';

const base64url = (text: string): string => base64Encode(utf8Bytes(text)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');

const URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export interface TokenSubject {
  namespace: string;
  podName: string;
  podUID: string;
  serviceAccount: string;
  serviceAccountUID: string;
  /** Unix seconds when the token was issued. */
  issuedAt: number;
  /** `expirationSeconds` of the projection (kubeadm clusters extend the real expiry to a year). */
  expirationSeconds: number;
}

const ISSUER = 'https://kubernetes.default.svc.cluster.local';
const EXTENDED_EXPIRY_SECONDS = 365 * 24 * 3600;

export function serviceAccountToken(s: TokenSubject, rng: Rng): string {
  const header = { alg: 'RS256', kid: rng.string(43, URL_ALPHABET) };
  const claims = {
    aud: [ISSUER],
    exp: s.issuedAt + EXTENDED_EXPIRY_SECONDS,
    iat: s.issuedAt,
    iss: ISSUER,
    'kubernetes.io': {
      namespace: s.namespace,
      pod: { name: s.podName, uid: s.podUID },
      serviceaccount: { name: s.serviceAccount, uid: s.serviceAccountUID },
      warnafter: s.issuedAt + s.expirationSeconds,
    },
    nbf: s.issuedAt,
    sub: `system:serviceaccount:${s.namespace}:${s.serviceAccount}`,
  };
  return `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}.${rng.string(342, URL_ALPHABET)}`;
}
