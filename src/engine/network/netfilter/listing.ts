/**
 * `iptables -L` as iptables-nft v1.8.10 prints it: `Chain …` headers, the column header, and one
 * row per rule — counters (with K/M/G units unless -x), target, protocol, addresses, then what
 * each match and target says about itself (`/* comment *\/ tcp dpt:80`, `tcp to:10.244.1.5:80`).
 * The column widths and trailing blanks are iptables' printf formats, kept byte for byte.
 */
import { ipv4Text, network } from './address';
import { matchModules, type MatchModule } from './match';
import type { ChainView, CountedRule, Netfilter } from './netfilter';
import { hex, markText, probabilityText, statesText, targetName } from './rule-spec';
import type { Cidr, Match, Protocol, TableName, Target } from './rules';

export interface ListFormat {
  /** -n: addresses and ports as numbers (and, in v1.8.10, protocols too: `0`, `6`, `17`). */
  readonly numeric: boolean;
  /** -v: packet and byte counters, interfaces. */
  readonly verbose: boolean;
  /** -x: exact counters instead of K/M/G units. */
  readonly exact: boolean;
  /** --line-numbers */
  readonly lineNumbers: boolean;
}

/** Protocol numbers of /etc/protocols; -n prints them instead of names (iptables 1.8.9 and 1.8.10). */
const PROTOCOL_NUMBERS: Readonly<Record<Protocol | 'all', string>> = { all: '0', icmp: '1', tcp: '6', udp: '17' };

/** The /etc/services names iptables shows for well-known ports without -n (Rocky Linux's file). */
const SERVICES: Readonly<Record<string, string>> = {
  'tcp/22': 'ssh',
  'tcp/53': 'domain',
  'udp/53': 'domain',
  'tcp/80': 'http',
  'udp/80': 'http',
  'tcp/443': 'https',
  'udp/443': 'https',
  'tcp/6443': 'sun-sr-https',
  'tcp/8080': 'webcache',
};

/** iptables' counter column: up to 99999 as is, then rounded to K, M, G, T in four digits. */
function counter(n: number, exact: boolean, table = true): string {
  if (exact) return table ? `${String(n).padStart(8)} ` : `${n} `;
  let unit = '';
  for (const next of ['K', 'M', 'G', 'T']) {
    if (unit === '' ? n <= 99999 : n <= 9999) break;
    n = Math.floor((n + 500) / 1000);
    unit = next;
  }
  if (!table) return `${n}${unit} `;
  return unit ? `${String(n).padStart(4)}${unit} ` : `${String(n).padStart(5)} `;
}

function address(cidr: Cidr | undefined, numeric: boolean): string {
  if (cidr === undefined) return numeric ? '0.0.0.0/0' : 'anywhere';
  const net = network(cidr);
  if (net.prefix === 0 && !numeric) return 'anywhere';
  return net.prefix === 32 ? ipv4Text(net.base) : `${ipv4Text(net.base)}/${net.prefix}`;
}

const port = (protocol: string, n: number, numeric: boolean): string => (numeric ? String(n) : (SERVICES[`${protocol}/${n}`] ?? String(n)));

function moduleText(module: MatchModule, m: Match, numeric: boolean): string {
  switch (module) {
    case 'comment':
      return `/* ${m.comment} */`;
    case 'mark':
      return `mark match${m.mark!.negated ? ' !' : ''} ${markText(m.mark!.value, m.mark!.mask)}`;
    case 'conntrack':
      return `${m.ctstate!.negated ? '! ' : ''}ctstate ${statesText(m.ctstate!.states)}`;
    case 'addrtype':
      return 'ADDRTYPE match dst-type LOCAL';
    case 'statistic':
      return `statistic mode random probability ${probabilityText(m.probability!)}`;
    case 'recent': {
      const { name, mode, seconds, reap } = m.recent!;
      const what = mode === 'rcheck' ? `CHECK${seconds ? ` seconds: ${seconds}` : ''}${reap ? ' reap' : ''}` : 'SET';
      return `recent: ${what} name: ${name} side: source mask: 255.255.255.255`;
    }
    case 'tcp':
    case 'udp':
      return m.dport === undefined ? module : `${module} dpt:${port(module, m.dport, numeric)}`;
  }
}

/** What the MARK target says: the bit operation its --set-xmark value/mask amounts to. */
function markTargetText(value: number, mask: number): string {
  if (value === 0) return `MARK and ${hex(~mask)}`;
  if (value === mask) return `MARK or ${hex(value)}`;
  if (mask === 0) return `MARK xor ${hex(value)}`;
  if (mask >>> 0 === 0xffffffff) return `MARK set ${hex(value)}`;
  return `MARK xset ${hex(value)}/${hex(mask)}`;
}

function targetText(target: Target): string | undefined {
  switch (target.kind) {
    case 'DNAT':
      return `to:${target.ip}:${target.port}`;
    case 'MARK':
      return markTargetText(target.value, target.mask);
    case 'MASQUERADE':
      return target.randomFully ? 'random-fully' : undefined;
    case 'REJECT':
      return `reject-with ${target.with}`;
    default:
      return undefined;
  }
}

function header(nf: Netfilter, table: TableName, chain: ChainView, f: ListFormat): string {
  const about = chain.policy
    ? f.verbose
      ? `policy ${chain.policy} ${counter(chain.packets, f.exact, false)}packets, ${counter(chain.bytes, f.exact, false)}bytes`
      : `policy ${chain.policy}`
    : `${nf.references(table, chain.name)} references`;
  const columns =
    (f.lineNumbers ? 'num  ' : '') +
    (f.verbose ? (f.exact ? `${'pkts'.padStart(8)} ${'bytes'.padStart(10)} ` : ' pkts bytes ') : '') +
    'target     prot opt ' +
    (f.verbose ? 'in     out     ' : '') +
    `${'source'.padEnd(19)}  ${'destination'.padEnd(19)} `;
  return `Chain ${chain.name} (${about})\n${columns}\n`;
}

function row(entry: CountedRule, index: number, f: ListFormat): string {
  const { match: m, target } = entry.rule;
  const any = f.numeric ? '*' : 'any';
  const protocol = f.numeric ? PROTOCOL_NUMBERS[m.protocol ?? 'all'] : (m.protocol ?? 'all');
  const extras = [...matchModules(m).map((module) => moduleText(module, m, f.numeric)), targetText(target)].filter((t) => t !== undefined);
  return (
    (f.lineNumbers ? `${String(index + 1).padEnd(4)} ` : '') +
    (f.verbose ? counter(entry.packets, f.exact) + counter(entry.bytes, f.exact) : '') +
    `${targetName(target).padEnd(9)}  ${protocol.padEnd(5)}-- ` +
    (f.verbose ? ` ${any.padEnd(6)} ${any.padEnd(6)} ` : '') +
    `${m.sourceNegated ? '!' : ' '}${address(m.source, f.numeric).padEnd(19)} ` +
    `${m.destinationNegated ? '!' : ' '}${address(m.destination, f.numeric).padEnd(19)} ` +
    extras.map((t) => ` ${t}`).join('') +
    '\n'
  );
}

/** One chain: its `Chain …` line, the column header and its rules. */
export function listChain(nf: Netfilter, table: TableName, chain: ChainView, f: ListFormat): string {
  return header(nf, table, chain, f) + chain.rules.map((r, i) => row(r, i, f)).join('');
}

/** Every chain of a table, a blank line between them. */
export function listTable(nf: Netfilter, table: TableName, f: ListFormat): string {
  return nf.chains(table).map((c) => listChain(nf, table, c, f)).join('\n');
}
