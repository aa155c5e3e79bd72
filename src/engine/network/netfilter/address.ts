/** IPv4 addresses and networks as iptables reads them in `-s`/`-d`: `10.244.0.0/16`, `10.96.0.1/32`. */
import type { Cidr } from './rules';

export interface Network {
  /** The network address (host bits cleared, as iptables stores it). */
  readonly base: number;
  readonly prefix: number;
  readonly mask: number;
}

/** Dotted quad → 32-bit number; one pass over the characters (every packet checks several rules). */
export function ipv4Number(ip: string): number {
  let n = 0;
  let part = 0;
  for (let i = 0; i < ip.length; i++) {
    const c = ip.charCodeAt(i);
    if (c === 46) {
      n = ((n << 8) | part) >>> 0;
      part = 0;
    } else {
      part = part * 10 + (c - 48);
    }
  }
  return ((n << 8) | part) >>> 0;
}

export const ipv4Text = (n: number): string => `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;

const prefixMask = (prefix: number): number => (prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0);

// Every connection's first packet checks a few rules' networks: parse each text once.
const parsed = new Map<Cidr, Network>();

/** A bare address counts as a /32, as `iptables -s 10.0.0.1` does. */
export function network(cidr: Cidr): Network {
  let net = parsed.get(cidr);
  if (!net) {
    const [ip = '', bits] = cidr.split('/');
    const prefix = bits === undefined ? 32 : Number(bits);
    const mask = prefixMask(prefix);
    net = { base: (ipv4Number(ip) & mask) >>> 0, prefix, mask };
    parsed.set(cidr, net);
  }
  return net;
}
