/**
 * kube-proxy's iptables rules (iptables mode, v1.30) as data: from the cluster's Services and
 * EndpointSlices to the chains it restores into a node's nat and filter tables, and the jumps it
 * ensures in the builtin chains. A pure function: the proxier (`proxier.ts`) decides when to call
 * it, the node's netfilter evaluates the result, and `iptables-save` prints it.
 *
 * The path of a packet to a Service, as these rules lay it out:
 *   PREROUTING/OUTPUT → KUBE-SERVICES: `-d <clusterIP> --dport <port>` → KUBE-SVC-<hash>
 *     (or, for a node's own address, last rule → KUBE-NODEPORTS: `--dport <nodePort>` → KUBE-EXT-<hash>
 *      → mark for masquerade → KUBE-SVC-<hash>)
 *   KUBE-SVC-<hash>: mark for masquerade if the client is not a pod; then one rule per endpoint,
 *     rule i of n matching with probability 1/(n−i) — an even share each — → KUBE-SEP-<hash>
 *   KUBE-SEP-<hash>: mark hairpin traffic (a pod reaching itself), DNAT to the endpoint's ip:port
 *   POSTROUTING → KUBE-POSTROUTING: marked packets leave with the node's address (MASQUERADE).
 * A Service port without usable endpoints gets no nat rules at all, but a REJECT in the filter
 * table: clients see "connection refused" at once instead of waiting for a timeout.
 */
import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { ChainSpec, Hook, Match, Rule, TableName, Target } from '../netfilter/rules';
import { endpointChain, serviceChains } from './chain-names';
import { endpointsByServicePort, servicePortKey, servicePorts, usableEndpoints, type EndpointInfo, type ServicePortInfo } from './service-map';

export interface ProxyRulesInput {
  readonly services: readonly Service[];
  readonly slices: readonly EndpointSlice[];
  /**
   * The pod network (`10.244.0.0/16`): traffic to a ClusterIP from outside it is masqueraded.
   * Empty: no such rule (kube-proxy without a cluster CIDR cannot tell pods from the rest).
   */
  readonly clusterCIDR: string;
}

/** A rule kube-proxy keeps at the top of a builtin chain (`iptables -I`, once; it never rewrites those chains). */
export interface JumpRule {
  readonly table: TableName;
  readonly chain: Hook;
  readonly rule: Rule;
}

export interface ProxyRules {
  readonly nat: ChainSpec[];
  readonly filter: ChainSpec[];
  /** In the order kube-proxy ensures them, each prepended: the last one ends up first in its chain. */
  readonly jumps: JumpRule[];
}

/** The skb mark bit kube-proxy uses for "masquerade this" (masqueradeBit 14). */
export const MASQUERADE_MARK = 0x4000;

export const KUBE_SERVICES = 'KUBE-SERVICES';
export const KUBE_EXTERNAL_SERVICES = 'KUBE-EXTERNAL-SERVICES';
export const KUBE_NODEPORTS = 'KUBE-NODEPORTS';
export const KUBE_POSTROUTING = 'KUBE-POSTROUTING';
export const KUBE_MARK_MASQ = 'KUBE-MARK-MASQ';
export const KUBE_FORWARD = 'KUBE-FORWARD';
export const KUBE_PROXY_FIREWALL = 'KUBE-PROXY-FIREWALL';
/** The kubelet's chain (kube-proxy keeps a copy of its one rule). */
export const KUBE_FIREWALL = 'KUBE-FIREWALL';
/**
 * Always empty: kube-proxy watches for it to vanish (someone flushed the tables) to resync at once.
 * Here the periodic full sync puts everything back instead; the chain is there for the dumps.
 */
export const KUBE_PROXY_CANARY = 'KUBE-PROXY-CANARY';

/** Per-Service chains, the ones kube-proxy deletes when their Service or endpoint goes away. */
export const isServiceChain = (chain: string): boolean => /^KUBE-(SVC|SVL|EXT|FW|SEP)-/.test(chain);

const jump = (chain: string): Target => ({ kind: 'jump', chain });
const REJECT: Target = { kind: 'REJECT', with: 'icmp-port-unreachable' };
const MARK_FOR_MASQUERADE = jump(KUBE_MARK_MASQ);
const host = (ip: string): string => `${ip}/32`;
const NEW = { states: ['NEW'] } as const;

/** Chains in the order they were first mentioned, each with its rules in order. */
class Table {
  private readonly chains = new Map<string, Rule[]>();

  constructor(names: readonly string[]) {
    for (const name of names) this.chain(name);
  }

