/**
 * `ip addr`, `ip link` and `ip route` over the network namespace's interfaces and routes, in
 * two dialects: BusyBox's applet in the images and iproute2 on the Rocky Linux 9 nodes.
 *
 * Interfaces are printed with the attributes the kernel gives their kind: loopback (implicit,
 * index 1), veth (has a peer), the cni0 bridge, the flannel.1 VXLAN device, and the node's NIC.
 * IPv6 addresses (`inet6 fe80::…`) and iproute2's `altname` lines are left out: nothing here has them.
 */
import { sys, type NetInterface, type NetRoute, type Sys } from '../../../engine/runtime/process';
import { defineTool, type Tool } from '../../lib/tool';

interface Dialect {
  readonly name: 'busybox' | 'iproute2';
  unknownObject(object: string): string;
  noDevice(device: string): string;
}

const BUSYBOX: Dialect = {
  name: 'busybox',
  unknownObject: (object) => `ip: unknown command '${object}'\n`,
  noDevice: (device) => `ip: can't find device '${device}'\n`,
};

const IPROUTE2: Dialect = {
  name: 'iproute2',
  unknownObject: (object) => `Object "${object}" is unknown, try "ip help".\n`,
  noDevice: (device) => `Device "${device}" does not exist.\n`,
};

const OBJECTS: readonly (readonly [full: string, kind: 'addr' | 'link' | 'route'])[] = [
  ['address', 'addr'], ['link', 'link'], ['route', 'route'],
];

/** `ip a`, `ip addr`, `ip address`: any prefix of the object's name, as both tools accept. */
const objectOf = (word: string) => OBJECTS.find(([full]) => full.startsWith(word))?.[1];

const LOOPBACK: NetInterface = { index: 1, name: 'lo', address: '127.0.0.1', prefix: 8, mac: '00:00:00:00:00:00', mtu: 65536 };

const ip = (dialect: Dialect) => defineTool({ usage: 'ip [OPTIONS] address|route|link ...', options: 'none' }, function* (tool) {
  const words = tool.proc.argv.slice(1).filter((w) => !/^-[46]$/.test(w));
  if (words.length === 0) return yield* tool.usage('');
  const kind = objectOf(words[0]!);
  if (kind === undefined) {
    yield* sys.write(2, dialect.unknownObject(words[0]!));
    return 1;
  }
  const rest = words.slice(1).filter((w) => !['show', 'list', 'ls', 'dev'].includes(w));
  if (kind === 'route') return yield* routes(tool, dialect);
  const interfaces = [LOOPBACK, ...tool.proc.netns.interfaces].sort((a, b) => a.index - b.index);
  const device = rest[0];
  const chosen = device === undefined ? interfaces : interfaces.filter((i) => i.name === device);
  if (chosen.length === 0) {
    yield* sys.write(2, dialect.noDevice(device!));
    return 1;
  }
  let text = '';
  for (const iface of chosen) text += linkLines(dialect, iface, interfaces) + (kind === 'addr' ? addressLines(dialect, iface) : '');
  yield* tool.out(text);
  return 0;
});

/** How the kernel sets up each kind of device. */
function traits(iface: NetInterface) {
  if (iface.name === 'lo') return { flags: 'LOOPBACK,UP,LOWER_UP', qdisc: 'noqueue', state: 'UNKNOWN', qlen: 1000 };
  if (iface.peer !== undefined) return { flags: 'BROADCAST,MULTICAST,UP,LOWER_UP', qdisc: 'noqueue', state: 'UP', qlen: 0 };
  if (iface.name.startsWith('flannel')) return { flags: 'BROADCAST,MULTICAST,UP,LOWER_UP', qdisc: 'noqueue', state: 'UNKNOWN', qlen: 0 };
  if (iface.name === 'cni0') return { flags: 'BROADCAST,MULTICAST,UP,LOWER_UP', qdisc: 'noqueue', state: 'UP', qlen: 1000 };
  return { flags: 'BROADCAST,MULTICAST,UP,LOWER_UP', qdisc: 'fq_codel', state: 'UP', qlen: 1000 };
}

