/**
 * The kubelet's own network checks — httpGet and tcpSocket probes and httpGet hooks. They run on
 * the node, not in the container: a process in the node's host namespace connects to the pod IP
 * through the cluster network, exactly as the kubelet's Go HTTP client does. The texts of the
 * failures are Go's (`dial tcp 10.244.1.5:80: connect: connection refused`, `context deadline
 * exceeded (Client.Timeout exceeded while awaiting headers)`).
 *
 * A probe runs every few seconds for the life of a container, so what does not change between
 * attempts — the request's bytes, the URL in the error texts — is prepared once.
 */
import { SysError, sys, type Kernel, type PidNamespace, type Proc, type Program, type Sys } from '../../runtime/process';
import { formatRequest, parseResponse, responseStatus } from '../../../userland/lib/http';
import { httpTimeoutOutput, probePath, probeUrl, tcpConnectionRefusedOutput, tcpTimeoutOutput, type HttpTarget } from '../rules/probes';

/** Where the kubelet's own processes run: the node's host PID and network namespace. */
export interface NodeHost {
  readonly kernel: Kernel;
  readonly ns: PidNamespace;
}

export type NetworkCheck =
  | { readonly kind: 'answered'; readonly status: number }
  | { readonly kind: 'connected' }
  | { readonly kind: 'failed'; readonly error: string };

/** `User-Agent` of kubelet 1.30's probes. */
export const PROBE_USER_AGENT = 'kube-probe/1.30';

/** An httpGet check, ready to be run again and again. */
export interface HttpGet {
  readonly host: string;
  readonly port: number;
  readonly timeoutMs: number;
  /** The request as it goes on the wire. */
  readonly request: string;
  readonly url: string;
  readonly timeoutError: string;
}

export function prepareHttpGet(target: HttpTarget, headers: readonly { readonly name: string; readonly value: string }[], timeoutMs: number): HttpGet {
  // Go's client: Host is the target's address and port unless a header says otherwise.
  const fields = new Map<string, string>([
    ['Host', `${target.host}:${target.port}`],
    ['User-Agent', PROBE_USER_AGENT],
    ['Accept', '*/*'],
  ]);
  for (const h of headers) fields.set(canonicalHeader(h.name), h.value);
  fields.set('Connection', 'close');
  return {
    host: target.host,
    port: target.port,
    timeoutMs,
    request: formatRequest({ method: 'GET', target: probePath(target), headers: [...fields] }),
    url: probeUrl(target),
    timeoutError: httpTimeoutOutput(target),
  };
}

const canonicalHeader = (name: string): string => name.toLowerCase().replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());

/** Where a check's program leaves its answer for the kubelet. */
interface Outcome {
  check: NetworkCheck;
}

/** Runs `program` as a kubelet process on the node and reports its outcome when it ends. */
function runOnNode(host: NodeHost, name: string, program: (out: Outcome, p: Proc) => Sys<number>, done: (check: NetworkCheck) => void): void {
  const out: Outcome = { check: { kind: 'failed', error: 'killed' } };
  const proc = host.kernel.spawn(host.ns, [name], { program: program.bind(undefined, out) as Program });
  proc.onExit(() => done(out.check));
}

function dialError(e: unknown, host: string, port: number): string | undefined {
  if (!(e instanceof SysError)) return undefined;
  if (e.errno === 'ECONNREFUSED') return tcpConnectionRefusedOutput(host, port);
  if (e.errno === 'ETIMEDOUT') return tcpTimeoutOutput(host, port);
  if (e.errno === 'EHOSTUNREACH') return `dial tcp ${host}:${port}: connect: no route to host`;
  return undefined;
}

function* tcpProgram(ip: string, port: number, timeoutMs: number, out: Outcome): Sys<number> {
  try {
    yield* sys.connect(ip, port, timeoutMs);
    out.check = { kind: 'connected' };
  } catch (e) {
    const error = dialError(e, ip, port);
    if (error === undefined) throw e;
    out.check = { kind: 'failed', error };
  }
  return 0;
}

/** tcpSocket: does a connection open within the timeout? */
export function tcpCheck(host: NodeHost, ip: string, port: number, timeoutMs: number, done: (check: NetworkCheck) => void): void {
  runOnNode(host, 'kubelet-tcp-probe', tcpProgram.bind(undefined, ip, port, timeoutMs), done);
}

function* httpProgram(get: HttpGet, out: Outcome, p: Proc): Sys<number> {
  out.check = yield* httpExchange(get, p);
  return 0;
}

/** Sends the request and reads the answer's status line and headers, all within the timeout. */
function* httpExchange(get: HttpGet, p: Proc): Sys<NetworkCheck> {
  const deadline = p.now() + get.timeoutMs;
  let fd: number;
  try {
    fd = yield* sys.connect(get.host, get.port, get.timeoutMs);
  } catch (e) {
    if (e instanceof SysError && e.errno === 'ETIMEDOUT') return { kind: 'failed', error: get.timeoutError };
    const error = dialError(e, get.host, get.port);
    if (error === undefined) throw e;
    return { kind: 'failed', error: `Get "${get.url}": ${error}` };
  }
  try {
    yield* sys.write(fd, get.request);
    let received = '';
    for (;;) {
      const chunk = yield* sys.read(fd, deadline - p.now());
      if (chunk !== null) received += chunk;
      // Only the status decides; the body is not waited for.
      const parsed = parseResponse(received, { ended: chunk === null, noBody: true });
      if (parsed.kind === 'complete') return { kind: 'answered', status: parsed.message.status };
      if (parsed.kind === 'error' || chunk === null) {
        const why = received === '' ? 'EOF' : `net/http: HTTP/1.x transport connection broken: ${parsed.kind === 'error' ? parsed.reason : 'unexpected EOF'}`;
        return { kind: 'failed', error: `Get "${get.url}": ${why}` };
      }
    }
  } catch (e) {
    if (e instanceof SysError && e.errno === 'ETIMEDOUT') return { kind: 'failed', error: get.timeoutError };
    if (e instanceof SysError) return { kind: 'failed', error: `Get "${get.url}": read tcp: ${e.message.toLowerCase()}` };
    throw e;
  } finally {
    p.close(fd);
  }
}

/**
 * httpGet: sends the request and reads the status line, all within the timeout. A server that
 * can answer a request inline (`Network.exchange`: same bytes, same access log) spares the
 * kernel a process and a socket pair; otherwise a kubelet process connects like any client.
 */
export function httpGetCheck(host: NodeHost, get: HttpGet, done: (check: NetworkCheck) => void): void {
  const response = host.kernel.network.exchange(host.ns.netns, get.host, get.port, get.request);
  if (response === undefined) return runOnNode(host, 'kubelet-http-probe', httpProgram.bind(undefined, get), done);
  const status = responseStatus(response);
  const check: NetworkCheck =
    status !== undefined ? { kind: 'answered', status } : { kind: 'failed', error: `Get "${get.url}": net/http: HTTP/1.x transport connection broken: malformed HTTP response` };
  // Answered at this very instant, like the connection path would be a moment later.
  done(check);
}
