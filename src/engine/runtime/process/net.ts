/**
 * Sockets and network namespaces: a namespace holds the listening TCP sockets and bound UDP
 * sockets of one pod (or of a node's host network), its interfaces and its routes. A TCP
 * connection is a pair of pipes; UDP is datagrams between bound sockets. Which namespace an
 * address belongs to, and the way there through the nodes' netfilter, is `Network`'s business
 * (network.ts).
 */
import { OpenFile, Pipe, WaitList, type Direction, type ReadResult, type WriteResult } from './files';
import { SysError, type Errno } from './syscalls';

export interface SocketAddress {
  readonly ip: string;
  readonly port: number;
}

/** One side's addresses of a connection. */
export interface ConnectionView {
  readonly local: SocketAddress;
  readonly remote: SocketAddress;
}

/** One end of an open TCP connection. */
export class SocketFile extends OpenFile {
  constructor(
    private readonly incoming: OpenFile,
    private readonly outgoing: OpenFile,
    readonly local: SocketAddress,
    readonly remote: SocketAddress,
  ) {
    super();
    incoming.retain();
    outgoing.retain();
  }
  override read(): ReadResult {
    return this.incoming.read();
  }
  override write(data: string): WriteResult {
    return this.outgoing.write(data);
  }
  override whenReady(direction: Direction, wake: () => void): () => void {
    return (direction === 'read' ? this.incoming : this.outgoing).whenReady(direction, wake);
  }
  protected override closed(): void {
    this.incoming.release();
    this.outgoing.release();
  }
}

/**
 * A server's answer to one whole request, computed synchronously from the server's own code and
 * state: the response bytes, or undefined when it cannot answer that way (then the caller connects
 * like any client).
 */
export type InlineResponder = (request: string, client: SocketAddress, server: SocketAddress) => string | undefined;

/** A listening socket: connections queue here until the program accepts them. */
export class ListenerFile extends OpenFile {
  private backlog: SocketFile[] = [];
  private waiters = new Set<() => void>();
  private open = true;
  /**
   * Set by a server that can answer a request without being scheduled (see `Network.exchange`).
   * Only used while the server sits idle in accept, so the answer is the one it would give.
   */
  responder: InlineResponder | undefined;

  constructor(
    private readonly netns: Netns,
    readonly port: number,
  ) {
    super();
  }

  get listening(): boolean {
    return this.open;
  }

  /**
   * Called by the network when a client connects: returns the client's end. Each side has its own
   * view of the addresses — through a Service, the client talks to the ClusterIP while the server
   * hears from the client's (perhaps masqueraded) address.
   */
  enqueue(client: ConnectionView, server: ConnectionView): SocketFile {
    const toServer = new Pipe();
    const toClient = new Pipe();
    const serverEnd = new SocketFile(toServer.reader, toClient.writer, server.local, server.remote);
    const clientEnd = new SocketFile(toClient.reader, toServer.writer, client.local, client.remote);
    this.backlog.push(serverEnd);
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
    return clientEnd;
  }

  /** Nothing queued and the server is waiting in accept: it would take the next connection at once. */
  get idle(): boolean {
    return this.open && this.backlog.length === 0 && this.waiters.size > 0;
  }

  /** The next queued connection, or undefined when none is waiting. */
  accept(): SocketFile | undefined {
    return this.backlog.shift();
  }

  override whenReady(direction: Direction, wake: () => void): () => void {
    if (direction !== 'read' || this.backlog.length > 0) return super.whenReady(direction, wake);
    this.waiters.add(wake);
    return () => this.waiters.delete(wake);
  }

  protected override closed(): void {
    this.open = false;
    this.netns.unlisten(this.port, this);
    // Connections nobody accepted are reset.
    for (const pending of this.backlog) pending.retain().release();
    this.backlog = [];
  }
}

/** One UDP datagram and where it came from. */
export interface Datagram {
  readonly from: SocketAddress;
  readonly data: string;
}

/** Datagrams a socket keeps unread before the kernel drops new ones (its receive buffer). */
const UDP_QUEUE = 256;

/**
 * A bound UDP socket. Datagrams queue until read; an ICMP error about something this socket sent
 * (port unreachable, or a REJECT rule) is reported by its next receive as ECONNREFUSED.
 */
export class UdpSocketFile extends OpenFile {
  private queue: Datagram[] = [];
  private error: Errno | undefined;
  private readonly readable = new WaitList();

  constructor(
    private readonly netns: Netns,
    readonly port: number,
  ) {
    super();
  }

  get owner(): Netns {
    return this.netns;
  }

  deliver(datagram: Datagram): void {
    if (this.queue.length >= UDP_QUEUE) return;
    this.queue.push(datagram);
    this.readable.wakeAll();
  }

  reportError(errno: Errno): void {
    this.error = errno;
    this.readable.wakeAll();
  }

  /** The next datagram, the pending error, or undefined when there is nothing yet. */
  receive(): Datagram | SysError | undefined {
    if (this.error) {
      const error = new SysError(this.error);
      this.error = undefined;
      return error;
    }
    return this.queue.shift();
  }

  override whenReady(direction: Direction, wake: () => void): () => void {
    if (direction !== 'read' || this.queue.length > 0 || this.error) return super.whenReady(direction, wake);
    return this.readable.add(wake);
  }

  protected override closed(): void {
    this.netns.unbindUdp(this.port, this);
    this.queue = [];
  }
}

