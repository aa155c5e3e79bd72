/**
 * How long things take on a simulated node, as data (KWOK-style stages: a delay plus jitter),
 * grouped into profiles. The real kubelet asks the profile and schedules the outcome on the
 * simulated clock; the seeded Rng draws the jitter, so one seed gives one history.
 *
 * Numbers follow reference §11: a first nginx pull takes a few seconds, a cached re-pull (policy
 * Always) about half a second, Created → Started within the same second. How long a program takes
 * to start or stop is up to the program itself, running on the kernel (nginx quits at once on
 * SIGQUIT; a shell or sleep as PID 1 ignores SIGTERM and rides out the grace period).
 */
import type { Rng } from '../../sim/rng';

/** A delay of `delayMs` plus a uniform extra in [0, jitterMs]. */
export interface Stage {
  readonly delayMs: number;
  readonly jitterMs: number;
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
  syncLatency: stage(1),
  podCleanup: stage(1),
  // A kubelet constant, not a delay of the machine: only the jitter goes.
  syncErrorRetry: stage(10_000),
};

/** One draw of a stage, in whole ms. */
export function draw(s: Stage, rng: Rng): number {
  return s.delayMs + (s.jitterMs > 0 ? rng.between(0, s.jitterMs) : 0);
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
