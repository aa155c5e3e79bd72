/**
 * The kube-system binaries as stand-ins: they listen where kubeadm's probes look (reference
 * §6–7, kubeadm v1.30 manifests), answer those endpoints, print a few representative startup
 * lines (not their whole logs) and stop promptly on SIGTERM. The cluster's real work — API,
 * scheduling, controllers, proxying, DNS — is done by the engine, not by these processes.
 */
import { decode, encode, RCODE, typeName, type Message } from '../../../engine/network/dns/message';
import { CLUSTER_DNS, type QueryOrigin } from '../../../engine/network/dns/zone';
import { sys, SignalInterrupt, SysError, UdpSocketFile, type Proc, type Program, type SocketAddress, type Sys } from '../../../engine/runtime/process';
import { exchange, queryId, readResolvConf } from '../../lib/resolver';
import { strftime } from '../../lib/time';
import { goDaemon, IDLE_MS, type GoReply } from './go-http';

const ok: GoReply = { status: 200, body: 'ok', contentType: 'text/plain; charset=utf-8' };
const healthz = { '/healthz': () => ok };

/** A klog line: `I0105 09:00:00.000000       1 file.go:123] message`. */
function klog(proc: Proc, where: string, message: string): string {
  const time = strftime('%m%d %H:%M:%S', proc.wallClock());
  const micros = String((proc.wallClock() % 1000) * 1000).padStart(6, '0');
  return `I${time}.${micros} ${String(proc.pid).padStart(7)} ${where}] ${message}`;
}

/** registry.k8s.io/pause: holds the pod's namespaces; exits 0 on SIGINT or SIGTERM. */
export const pause: Program = function* (proc) {
  proc.signal('SIGINT', 'catch');
  proc.signal('SIGTERM', 'catch');
  if (proc.pid !== 1) yield* sys.write(2, 'Warning: pause should be the first process\n');
  try {
    for (;;) yield* sys.pause();
  } catch (e) {
    if (!(e instanceof SignalInterrupt)) throw e;
    yield* sys.write(2, `Shutting down, got signal: ${e.signal === 'SIGINT' ? 'Interrupt' : 'Terminated'}\n`);
    return 0;
  }
};

/** CoreDNS's HTTP side: health 8080, ready 8181, metrics 9153. */
const corednsHttp = goDaemon({
  ports: [
    { port: 8080, routes: { '/health': () => ({ status: 200, body: 'OK' }) } },
    { port: 8181, routes: { '/ready': () => ({ status: 200, body: 'OK' }) } },
    { port: 9153, routes: { '/metrics': () => ({ status: 200, body: 'coredns_build_info{goversion="go1.20.7",revision="ae2bbc2",version="1.11.1"} 1\n', contentType: 'text/plain; version=0.0.4; charset=utf-8' }) } },
  ],
  banner: () => ({
    fd: 1,
    lines: [
      '.:53',
      // The hash of kubeadm's default Corefile, as every kubeadm cluster logs it.
      '[INFO] plugin/reload: Running configuration SHA512 = 591cf328cccc12bc490481273e738df59329c62c0b729d94e8b61db9961c2fa5f046dd37f1cf888b953814040d180f52594972691cd6ff41be96639138a43908',
      'CoreDNS-1.11.1',
      'linux/amd64, go1.20.7, ae2bbc2',
    ],
  }),
  farewell: () => ['[INFO] SIGTERM: Shutting down servers then terminating', '[INFO] plugin/health: Going into lameduck mode for 5s'],
  lameDuckMs: 5000,
});

/**
 * CoreDNS 1.11.1 with kubeadm's Corefile: DNS on UDP and TCP 53, answered from the cluster zone
 * the simulation provides (`CLUSTER_DNS`: the kubernetes plugin and its informers) or, for names
 * outside it, by `forward . /etc/resolv.conf`; and the HTTP endpoints above. Each socket has a
 * process of its own, and so has each forwarded UDP query (the real binary's goroutines), so a
 * slow upstream holds up no other client. Without a zone — a world that provides none — queries
 * are REFUSED, as CoreDNS answers names it serves no zone for.
 */
