/**
 * The three files the kubelet writes for every pod and mounts into each of its containers:
 * `/etc/hostname`, `/etc/hosts` (kubelet-managed, with the pod's own IP) and `/etc/resolv.conf`
 * (pointing at the cluster DNS Service under dnsPolicy ClusterFirst). This is why `hostname` in a
 * pod prints the pod name and `nslookup nginx` finds `nginx.default.svc.cluster.local`.
 */
import type { Pod } from 'kubernetes-types/core/v1';

/** What a resolv.conf says, parsed. */
export interface DnsConfig {
  readonly nameservers: readonly string[];
  readonly searches: readonly string[];
  readonly options: readonly string[];
}

export interface ClusterDns {
  /** The kube-dns Service IP (kubelet `--cluster-dns`). */
  readonly serverIP: string;
  /** kubelet `--cluster-domain`. */
  readonly domain: string;
}

/** Linux caps a hostname at 63 characters; the kubelet truncates (and drops a trailing `-`/`.`). */
function truncateHostname(name: string): string {
  return name.length <= 63 ? name : name.slice(0, 63).replace(/[-.]+$/, '');
}

/** The pod's hostname and, with a subdomain, its domain (`<sub>.<ns>.svc.<cluster domain>`). */
export function podHostname(pod: Pod, clusterDomain: string): { hostname: string; domain?: string } {
  const hostname = truncateHostname(pod.spec?.hostname || pod.metadata?.name || '');
  const sub = pod.spec?.subdomain;
  return sub ? { hostname, domain: `${sub}.${pod.metadata?.namespace}.svc.${clusterDomain}` } : { hostname };
}

const HOSTS_HEADER = '# Kubernetes-managed hosts file.\n';
const HOST_NETWORK_HOSTS_HEADER = '# Kubernetes-managed hosts file (host network).\n';

/** `/etc/hosts` of a pod: the kubelet's fixed header and localhost lines, then the pod's IPs. */
export function hostsFile(pod: Pod, podIPs: readonly string[], clusterDomain: string, nodeHosts: string): string {
  const aliases = hostAliasLines(pod);
  if (pod.spec?.hostNetwork) return HOST_NETWORK_HOSTS_HEADER + nodeHosts + aliases;
  const { hostname, domain } = podHostname(pod, clusterDomain);
  let out =
    HOSTS_HEADER +
    '127.0.0.1\tlocalhost\n' +
    '::1\tlocalhost ip6-localhost ip6-loopback\n' +
    'fe00::0\tip6-localnet\n' +
    'fe00::0\tip6-mcastprefix\n' +
    'fe00::1\tip6-allnodes\n' +
    'fe00::2\tip6-allrouters\n';
  for (const ip of podIPs) out += domain ? `${ip}\t${hostname}.${domain}\t${hostname}\n` : `${ip}\t${hostname}\n`;
  return out + aliases;
}

function hostAliasLines(pod: Pod): string {
  const aliases = pod.spec?.hostAliases ?? [];
  if (aliases.length === 0) return '';
  return '\n# Entries added by HostAliases.\n' + aliases.map((a) => `${a.ip}\t${(a.hostnames ?? []).join('\t')}\n`).join('');
}

/** Parses the nameserver, search and options lines of a resolv.conf. */
export function parseResolvConf(text: string): DnsConfig {
  const nameservers: string[] = [];
  const searches: string[] = [];
  const options: string[] = [];
  for (const raw of text.split('\n')) {
    const [key, ...values] = raw.replace(/[#;].*$/, '').trim().split(/\s+/);
    if (key === 'nameserver' && values[0]) nameservers.push(values[0]);
    else if (key === 'search' || key === 'domain') searches.splice(0, searches.length, ...values);
    else if (key === 'options') options.push(...values);
  }
  return { nameservers, searches, options };
}

/**
 * The pod's DNS settings by dnsPolicy (kubelet `GetPodDNS`): ClusterFirst uses the cluster DNS
 * Service with the namespace's search path and `ndots:5`, followed by the node's own search
 * domains; a host-network pod under ClusterFirst falls back to the node's settings (Default);
 * ClusterFirstWithHostNet keeps cluster DNS; None takes only `dnsConfig`. `dnsConfig` is merged last.
 */
export function podDns(pod: Pod, cluster: ClusterDns, node: DnsConfig): DnsConfig {
  const policy = pod.spec?.dnsPolicy ?? 'ClusterFirst';
  const hostNetwork = pod.spec?.hostNetwork === true;
  let base: DnsConfig;
  if (policy === 'None') base = { nameservers: [], searches: [], options: [] };
  else if (policy === 'Default' || (policy === 'ClusterFirst' && hostNetwork)) base = node;
  else {
    const ns = pod.metadata?.namespace ?? 'default';
    const d = cluster.domain;
    base = { nameservers: [cluster.serverIP], searches: [`${ns}.svc.${d}`, `svc.${d}`, d, ...node.searches], options: ['ndots:5'] };
  }
  const extra = pod.spec?.dnsConfig;
  if (!extra) return base;
  const options = new Map<string, string>();
  for (const o of base.options) options.set(o.split(':')[0]!, o);
  for (const o of extra.options ?? []) options.set(o.name ?? '', o.value === undefined ? o.name ?? '' : `${o.name}:${o.value}`);
  return {
    nameservers: unique([...base.nameservers, ...(extra.nameservers ?? [])]),
    searches: unique([...base.searches, ...(extra.searches ?? [])]),
    options: [...options.values()],
  };
}

const unique = (xs: readonly string[]): string[] => [...new Set(xs)];

/** resolv.conf as containerd writes it: search, then nameservers, then options. */
export function formatResolvConf(dns: DnsConfig): string {
  let out = '';
  if (dns.searches.length > 0) out += `search ${dns.searches.join(' ')}\n`;
  for (const ns of dns.nameservers) out += `nameserver ${ns}\n`;
  if (dns.options.length > 0) out += `options ${dns.options.join(' ')}\n`;
  return out;
}
