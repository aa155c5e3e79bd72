/**
 * One node's netfilter tables: nat and filter, their chains of rules, and the packet and byte
 * counters on each rule. kube-proxy writes the rules (`restore`, `ensureRule`), the packet path
 * runs the first packet of every connection through them (`traverse`), and `iptables` /
 * `iptables-save` print them (see `listing.ts`, `save.ts`).
 */
import { Facility, type Netns } from '../../runtime/process';
import type { Rng } from '../../sim/rng';
import { compileMatch, matches, packetAddresses, RecentLists, type CompiledMatch, type MatchEnv, type PacketAddresses } from './match';
import { ruleSpec } from './rule-spec';
import type { ChainSpec, Hook, Packet, Rule, TableName } from './rules';

export interface NetfilterOptions {
  /** `-m addrtype --dst-type LOCAL`: is ip one of this node's addresses? */
  isLocal(ip: string): boolean;
  /** simulated ms, for `-m recent --seconds` */
  now(): number;
  /** seeded randomness for `-m statistic --mode random` */
  rng: Rng;
}

export interface TraceStep {
  readonly table: TableName;
  readonly chain: string;
  readonly rule: Rule;
}

export interface Verdict {
  readonly verdict: 'ACCEPT' | 'DROP' | 'REJECT';
  /** a MASQUERADE target matched (POSTROUTING): the caller rewrites the source address */
  readonly masquerade: boolean;
  /** every rule whose match held and whose target was taken, in order (for traffic events) */
  readonly trace: readonly TraceStep[];
}

/** A rule and what it has counted since it was written or last zeroed. */
export interface CountedRule {
  readonly rule: Rule;
  readonly packets: number;
  readonly bytes: number;
}

export interface ChainView {
  readonly name: string;
  /** Builtin chains have a policy (and count the packets it decided); user chains have none. */
  readonly policy?: 'ACCEPT' | 'DROP';
  readonly packets: number;
  readonly bytes: number;
  readonly rules: readonly CountedRule[];
}

/** The programs' way to their node's tables: a node's host network namespace → its netfilter; a pod's → undefined. */
export const NETFILTER = new Facility<(netns: Netns) => Netfilter | undefined>('netfilter');

/** The builtin chains of each table, in the kernel's hook order (which is also the order listings show). */
export const BUILTIN_CHAINS: Readonly<Record<TableName, readonly Hook[]>> = {
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
};

interface Counted {
  readonly rule: Rule;
  /** Its match, ready for packets (networks parsed, modules in order). */
  readonly compiled: CompiledMatch;
  /** Its iptables-save text: what makes two rules the same. */
  readonly spec: string;
  packets: number;
  bytes: number;
}

interface Chain {
  readonly name: string;
  readonly policy?: 'ACCEPT' | 'DROP';
  packets: number;
  bytes: number;
  rules: Counted[];
}

/** One packet's way through a table. */
interface Walk {
  readonly table: TableName;
  readonly packet: Packet;
  /** The packet's addresses as numbers; a target that rewrites one also ends the traversal. */
  readonly addresses: PacketAddresses;
  readonly trace: TraceStep[];
  masquerade: boolean;
}

/** Jumps nest this deep at most (the kernel refuses loops; this keeps a broken rule set from recursing forever). */
const MAX_DEPTH = 64;

const fresh = (rule: Rule): Counted => ({ rule, compiled: compileMatch(rule.match), spec: ruleSpec(rule), packets: 0, bytes: 0 });

export class Netfilter {
  private readonly tables: Record<TableName, Map<string, Chain>> = { nat: new Map(), filter: new Map() };
  private readonly recent = new RecentLists();
  private readonly env: MatchEnv;

  constructor(options: NetfilterOptions) {
    this.env = { isLocal: options.isLocal, now: options.now, rng: options.rng, recent: this.recent };
    for (const table of ['nat', 'filter'] as const) {
      for (const name of BUILTIN_CHAINS[table]) this.tables[table].set(name, { name, policy: 'ACCEPT', packets: 0, bytes: 0, rules: [] });
    }
  }

  /**
   * iptables-restore --noflush for one table: each listed chain is created or its rules replaced;
   * a chain whose rules are identical to before keeps its counters, a changed one starts from 0;
   * chains named in `remove` are deleted (with their rules). Builtin chains may be listed too.
   * Like the kernel, it refuses (throws, changing nothing) a result where a rule jumps to a chain
   * that does not exist, or a builtin chain would be removed.
   */
  restore(table: TableName, chains: readonly ChainSpec[], remove: readonly string[] = []): void {
    const next = new Map(this.tables[table]);
    for (const spec of chains) {
      const old = next.get(spec.name);
      if (old && sameRules(old.rules, spec.rules)) continue;
      const rules = spec.rules.map(fresh);
      next.set(spec.name, old ? { ...old, rules } : { name: spec.name, packets: 0, bytes: 0, rules });
    }
    for (const name of remove) {
      if (next.get(name)?.policy) throw new Error(`iptables-restore: cannot delete builtin chain ${name}`);
      next.delete(name);
    }
    for (const chain of next.values()) {
      for (const { rule } of chain.rules) {
        if (rule.target.kind === 'jump' && !next.has(rule.target.chain)) {
          throw new Error(`iptables-restore: ${table} ${chain.name}: jump to missing chain ${rule.target.chain}`);
        }
      }
    }
    this.tables[table] = next;
  }

