import { describe, expect, it } from 'vitest';
import { attachPod, macAddress, setUpBridge } from '../../../engine/runtime/cni/bridge';
import { routeToPeers, setUpNodeNetwork } from '../../../engine/runtime/cni/flannel';
import { Netns } from '../../../engine/runtime/process';
import { clientWorld } from './clients.testkit';
import { broadcast } from './ip';

const NODE = { ip: '192.168.1.131', podCIDR: '10.244.1.0/24' };

/** The client container as a pod on worker01, wired as the bridge plugin does. */
function podWorld() {
  const w = clientWorld({ '/bin/ip': 'busybox:ip' });
  const host = new Netns('worker01', []);
  setUpNodeNetwork(host, w.box.network, NODE);
  setUpBridge(host, w.box.network, NODE.podCIDR, '10.244.1.1');
  attachPod(host, w.box.ns.netns, { ip: '10.244.1.5', podCIDR: NODE.podCIDR, gateway: '10.244.1.1', sandboxId: 'abcdef0123456789' });
  return { w, host };
}

/** The client container as worker01's host network, with one pod and a route to worker02's pods. */
function nodeWorld() {
  const w = clientWorld({ '/sbin/ip': 'iproute2:ip' });
  const host = w.box.ns.netns;
  host.addresses = [];
  setUpNodeNetwork(host, w.box.network, NODE);
  setUpBridge(host, w.box.network, NODE.podCIDR, '10.244.1.1');
  attachPod(host, new Netns('default/a', []), { ip: '10.244.1.7', podCIDR: NODE.podCIDR, gateway: '10.244.1.1', sandboxId: 'abcdef0123456789' });
  routeToPeers(host, [{ ip: '192.168.1.132', podCIDR: '10.244.2.0/24' }]);
  return { w, host };
}

describe('busybox ip in a pod', () => {
  it('ip addr: lo, then eth0@if<peer> with M-DOWN, its address and broadcast', () => {
    const { w, host } = podWorld();
    const veth = host.interfaces.find((i) => i.peer === 2)!;
    const eth0 = w.box.ns.netns.interfaces[0]!;
    expect(w.run(['ip', 'addr'])).toEqual({
      stdout: '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000\n'
        + '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n'
        + '    inet 127.0.0.1/8 scope host lo\n'
        + '       valid_lft forever preferred_lft forever\n'
        + `2: eth0@if${veth.index}: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1450 qdisc noqueue \n`
        + `    link/ether ${eth0.mac} brd ff:ff:ff:ff:ff:ff\n`
        + '    inet 10.244.1.5/24 brd 10.244.1.255 scope global eth0\n'
        + '       valid_lft forever preferred_lft forever\n',
      stderr: '',
      code: 0,
    });
    expect(w.run(['ip', 'a']).stdout).toBe(w.run(['ip', 'address', 'show']).stdout);
    expect(w.run(['ip', 'link', 'show', 'eth0']).stdout).toBe(
      `2: eth0@if${veth.index}: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1450 qdisc noqueue \n    link/ether ${eth0.mac} brd ff:ff:ff:ff:ff:ff\n`,
    );
  });

  it('ip route: the default via cni0, the cluster network, the connected subnet', () => {
    const { w } = podWorld();
    expect(w.run(['ip', 'route']).stdout).toBe(
      'default via 10.244.1.1 dev eth0 \n'
      + '10.244.0.0/16 via 10.244.1.1 dev eth0 \n'
      + '10.244.1.0/24 dev eth0 scope link  src 10.244.1.5 \n',
    );
  });

  it('bad object or device', () => {
    const { w } = podWorld();
    expect(w.run(['ip', 'bogus'])).toEqual({ stdout: '', stderr: "ip: unknown command 'bogus'\n", code: 1 });
    expect(w.run(['ip', 'addr', 'show', 'eth9'])).toEqual({ stdout: '', stderr: "ip: can't find device 'eth9'\n", code: 1 });
  });
});

describe('iproute2 ip on a node', () => {
  it('ip addr: the NIC, the VXLAN device, the bridge and a pod\'s veth, with state and group', () => {
    const { w } = nodeWorld();
    const lines = w.run(['/sbin/ip', 'a']).stdout.split('\n');
    expect(lines.filter((l) => /^\d/.test(l))).toEqual([
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000',
      '2: ens33: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000',
      '3: flannel.1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN group default ',
      '4: cni0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UP group default qlen 1000',
      '5: vethabcdef01@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue master cni0 state UP group default ',
    ]);
    expect(lines).toContain('    inet 192.168.1.131/24 brd 192.168.1.255 scope global noprefixroute ens33');
    expect(lines).toContain('    inet 10.244.1.0/32 scope global flannel.1');
    expect(lines).toContain(`    link/ether ${macAddress('test/vethabcdef01')} brd ff:ff:ff:ff:ff:ff link-netnsid 0`);
  });

  it('ip route: proto, scope, src and metric where the kernel has them, a trailing space', () => {
    const { w } = nodeWorld();
    expect(w.run(['/sbin/ip', 'route']).stdout).toBe(
      'default via 192.168.1.2 dev ens33 proto static metric 100 \n'
      + '10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1 \n'
      + '10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink \n'
      + '192.168.1.0/24 dev ens33 proto kernel scope link src 192.168.1.131 metric 100 \n',
    );
  });

  it('bad object or device', () => {
    const { w } = nodeWorld();
    expect(w.run(['/sbin/ip', 'bogus']).stderr).toBe('Object "bogus" is unknown, try "ip help".\n');
    expect(w.run(['/sbin/ip', 'link', 'show', 'eth9']).stderr).toBe('Device "eth9" does not exist.\n');
  });
});

describe('broadcast', () => {
  it.each([['10.244.1.5', 24, '10.244.1.255'], ['192.168.1.131', 16, '192.168.255.255'], ['10.0.0.1', 8, '10.255.255.255'], ['1.2.3.4', 32, '1.2.3.4']])(
    '%s/%d → %s', (address, prefix, brd) => expect(broadcast(address, prefix)).toBe(brd),
  );
});
