/**
 * The names kube-proxy (iptables mode) gives its per-Service and per-endpoint chains, as
 * `iptables -t nat -nvL` shows them: a prefix and the first 16 characters of the base32 SHA-256
 * of the service port's name and protocol (and the endpoint, for KUBE-SEP-). Learners meet these
 * names in the tutorial's iptables dump; they are computed exactly as upstream does.
 */
import { base32, sha256 } from '../../sim/sha256';

export interface ServicePortName {
  readonly namespace: string;
  readonly name: string;
  /** The port's name; empty for an unnamed port. */
  readonly port: string;
}

/** `default/nginx`, or `kube-system/kube-dns:dns` for a named port. */
export const servicePortNameText = (p: ServicePortName): string => `${p.namespace}/${p.name}${p.port ? `:${p.port}` : ''}`;

/**
 * Every sync names every chain again, on every node: remember the hashes (a few per Service port
 * and endpoint; forgotten wholesale past a bound, so pod churn cannot grow it without end).
 */
const hashes = new Map<string, string>();
const MAX_REMEMBERED = 100_000;

function hash16(text: string): string {
  let hash = hashes.get(text);
  if (hash === undefined) {
    if (hashes.size >= MAX_REMEMBERED) hashes.clear();
    hash = base32(sha256(text)).slice(0, 16);
    hashes.set(text, hash);
  }
  return hash;
}

/** `tcp`, `udp`, `sctp`: kube-proxy hashes the protocol in lower case. */
const protocolText = (protocol: string): string => protocol.toLowerCase();

/** The chains of one service port (KUBE-SVC-, KUBE-EXT-, KUBE-FW-, KUBE-SVL- share the hash). */
export function serviceChains(port: ServicePortName, protocol: string): { svc: string; ext: string; fw: string; svl: string } {
  const hash = hash16(servicePortNameText(port) + protocolText(protocol));
  return { svc: `KUBE-SVC-${hash}`, ext: `KUBE-EXT-${hash}`, fw: `KUBE-FW-${hash}`, svl: `KUBE-SVL-${hash}` };
}

/** KUBE-SEP- for one endpoint (`10.244.1.5:80`) of a service port. */
export const endpointChain = (port: ServicePortName, protocol: string, endpoint: string): string =>
  `KUBE-SEP-${hash16(servicePortNameText(port) + protocolText(protocol) + endpoint)}`;

/**
 * The probability on the i-th (0-based) of n endpoint rules, as `iptables-save` prints it: kube-proxy
 * writes 1/(n−i) with ten decimals, the kernel keeps it as a 31-bit fixed-point number, and
 * iptables prints that back with eleven (1/3 → `0.33333333349`). The last rule has none.
 */
export function endpointProbability(i: number, n: number): string | undefined {
  if (i >= n - 1) return undefined;
  const written = Number((1 / (n - i)).toFixed(10));
  const stored = Math.round(written * 2 ** 31) / 2 ** 31;
  return stored.toFixed(11);
}
