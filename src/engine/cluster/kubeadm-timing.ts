/**
 * When the steps of building the lab cluster happen, as data. A person runs `kubeadm init` on
 * master01, waits for the control plane, then copies the join command to each worker in turn: so
 * master01 is the oldest node and its static pods the oldest pods, the addons a few seconds
 * younger, and every worker (with its kube-proxy) younger still — what `kubectl get nodes` and
 * `kubectl get pods -A` show on a real kubeadm cluster.
 */
import type { Rng } from '../sim/rng';
import { draw, type Stage } from '../kubelet/rules/timing';

export interface KubeadmTiming {
  /**
   * From master01's kubelet starting to kubeadm's addon phase: `[wait-control-plane]` until the
   * control plane answers ("All control plane components are healthy after 4.5s"), then
   * upload-config, mark-control-plane, bootstrap-token, and the CoreDNS and kube-proxy addons.
   */
  readonly addons: Stage;
  /** From the addons to `kubectl apply -f kube-flannel.yml`: the admin copies admin.conf and applies the pod network. */
  readonly cni: Stage;
  /** From applying flannel to the first `kubeadm join`: the admin logs in to worker01. */
  readonly firstJoin: Stage;
  /** Between one worker's join and the next one's. */
  readonly nextJoin: Stage;
  /** A person joins the first few workers by hand; a bigger lab is joined by a script: … */
  readonly pacedJoins: number;
  /** … the rest join together within this window. */
  readonly bulkWindowMs: number;
}

const stage = (delayMs: number, jitterMs: number): Stage => ({ delayMs, jitterMs });

export const KUBEADM_TIMING: KubeadmTiming = {
  addons: stage(4_000, 3_000),
  cni: stage(8_000, 6_000),
  firstJoin: stage(20_000, 15_000),
  nextJoin: stage(5_000, 10_000),
  pacedJoins: 3,
  bulkWindowMs: 10_000,
};

/**
 * The moments (ms after master01's kubelet started) of the addon phase, of applying flannel and of
 * each worker's join, in worker order.
 */
export function bootSchedule(timing: KubeadmTiming, rng: Rng, workers: number): { addonsMs: number; cniMs: number; joinMs: number[] } {
  const addonsMs = draw(timing.addons, rng);
  const cniMs = addonsMs + draw(timing.cni, rng);
  const joinMs: number[] = [];
  let at = cniMs + draw(timing.firstJoin, rng);
  for (let i = 0; i < workers; i++) {
    if (i > 0 && i < timing.pacedJoins) at += draw(timing.nextJoin, rng);
    joinMs.push(i < timing.pacedJoins ? at : at + rng.int(timing.bulkWindowMs));
  }
  return { addonsMs, cniMs, joinMs };
}
