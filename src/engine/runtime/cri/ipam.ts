/**
 * Pod IPs from the node's pod CIDR, the way the host-local IPAM plugin hands them out: `.1` is the
 * bridge (cni0) gateway, pods get `.2`, `.3`, … in order, continuing after the last address given
 * out (a freed address is not reused until the range wraps around).
 */
export class PodCidrAllocator {
  private readonly base: number;
  private readonly size: number;
  private readonly used = new Map<string, number>();
  private readonly taken = new Set<number>();
  private last = 1;

  constructor(cidr: string) {
    const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
    if (!match) throw new Error(`invalid pod CIDR ${cidr}`);
    const [a, b, c, d, bits] = match.slice(1).map(Number) as [number, number, number, number, number];
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    this.base = ((((a << 24) | (b << 16) | (c << 8) | d) >>> 0) & mask) >>> 0;
    this.size = 2 ** (32 - bits);
  }

  /** The IP for `key` (a pod uid); the same key keeps its address. Undefined when the range is full. */
  allocate(key: string): string | undefined {
    const existing = this.used.get(key);
    if (existing !== undefined) return toIP(this.base + existing);
    const usable = this.size - 3; // network, gateway, broadcast
    for (let i = 0; i < usable; i++) {
      let offset = this.last + 1 + i;
      offset = 2 + ((offset - 2) % usable);
      if (this.taken.has(offset)) continue;
      this.taken.add(offset);
      this.used.set(key, offset);
      this.last = offset;
      return toIP(this.base + offset);
    }
    return undefined;
  }

  release(key: string): void {
    const offset = this.used.get(key);
    if (offset === undefined) return;
    this.used.delete(key);
    this.taken.delete(offset);
  }

  /** The range host-local hands out from, as its errors print it: `10.244.1.1-10.244.1.254`. */
  /** `.1`: the cni0 bridge's address, the pods' default gateway. */
  get gateway(): string {
    return toIP(this.base + 1);
  }

  get range(): string {
    return `${toIP(this.base + 1)}-${toIP(this.base + this.size - 2)}`;
  }

  /** Marks an address as in use (a pod that already had it before this kubelet started). */
  claim(key: string, ip: string): void {
    const offset = fromIP(ip) - this.base;
    if (offset < 2 || offset >= this.size - 1 || this.taken.has(offset)) return;
    this.taken.add(offset);
    this.used.set(key, offset);
    this.last = Math.max(this.last, offset);
  }
}

const toIP = (n: number): string => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
const fromIP = (ip: string): number => ip.split('.').reduce((n, part) => ((n << 8) | Number(part)) >>> 0, 0);
