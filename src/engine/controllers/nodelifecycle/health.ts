/**
 * How the node lifecycle controller decides that a node has gone silent.
 *
 * A kubelet proves it is alive in two ways: it renews its Lease in `kube-node-lease` every 10 s,
 * and it posts node status (with `lastHeartbeatTime`) when something changes or every 5 minutes.
 * The controller never trusts the timestamps *inside* those objects (clocks on nodes drift); it
 * remembers, on its own clock, when it last *saw* either signal move — the "probe timestamp". If
 * that is older than the grace period (`--node-monitor-grace-period`, 40 s), the node is presumed
 * lost and every condition the kubelet owns becomes Unknown.
 */
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Node, NodeCondition } from 'kubernetes-types/core/v1';

export interface NodeHealthTimings {
  /** How long a node may stay silent before its conditions turn Unknown (node-monitor-grace-period). */
  gracePeriodMs: number;
  /** The same for a node whose kubelet has never posted a Ready condition (node-startup-grace-period). */
  startupGracePeriodMs: number;
}

export const DEFAULT_HEALTH_TIMINGS: NodeHealthTimings = { gracePeriodMs: 40_000, startupGracePeriodMs: 60_000 };

/** What the controller remembers about one node between passes. */
export interface NodeHealth {
  /** Simulated ms when the controller last saw a heartbeat move. */
  probeTimestamp: number;
  /** The Ready condition's lastHeartbeatTime as last seen. */
  readyHeartbeat: string | undefined;
  /** The Lease's renewTime as last seen. */
  leaseRenewTime: string | undefined;
}

export function readyCondition(node: Node): NodeCondition | undefined {
  for (const c of node.status?.conditions ?? []) if (c.type === 'Ready') return c;
  return undefined;
}

/**
 * Folds this pass's observation into the remembered health: the probe timestamp moves to `now`
 * whenever the Ready heartbeat or the Lease renew time differs from what was seen before (and
 * `previous` itself comes back when nothing moved).
 * `creationMs` seeds a node seen for the first time without a Ready condition.
 */
export function observeHealth(
  previous: NodeHealth | undefined,
  node: Node,
  lease: Lease | undefined,
  now: number,
  creationMs: number,
): NodeHealth {
  const ready = readyCondition(node);
  const heartbeat = ready?.lastHeartbeatTime;
  const renew = lease?.spec?.renewTime;
  if (!previous) {
    return { probeTimestamp: ready || renew ? now : creationMs, readyHeartbeat: heartbeat, leaseRenewTime: renew };
  }
  const moved = heartbeat !== previous.readyHeartbeat || (renew !== undefined && renew !== previous.leaseRenewTime);
  if (!moved) return previous; // what the update below would give, field for field
  return {
    probeTimestamp: moved ? now : previous.probeTimestamp,
    readyHeartbeat: heartbeat,
    leaseRenewTime: renew ?? previous.leaseRenewTime,
  };
}

export function isSilent(health: NodeHealth, node: Node, now: number, timings: NodeHealthTimings): boolean {
  const grace = readyCondition(node) ? timings.gracePeriodMs : timings.startupGracePeriodMs;
  return now > health.probeTimestamp + grace;
}

/** The conditions the kubelet owns; NetworkUnavailable belongs to the network plugin. */
const KUBELET_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'] as const;

/**
 * The node's conditions once it is presumed lost: each kubelet-owned condition becomes Unknown
 * (`NodeStatusUnknown`, "Kubelet stopped posting node status."), or — if the kubelet never posted
 * it — is added as Unknown (`NodeStatusNeverUpdated`). Returns undefined when they already are.
 */
export function silentNodeConditions(node: Node, now: string): NodeCondition[] | undefined {
  const conditions = (node.status?.conditions ?? []).map((c) => ({ ...c }));
  let changed = false;
  for (const type of KUBELET_CONDITIONS) {
    const current = conditions.find((c) => c.type === type);
    if (!current) {
      conditions.push({
        type,
        status: 'Unknown',
        reason: 'NodeStatusNeverUpdated',
        message: 'Kubelet never posted node status.',
        lastHeartbeatTime: node.metadata?.creationTimestamp,
        lastTransitionTime: now,
      });
      changed = true;
    } else if (current.status !== 'Unknown') {
      current.status = 'Unknown';
      current.reason = 'NodeStatusUnknown';
      current.message = 'Kubelet stopped posting node status.';
      current.lastTransitionTime = now;
      changed = true;
    }
  }
  return changed ? conditions : undefined;
}