function linkLines(dialect: Dialect, iface: NetInterface, all: readonly NetInterface[]): string {
  const t = traits(iface);
  // A veth's peer lives in another namespace: busybox can only name it `if<N>` and, not seeing
  // it up, adds M-DOWN; iproute2 knows it through the link's netns id.
  const peerOutside = iface.peer !== undefined;
  const name = iface.peer === undefined ? iface.name : `${iface.name}@if${iface.peer}`;
  const master = iface.master ? `master ${iface.master} ` : '';
  const qlen = t.qlen > 0 ? `qlen ${t.qlen}` : '';
  const head = dialect.name === 'busybox'
    ? `${iface.index}: ${name}: <${t.flags}${peerOutside ? ',M-DOWN' : ''}> mtu ${iface.mtu} qdisc ${t.qdisc} ${master}${qlen}`
    : `${iface.index}: ${name}: <${t.flags}> mtu ${iface.mtu} qdisc ${t.qdisc} ${master}state ${t.state} group default ${qlen}`;
  const linkType = iface.name === 'lo' ? 'loopback' : 'ether';
  const brd = iface.name === 'lo' ? '00:00:00:00:00:00' : 'ff:ff:ff:ff:ff:ff';
  const netnsId = dialect.name === 'iproute2' && peerOutside ? ` link-netnsid ${vethOrdinal(iface, all)}` : '';
  return `${head}\n    link/${linkType} ${iface.mac} brd ${brd}${netnsId}\n`;
}

/** A node's veths in creation order: the n-th pod namespace it met got netns id n. */
const vethOrdinal = (iface: NetInterface, all: readonly NetInterface[]): number => all.filter((i) => i.peer !== undefined && i.index < iface.index).length;

function addressLines(dialect: Dialect, iface: NetInterface): string {
  if (iface.address === undefined || iface.prefix === undefined) return '';
  const scope = iface.name === 'lo' ? 'host' : 'global';
  const brd = iface.prefix < 31 && iface.name !== 'lo' ? `brd ${broadcast(iface.address, iface.prefix)} ` : '';
  // NetworkManager configures the node's NIC and marks its address so.
  const nm = dialect.name === 'iproute2' && /^(ens|eth|enp)/.test(iface.name) && iface.peer === undefined ? 'noprefixroute ' : '';
  return `    inet ${iface.address}/${iface.prefix} ${brd}scope ${scope} ${nm}${iface.name}\n       valid_lft forever preferred_lft forever\n`;
}

const toNumber = (ip: string): number => ip.split('.').reduce((n, part) => ((n << 8) | Number(part)) >>> 0, 0);
const toDotted = (n: number): string => [24, 16, 8, 0].map((shift) => (n >>> shift) & 255).join('.');

export function broadcast(address: string, prefix: number): string {
  const host = prefix === 0 ? 0xffffffff : (2 ** (32 - prefix) - 1) >>> 0;
  return toDotted((toNumber(address) | host) >>> 0);
}

function* routes(tool: Tool, dialect: Dialect): Sys<number> {
  const key = (r: NetRoute): [number, number] => (r.to === 'default' ? [-1, 0] : [toNumber(r.to.split('/')[0]!), Number(r.to.split('/')[1] ?? 32)]);
  const sorted = [...tool.proc.netns.routes].sort((a, b) => key(a)[0] - key(b)[0] || key(a)[1] - key(b)[1]);
  yield* tool.out(sorted.map((r) => (dialect.name === 'busybox' ? busyboxRoute(r) : iprouteRoute(r))).join(''));
  return 0;
}

/** `10.244.1.0/24 dev eth0 scope link  src 10.244.1.5 `: busybox puts a space on both sides of src. */
function busyboxRoute(r: NetRoute): string {
  return `${r.to} ${r.via ? `via ${r.via} ` : ''}dev ${r.dev} ${r.scope ? `scope ${r.scope} ` : ''}`
    + `${shownSource(r) ? ` src ${r.src} ` : ''}${r.metric !== undefined ? `metric ${r.metric} ` : ''}${r.onlink ? 'onlink ' : ''}\n`;
}

/**
 * Only the kernel's own routes to a connected network carry a preferred source; the source the
 * simulation notes on flannel's routes (for its own address choice) is not part of the table.
 */
const shownSource = (r: NetRoute): boolean => r.src !== undefined && r.proto === 'kernel';

/** `192.168.1.0/24 dev ens33 proto kernel scope link src 192.168.1.130 metric 100 ` (the trailing space is iproute2's). */
function iprouteRoute(r: NetRoute): string {
  return `${r.to} ${r.via ? `via ${r.via} ` : ''}dev ${r.dev} ${r.proto ? `proto ${r.proto} ` : ''}${r.scope ? `scope ${r.scope} ` : ''}`
    + `${shownSource(r) ? `src ${r.src} ` : ''}${r.metric !== undefined ? `metric ${r.metric} ` : ''}${r.onlink ? 'onlink ' : ''}\n`;
}

export const busyboxIp = ip(BUSYBOX)('busybox');
export const iproute2Ip = ip(IPROUTE2)('gnu');
