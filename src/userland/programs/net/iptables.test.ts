import { describe, expect, it } from 'vitest';
import { NETFILTER } from '../../../engine/network/netfilter/netfilter';
import { CLUSTER_IP, kubeNode, syn } from '../../../engine/network/netfilter/testing';
import { testBox, type TestBox } from '../../../engine/runtime/process/testkit';
import { runTool } from '../testkit';
import { IPTABLES_PROGRAMS } from './iptables';

const EP = '10.244.1.5:80';

/** A node's shell: the facility hands this namespace the node's tables (kube-proxy's layout for one Service). */
function node(): { box: TestBox; nf: ReturnType<typeof kubeNode>['nf'] } {
  const box = testBox({ programs: IPTABLES_PROGRAMS });
  const { nf } = kubeNode([EP]);
  box.kernel.provide(NETFILTER, (netns) => (netns === box.ns.netns ? nf : undefined));
  return { box, nf };
}

const run = (box: TestBox, line: string): ReturnType<typeof runTool> => runTool(box, line.split(' '));

describe('iptables on a node', () => {
  it('-t nat -nvL lists every chain with counters, as the tutorial shows', () => {
    const { box, nf } = node();
    for (let i = 0; i < 3; i++) nf.traverse('nat', 'PREROUTING', syn('10.244.1.9', CLUSTER_IP, 80));
    const r = run(box, 'iptables -t nat -nvL');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.startsWith(
      'Chain PREROUTING (policy ACCEPT 0 packets, 0 bytes)\n' +
        ' pkts bytes target     prot opt in     out     source               destination         \n' +
        '    3   180 KUBE-SERVICES  0    --  *      *       0.0.0.0/0            0.0.0.0/0            /* kubernetes service portals */\n\n' +
        'Chain INPUT (policy ACCEPT 0 packets, 0 bytes)\n',
    )).toBe(true);
    expect(r.stdout).toContain('    3   180 KUBE-SVC-2CMXP7HKUVJN7L6M  6    --  *      *       0.0.0.0/0            10.107.83.135        /* default/nginx cluster IP */ tcp dpt:80\n');
  });

  it('-L CHAIN lists one chain; the filter table is the default; names without -n', () => {
    const { box } = node();
    expect(run(box, 'iptables -t nat -L KUBE-MARK-MASQ').stdout).toBe(
      'Chain KUBE-MARK-MASQ (3 references)\n' +
        'target     prot opt source               destination         \n' +
        'MARK       all  --  anywhere             anywhere             MARK or 0x4000\n',
    );
    expect(run(box, 'iptables -L').stdout).toBe(
      'Chain INPUT (policy ACCEPT)\ntarget     prot opt source               destination         \n\n' +
        'Chain FORWARD (policy ACCEPT)\ntarget     prot opt source               destination         \n\n' +
        'Chain OUTPUT (policy ACCEPT)\ntarget     prot opt source               destination         \n',
    );
    expect(run(box, 'iptables --table=nat --list KUBE-NODEPORTS --numeric --line-numbers').stdout).toBe(
      'Chain KUBE-NODEPORTS (1 references)\n' +
        'num  target     prot opt source               destination         \n' +
        '1    KUBE-EXT-2CMXP7HKUVJN7L6M  6    --  0.0.0.0/0            0.0.0.0/0            /* default/nginx */ tcp dpt:32444\n',
    );
  });

  it('-S prints the rules as commands, for the table or one chain', () => {
    const { box } = node();
    expect(run(box, 'iptables -S').stdout).toBe('-P INPUT ACCEPT\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n');
    expect(run(box, 'iptables -t nat -S KUBE-SERVICES').stdout).toBe(
      '-N KUBE-SERVICES\n' +
        '-A KUBE-SERVICES -d 10.107.83.135/32 -p tcp -m comment --comment "default/nginx cluster IP" -m tcp --dport 80 -j KUBE-SVC-2CMXP7HKUVJN7L6M\n' +
        '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS\n',
    );
  });

  it('-Z zeroes the counters (-v says so); -L -Z lists first', () => {
    const { box, nf } = node();
    nf.traverse('nat', 'OUTPUT', syn('192.168.1.130', CLUSTER_IP, 80));
    expect(run(box, 'iptables -t nat -L OUTPUT -Z -nv').stdout).toContain('    1    60 KUBE-SERVICES');
    expect(nf.chain('nat', 'OUTPUT')!.rules[0]!.packets).toBe(0);
    nf.traverse('nat', 'OUTPUT', syn('192.168.1.130', CLUSTER_IP, 80));
    const r = run(box, 'iptables -t nat -v -Z');
    expect(r.stdout).toBe(nf.chains('nat').map((c) => `Zeroing chain \`${c.name}'\n`).join(''));
    expect(nf.chain('nat', 'KUBE-SERVICES')!.rules[0]!.packets).toBe(0);
  });

  it.each([
    ['iptables -A INPUT -j DROP', 'iptables: -A is not simulated in kubeplay\n'],
    ['iptables -t nat -F', 'iptables: -F is not simulated in kubeplay\n'],
    ['iptables --delete-chain KUBE-SERVICES', 'iptables: --delete-chain is not simulated in kubeplay\n'],
    ['iptables -P FORWARD DROP', 'iptables: -P is not simulated in kubeplay\n'],
  ])('refuses to change rules: %s', (line, stderr) => {
    const { box } = node();
    const before = run(box, 'iptables-save').stdout;
    const r = run(box, line);
    expect(r).toEqual({ stdout: '', stderr, code: 2 });
    expect(run(box, 'iptables-save').stdout).toBe(before);
  });

  it.each([
    ['iptables', 'iptables v1.8.10 (nf_tables): no command specified\n', 2],
    ['iptables --bogus', 'iptables v1.8.10 (nf_tables): unknown option "--bogus"\n', 2],
    ['iptables -Ly', 'iptables: No chain/target/match by that name.\n', 1],
    ['iptables -L -S', 'iptables v1.8.10 (nf_tables): Cannot use -S with -L\n\n', 2],
    ['iptables -L -s 10.0.0.1', "iptables v1.8.10 (nf_tables): Illegal option `-s' with this command\n\n", 2],
    ['iptables -L INPUT extra', "iptables v1.8.10 (nf_tables): Bad argument `extra'\n", 2],
    ['iptables -t', 'iptables v1.8.10 (nf_tables): option "-t" requires an argument\n', 2],
    ['iptables -t nat -L NOPE', 'iptables: No chain/target/match by that name.\n', 1],
    ['iptables -t mangle -L', "iptables v1.8.10 (nf_tables): table 'mangle' does not exist\nPerhaps iptables or your kernel needs to be upgraded.\n", 3],
  ])('reports bad input as iptables does: %s', (line, stderr, code) => {
    const { box } = node();
    const r = run(box, line);
    const tryHelp = code === 2 ? "Try `iptables -h' or 'iptables --help' for more information.\n" : '';
    expect(r).toEqual({ stdout: '', stderr: stderr + tryHelp, code });
  });

  it('prints its help and version', () => {
    const { box } = node();
    const help = run(box, 'iptables -h');
    expect(help.code).toBe(0);
    expect(help.stdout.startsWith('iptables v1.8.10 (nf_tables)\n\nUsage: iptables -[ACD] chain rule-specification [options]\n')).toBe(true);
    expect(help.stdout).toContain('  --list    -L [chain [rulenum]]\n\t\t\t\tList the rules in a chain or all chains\n');
    expect(run(box, 'iptables --version')).toEqual({ stdout: 'iptables v1.8.10 (nf_tables)\n', stderr: '', code: 0 });
  });

  it('cannot read the rules from a pod (no CAP_NET_ADMIN), but still helps', () => {
    const box = testBox({ programs: IPTABLES_PROGRAMS });
    box.kernel.provide(NETFILTER, () => undefined);
    expect(run(box, 'iptables -t nat -nvL')).toEqual({
      stdout: '',
      stderr: 'iptables v1.8.10 (nf_tables): Could not fetch rule set generation id: Permission denied (you must be root)\n',
      code: 4,
    });
    expect(run(box, 'iptables-save').code).toBe(4);
    expect(run(box, 'iptables-save').stderr).toBe('iptables-save v1.8.10 (nf_tables): Could not fetch rule set generation id: Permission denied (you must be root)\n');
    expect(run(box, 'iptables -V').code).toBe(0);
  });
});

