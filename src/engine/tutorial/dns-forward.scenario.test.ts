/**
 * Names outside the cluster: CoreDNS's `forward . /etc/resolv.conf` asks the lab router's dnsmasq
 * (192.168.1.2, the nodes' nameserver) over the simulated network, from the CoreDNS pod, and
 * relays what it says — the lab's machine names resolve, public names do not (no internet), and
 * with dnsmasq stopped the lookups time out.
 */
import { describe, expect, it } from 'vitest';
import type { TrafficEvent } from '../runtime/process';
import { CLIENT, Learner } from './testkit';


describe('CoreDNS forwards what is not the cluster\'s to the lab\'s DNS server', () => {
  const l = new Learner();
  l.create(CLIENT);
  l.waitFor('client running', () => l.pod('client')?.pod.status?.phase === 'Running');

  it('busybox nslookup of a short name tries only the search domains: the cluster says NXDOMAIN to each', () => {
    const lookup = l.exec('client', ['nslookup', 'worker01']);
    expect(lookup.output.split('\n').filter((line) => line.startsWith('**')).sort()).toEqual([
      "** server can't find worker01.cluster.local: NXDOMAIN",
      "** server can't find worker01.cluster.local: NXDOMAIN",
      "** server can't find worker01.default.svc.cluster.local: NXDOMAIN",
      "** server can't find worker01.default.svc.cluster.local: NXDOMAIN",
      "** server can't find worker01.svc.cluster.local: NXDOMAIN",
      "** server can't find worker01.svc.cluster.local: NXDOMAIN",
    ]);
    expect(lookup.code).toBe(1);
  });

  it('the full name goes upstream: dnsmasq answers from its /etc/hosts, and the answer comes back through CoreDNS', () => {
    const events: TrafficEvent[] = [];
    const unsubscribe = l.cluster.network.observe((e) => events.push(e));
    const lookup = l.exec('client', ['nslookup', 'worker01.']);
    unsubscribe();
    expect(lookup.output).toBe('Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tworker01\nAddress: 192.168.1.131\n\n\n');
    expect(lookup.code).toBe(0);
    const dns = events.filter((e) => e.kind === 'dns');
    expect(dns.map((e) => e.kind === 'dns' && `${e.name} ${e.type} ${e.rcode} ${e.answers.join(',')}`).sort()).toEqual(['worker01. A NOERROR 192.168.1.131', 'worker01. AAAA NOERROR ']);
    // Answered by a CoreDNS pod, to the client pod.
    const clientIP = l.pod('client')!.pod.status!.podIP!;
    for (const e of dns) if (e.kind === 'dns') {
      expect(e.server).toMatch(/^kube-system\/coredns-/);
      expect(e.client.ip).toBe(clientIP);
    }
  });

  it('the forwarded query leaves master01 masqueraded by flannel\'s rule: the router sees the node, not the pod', () => {
    const masqueraded = (): number => {
      const listing = l.onNode('master01', 'iptables -t nat -nvxL FLANNEL-POSTRTG').output;
      const line = listing.split('\n').find((row) => row.includes('MASQUERADE') && row.includes('!224.0.0.0/4'))!;
      return Number(line.trim().split(/\s+/)[0]);
    };
    const before = masqueraded();
    expect(l.exec('client', ['nslookup', 'worker02.']).output).toContain('Address: 192.168.1.132');
    expect(masqueraded() - before).toBe(2);
  });

  it('ping and wget resolve a short name the libc way: search domains first, then the name itself', () => {
    const ping = l.exec('client', ['ping', '-c', '1', 'worker01']);
    expect(ping.output.split('\n')[0]).toBe('PING worker01 (192.168.1.131): 56 data bytes');
    expect(ping.code).toBe(0);
  });

  it('a public name: the lab has no internet, so dnsmasq and then CoreDNS say NXDOMAIN, non-authoritative', () => {
    const lookup = l.exec('client', ['nslookup', 'www.example.com']);
    expect(lookup.output).toBe("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find www.example.com: NXDOMAIN\n\n** server can't find www.example.com: NXDOMAIN\n\n");
    expect(lookup.code).toBe(1);
    const dig = l.onNode('master01', 'dig www.example.com @10.96.0.10');
    expect(dig.output).toContain('status: NXDOMAIN');
    expect(dig.output).toContain(';; flags: qr rd ra;');
  });

  it('with dnsmasq stopped: the cluster\'s own names still resolve; outside names time out, CoreDNS giving up with SERVFAIL after 5 s', () => {
    l.cluster.kernel.signal(l.cluster.labGateway.dnsmasq, 'SIGKILL');
    l.wait(1000);
    expect(l.exec('client', ['nslookup', 'kubernetes.default.svc.cluster.local']).code).toBe(0);
    const events: TrafficEvent[] = [];
    const unsubscribe = l.cluster.network.observe((e) => events.push(e));
    const started = l.now;
    const lookup = l.exec('client', ['nslookup', 'www.example.com']);
    // busybox gives up after its 5 s, just before forward's SERVFAIL comes back.
    expect(lookup.output).toBe(';; connection timed out; no servers could be reached\n\n');
    expect(lookup.code).toBe(1);
    expect(l.now - started).toBeGreaterThanOrEqual(5_000);
    l.wait(10_000);
    unsubscribe();
    const verdicts = events.flatMap((e) => (e.kind === 'dns' ? [{ name: e.name, rcode: e.rcode, afterMs: e.at - started }] : []));
    expect(verdicts.length).toBeGreaterThan(0);
    for (const v of verdicts) {
      expect(v).toMatchObject({ name: 'www.example.com.', rcode: 'SERVFAIL' });
      expect(v.afterMs).toBeGreaterThanOrEqual(5_000);
    }
    // The CoreDNS pod that took the query says why in its log.
    const server = events.find((e) => e.kind === 'dns')!;
    const pod = server.kind === 'dns' ? server.server : '';
    const log = l.cluster.client().request({ method: 'GET', path: `/api/v1/namespaces/${pod.replace('/', '/pods/')}/log` }).body as string;
    expect(log).toMatch(/\[ERROR\] plugin\/errors: 2 www\.example\.com\. (A|AAAA): read udp 10\.244\.0\.[23]:\d+->192\.168\.1\.2:53: read: connection refused\n/);
  });
});
