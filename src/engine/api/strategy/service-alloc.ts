/**
 * ClusterIP and NodePort allocation. Instead of a separate bitmap that could drift from the store,
 * the addresses in use are read from the stored Services each time, so a deleted Service frees its
 * IP and ports by simply being gone (and dry runs allocate nothing).
 *
 * Like the real allocators (1.27+), random picks come from the upper part of each range; the low
 * "static" band is left for addresses people choose by hand — such as `10.96.0.1` for the
 * `kubernetes` Service and `10.96.0.10` for `kube-dns`.
 */
import type { Rng } from '../../sim/rng';
import type { KubeObject } from '../types';
import { asArray, asObject, fields } from './object';

export const SERVICE_CIDR = '10.96.0.0/12';
const CIDR_BASE = ipv4ToNumber('10.96.0.0')!;
const CIDR_SIZE = 1 << 20;
/** min(max(16, size/16), 256) addresses, upstream's static band. */
const IP_STATIC_BAND = 256;

export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;
/** min(max(16, size/32), 128) ports. */
const PORT_STATIC_BAND = 86;

export function ipv4ToNumber(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256 + Number(p);
  }
  return n;
}

export const numberToIpv4 = (n: number): string => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

const IPV6 = /^(([0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|(([0-9a-fA-F]{1,4}:){0,7}[0-9a-fA-F]{0,4})?::(([0-9a-fA-F]{1,4}:){0,7}[0-9a-fA-F]{1,4})?)$/;
export const isValidIP = (ip: string): boolean => ipv4ToNumber(ip) !== undefined || IPV6.test(ip);

/** Network and broadcast addresses are never handed out. */
export function ipInRange(ip: string): boolean {
  const n = ipv4ToNumber(ip);
  return n !== undefined && n > CIDR_BASE && n < CIDR_BASE + CIDR_SIZE - 1;
}

export interface InUse {
  ips: Set<string>;
  nodePorts: Set<string>;
}

const sameObject = (a: KubeObject, b: KubeObject | undefined): boolean =>
  !!b && a.metadata?.name === b.metadata?.name && (a.metadata?.namespace ?? '') === (b.metadata?.namespace ?? '');

/**
 * Addresses and node ports held by Services other than `self`. A node port is taken whatever its
 * protocol: the allocator is one bitmap of port numbers.
 */
export function inUse(services: readonly KubeObject[], self?: KubeObject): InUse {
  const ips = new Set<string>();
  const nodePorts = new Set<string>();
  for (const svc of services) {
    if (sameObject(svc, self)) continue;
    const spec = asObject(fields(svc).spec);
    for (const ip of asArray(spec?.clusterIPs)) if (typeof ip === 'string') ips.add(ip);
    if (typeof spec?.clusterIP === 'string') ips.add(spec.clusterIP);
    for (const p of asArray(spec?.ports)) {
      const port = asObject(p);
      if (port && typeof port.nodePort === 'number' && port.nodePort) nodePorts.add(String(port.nodePort));
    }
  }
  return { ips, nodePorts };
}

/** A random free offset in [lo, hi], scanning forward from a random start (then the rest). */
function pickFree(rng: Rng, lo: number, hi: number, taken: (n: number) => boolean): number | undefined {
  const size = hi - lo + 1;
  if (size <= 0) return undefined;
  const start = rng.int(size);
  for (let i = 0; i < size; i++) {
    const n = lo + ((start + i) % size);
    if (!taken(n)) return n;
  }
  return undefined;
}

export function allocateClusterIP(rng: Rng, used: InUse): string | undefined {
  const taken = (offset: number): boolean => used.ips.has(numberToIpv4(CIDR_BASE + offset));
  const offset = pickFree(rng, IP_STATIC_BAND, CIDR_SIZE - 2, taken) ?? pickFree(rng, 1, IP_STATIC_BAND - 1, taken);
  if (offset === undefined) return undefined;
  const ip = numberToIpv4(CIDR_BASE + offset);
  used.ips.add(ip);
  return ip;
}

export function allocateNodePort(rng: Rng, used: InUse): number | undefined {
  const taken = (port: number): boolean => used.nodePorts.has(String(port));
  const port =
    pickFree(rng, NODE_PORT_MIN + PORT_STATIC_BAND, NODE_PORT_MAX, taken) ?? pickFree(rng, NODE_PORT_MIN, NODE_PORT_MIN + PORT_STATIC_BAND - 1, taken);
  if (port !== undefined) used.nodePorts.add(String(port));
  return port;
}
