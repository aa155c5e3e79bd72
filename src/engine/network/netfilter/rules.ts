/**
 * iptables rules as data. kube-proxy writes them (see `../kube-proxy/`), the packet path evaluates
 * them (`Netfilter.traverse`), and `iptables`/`iptables-save` print them — one representation for
 * all three, so what a learner reads in a dump is exactly what routed their packets.
 *
 * Only the matches and targets kube-proxy (iptables mode, v1.30) and a node's defaults use exist.
 */

export type TableName = 'nat' | 'filter';

/** The hooks a packet passes, in the order of its path through a node. */
export type Hook = 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING';

export type Protocol = 'tcp' | 'udp' | 'icmp';

/** An IPv4 network in CIDR form, `10.96.0.1/32` or `10.244.0.0/16`. */
export type Cidr = string;

export interface Match {
  /** `-s`, `! -s` */
  readonly source?: Cidr;
  readonly sourceNegated?: boolean;
  /** `-d`, `! -d` */
  readonly destination?: Cidr;
  readonly destinationNegated?: boolean;
  /** `-p tcp` (with `-m tcp` when a port is matched too). */
  readonly protocol?: Protocol;
  /** `--dport 80` (needs `protocol`). */
  readonly dport?: number;
  /** `-m comment --comment "…"` */
  readonly comment?: string;
  /** `-m mark --mark value/mask`, `-m mark ! --mark …` */
  readonly mark?: { readonly value: number; readonly mask: number; readonly negated?: boolean };
  /**
   * `-m conntrack --ctstate NEW` (or `! --ctstate RELATED,ESTABLISHED,DNAT`). The simulation only
   * evaluates the first packet of a connection, whose state is NEW (DNAT once nat rewrote it).
   */
  readonly ctstate?: { readonly states: readonly ('NEW' | 'RELATED' | 'ESTABLISHED' | 'INVALID' | 'DNAT')[]; readonly negated?: boolean };
  /** `-m addrtype --dst-type LOCAL`: the destination is one of this node's addresses. */
  readonly dstTypeLocal?: boolean;
  /**
   * `-m statistic --mode random --probability p`: p as kube-proxy wrote it (1/(n−i)); printers
   * show the kernel's 31-bit fixed-point value (see `endpointProbability`).
   */
  readonly probability?: number;
  /**
   * `-m recent --name <chain> --set` / `--rcheck --seconds N --reap`: sessionAffinity ClientIP.
   * The list is per node, keyed by the client's source address.
   */
  readonly recent?: { readonly name: string; readonly mode: 'set' | 'rcheck'; readonly seconds?: number; readonly reap?: boolean };
  /**
   * iptables keeps the `-m` modules in the order they were written. kube-proxy writes the comment
   * first, except in its jumps from the builtin chains (`-m conntrack --ctstate NEW -m comment …`):
   * those set this.
   */
  readonly commentLast?: boolean;
}

export type Target =
  /** `-j CHAIN`; returns here when the chain ends without a verdict. */
  | { readonly kind: 'jump'; readonly chain: string }
  | { readonly kind: 'RETURN' }
  | { readonly kind: 'ACCEPT' }
  | { readonly kind: 'DROP' }
  /** `-j DNAT --to-destination ip:port` */
  | { readonly kind: 'DNAT'; readonly ip: string; readonly port: number }
  /** `-j MARK --set-xmark value/mask` (iptables prints `MARK or 0x4000` when value = mask). */
  | { readonly kind: 'MARK'; readonly value: number; readonly mask: number }
  /** `-j MASQUERADE [--random-fully]`: source becomes the outgoing interface's address. */
  | { readonly kind: 'MASQUERADE'; readonly randomFully?: boolean }
  /** `-j REJECT --reject-with icmp-port-unreachable`: the client sees "connection refused". */
  | { readonly kind: 'REJECT'; readonly with: 'icmp-port-unreachable' };

export interface Rule {
  readonly match: Match;
  readonly target: Target;
}

/** A chain's desired rules, as kube-proxy hands them to iptables-restore. */
export interface ChainSpec {
  readonly name: string;
  readonly rules: readonly Rule[];
}

/** What a rule sees of a packet. Addresses are rewritten in place by NAT targets. */
export interface Packet {
  readonly protocol: Protocol;
  srcIP: string;
  srcPort: number;
  dstIP: string;
  dstPort: number;
  /** Size on the wire, IP header included (a TCP SYN is 60 bytes). */
  readonly bytes: number;
  /** The skb mark (KUBE-MARK-MASQ sets 0x4000). */
  mark: number;
  /** conntrack's DNAT status (`--ctstate DNAT`): set once a DNAT target rewrote the destination. */
  dnat?: boolean;
}
