/**
 * How long things take on a simulated node, as data (KWOK-style stages: a delay plus jitter),
 * grouped into profiles. The real kubelet asks the profile and schedules the outcome on the
 * simulated clock; the seeded Rng draws the jitter, so one seed gives one history.
 *
 * Numbers follow reference §11: a first nginx pull takes a few seconds, a cached re-pull (policy
 * Always) about half a second, Created → Started within the same second, nginx stops in well
 * under a second while a shell or sleep as PID 1 ignores SIGTERM and rides out the grace period.
 */
import type { Rng } from '../../sim/rng';

/** A delay of `delayMs` plus a uniform extra in [0, jitterMs]. */
export interface Stage {
  readonly delayMs: number;
  readonly jitterMs: number;
}

/** How a program behaves once started, keyed by program name in the profile. */
export interface ProgramTiming {
  /** From exec to being useful (e.g. nginx listening on :80). */
  readonly startup: Stage;
  /**
   * How long it takes to exit after its stop signal, or `ignores` if it never does: a shell or
   * `sleep` running as PID 1 has no handler, and the kernel drops unhandled signals to PID 1.
   */
  readonly onStopSignal: Stage | 'ignores';
}

export interface TimingProfile {
  readonly name: string;
  /** RunPodSandbox: pause container, network namespace, CNI IP. */
  readonly sandboxCreate: Stage;
  readonly imagePull: {
    /** Registry round trips (auth, manifest): paid even when every layer is cached. */
    readonly latency: Stage;
    /** Download speed for layers the node does not have yet. */
    readonly bytesPerSecond: number;
  };
  /** Checking the local store for an IfNotPresent image: "already present on machine". */
  readonly imagePresentCheck: Stage;
  readonly containerCreate: Stage;
  readonly containerStart: Stage;
  readonly programs: Readonly<Record<string, ProgramTiming>>;
  /** For programs the table does not name. */
  readonly defaultProgram: ProgramTiming;
  /** Extra delay before the kubelet notices a change (PLEG relist is 1 s; syncs a few s). */
  readonly syncLatency: Stage;
  /** Sandbox teardown after the last container stopped, before the pod object goes away. */
  readonly podCleanup: Stage;
  /**
   * A pod sync that ended in an error (image pull failed, crash back-off, missing ConfigMap…) is
   * retried after this: the pod worker's 10 s back-off with up to 50 % jitter.
   */
  readonly syncErrorRetry: Stage;
  /** nodeStatusUpdateFrequency: status computed every 10 s … */
  readonly nodeStatusUpdateMs: number;
  /** … and written even if unchanged every 5 min (nodeStatusReportFrequency). */
  readonly nodeStatusReportMs: number;
  /** Lease renewed every 10 s, a quarter of its 40 s duration. */
  readonly leaseRenewMs: number;
  readonly leaseDurationSeconds: number;
}

const stage = (delayMs: number, jitterMs = 0): Stage => ({ delayMs, jitterMs });

export const DEFAULT_TIMING: TimingProfile = {
  name: 'default',
  sandboxCreate: stage(300, 400),
  imagePull: { latency: stage(400, 300), bytesPerSecond: 10 * 1024 * 1024 },
  imagePresentCheck: stage(5, 10),
  containerCreate: stage(40, 60),
  containerStart: stage(60, 80),
  programs: {
    nginx: { startup: stage(20, 30), onStopSignal: stage(30, 120) }, // STOPSIGNAL SIGQUIT: graceful, quick
    sh: { startup: stage(1, 2), onStopSignal: 'ignores' },
    sleep: { startup: stage(1, 2), onStopSignal: 'ignores' },
  },
  defaultProgram: { startup: stage(50, 100), onStopSignal: stage(50, 200) },
  syncLatency: stage(100, 900),
  // Volumes unmounted, sandbox gone, the status manager's final delete: about half a second to a second.
  podCleanup: stage(500, 500),
  syncErrorRetry: stage(10_000, 5000),
  nodeStatusUpdateMs: 10_000,
  nodeStatusReportMs: 300_000,
  leaseRenewMs: 10_000,
  leaseDurationSeconds: 40,
};

/** Same shape, near-zero delays and no jitter: for tests that care about order, not duration. */
export const FAST_TIMING: TimingProfile = {
  ...DEFAULT_TIMING,
  name: 'fast',
  sandboxCreate: stage(1),
  imagePull: { latency: stage(1), bytesPerSecond: 1024 * 1024 * 1024 },
  imagePresentCheck: stage(1),
  containerCreate: stage(1),
  containerStart: stage(1),
  programs: {
    nginx: { startup: stage(1), onStopSignal: stage(1) },
    sh: { startup: stage(1), onStopSignal: 'ignores' },
    sleep: { startup: stage(1), onStopSignal: 'ignores' },
  },
  defaultProgram: { startup: stage(1), onStopSignal: stage(1) },
  syncLatency: stage(1),
  podCleanup: stage(1),
  // A kubelet constant, not a delay of the machine: only the jitter goes.
  syncErrorRetry: stage(10_000),
};

/** One draw of a stage, in whole ms. */
export function draw(s: Stage, rng: Rng): number {
  return s.delayMs + (s.jitterMs > 0 ? rng.between(0, s.jitterMs) : 0);
}

export function programTiming(profile: TimingProfile, program: string): ProgramTiming {
  return profile.programs[program] ?? profile.defaultProgram;
}

/**
 * Duration of one image pull. Layers already on the node (a re-pull under policy Always) cost
 * only the registry round trips, which is why later pods show `Pulled … in 521ms`.
 */
export function imagePullMs(profile: TimingProfile, rng: Rng, sizeBytes: number, layersCached: boolean): number {
  const latency = draw(profile.imagePull.latency, rng);
  if (layersCached) return latency;
  return latency + Math.round((sizeBytes / profile.imagePull.bytesPerSecond) * 1000);
}

/**
 * kubelet `minimumGracePeriodInSeconds`: a stop never gets less than 2 s (even `--grace-period=0`
 * reaching the kubelet), and an expired preStop hook earns this much once more before SIGKILL.
 */
export const MINIMUM_GRACE_MS = 2000;
export const PRESTOP_EXTRA_GRACE_MS = MINIMUM_GRACE_MS;

export type TerminationOutcome =
  | { readonly kind: 'exited'; readonly afterMs: number }
  | { readonly kind: 'killed'; readonly afterMs: number; readonly exitCode: 137 };

/**
 * When a container being stopped actually dies, counted from the start of termination: preStop
 * (if any) runs first and eats into the grace period, then the stop signal; a program that does
 * not exit within what is left of the grace period is SIGKILLed (exit 137).
 */
export function terminationOutcome(
  profile: TimingProfile,
  rng: Rng,
  program: string,
  gracePeriodSeconds: number,
  preStopMs = 0,
): TerminationOutcome {
  const graceMs = Math.max(gracePeriodSeconds * 1000, MINIMUM_GRACE_MS);
  if (preStopMs > 0 && preStopMs >= graceMs) return { kind: 'killed', afterMs: graceMs + PRESTOP_EXTRA_GRACE_MS, exitCode: 137 };
  const onStop = programTiming(profile, program).onStopSignal;
  if (onStop === 'ignores') return { kind: 'killed', afterMs: graceMs, exitCode: 137 };
  const exitAfter = preStopMs + draw(onStop, rng);
  if (exitAfter >= graceMs) return { kind: 'killed', afterMs: graceMs, exitCode: 137 };
  return { kind: 'exited', afterMs: exitAfter };
}
