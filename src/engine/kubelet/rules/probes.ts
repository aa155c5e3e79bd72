/**
 * Probe rules of the kubelet's prober workers (pkg/kubelet/prober): defaults, when attempts
 * happen, how consecutive results flip the verdict, and the texts of the events they cause.
 *
 * Schedule model: one worker per container and probe type ticks every `periodSeconds`; ticks
 * before `initialDelaySeconds` after the container started are skipped. We place the ticks at
 * startedAt + initialDelay + k × period (the real phase depends on when the worker started, so
 * a real cluster lands somewhere in [that, that + period)). Liveness and readiness ticks are also
 * skipped until a startup probe, if any, has succeeded.
 */
import type { SimMillis } from '../../sim/clock';

export type ProbeType = 'Liveness' | 'Readiness' | 'Startup';

/** The timing fields of a v1.Probe, in the API's seconds. */
export interface ProbeTiming {
  readonly initialDelaySeconds: number;
  readonly timeoutSeconds: number;
  readonly periodSeconds: number;
  readonly successThreshold: number;
  readonly failureThreshold: number;
}

/** API defaults (types.go): fields left out of a probe take these. */
export const PROBE_DEFAULTS: ProbeTiming = {
  initialDelaySeconds: 0,
  timeoutSeconds: 1,
  periodSeconds: 10,
  successThreshold: 1,
  failureThreshold: 3,
};

export function withProbeDefaults(probe: Partial<ProbeTiming>): ProbeTiming {
  return { ...PROBE_DEFAULTS, ...probe };
}

const seconds = (s: number): number => s * 1000;

/** When attempt `k` (0-based) runs, counted from when probing may begin. */
export function probeAttemptAt(timing: ProbeTiming, startedAt: SimMillis, k: number): SimMillis {
  return (startedAt + seconds(timing.initialDelaySeconds) + k * seconds(timing.periodSeconds)) as SimMillis;
}

/** The first attempt at or after `t`: where a change in the container is first noticed. */
export function firstAttemptAtOrAfter(timing: ProbeTiming, startedAt: SimMillis, t: SimMillis): SimMillis {
  const first = probeAttemptAt(timing, startedAt, 0);
  if (t <= first) return first;
  return probeAttemptAt(timing, startedAt, Math.ceil((t - first) / seconds(timing.periodSeconds)));
}

export type ProbeResult = 'Success' | 'Failure' | 'Unknown';

/** The worker's memory: the published verdict and the current run of identical attempt results. */
export interface ProbeVerdict {
  readonly result: ProbeResult;
  readonly lastAttempt: 'Success' | 'Failure' | undefined;
  readonly run: number;
  /** After a liveness/startup failure the worker stops probing until a new container appears. */
  readonly onHold: boolean;
}

/** Liveness starts healthy, readiness starts not-ready, startup starts unknown (kubelet worker initialValue). */
export function initialVerdict(type: ProbeType): ProbeVerdict {
  const result: ProbeResult = type === 'Liveness' ? 'Success' : type === 'Readiness' ? 'Failure' : 'Unknown';
  return { result, lastAttempt: undefined, run: 0, onHold: false };
}

/** Folds one attempt into the verdict; it only flips after `threshold` identical results in a row. */
export function recordAttempt(type: ProbeType, timing: ProbeTiming, v: ProbeVerdict, ok: boolean): ProbeVerdict {
  if (v.onHold) return v;
  const attempt = ok ? 'Success' : 'Failure';
  const run = v.lastAttempt === attempt ? v.run + 1 : 1;
  const threshold = ok ? timing.successThreshold : timing.failureThreshold;
  if (run < threshold) return { ...v, lastAttempt: attempt, run };
  if (!ok && type !== 'Readiness') return { result: 'Failure', lastAttempt: attempt, run: 0, onHold: true };
  return { result: attempt, lastAttempt: attempt, run, onHold: false };
}

/** httpGet: any status in [200, 400) passes. */
export const isHttpSuccess = (status: number): boolean => status >= 200 && status < 400;

// ---- texts -----------------------------------------------------------------------------------

/** `Unhealthy` event: `Liveness probe failed: <output>` (output may be empty for exec). */
export const probeFailedMessage = (type: ProbeType, output: string): string => `${type} probe failed: ${output}`;

/** `Killing` event after a liveness/startup failure. */
export const probeKillingMessage = (container: string, type: 'Liveness' | 'Startup'): string =>
  `Container ${container} failed ${type.toLowerCase()} probe, will be restarted`;

export const httpStatusOutput = (status: number): string => `HTTP probe failed with statuscode: ${status}`;

export interface HttpTarget {
  readonly scheme?: 'HTTP' | 'HTTPS';
  readonly host: string;
  readonly port: number;
  readonly path?: string;
}

/** The request path as the prober sends it: `/` when empty, a leading slash added. */
export function probePath(t: HttpTarget): string {
  return t.path === undefined || t.path === '' ? '/' : t.path.startsWith('/') ? t.path : `/${t.path}`;
}

export function probeUrl(t: HttpTarget): string {
  return `${(t.scheme ?? 'HTTP').toLowerCase()}://${t.host}:${t.port}${probePath(t)}`;
}

/** Go net/http's wording when the server does not answer within timeoutSeconds. */
export const httpTimeoutOutput = (t: HttpTarget): string =>
  `Get "${probeUrl(t)}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`;

export const tcpConnectionRefusedOutput = (host: string, port: number): string => `dial tcp ${host}:${port}: connect: connection refused`;

export const tcpTimeoutOutput = (host: string, port: number): string => `dial tcp ${host}:${port}: i/o timeout`;