export const coredns: Program = function* (proc) {
  proc.signal('SIGPIPE', 'ignore');
  const udp = proc.udp(53);
  const tcp = proc.listen(53);
  proc.spawn(proc.argv, { thread: true, fds: [0, 1, 2, udp], program: (child) => serveDnsUdp(child, 3) });
  proc.spawn(proc.argv, { thread: true, fds: [0, 1, 2, tcp], program: (child) => serveDnsTcp(child, 3) });
  proc.close(udp);
  proc.close(tcp);
  return yield* corednsHttp(proc);
};

/** The reply to one query; '' for none. */
function* dnsReply(proc: Proc, query: string, origin: QueryOrigin): Sys<string> {
  const zone = proc.facility(CLUSTER_DNS);
  if (!zone) return refused(query);
  const answer = zone.answer(query, origin);
  if (answer.kind === 'reply') return answer.wire;
  return zone.relay(answer.request, yield* forward(proc, answer.request), origin);
}

function refused(query: string): string {
  try {
    const q = decode(query);
    return q.flags.qr ? '' : encode({ ...q, flags: { ...q.flags, qr: true }, rcode: RCODE.REFUSED, answers: [], authority: [], additional: [] });
  } catch {
    return '';
  }
}

/** plugin/forward's defaults: one upstream read waits 2 s, a query is given up after 5 s. */
const FORWARD_READ_TIMEOUT_MS = 2000;
const FORWARD_DEADLINE_MS = 5000;
/**
 * After an ICMP error (nothing listens upstream) the real plugin retries at once, over and over,
 * until its deadline; here the next try comes after the health checker's half second.
 */
const FORWARD_RETRY_MS = 500;

/**
 * `forward . /etc/resolv.conf`: the query, under an id of forward's own, over UDP (also for a
 * client that asked over TCP: the lab's dnsmasq is only modelled on UDP) from this pod
 * (masqueraded on its way out of the node) to the nameservers of the pod's resolv.conf — the
 * node's, as the CoreDNS pods use `dnsPolicy: Default` — in turn until one answers or the
 * deadline passes. Undefined when none did: CoreDNS then answers SERVFAIL, and its `errors`
 * plugin logs the last failure, as `kubectl logs` shows it:
 *
 *     [ERROR] plugin/errors: 2 www.example.com. A: read udp 10.244.0.2:40312->192.168.1.2:53: i/o timeout
 */
function* forward(proc: Proc, request: Message): Sys<Message | undefined> {
  const upstreams = readResolvConf(proc).nameservers;
  const fd = proc.udp();
  const deadline = proc.now() + FORWARD_DEADLINE_MS;
  try {
    let failure = '';
    for (let i = 0; proc.now() < deadline; i++) {
      const upstream = upstreams[i % upstreams.length]!;
      const result = yield* exchange(proc, fd, upstream, { ...request, id: queryId(proc, i) }, FORWARD_READ_TIMEOUT_MS);
      if (result.kind === 'reply') return result.message;
      const socket = proc.file(fd);
      const local = `${proc.netns.primaryAddress}:${socket instanceof UdpSocketFile ? socket.port : 0}`;
      failure = `read udp ${local}->${upstream}:53: ${result.kind === 'refused' ? 'read: connection refused' : 'i/o timeout'}`;
      if (result.kind === 'refused') yield* sys.sleep(Math.min(FORWARD_RETRY_MS, deadline - proc.now()));
    }
    const q = request.questions[0];
    if (q) yield* sys.write(1, `[ERROR] plugin/errors: ${RCODE.SERVFAIL} ${q.name} ${typeName(q.type)}: ${failure}\n`);
    return undefined;
  } finally {
    proc.close(fd);
  }
}

function* serveDnsUdp(proc: Proc, fd: number): Sys<never> {
  for (;;) {
    const { from, data } = yield* sys.recvfrom(fd);
    const origin: QueryOrigin = { client: from, server: proc.netns.name, transport: 'udp' };
    const zone = proc.facility(CLUSTER_DNS);
    const answer = zone?.answer(data, origin);
    if (!zone || !answer) {
      yield* replyUdp(proc, fd, from, refused(data));
    } else if (answer.kind === 'reply') {
      yield* replyUdp(proc, fd, from, answer.wire);
    } else {
      // A goroutine of its own: the upstream may take seconds.
      proc.spawn(proc.argv, {
        thread: true,
        fds: [0, 1, 2, fd],
        program: function* (child) {
          const upstream = yield* forward(child, answer.request);
          yield* replyUdp(child, 3, from, zone.relay(answer.request, upstream, origin));
          return 0;
        },
      });
    }
  }
}