  chain(name: string): Rule[] {
    let rules = this.chains.get(name);
    if (!rules) this.chains.set(name, (rules = []));
    return rules;
  }

  add(chain: string, match: Match, target: Target): void {
    this.chain(chain).push({ match, target });
  }

  specs(): ChainSpec[] {
    return [...this.chains].map(([name, rules]) => ({ name, rules }));
  }
}

export function proxyRules({ services, slices, clusterCIDR }: ProxyRulesInput): ProxyRules {
  const filter = new Table([KUBE_SERVICES, KUBE_EXTERNAL_SERVICES, KUBE_FORWARD, KUBE_NODEPORTS, KUBE_PROXY_FIREWALL, KUBE_FIREWALL, KUBE_PROXY_CANARY]);
  const nat = new Table([KUBE_SERVICES, KUBE_NODEPORTS, KUBE_POSTROUTING, KUBE_MARK_MASQ, KUBE_PROXY_CANARY]);

  // Marked packets leave with the node's address; the mark is cleared first (xor), so a packet
  // that passes the stack twice is not masqueraded twice.
  nat.add(KUBE_POSTROUTING, { mark: { value: MASQUERADE_MARK, mask: MASQUERADE_MARK, negated: true } }, { kind: 'RETURN' });
  nat.add(KUBE_POSTROUTING, {}, { kind: 'MARK', value: MASQUERADE_MARK, mask: 0 });
  nat.add(KUBE_POSTROUTING, { comment: 'kubernetes service traffic requiring SNAT' }, { kind: 'MASQUERADE', randomFully: true });
  nat.add(KUBE_MARK_MASQ, {}, { kind: 'MARK', value: MASQUERADE_MARK, mask: MASQUERADE_MARK });

  // NodePorts answer on 127.0.0.1 too (localhostNodePorts), so nothing from outside may reach
  // the loopback range (the kubelet's rule, which kube-proxy keeps a copy of).
  filter.add(
    KUBE_FIREWALL,
    {
      comment: 'block incoming localnet connections',
      destination: '127.0.0.0/8',
      source: '127.0.0.0/8',
      sourceNegated: true,
      ctstate: { states: ['RELATED', 'ESTABLISHED', 'DNAT'], negated: true },
    },
    { kind: 'DROP' },
  );

  const endpoints = endpointsByServicePort(slices);
  for (const sp of servicePorts(services)) {
    servicePortRules(sp, usableEndpoints(endpoints.get(servicePortKey(sp)) ?? []), clusterCIDR, nat, filter);
  }

  // After every Service: anything else addressed to the node itself may be a NodePort.
  nat.add(KUBE_SERVICES, { comment: 'kubernetes service nodeports; NOTE: this must be the last rule in this chain', dstTypeLocal: true }, jump(KUBE_NODEPORTS));

  filter.add(KUBE_FORWARD, { ctstate: { states: ['INVALID'] } }, { kind: 'DROP' });
  filter.add(KUBE_FORWARD, { comment: 'kubernetes forwarding rules', mark: { value: MASQUERADE_MARK, mask: MASQUERADE_MARK } }, { kind: 'ACCEPT' });
  filter.add(KUBE_FORWARD, { comment: 'kubernetes forwarding conntrack rule', ctstate: { states: ['RELATED', 'ESTABLISHED'] } }, { kind: 'ACCEPT' });

  return { nat: nat.specs(), filter: filter.specs(), jumps: JUMPS };
}