/** A network interface as `ip addr` shows it (loopback is implicit). */
export interface NetInterface {
  readonly index: number;
  readonly name: string;
  /** Address and prefix length; an interface without one (a veth on the node) has none. */
  readonly address?: string;
  readonly prefix?: number;
  readonly mac: string;
  readonly mtu: number;
  /** The peer's interface index for a veth pair (`eth0@if7`). */
  readonly peer?: number;
  /** The bridge a veth is enslaved to (`master cni0`). */
  readonly master?: string;
}

/** A routing table entry as `ip route` shows it. */
export interface NetRoute {
  /** `default` or a network in CIDR form. */
  readonly to: string;
  readonly via?: string;
  readonly dev: string;
  /** The preferred source address (`src`); otherwise the device's address. */
  readonly src?: string;
  readonly proto?: 'kernel' | 'static';
  readonly scope?: 'link';
  readonly metric?: number;
  readonly onlink?: boolean;
}

/** The network namespace of a pod (shared by its containers) or of a node's host network. */
export class Netns {
  private readonly listeners = new Map<number, ListenerFile>();
  private udp: Map<number, UdpSocketFile> | undefined;
  private nextEphemeral = 32768;
  readonly interfaces: NetInterface[] = [];
  readonly routes: NetRoute[] = [];

  constructor(
    readonly name: string,
    /** The addresses of this namespace's interfaces other than loopback (a pod's IP). */
    public addresses: string[] = [],
    /** The node this namespace lives on (a pod's node, or the node itself): hops count between nodes. */
    readonly node: string = name,
  ) {}

  listen(port: number): ListenerFile {
    if (this.listeners.has(port)) throw new SysError('EADDRINUSE');
    const listener = new ListenerFile(this, port);
    this.listeners.set(port, listener);
    return listener;
  }

  listenerOn(port: number): ListenerFile | undefined {
    return this.listeners.get(port);
  }

  /** Ports with a listening socket, for `netstat`-like views and tests. */
  get listeningPorts(): number[] {
    return [...this.listeners.keys()].sort((a, b) => a - b);
  }

  unlisten(port: number, listener: ListenerFile): void {
    if (this.listeners.get(port) === listener) this.listeners.delete(port);
  }

  /** Binds a UDP socket; port 0 takes a free ephemeral port. */
  bindUdp(port = 0): UdpSocketFile {
    const sockets = (this.udp ??= new Map());
    if (port === 0) {
      do port = this.ephemeralPort();
      while (sockets.has(port));
    } else if (sockets.has(port)) {
      throw new SysError('EADDRINUSE');
    }
    const socket = new UdpSocketFile(this, port);
    sockets.set(port, socket);
    return socket;
  }

  udpOn(port: number): UdpSocketFile | undefined {
    return this.udp?.get(port);
  }

  unbindUdp(port: number, socket: UdpSocketFile): void {
    if (this.udp?.get(port) === socket) this.udp.delete(port);
  }

  ephemeralPort(): number {
    const port = this.nextEphemeral;
    this.nextEphemeral = port >= 60999 ? 32768 : port + 1;
    return port;
  }

  get primaryAddress(): string {
    return this.addresses[0] ?? '127.0.0.1';
  }

  /** The index the next interface gets: the kernel counts up and never reuses one (1 is loopback). */
  get nextIndex(): number {
    return this.lastIndex + 1;
  }

  private lastIndex = 1;

  /** Adds an interface; its address becomes one of the namespace's own. */
  addInterface(iface: NetInterface): void {
    this.interfaces.push(iface);
    this.lastIndex = Math.max(this.lastIndex, iface.index);
    if (iface.address && !this.addresses.includes(iface.address)) this.addresses.push(iface.address);
  }

  removeInterface(name: string): void {
    const i = this.interfaces.findIndex((iface) => iface.name === name);
    if (i >= 0) this.interfaces.splice(i, 1);
  }

  addRoute(route: NetRoute): void {
    this.routes.push(route);
    this.sources.clear();
  }

  /**
   * The source address for a connection to `ip`, from the most specific route to it: a node
   * reaches its own pods from cni0's 10.244.1.1 and other nodes' pods from flannel.1's 10.244.1.0,
   * which is what nginx's access log shows for the kubelet's probes and for a curl from the node.
   */
  sourceFor(ip: string): string {
    if (this.routes.length === 0) return this.primaryAddress;
    let source = this.sources.get(ip);
    if (source === undefined) {
      source = this.routeTo(ip)?.src ?? this.primaryAddress;
      this.sources.set(ip, source);
    }
    return source;
  }

  /** Longest-prefix match over the routing table; the default route matches anything. */
  routeTo(ip: string): (NetRoute & { readonly src?: string }) | undefined {
    const n = ipNumber(ip);
    let best: NetRoute | undefined;
    let bestBits = -1;
    for (const route of this.routes) {
      const [network, bitsText] = route.to === 'default' ? ['0.0.0.0', '0'] : route.to.split('/');
      const bits = Number(bitsText ?? 32);
      const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
      if (((n & mask) >>> 0) === ((ipNumber(network!) & mask) >>> 0) && bits > bestBits) {
        best = route;
        bestBits = bits;
      }
    }
    if (!best) return undefined;
    return best.src ? best : { ...best, src: this.interfaces.find((i) => i.name === best.dev)?.address ?? this.primaryAddress };
  }

  /** `sourceFor`'s answers: a node talks to the same few pod IPs over and over. */
  private readonly sources = new Map<string, string>();
}

const ipNumber = (ip: string): number => ip.split('.').reduce((n, part) => ((n << 8) | Number(part)) >>> 0, 0);