function* replyUdp(proc: Proc, fd: number, to: SocketAddress, reply: string): Sys<void> {
  if (!reply) return;
  try {
    yield* sys.sendto(fd, to.ip, to.port, reply);
  } catch (e) {
    // A reply to a client that had gone bounced back as port unreachable: nothing to do.
    if (!(e instanceof SysError)) throw e;
  }
}

/** DNS over TCP: each message framed by its 2-byte length, several per connection. */
function* serveDnsTcp(proc: Proc, listener: number): Sys<never> {
  for (;;) {
    const conn = yield* sys.accept(listener);
    const client = proc.peer(conn) ?? { ip: '0.0.0.0', port: 0 };
    let buffer = '';
    try {
      for (let chunk = yield* sys.read(conn, IDLE_MS); chunk !== null; chunk = yield* sys.read(conn, IDLE_MS)) {
        buffer += chunk;
        for (let length = frameLength(buffer); length !== undefined && buffer.length >= 2 + length; length = frameLength(buffer)) {
          const reply = yield* dnsReply(proc, buffer.slice(2, 2 + length), { client, server: proc.netns.name, transport: 'tcp' });
          buffer = buffer.slice(2 + length);
          if (reply) yield* sys.write(conn, String.fromCharCode(reply.length >> 8, reply.length & 0xff) + reply);
        }
      }
    } catch (e) {
      if (!(e instanceof SysError)) throw e;
    }
    proc.close(conn);
  }
}

const frameLength = (buffer: string): number | undefined => (buffer.length >= 2 ? (buffer.charCodeAt(0) << 8) | buffer.charCodeAt(1) : undefined);

export const kubeProxy = goDaemon({
  ports: [{ port: 10256, routes: { '/healthz': (proc) => kubeProxyHealth(proc), '/livez': (proc) => kubeProxyHealth(proc) } }],
  banner: (proc) => ({ fd: 2, lines: [klog(proc, 'server_linux.go:69', '"Using iptables proxy"'), klog(proc, 'config.go:192', '"Starting service config controller"')] }),
});

function kubeProxyHealth(proc: Proc): GoReply {
  const now = strftime('%Y-%m-%d %H:%M:%S.%N +0000 UTC', proc.wallClock());
  return { status: 200, body: `{"lastUpdated": "${now}","currentTime": "${now}", "nodeEligible": true}`, contentType: 'application/json' };
}

export const etcd = goDaemon({
  ports: [{ port: 2381, routes: { '/health': () => ({ status: 200, body: '{"health":"true","reason":""}', contentType: 'text/plain; charset=utf-8' }), '/readyz': () => ok, '/livez': () => ok } }, { port: 2379, tcp: true }],
  banner: (proc) => ({
    fd: 2,
    lines: [`{"level":"info","ts":"${strftime('%Y-%m-%dT%H:%M:%S.%NZ', proc.wallClock()).replace(/(\.\d{6})\d{3}/, '$1')}","caller":"embed/serve.go:250","msg":"serving client traffic securely","traffic":"grpc+http","address":"${proc.netns.primaryAddress}:2379"}`],
  }),
});

export const kubeApiserver = goDaemon({
  ports: [{ port: 6443, routes: { '/livez': () => ok, '/readyz': () => ok, '/healthz': () => ok } }],
  banner: (proc) => ({ fd: 2, lines: [klog(proc, 'secure_serving.go:213', 'Serving securely on [::]:6443')] }),
});

export const kubeControllerManager = goDaemon({
  ports: [{ port: 10257, routes: healthz }],
  banner: (proc) => ({ fd: 2, lines: [klog(proc, 'secure_serving.go:213', 'Serving securely on 127.0.0.1:10257')] }),
});

export const kubeScheduler = goDaemon({
  ports: [{ port: 10259, routes: { ...healthz, '/livez': () => ok, '/readyz': () => ok } }],
  banner: (proc) => ({ fd: 2, lines: [klog(proc, 'secure_serving.go:213', 'Serving securely on 127.0.0.1:10259')] }),
});