/** The rules of one Service port, in both tables. */
function servicePortRules(sp: ServicePortInfo, endpoints: readonly EndpointInfo[], clusterCIDR: string, nat: Table, filter: Table): void {
  const chains = serviceChains(sp.name, sp.protocol);
  const protocol = sp.protocol;
  const clusterIP: Match = { destination: host(sp.clusterIP), protocol, dport: sp.port, comment: `${sp.nameText} cluster IP` };

  if (endpoints.length === 0) {
    const comment = `${sp.nameText} has no endpoints`;
    filter.add(KUBE_SERVICES, { ...clusterIP, comment }, REJECT);
    for (const ip of sp.externalIPs) filter.add(KUBE_EXTERNAL_SERVICES, { destination: host(ip), protocol, dport: sp.port, comment }, REJECT);
    if (sp.nodePort) filter.add(KUBE_EXTERNAL_SERVICES, { comment, dstTypeLocal: true, protocol, dport: sp.nodePort }, REJECT);
    return;
  }

  nat.add(KUBE_SERVICES, clusterIP, jump(chains.svc));
  for (const ip of sp.externalIPs) {
    nat.add(KUBE_SERVICES, { destination: host(ip), protocol, dport: sp.port, comment: `${sp.nameText} external IP` }, jump(chains.ext));
  }
  if (sp.nodePort) nat.add(KUBE_NODEPORTS, { comment: sp.nameText, protocol, dport: sp.nodePort }, jump(chains.ext));

  // External traffic may be sent to another node's pod: masquerade, so the answer returns here.
  if (sp.nodePort || sp.externalIPs.length > 0) {
    nat.add(chains.ext, { comment: `masquerade traffic for ${sp.nameText} external destinations` }, MARK_FOR_MASQUERADE);
    nat.add(chains.ext, {}, jump(chains.svc));
  }

  // Traffic from outside the pod network (a node, the host) must come back through this node.
  if (clusterCIDR) nat.add(chains.svc, { ...clusterIP, source: clusterCIDR, sourceNegated: true }, MARK_FOR_MASQUERADE);

  const seps = endpoints.map((e) => ({ endpoint: e, chain: endpointChain(sp.name, sp.protocol, e.text), comment: `${sp.nameText} -> ${e.text}` }));
  // A client seen recently goes back to its endpoint, before any dice are rolled.
  if (sp.stickySeconds !== undefined) {
    for (const sep of seps) {
      nat.add(chains.svc, { comment: sep.comment, recent: { name: sep.chain, mode: 'rcheck', seconds: sp.stickySeconds, reap: true } }, jump(sep.chain));
    }
  }
  // Rule i of n takes 1/(n−i) of what is left: every endpoint ends up with an even share.
  seps.forEach((sep, i) => {
    const last = i === seps.length - 1;
    nat.add(chains.svc, { comment: sep.comment, ...(last ? {} : { probability: 1 / (seps.length - i) }) }, jump(sep.chain));
  });

  for (const { endpoint, chain } of seps) {
    // A pod that reaches itself through the Service (hairpin) must get the answer from the node's address.
    nat.add(chain, { source: host(endpoint.ip), comment: sp.nameText }, MARK_FOR_MASQUERADE);
    const remember = sp.stickySeconds !== undefined ? { recent: { name: chain, mode: 'set' as const } } : {};
    nat.add(chain, { comment: sp.nameText, ...remember, protocol }, { kind: 'DNAT', ip: endpoint.ip, port: endpoint.port });
  }
}

const builtinJump = (table: TableName, chain: Hook, target: string, comment?: string, ctstateNew = false): JumpRule => ({
  table,
  chain,
  // These say `-m conntrack --ctstate NEW` before their comment, unlike kube-proxy's other rules.
  rule: { match: { ...(ctstateNew ? { ctstate: NEW, commentLast: true } : {}), ...(comment ? { comment } : {}) }, target: jump(target) },
});

/**
 * The jumps from the builtin chains, in the order they are ensured (each one prepended). The
 * kubelet's KUBE-FIREWALL jumps come first: on a real node the kubelet made them before
 * kube-proxy started, which is why they sit below kube-proxy's in `iptables -S INPUT`.
 */
const JUMPS: JumpRule[] = [
  builtinJump('filter', 'INPUT', KUBE_FIREWALL),
  builtinJump('filter', 'OUTPUT', KUBE_FIREWALL),
  builtinJump('filter', 'INPUT', KUBE_EXTERNAL_SERVICES, 'kubernetes externally-visible service portals', true),
  builtinJump('filter', 'FORWARD', KUBE_EXTERNAL_SERVICES, 'kubernetes externally-visible service portals', true),
  builtinJump('filter', 'INPUT', KUBE_NODEPORTS, 'kubernetes health check service ports'),
  builtinJump('filter', 'FORWARD', KUBE_SERVICES, 'kubernetes service portals', true),
  builtinJump('filter', 'OUTPUT', KUBE_SERVICES, 'kubernetes service portals', true),
  builtinJump('filter', 'FORWARD', KUBE_FORWARD, 'kubernetes forwarding rules'),
  builtinJump('filter', 'INPUT', KUBE_PROXY_FIREWALL, 'kubernetes load balancer firewall', true),
  builtinJump('filter', 'OUTPUT', KUBE_PROXY_FIREWALL, 'kubernetes load balancer firewall', true),
  builtinJump('filter', 'FORWARD', KUBE_PROXY_FIREWALL, 'kubernetes load balancer firewall', true),
  builtinJump('nat', 'OUTPUT', KUBE_SERVICES, 'kubernetes service portals'),
  builtinJump('nat', 'PREROUTING', KUBE_SERVICES, 'kubernetes service portals'),
  builtinJump('nat', 'POSTROUTING', KUBE_POSTROUTING, 'kubernetes postrouting rules'),
];
