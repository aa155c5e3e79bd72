/**
 * The lab's router at `.2` of the nodes' network: their default gateway and their nameserver
 * (dnsmasq, answering the lab's machine names; `userland/programs/daemons/dnsmasq.ts`). Not part
 * of Kubernetes — it is what the nodes' /etc/resolv.conf points at.
 */
import { buildImageLayer, createContainerFs } from '../runtime/fs';
import { Netns, PidNamespace, type Kernel, type Network, type Process } from '../runtime/process';
import { labHostsFile, type LabHost } from '../kubelet/node-os';

/** The router as the simulation sees it: its address and its dnsmasq (which a lesson may stop). */
export interface LabGateway {
  readonly ip: string;
  readonly dnsmasq: Process;
}

export function startLabGateway(kernel: Kernel, network: Network, lab: readonly LabHost[], ip: string): LabGateway {
  const netns = new Netns('gateway', [ip]);
  network.attach(ip, netns);
  const fs = createContainerFs({
    image: buildImageLayer({
      '/etc/hosts': labHostsFile([...lab, { name: 'gateway', ip }]),
      '/usr/sbin/dnsmasq': { file: '\x7fELF', mode: 0o755 },
    }),
  });
  const ns = new PidNamespace('gateway', 'gateway', fs, { '/usr/sbin/dnsmasq': 'dnsmasq' }, netns);
  return { ip, dnsmasq: kernel.spawn(ns, ['/usr/sbin/dnsmasq', '-k']) };
}
