import { describe, expect, it } from 'vitest';
import { setUpBridge } from '../../../engine/runtime/cni/bridge';
import { setUpNodeNetwork } from '../../../engine/runtime/cni/flannel';
import { clientWorld } from './clients.testkit';

/** `hostname` lives with the system tools; -i and -I are about the network, so they are tested here. */
describe('hostname -i / -I', () => {
  it('in a pod: -i is what /etc/hosts says about the pod name; busybox has no -I', () => {
    const w = clientWorld({ '/bin/hostname': 'busybox:hostname' }, { '/etc/hosts': '127.0.0.1\tlocalhost\n10.244.1.5\tbox\n' });
    expect(w.run(['hostname', '-i'])).toEqual({ stdout: '10.244.1.5 \n', stderr: '', code: 0 });
    const run = w.run(['hostname', '-I']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^hostname: invalid option -- 'I'\nBusyBox v1\.36\.1/);
  });

  it('on a node: -i is the name\'s address, -I every interface address but loopback, each followed by a space', () => {
    const w = clientWorld({ '/bin/hostname': 'hostname' }, { '/etc/hosts': '127.0.0.1\tlocalhost\n192.168.1.131\tbox\n' });
    const host = w.box.ns.netns;
    host.addresses = [];
    setUpNodeNetwork(host, w.box.network, { ip: '192.168.1.131', podCIDR: '10.244.1.0/24' });
    setUpBridge(host, w.box.network, '10.244.1.0/24', '10.244.1.1');
    expect(w.run(['hostname', '-i']).stdout).toBe('192.168.1.131 \n');
    expect(w.run(['hostname', '-I']).stdout).toBe('192.168.1.131 10.244.1.0 10.244.1.1 \n');
  });

  it('a name nothing resolves: each flavour\'s words', () => {
    const files = { '/etc/hosts': '127.0.0.1\tlocalhost\n' };
    const busybox = clientWorld({ '/bin/hostname': 'busybox:hostname' }, files);
    expect(busybox.run(['hostname', '-i'])).toEqual({ stdout: '', stderr: 'hostname: box: Host name lookup failure\n', code: 1 });
    const gnu = clientWorld({ '/bin/hostname': 'hostname' }, files);
    expect(gnu.run(['hostname', '-i'])).toEqual({ stdout: '', stderr: 'hostname: Temporary failure in name resolution\n', code: 1 });
  });
});
