/**
 * The prober of one running container (kubelet `prober.worker`, one per probe type): attempts
 * every `periodSeconds` from `initialDelaySeconds` after the container started, each bounded by
 * `timeoutSeconds`; the verdict flips only after `failureThreshold` failures or
 * `successThreshold` successes in a row (`rules/probes.ts`). Every failed attempt is an
 * `Unhealthy` event. While a startup probe has not succeeded, liveness and readiness wait.
 *
 * Attempts that can still change what the pod looks like — startup and readiness until their
 * first success — are foreground work on the clock; steady-state checking is background work,
 * so a healthy cluster still goes quiet.
 */
import type { Probe } from 'kubernetes-types/core/v1';
import type { Timer } from '../../sim/clock';
import { firstAttemptAtOrAfter, initialVerdict, probeAttemptAt, probeFailedMessage, recordAttempt, withProbeDefaults, type ProbeTiming, type ProbeType, type ProbeVerdict } from '../rules/probes';
import { prepareProbe, type ActionTarget, type ProbeAttempt } from './actions';

export interface ProbeListener {
  /** Warning `Unhealthy` with the attempt's text. */
  unhealthy(message: string): void;
  /** The verdict of `type` changed: readiness flips ready, startup success enables the others, liveness/startup failure kills. */
  verdict(type: ProbeType, result: 'Success' | 'Failure'): void;
}

class ProbeWorker {
  private verdict: ProbeVerdict;
  private timer: Timer | undefined;
  private attempt = 0;
  private inFlight = false;
  private stopped = false;
  private everSucceeded = false;
  readonly timing: ProbeTiming;
  private readonly attemptOnce: ProbeAttempt;

  constructor(
    readonly type: ProbeType,
    probe: Probe,
    private readonly target: ActionTarget,
    /** When the container started, in simulated ms. */
    private readonly startedAt: number,
    private readonly listener: ProbeListener,
  ) {
    this.timing = withProbeDefaults(clean(probe));
    this.verdict = initialVerdict(type);
    this.attemptOnce = prepareProbe(probe, target, this.timing.timeoutSeconds * 1000);
  }

  /** Starts ticking at the first scheduled attempt at or after `from`. */
  start(from: number): void {
    const at = firstAttemptAtOrAfter(this.timing, this.startedAt as never, from as never);
    this.attempt = Math.round((at - probeAttemptAt(this.timing, this.startedAt as never, 0)) / (this.timing.periodSeconds * 1000));
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
  }

  /** Liveness only watches; startup and readiness move the pod forward until they first pass. */
  private get settled(): boolean {
    return this.type === 'Liveness' || this.everSucceeded;
  }

  private schedule(): void {
    if (this.stopped || this.verdict.onHold) return;
    const at = probeAttemptAt(this.timing, this.startedAt as never, this.attempt++);
    this.timer = this.target.clock.at(at, () => this.run(), { background: this.settled });
  }

  private run(): void {
    if (this.stopped) return;
    // An attempt still waiting for its answer is not started twice.
    if (!this.inFlight) {
      this.inFlight = true;
      this.attemptOnce((outcome) => {
        this.inFlight = false;
        if (this.stopped) return;
        if (outcome.result === 'failure') this.listener.unhealthy(probeFailedMessage(this.type, outcome.output));
        if (outcome.result === 'error') this.listener.unhealthy(`${this.type} probe errored: ${outcome.error}`);
        const before = this.verdict.result;
        this.verdict = recordAttempt(this.type, this.timing, this.verdict, outcome.result === 'success');
        if (this.verdict.result === 'Success') this.everSucceeded = true;
        if (this.verdict.result !== before && this.verdict.result !== 'Unknown') this.listener.verdict(this.type, this.verdict.result);
      });
    }
    this.schedule();
  }
}

/** The probe fields as timing numbers, unset ones left to the defaults. */
function clean(p: Probe): Partial<ProbeTiming> {
  const out: Partial<Record<keyof ProbeTiming, number>> = {};
  for (const key of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const) {
    if (typeof p[key] === 'number') out[key] = p[key];
  }
  return out;
}

/** The probes of one running container instance. */
export class ContainerProbes {
  private readonly startup: ProbeWorker | undefined;
  private readonly gated: ProbeWorker[] = [];

  constructor(
    private readonly target: ActionTarget,
    startedAt: number,
    listener: ProbeListener,
  ) {
    const { container } = target;
    // A startup success ends the startup prober and lets liveness and readiness begin.
    const relay: ProbeListener = {
      unhealthy: (message) => listener.unhealthy(message),
      verdict: (type, result) => {
        if (type === 'Startup' && result === 'Success') {
          this.startup?.stop();
          this.startGated(target.clock.now());
        }
        listener.verdict(type, result);
      },
    };
    const make = (type: ProbeType, probe: Probe | undefined): ProbeWorker | undefined => (probe ? new ProbeWorker(type, probe, target, startedAt, relay) : undefined);
    this.startup = make('Startup', container.startupProbe);
    for (const w of [make('Liveness', container.livenessProbe), make('Readiness', container.readinessProbe)]) if (w) this.gated.push(w);
  }

  /** Probing begins: the startup probe if there is one, else liveness and readiness. */
  start(): void {
    const now = this.target.clock.now();
    if (this.startup) this.startup.start(now);
    else this.startGated(now);
  }

  stop(): void {
    this.startup?.stop();
    for (const w of this.gated) w.stop();
  }

  private startGated(now: number): void {
    for (const w of this.gated) w.start(now);
  }
}
