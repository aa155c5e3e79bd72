/**
 * Test helpers for kube-proxy: Services and EndpointSlices as the apiserver stores them, and a
 * small `-A CHAIN …` renderer so tests can compare rules with real `iptables-save` dumps (the
 * node's own printer lives with the netfilter; this one only knows the rules kube-proxy writes).
 */
import type { Service, ServicePort } from 'kubernetes-types/core/v1';
import type { Endpoint, EndpointPort, EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { ChainSpec, Match, Rule, Target } from '../netfilter/rules';

export function svc(namespace: string, name: string, spec: Service['spec']): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { namespace, name }, spec: { type: 'ClusterIP', sessionAffinity: 'None', ...spec } };
}

/** `ip` ready, or with explicit conditions: `ep('10.244.1.5', { ready: false, serving: false })`. */
export function ep(ip: string, conditions: Endpoint['conditions'] = { ready: true, serving: true, terminating: false }, nodeName = 'worker01'): Endpoint {
  return { addresses: [ip], conditions, nodeName };
}

export function slice(namespace: string, service: string, name: string, ports: EndpointPort[], endpoints: Endpoint[]): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { namespace, name, labels: { 'kubernetes.io/service-name': service } },
    addressType: 'IPv4',
    ports,
    endpoints,
  };
}

export const tcp = (port: number, name = ''): ServicePort & EndpointPort => ({ name, port, protocol: 'TCP' });
export const udp = (port: number, name = ''): ServicePort & EndpointPort => ({ name, port, protocol: 'UDP' });

/** The kernel keeps a statistic probability as 31-bit fixed point; iptables prints it back so. */
const probabilityText = (p: number): string => (Math.round(Number(p.toFixed(10)) * 2 ** 31) / 2 ** 31).toFixed(11);

function matchText(m: Match): string[] {
  const out: string[] = [];
  if (m.source) out.push(...(m.sourceNegated ? ['!'] : []), '-s', m.source);
  if (m.destination) out.push(...(m.destinationNegated ? ['!'] : []), '-d', m.destination);
  if (m.protocol) out.push('-p', m.protocol);
  // kube-proxy puts `--ctstate NEW` before the comment in its jumps, other conntrack matches after it.
  const conntrack = m.ctstate ? ['-m conntrack', ...(m.ctstate.negated ? ['!'] : []), '--ctstate', m.ctstate.states.join(',')] : [];
  const newOnly = m.ctstate?.states.join() === 'NEW';
  if (newOnly) out.push(...conntrack);
  if (m.comment) out.push('-m comment --comment', `"${m.comment}"`);
  if (!newOnly) out.push(...conntrack);
  if (m.dstTypeLocal) out.push('-m addrtype --dst-type LOCAL');
  if (m.mark) out.push('-m mark', ...(m.mark.negated ? ['!'] : []), '--mark', `0x${m.mark.value.toString(16)}/0x${m.mark.mask.toString(16)}`);
  if (m.recent) {
    out.push('-m recent', m.recent.mode === 'set' ? '--set' : '--rcheck');
    if (m.recent.seconds !== undefined) out.push('--seconds', String(m.recent.seconds));
    if (m.recent.reap) out.push('--reap');
    out.push('--name', m.recent.name, '--mask 255.255.255.255 --rsource');
  }
  if (m.probability !== undefined) out.push('-m statistic --mode random --probability', probabilityText(m.probability));
  if (m.protocol && m.protocol !== 'icmp') out.push('-m', m.protocol, ...(m.dport !== undefined ? ['--dport', String(m.dport)] : []));
  return out;
}

function targetText(t: Target): string {
  switch (t.kind) {
    case 'jump':
      return `-j ${t.chain}`;
    case 'DNAT':
      return `-j DNAT --to-destination ${t.ip}:${t.port}`;
    case 'MARK':
      return `-j MARK --set-xmark 0x${t.value.toString(16)}/0x${t.mask.toString(16)}`;
    case 'MASQUERADE':
      return `-j MASQUERADE${t.randomFully ? ' --random-fully' : ''}`;
    case 'REJECT':
      return `-j REJECT --reject-with ${t.with}`;
    default:
      return `-j ${t.kind}`;
  }
}

export const ruleLine = (chain: string, rule: Rule): string => ['-A', chain, ...matchText(rule.match), targetText(rule.target)].join(' ');

/** Every rule as an `-A` line, chain by chain in the given order. */
export const saveLines = (chains: readonly ChainSpec[]): string[] => chains.flatMap((c) => c.rules.map((r) => ruleLine(c.name, r)));