describe('iptables-save on a node', () => {
  it('dumps filter then nat, stamped with the simulated time as ctime prints it', () => {
    const { box } = node();
    const r = run(box, 'iptables-save');
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('# Generated by iptables-save v1.8.10 (nf_tables) on Mon Jan  5 09:00:00 2026\n*filter\n:INPUT ACCEPT [0:0]\n')).toBe(true);
    expect(r.stdout).toContain('COMMIT\n# Completed on Mon Jan  5 09:00:00 2026\n# Generated by iptables-save v1.8.10 (nf_tables) on Mon Jan  5 09:00:00 2026\n*nat\n');
    expect(r.stdout.endsWith('COMMIT\n# Completed on Mon Jan  5 09:00:00 2026\n')).toBe(true);
  });

  it('-t nat -c: one table, with rule counters', () => {
    const { box, nf } = node();
    nf.traverse('nat', 'OUTPUT', syn('192.168.1.130', CLUSTER_IP, 80));
    const r = run(box, 'iptables-save -t nat -c');
    expect(r.stdout).not.toContain('*filter');
    expect(r.stdout).toContain('\n[1:60] -A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES\n');
    expect(r.stdout).toContain('\n[1:60] -A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000\n');
  });

  it('-f writes the dump to a file', () => {
    const { box } = node();
    expect(run(box, 'iptables-save -t nat -f /tmp/rules')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(box.ns.fs.readFile('/tmp/rules')).toContain('*nat\n');
  });

  it.each([
    ['iptables-save -t raw', "Table `raw' does not exist\n", 1],
    ['iptables-save -z', "iptables-save: invalid option -- 'z'\nLook at manual page `iptables-save.8' for more information.\n", 1],
    ['iptables-save --bogus', "iptables-save: unrecognized option '--bogus'\nLook at manual page `iptables-save.8' for more information.\n", 1],
    ['iptables-save -t', "iptables-save: option requires an argument -- 't'\nLook at manual page `iptables-save.8' for more information.\n", 1],
    ['iptables-save nat', 'Unknown arguments found on commandline\n', 1],
  ])('reports bad input as iptables-save does: %s', (line, stderr, code) => {
    const { box } = node();
    expect(run(box, line)).toEqual({ stdout: '', stderr, code });
  });

  it('-V prints its version', () => {
    const { box } = node();
    expect(run(box, 'iptables-save -V')).toEqual({ stdout: 'iptables-save v1.8.10 (nf_tables)\n', stderr: '', code: 0 });
  });
});
