import { describe, expect, it } from 'vitest';
import { dnsWorld } from './dns.testkit';

const HEADER = 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n';

describe('busybox nslookup against CoreDNS', () => {
  const w = dnsWorld();

  it('applies the search list to a name without dots: A then AAAA for each domain, in reply order', () => {
    const run = w.run(['nslookup', 'nginx']);
    expect(run.stdout).toBe(
      HEADER +
        'Name:\tnginx.default.svc.cluster.local\nAddress: 10.107.83.135\n\n' +
        "** server can't find nginx.svc.cluster.local: NXDOMAIN\n\n" +
        "** server can't find nginx.cluster.local: NXDOMAIN\n\n" +
        // The AAAA query for the Service: an empty authoritative answer prints just the blank line.
        '\n' +
        "** server can't find nginx.svc.cluster.local: NXDOMAIN\n\n" +
        "** server can't find nginx.cluster.local: NXDOMAIN\n\n",
    );
    expect(run.code).toBe(1);
  });

  it('queries a name with a dot as it is, and a named server turns the search list off', () => {
    expect(w.run(['nslookup', 'nginx.default.svc.cluster.local']).stdout).toBe(HEADER + 'Name:\tnginx.default.svc.cluster.local\nAddress: 10.107.83.135\n\n\n');
    const partial = w.run(['nslookup', 'nginx.default']);
    expect(partial.stdout).toContain("** server can't find nginx.default: NXDOMAIN\n");
    expect(partial.code).toBe(1);
    const named = w.run(['nslookup', 'nginx', '10.96.0.10']);
    expect(named.stdout).toContain("** server can't find nginx: NXDOMAIN");
  });

  it('exits 0 when every reply is an answer or empty', () => {
    const run = w.run(['nslookup', 'kube-dns.kube-system.svc.cluster.local']);
    expect(run.stdout).toBe(HEADER + 'Name:\tkube-dns.kube-system.svc.cluster.local\nAddress: 10.96.0.10\n\n\n');
    expect(run.code).toBe(0);
  });

  it('one Address per ready endpoint of a headless Service', () => {
    const run = w.run(['nslookup', '-type=a', 'web.default.svc.cluster.local']);
    const addresses = run.stdout.split('\n').filter((l) => l.startsWith('Address: ')).sort();
    expect(addresses).toEqual(['Address: 10.244.1.5', 'Address: 10.244.2.6']);
    expect(run.code).toBe(0);
  });

  it('an address asks for its PTR record', () => {
    expect(w.run(['nslookup', '10.107.83.135']).stdout).toBe(HEADER + '135.83.107.10.in-addr.arpa\tname = nginx.default.svc.cluster.local\n\n');
  });

  it('-type=srv prints the service line', () => {
    expect(w.run(['nslookup', '-type=srv', '_http._tcp.nginx.default.svc.cluster.local']).stdout).toBe(
      HEADER + '_http._tcp.nginx.default.svc.cluster.local\tservice = 0 100 80 nginx.default.svc.cluster.local\n\n',
    );
  });

  it('bad usage prints busybox usage and exits 1', () => {
    const run = w.run(['nslookup']);
    expect(run.stderr).toContain('Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]');
    expect(run.code).toBe(1);
    expect(w.run(['nslookup', '-type=xyz', 'nginx']).stderr).toBe('nslookup: invalid query type "xyz"\n');
  });

  it('CoreDNS kept serving without a fault', () => {
    expect(w.cluster.kernel.faults).toEqual([]);
  });
});

describe('busybox nslookup with nobody answering', () => {
  it('gives up after its 5 seconds: connection timed out, exit 1', () => {
    const w = dnsWorld({ coredns: false });
    const run = w.run(['nslookup', 'nginx']);
    expect(run.stdout).toBe(';; connection timed out; no servers could be reached\n\n');
    expect(run.code).toBe(1);
    expect(run.elapsedMs).toBe(5000);
  });
});
