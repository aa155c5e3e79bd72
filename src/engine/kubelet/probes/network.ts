/**
 * The kubelet's own network checks — httpGet and tcpSocket probes and httpGet hooks. They run on
 * the node, not in the container: a process in the node's host namespace connects to the pod IP
 * through the cluster network, exactly as the kubelet's Go HTTP client does. The texts of the
 * failures are Go's (`dial tcp 10.244.1.5:80: connect: connection refused`, `context deadline
 * exceeded (Client.Timeout exceeded while awaiting headers)`).
 */
import { SysError, sys, type Kernel, type PidNamespace, type Proc, type Sys } from '../../runtime/process';
import { formatRequest, parseResponse } from '../../../userland/lib/http';
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

export interface HttpGetRequest extends HttpTarget {
  readonly headers: readonly { readonly name: string; readonly value: string }[];
  readonly timeoutMs: number;
}

/** Runs `body` as a kubelet process on the node and reports its result when it ends. */
function runOnNode(host: NodeHost, name: string, body: (proc: Proc) => Sys<NetworkCheck>, done: (check: NetworkCheck) => void): void {
  let result: NetworkCheck = { kind: 'failed', error: 'killed' };
  const proc = host.kernel.spawn(host.ns, [name], {
    *program(p) {
      result = yield* body(p);
      return 0;
    },
  });
  proc.onExit(() => done(result));
}

function dialError(e: unknown, host: string, port: number): string | undefined {
  if (!(e instanceof SysError)) return undefined;
  if (e.errno === 'ECONNREFUSED') return tcpConnectionRefusedOutput(host, port);
  if (e.errno === 'ETIMEDOUT') return tcpTimeoutOutput(host, port);
  if (e.errno === 'EHOSTUNREACH') return `dial tcp ${host}:${port}: connect: no route to host`;
  return undefined;
}

/** tcpSocket: does a connection open within the timeout? */
export function tcpCheck(host: NodeHost, ip: string, port: number, timeoutMs: number, done: (check: NetworkCheck) => void): void {
  runOnNode(
    host,
    'kubelet-tcp-probe',
    function* () {
      try {
        yield* sys.connect(ip, port, timeoutMs);
        return { kind: 'connected' };
      } catch (e) {
        const error = dialError(e, ip, port);
        if (error === undefined) throw e;
        return { kind: 'failed', error };
      }
    },
    done,
  );
}

/** httpGet: sends the request and reads the status line, all within the timeout. */
export function httpGetCheck(host: NodeHost, request: HttpGetRequest, done: (check: NetworkCheck) => void): void {
  const url = probeUrl(request);
  const timeout = httpTimeoutOutput(request);
  runOnNode(
    host,
    'kubelet-http-probe',
    function* (p) {
      const deadline = p.now() + request.timeoutMs;
      let fd: number;
      try {
        fd = yield* sys.connect(request.host, request.port, request.timeoutMs);
      } catch (e) {
        if (e instanceof SysError && e.errno === 'ETIMEDOUT') return { kind: 'failed', error: timeout };
        const error = dialError(e, request.host, request.port);
        if (error === undefined) throw e;
        return { kind: 'failed', error: `Get "${url}": ${error}` };
      }
      try {
        yield* sys.write(fd, probeRequest(request));
        let received = '';
        for (;;) {
          const chunk = yield* sys.read(fd, deadline - p.now());
          if (chunk !== null) received += chunk;
          const parsed = parseResponse(received, { ended: chunk === null });
          if (parsed.kind === 'complete') return { kind: 'answered', status: parsed.message.status };
          if (parsed.kind === 'error' || chunk === null) return { kind: 'failed', error: `Get "${url}": ${received === '' ? 'EOF' : `net/http: HTTP/1.x transport connection broken: ${parsed.kind === 'error' ? parsed.reason : 'unexpected EOF'}`}` };
        }
      } catch (e) {
        if (e instanceof SysError && e.errno === 'ETIMEDOUT') return { kind: 'failed', error: timeout };
        if (e instanceof SysError) return { kind: 'failed', error: `Get "${url}": read tcp: ${e.message.toLowerCase()}` };
        throw e;
      } finally {
        p.close(fd);
      }
    },
    done,
  );
}

/** The request Go's client writes for a probe: Host is the pod IP and port unless a header says otherwise. */
function probeRequest(r: HttpGetRequest): string {
  const headers = new Map<string, string>([
    ['Host', `${r.host}:${r.port}`],
    ['User-Agent', PROBE_USER_AGENT],
    ['Accept', '*/*'],
  ]);
  for (const h of r.headers) headers.set(canonicalHeader(h.name), h.value);
  headers.set('Connection', 'close');
  return formatRequest({ method: 'GET', target: probePath(r), headers: [...headers] });
}

const canonicalHeader = (name: string): string => name.toLowerCase().replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
