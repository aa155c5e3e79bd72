/**
 * Whether a packet satisfies a rule's matches. The IP header comes first (`-s`, `-d`, `-p`), then
 * the `-m` modules in the order iptables keeps them — the same order the printers show — so
 * `-m statistic` only rolls its dice, and `-m recent --set` only remembers a client, once
 * everything before it held.
 */
import type { Rng } from '../../sim/rng';
import { ipv4Number, network, type Network } from './address';
import type { Match, Packet } from './rules';

export type MatchModule = 'comment' | 'mark' | 'conntrack' | 'addrtype' | 'statistic' | 'recent' | 'tcp' | 'udp';

// Every connection's first packet asks this of each rule it meets: work it out once per rule.
const known = new WeakMap<Match, readonly MatchModule[]>();

/** The `-m` modules of a rule in order; `-p tcp`/`-p udp` always come with `-m tcp`/`-m udp`, as kube-proxy writes them. */
export function matchModules(match: Match): readonly MatchModule[] {
  let modules = known.get(match);
  if (!modules) known.set(match, (modules = modulesOf(match)));
  return modules;
}

function modulesOf(match: Match): MatchModule[] {
  const modules: MatchModule[] = [];
  const comment = match.comment !== undefined;
  if (comment && !match.commentLast) modules.push('comment');
  if (match.mark) modules.push('mark');
  if (match.ctstate) modules.push('conntrack');
  if (match.dstTypeLocal) modules.push('addrtype');
  if (match.probability !== undefined) modules.push('statistic');
  if (match.recent) modules.push('recent');
  if (comment && match.commentLast) modules.push('comment');
  if (match.protocol === 'tcp' || match.protocol === 'udp') modules.push(match.protocol);
  return modules;
}

/**
 * `--probability p` as the kernel keeps it: kube-proxy writes p with ten decimals, iptables
 * stores round(p·2³¹), and a packet matches when 31 random bits fall below that.
 */
export const statisticThreshold = (probability: number): number => Math.round(Number(probability.toFixed(10)) * 0x80000000);

/** `-m recent` lists (sessionAffinity: ClientIP): per list name, each source address and when it was last seen. */
export class RecentLists {
  private readonly lists = new Map<string, Map<string, number>>();

  set(name: string, ip: string, now: number): void {
    let list = this.lists.get(name);
    if (!list) this.lists.set(name, (list = new Map()));
    list.set(ip, now);
  }

  /** `--rcheck [--seconds N] [--reap]`: seen within N seconds; `--reap` forgets those seen earlier. */
  check(name: string, ip: string, now: number, seconds?: number, reap?: boolean): boolean {
    const list = this.lists.get(name);
    const seen = list?.get(ip);
    if (seen === undefined) return false;
    if (seconds === undefined || now - seen <= seconds * 1000) return true;
    if (reap) list!.delete(ip);
    return false;
  }
}

export interface MatchEnv {
  isLocal(ip: string): boolean;
  now(): number;
  readonly rng: Rng;
  readonly recent: RecentLists;
}

/** What a rule's match needs at packet time, worked out once when the rule is written. */
export interface CompiledMatch {
  readonly match: Match;
  readonly source: Network | undefined;
  readonly destination: Network | undefined;
  readonly modules: readonly MatchModule[];
}

export const compileMatch = (match: Match): CompiledMatch => ({
  match,
  source: match.source === undefined ? undefined : network(match.source),
  destination: match.destination === undefined ? undefined : network(match.destination),
  // A comment never decides, nor does `-m tcp` without a port: leave them out of the packet path.
  modules: matchModules(match).filter((m) => m !== 'comment' && !((m === 'tcp' || m === 'udp') && match.dport === undefined)),
});

/** A packet's addresses as numbers: a traversal checks them against rule after rule. */
export interface PacketAddresses {
  readonly src: number;
  readonly dst: number;
}

export const packetAddresses = (packet: Packet): PacketAddresses => ({ src: ipv4Number(packet.srcIP), dst: ipv4Number(packet.dstIP) });

const inNetwork = (net: Network, ip: number): boolean => ((ip & net.mask) >>> 0) === net.base;

export function matches(match: Match | CompiledMatch, packet: Packet, env: MatchEnv, addresses: PacketAddresses = packetAddresses(packet)): boolean {
  const compiled = 'modules' in match ? match : compileMatch(match);
  const m = compiled.match;
  if (m.protocol !== undefined && m.protocol !== packet.protocol) return false;
  if (compiled.destination && inNetwork(compiled.destination, addresses.dst) === !!m.destinationNegated) return false;
  if (compiled.source && inNetwork(compiled.source, addresses.src) === !!m.sourceNegated) return false;
  for (const module of compiled.modules) if (!moduleHolds(module, m, packet, env)) return false;
  return true;
}

function moduleHolds(module: MatchModule, match: Match, packet: Packet, env: MatchEnv): boolean {
  switch (module) {
    case 'comment':
      return true;
    case 'mark': {
      const { value, mask, negated } = match.mark!;
      return ((packet.mark & mask) >>> 0 === value) !== !!negated;
    }
    case 'conntrack': {
      // The simulation only evaluates the first packet of a connection: NEW, and DNAT once nat rewrote it.
      const { states, negated } = match.ctstate!;
      const held = states.some((s) => s === 'NEW' || (s === 'DNAT' && !!packet.dnat));
      return held !== !!negated;
    }
    case 'addrtype':
      return env.isLocal(packet.dstIP);
    case 'statistic':
      return (env.rng.uint32() & 0x7fffffff) < statisticThreshold(match.probability!);
    case 'recent': {
      const { name, mode, seconds, reap } = match.recent!;
      if (mode === 'rcheck') return env.recent.check(name, packet.srcIP, env.now(), seconds, reap);
      env.recent.set(name, packet.srcIP, env.now());
      return true;
    }
    case 'tcp':
    case 'udp':
      return match.dport === undefined || match.dport === packet.dstPort;
  }
}