  /**
   * `iptables -C … || iptables -I/-A …`: adds the rule unless an identical one is there. Like
   * kube-proxy's `iptables -N` before it, the chain and a chain it jumps to are created if missing.
   */
  ensureRule(table: TableName, chain: string, rule: Rule, position: 'prepend' | 'append'): void {
    const chains = this.tables[table];
    const target = rule.target.kind === 'jump' ? rule.target.chain : undefined;
    for (const name of target ? [chain, target] : [chain]) {
      if (!chains.has(name)) chains.set(name, { name, packets: 0, bytes: 0, rules: [] });
    }
    const rules = chains.get(chain)!.rules;
    const entry = fresh(rule);
    if (rules.some((r) => r.spec === entry.spec)) return;
    if (position === 'prepend') rules.unshift(entry);
    else rules.push(entry);
  }

  /**
   * Runs a packet (the first of a connection) through a table's hook chain: jumps, RETURN,
   * verdicts, chain policy; DNAT rewrites packet.dstIP/dstPort, MARK updates packet.mark,
   * MASQUERADE sets `masquerade`; counts packets and bytes on every rule that matched and on the
   * builtin chain's policy when it applied. A table without that hook lets the packet pass.
   */
  traverse(table: TableName, hook: Hook, packet: Packet): Verdict {
    const builtin = this.tables[table].get(hook);
    const walk: Walk = { table, packet, addresses: packetAddresses(packet), trace: [], masquerade: false };
    if (!builtin) return { verdict: 'ACCEPT', masquerade: false, trace: walk.trace };
    let verdict = this.run(walk, builtin, 0);
    if (!verdict) {
      builtin.packets++;
      builtin.bytes += packet.bytes;
      verdict = builtin.policy!;
    }
    return { verdict, masquerade: walk.masquerade, trace: walk.trace };
  }

  /** One chain of a traversal: a verdict ends it; undefined returns to the calling chain. */
  private run(walk: Walk, chain: Chain, depth: number): 'ACCEPT' | 'DROP' | 'REJECT' | undefined {
    if (depth > MAX_DEPTH) throw new Error(`netfilter: jumps nest deeper than ${MAX_DEPTH} in ${walk.table}`);
    const { packet } = walk;
    for (const entry of chain.rules) {
      const { rule } = entry;
      if (!matches(entry.compiled, packet, this.env, walk.addresses)) continue;
      entry.packets++;
      entry.bytes += packet.bytes;
      walk.trace.push({ table: walk.table, chain: chain.name, rule });
      const target = rule.target;
      switch (target.kind) {
        case 'jump': {
          const verdict = this.run(walk, this.tables[walk.table].get(target.chain)!, depth + 1);
          if (verdict) return verdict;
          break;
        }
        case 'RETURN':
          return undefined;
        case 'MARK':
          // --set-xmark value/mask: clear the mask's bits, then flip the value's.
          packet.mark = ((packet.mark & ~target.mask) ^ target.value) >>> 0;
          break;
        case 'DNAT':
          packet.dstIP = target.ip;
          packet.dstPort = target.port;
          packet.dnat = true;
          return 'ACCEPT';
        case 'MASQUERADE':
          walk.masquerade = true;
          return 'ACCEPT';
        default:
          return target.kind;
      }
    }
    return undefined;
  }

  /** A table's chains as iptables lists them: builtin ones in hook order, then user chains by name (iptables-nft ≥ 1.8.7). */
  chains(table: TableName): ChainView[] {
    const all = [...this.tables[table].values()];
    const user = all.filter((c) => !c.policy).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return [...all.filter((c) => c.policy), ...user];
  }

  chain(table: TableName, name: string): ChainView | undefined {
    return this.tables[table].get(name);
  }

  /** How many rules jump to a chain: `Chain KUBE-SERVICES (2 references)`. */
  references(table: TableName, name: string): number {
    let count = 0;
    for (const chain of this.tables[table].values()) {
      for (const { rule } of chain.rules) if (rule.target.kind === 'jump' && rule.target.chain === name) count++;
    }
    return count;
  }

  /** `iptables -Z [chain]`: zeroes rule and policy counters. False when the chain does not exist. */
  zero(table: TableName, chain?: string): boolean {
    const chains = this.tables[table];
    const zeroed = chain === undefined ? [...chains.values()] : chains.has(chain) ? [chains.get(chain)!] : [];
    for (const c of zeroed) {
      c.packets = c.bytes = 0;
      for (const r of c.rules) r.packets = r.bytes = 0;
    }
    return zeroed.length > 0;
  }
}

function sameRules(old: readonly Counted[], rules: readonly Rule[]): boolean {
  return old.length === rules.length && old.every((r, i) => r.spec === ruleSpec(rules[i]!));
}
