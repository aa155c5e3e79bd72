/**
 * Timing of the stand-in kubelet, as data (KWOK-style stages with a delay range). The seeded rng
 * picks within each range, so one seed gives one history.
 */
export interface StandInProfile {
  /** From seeing a pod bound to this node to reporting it Running (sandbox + start, no image pulls). */
  startDelayMs: readonly [min: number, max: number];
  /** From seeing a deletion request to confirming it (a stand-in: not the full grace period). */
  terminateDelayMs: readonly [min: number, max: number];
  /** Lease renew interval (kubelet: 10 s, a quarter of the 40 s lease duration). */
  leaseRenewMs: number;
  leaseDurationSeconds: number;
  /** How often node status is checked (nodeStatusUpdateFrequency, 10 s) … */
  statusUpdateMs: number;
  /** … and how often it is written even when unchanged (nodeStatusReportFrequency, 5 min). */
  statusReportMs: number;
}

export const DEFAULT_STANDIN_PROFILE: StandInProfile = {
  startDelayMs: [1000, 2000],
  terminateDelayMs: [500, 1000],
  leaseRenewMs: 10_000,
  leaseDurationSeconds: 40,
  statusUpdateMs: 10_000,
  statusReportMs: 300_000,
};
