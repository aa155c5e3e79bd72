/**
 * Test helpers for kube-proxy: Services and EndpointSlices as the apiserver stores them, and rules
 * as `-A CHAIN …` lines (through the netfilter's own rule printer) to compare with real dumps.
 */
import type { Service, ServicePort } from 'kubernetes-types/core/v1';
import type { Endpoint, EndpointPort, EndpointSlice } from 'kubernetes-types/discovery/v1';
import { ruleSpec } from '../netfilter/rule-spec';
import type { ChainSpec, Rule } from '../netfilter/rules';

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

/** A rule as `iptables-save` prints it, after `-A CHAIN`. */
export const ruleLine = (chain: string, rule: Rule): string => `-A ${chain} ${ruleSpec(rule)}`;

/** Every rule as an `-A` line, chain by chain in the given order. */
export const saveLines = (chains: readonly ChainSpec[]): string[] => chains.flatMap((c) => c.rules.map((r) => ruleLine(c.name, r)));
