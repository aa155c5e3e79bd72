/**
 * A rule in the syntax of `iptables-save` and `iptables -S` — what follows `-A CHAIN`:
 * `! -s 10.244.0.0/16 -d 10.96.0.1/32 -p tcp -m comment --comment "…" -m tcp --dport 443 -j KUBE-MARK-MASQ`.
 * It is also how two rules are compared (`iptables -C`, and whether a restored chain changed).
 */
import { ipv4Text, network } from './address';
import { matchModules, statisticThreshold, type MatchModule } from './match';
import type { Cidr, Match, Rule, Target } from './rules';

/** What iptables stores: the network address, always with its prefix length. */
export function cidrText(cidr: Cidr): string {
  const net = network(cidr);
  return `${ipv4Text(net.base)}/${net.prefix}`;
}

export const hex = (n: number): string => `0x${(n >>> 0).toString(16)}`;

/** `0x4000/0x4000`, or just the value when every bit counts. */
export const markText = (value: number, mask: number): string => (mask >>> 0 === 0xffffffff ? hex(value) : `${hex(value)}/${hex(mask)}`);

/** The kernel's fixed-point probability printed back with eleven decimals (1/3 → `0.33333333349`). */
export const probabilityText = (probability: number): string => (statisticThreshold(probability) / 0x80000000).toFixed(11);

const STATE_ORDER = ['INVALID', 'NEW', 'RELATED', 'ESTABLISHED', 'DNAT'] as const;

/** conntrack prints states in its own order, whatever order they were given in. */
export const statesText = (states: readonly string[]): string => STATE_ORDER.filter((s) => states.includes(s)).join(',');

const SAFE = /^[A-Za-z0-9_-]+$/;

/** Like iptables' xtables_save_string: bare when harmless, else double-quoted with `"`, `\` and `'` escaped. */
export const quoted = (text: string): string => (SAFE.test(text) ? text : `"${text.replace(/["\\']/g, '\\$&')}"`);

const not = (negated: boolean | undefined): string[] => (negated ? ['!'] : []);

function moduleOptions(module: MatchModule, m: Match): string[] {
  switch (module) {
    case 'comment':
      return ['--comment', quoted(m.comment!)];
    case 'mark':
      return [...not(m.mark!.negated), '--mark', markText(m.mark!.value, m.mark!.mask)];
    case 'conntrack':
      return [...not(m.ctstate!.negated), '--ctstate', statesText(m.ctstate!.states)];
    case 'addrtype':
      return ['--dst-type', 'LOCAL'];
    case 'statistic':
      return ['--mode', 'random', '--probability', probabilityText(m.probability!)];
    case 'recent': {
      const { name, mode, seconds, reap } = m.recent!;
      const check = mode === 'rcheck' ? ['--rcheck', ...(seconds ? ['--seconds', String(seconds)] : []), ...(reap ? ['--reap'] : [])] : ['--set'];
      return [...check, '--name', name, '--mask', '255.255.255.255', '--rsource'];
    }
    case 'tcp':
    case 'udp':
      return m.dport === undefined ? [] : ['--dport', String(m.dport)];
  }
}

/** The name in the target column of `iptables -L`, and after `-j`. */
export const targetName = (target: Target): string => (target.kind === 'jump' ? target.chain : target.kind);

function targetOptions(target: Target): string[] {
  switch (target.kind) {
    case 'DNAT':
      return ['--to-destination', `${target.ip}:${target.port}`];
    case 'MARK':
      return ['--set-xmark', `${hex(target.value)}/${hex(target.mask)}`];
    case 'MASQUERADE':
      return target.randomFully ? ['--random-fully'] : [];
    case 'REJECT':
      return ['--reject-with', target.with];
    default:
      return [];
  }
}

/** `counters` adds `-c packets bytes` before the target, as `iptables -v -S` prints it. */
export function ruleSpec(rule: Rule, counters?: { readonly packets: number; readonly bytes: number }): string {
  const m = rule.match;
  const parts: string[] = [];
  if (m.source !== undefined) parts.push(...not(m.sourceNegated), '-s', cidrText(m.source));
  if (m.destination !== undefined) parts.push(...not(m.destinationNegated), '-d', cidrText(m.destination));
  if (m.protocol !== undefined) parts.push('-p', m.protocol);
  for (const module of matchModules(m)) parts.push('-m', module, ...moduleOptions(module, m));
  if (counters) parts.push('-c', String(counters.packets), String(counters.bytes));
  parts.push('-j', targetName(rule.target), ...targetOptions(rule.target));
  return parts.join(' ');
}
