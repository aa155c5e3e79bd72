/**
 * The pod network as kube-flannel runs it: one flannel pod per node on the host network, each
 * having installed the CNI config and written its subnet file on its node, and marked the node's
 * network available. A node without a CNI config is NotReady with the kubelet's real message and
 * becomes Ready once flannel's pod installs the config again.
 */
import { describe, expect, it } from 'vitest';
import { CNI_CONF_JSON } from '../cluster/flannel-manifests';
import { NETWORK_NOT_READY } from '../kubelet/node/network-ready';
import { Learner } from './testkit';

const NODES = ['master01', 'worker01', 'worker02'];
const kubectl = (l: Learner, args: string): string => {
  const { output, code } = l.onNode('master01', `kubectl ${args}`);
  expect(code).toBe(0);
  return output;
};

describe('kube-flannel on a fresh cluster', () => {
  const l = new Learner(7);

  it('runs one kube-flannel-ds pod per node, Running on the node\'s address, and the DaemonSet is complete', () => {
    const rows = kubectl(l, 'get pods -n kube-flannel -o wide --no-headers').trim().split('\n').map((line) => line.split(/ +/));
    expect(rows.map((r) => r[6]).sort()).toEqual(NODES);
    for (const [name, ready, status, restarts, , ip, node] of rows) {
      expect(name).toMatch(/^kube-flannel-ds-[a-z0-9]{5}$/);
      expect([ready, status, restarts]).toEqual(['1/1', 'Running', '0']);
      expect(ip).toBe({ master01: '192.168.1.130', worker01: '192.168.1.131', worker02: '192.168.1.132' }[node!]);
    }
    expect(kubectl(l, 'get ds -n kube-flannel kube-flannel-ds --no-headers')).toMatch(/^kube-flannel-ds +3 +3 +3 +3 +3 +<none> +\S+\n$/);
  });

  it.each(NODES.map((n, i) => [n, i]))('%s: subnet.env and the conflist are on the node, and the node says flannel is up', (node, i) => {
    expect(l.onNode(node as string, 'cat /run/flannel/subnet.env').output).toBe(
      `FLANNEL_NETWORK=10.244.0.0/16\nFLANNEL_SUBNET=10.244.${i}.1/24\nFLANNEL_MTU=1450\nFLANNEL_IPMASQ=true\n`,
    );
    expect(l.onNode(node as string, 'cat /etc/cni/net.d/10-flannel.conflist').output).toBe(CNI_CONF_JSON);
    expect(l.onNode(node as string, 'ls /opt/cni/bin').output).toBe('flannel\n');
    const describe = kubectl(l, `describe node ${node}`);
    expect(describe).toMatch(/\n {2}NetworkUnavailable {3}False {3}\w{3}, .+ \+0000 {3}\w{3}, .+ \+0000 {3}FlannelIsUp {18}Flannel is running on this node\n/);
    expect(describe).toMatch(/\n {2}Ready +True +.+ KubeletReady +kubelet is posting ready status\n/);
    expect(describe).toContain(`\n                    flannel.alpha.coreos.com/public-ip: 192.168.1.${130 + (i as number)}\n`);
    expect(describe).toMatch(/\nAnnotations: +flannel\.alpha\.coreos\.com\/backend-data: \{"VNI":1,"VtepMAC":"[0-9a-f:]{17}"\}\n {20}flannel\.alpha\.coreos\.com\/backend-type: vxlan\n {20}flannel\.alpha\.coreos\.com\/kube-subnet-manager: true\n/);
  });

  it('flanneld logs its start-up in klog format and installed its masquerade rules', () => {
    const pod = kubectl(l, 'get pods -n kube-flannel --field-selector spec.nodeName=worker01 -o name').trim();
    const logs = kubectl(l, `logs -n kube-flannel ${pod} -c kube-flannel`);
    expect(logs).toMatch(/^I\d{4} \d\d:\d\d:\d\d\.\d{6} +1 main\.go:211\] CLI flags config: \{etcdEndpoints/);
    for (const line of [
      'kube.go:146] Node controller sync successful',
      'main.go:231] Created subnet manager: Kubernetes Subnet Manager - worker01',
      'main.go:452] Found network config - Backend type: vxlan',
      'match.go:263] Using interface with name ens33 and address 192.168.1.131',
      'main.go:438] Wrote subnet file to /run/flannel/subnet.env',
      'main.go:442] Running backend.',
    ]) expect(logs).toContain(line);
    expect(l.onNode('worker01', 'iptables -t nat -S POSTROUTING').output).toContain('-A POSTROUTING -m comment --comment "flanneld masq" -j FLANNEL-POSTRTG\n');
  });
});

describe('a node without a CNI config', () => {
  const l = new Learner(11);

  it('is NotReady with the kubelet\'s message, and Ready again once a new flannel pod installs the config', () => {
    expect(l.onNode('worker01', 'rm /etc/cni/net.d/10-flannel.conflist').code).toBe(0);
    const readyOf = (): string => kubectl(l, "get node worker01 -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].status} {.status.conditions[?(@.type==\"Ready\")].message}'");
    l.waitFor('worker01 to go NotReady', () => readyOf().startsWith('False'), 30_000);
    expect(readyOf()).toBe(`False ${NETWORK_NOT_READY}`);
    expect(kubectl(l, 'get nodes worker01 --no-headers')).toMatch(/^worker01 +NotReady +<none> /);
    // Deleting the flannel pod only lets the DaemonSet make a new one, whose install-cni copies the config back.
    const pod = kubectl(l, 'get pods -n kube-flannel --field-selector spec.nodeName=worker01 -o name').trim();
    kubectl(l, `delete -n kube-flannel ${pod}`);
    l.waitFor('worker01 to be Ready again', () => readyOf().startsWith('True'), 120_000);
    expect(l.onNode('worker01', 'cat /etc/cni/net.d/10-flannel.conflist').output).toBe(CNI_CONF_JSON);
    expect(kubectl(l, 'describe node worker01')).toMatch(/\n {2}Normal +NodeNotReady +\S+ +kubelet +Node worker01 status is now: NodeNotReady\n {2}Normal +NodeReady +\S+ \(x2 over \S+\) +kubelet +Node worker01 status is now: NodeReady\n/);
  });
});
