/**
 * Running what a probe or a lifecycle hook asks for against one container: `exec` inside the
 * container (through the runtime's ExecSync), `httpGet` and `tcpSocket` from the node, `sleep`
 * on the kubelet's clock. Named ports (`port: http`) are looked up in the container's ports.
 */
import type { Container, HTTPGetAction, Pod } from 'kubernetes-types/core/v1';
import type { Clock } from '../../sim/clock';
import type { RuntimeService } from '../../runtime/cri/types';
import { formatPod } from '../rules/backoff';
import { httpStatusOutput, isHttpSuccess, type HttpTarget } from '../rules/probes';
import { httpGetCheck, prepareHttpGet, tcpCheck, type NodeHost } from './network';

/** The container a probe or hook acts on. */
export interface ActionTarget {
  readonly pod: Pod;
  readonly container: Container;
  /** The runtime's id of the running instance. */
  readonly containerID: string;
  readonly podIP: string;
  readonly runtime: RuntimeService;
  readonly host: NodeHost;
  readonly clock: Clock;
}

type IntOrString = number | string;

/** `port: 8080` or `port: http` (a name from the container's ports). */
export function resolvePort(port: IntOrString | undefined, container: Container): number | string {
  if (typeof port === 'number') return port;
  if (port === undefined) return 'port  not found';
  if (/^\d+$/.test(port)) return Number(port);
  const named = container.ports?.find((p) => p.name === port);
  return named ? named.containerPort : `port ${port} not found`;
}

function httpTarget(action: HTTPGetAction, t: ActionTarget): HttpTarget | string {
  const port = resolvePort(action.port as IntOrString, t.container);
  if (typeof port === 'string') return port;
  return { scheme: action.scheme === 'HTTPS' ? 'HTTPS' : 'HTTP', host: action.host || t.podIP, port, path: action.path };
}

/** A probe attempt: success, failure with the output for the Unhealthy event, or an error. */
export type ProbeOutcome =
  | { readonly result: 'success' }
  | { readonly result: 'failure'; readonly output: string }
  | { readonly result: 'error'; readonly error: string };

export interface ProbeAction {
  readonly exec?: { readonly command?: readonly string[] };
  readonly httpGet?: HTTPGetAction;
  readonly tcpSocket?: { readonly port: unknown; readonly host?: string };
}

/** One probe attempt, answered from a clock event. */
export type ProbeAttempt = (done: (outcome: ProbeOutcome) => void) => void;

/**
 * What one attempt of `action` does (kubelet `prober.runProbe`), worked out once: an exec in the
 * container, or an httpGet / tcpSocket from the node, each bounded by timeoutSeconds.
 */
export function prepareProbe(action: ProbeAction, t: ActionTarget, timeoutMs: number): ProbeAttempt {
  if (action.exec) {
    const command = action.exec.command ?? [];
    const timedOut = `command ${JSON.stringify(command.join(' '))} timed out`;
    return (done) =>
      t.runtime.execSync(t.containerID, command, timeoutMs, (r) => {
        if ('error' in r) done({ result: 'error', error: r.error });
        else if (r.timedOut) done({ result: 'failure', output: timedOut });
        else if (r.exitCode === 0) done({ result: 'success' });
        else done({ result: 'failure', output: r.output });
      });
  }
  if (action.httpGet) {
    const target = httpTarget(action.httpGet, t);
    if (typeof target === 'string') return (done) => later(t, () => done({ result: 'error', error: target }));
    const get = prepareHttpGet(target, action.httpGet.httpHeaders ?? [], timeoutMs);
    return (done) =>
      httpGetCheck(t.host, get, (check) => {
        if (check.kind === 'failed') done({ result: 'failure', output: check.error });
        else if (check.kind === 'answered' && !isHttpSuccess(check.status)) done({ result: 'failure', output: httpStatusOutput(check.status) });
        else done({ result: 'success' });
      });
  }
  if (action.tcpSocket) {
    const port = resolvePort(action.tcpSocket.port as IntOrString, t.container);
    if (typeof port === 'string') return (done) => later(t, () => done({ result: 'error', error: port }));
    const host = action.tcpSocket.host || t.podIP;
    return (done) => tcpCheck(t.host, host, port, timeoutMs, (check) => done(check.kind === 'failed' ? { result: 'failure', output: check.error } : { result: 'success' }));
  }
  return (done) => later(t, () => done({ result: 'error', error: 'missing probe handler' }));
}

/** A lifecycle hook's result; `message` is what the container's waiting state then says. */
export type HookOutcome = { readonly ok: true } | { readonly ok: false; readonly message: string };

export interface HookAction extends ProbeAction {
  readonly sleep?: { readonly seconds: number };
}

/**
 * A postStart or preStop hook (kubelet `handlerRunner.Run`). It has no timeout of its own: the
 * kubelet waits for postStart, and bounds preStop by the grace period itself.
 */
export function runHook(action: HookAction, t: ActionTarget, done: (outcome: HookOutcome) => void): void {
  const where = `for Container ${JSON.stringify(t.container.name)} in Pod ${JSON.stringify(formatPod(podIdentity(t.pod)))}`;
  if (action.exec) {
    const command = action.exec.command ?? [];
    t.runtime.execSync(t.containerID, command, 0, (r) => {
      const failed = (error: string, output: string): void =>
        done({ ok: false, message: `Exec lifecycle hook ([${command.join(' ')}]) ${where} failed - error: ${error}, message: ${JSON.stringify(output)}` });
      if ('error' in r) failed(r.error, '');
      else if (r.exitCode !== 0) failed(`command '${command.join(' ')}' exited with ${r.exitCode}: ${r.output}`, r.output);
      else done({ ok: true });
    });
    return;
  }
  if (action.httpGet) {
    const target = httpTarget(action.httpGet, t);
    const path = action.httpGet.path ?? '';
    const failed = (error: string): void => done({ ok: false, message: `HTTP lifecycle hook (${path}) ${where} failed - error: ${error}` });
    if (typeof target === 'string') return later(t, () => failed(target));
    // No timeout of its own either; a generous bound keeps a silent server from holding the hook forever.
    httpGetCheck(t.host, prepareHttpGet(target, action.httpGet.httpHeaders ?? [], HOOK_HTTP_TIMEOUT_MS), (check) => {
      if (check.kind === 'failed') failed(check.error);
      else done({ ok: true });
    });
    return;
  }
  if (action.sleep) {
    t.clock.schedule(action.sleep.seconds * 1000, () => done({ ok: true }));
    return;
  }
  later(t, () => done({ ok: false, message: 'Cannot run handler: invalid handler' }));
}

/** Go's http.Client in the hook runner has no timeout; the connection's own limits end a stuck request. */
const HOOK_HTTP_TIMEOUT_MS = 120_000;

const podIdentity = (pod: Pod): { name: string; namespace: string; uid: string } => ({
  name: pod.metadata?.name ?? '',
  namespace: pod.metadata?.namespace ?? '',
  uid: pod.metadata?.uid ?? '',
});

/** Answers from a clock event, like every other outcome. */
function later(t: ActionTarget, run: () => void): void {
  t.clock.schedule(0, run);
}
