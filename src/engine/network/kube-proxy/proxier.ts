/**
 * kube-proxy in iptables mode, one per node: it watches Services and EndpointSlices and keeps the
 * node's nat and filter tables in step with them (`rules.ts` says what the tables should hold).
 *
 * Timing as v1.30 with kubeadm's configuration:
 * - a change is synced through a BoundedFrequencyRunner (minSyncPeriod 1 s, burst 2): the first
 *   changes after a quiet spell go in at once, a flurry is folded into one sync per second;
 * - every 30 s (syncPeriod) a full sync in the background: it also puts back the jumps in the
 *   builtin chains, so rules a learner flushed by hand come back, as the real canary check does.
 * A sync restores kube-proxy's chains whole (`iptables-restore --noflush`: other chains untouched,
 * counters kept where a chain did not change) and deletes the chains of Services and endpoints
 * that went away.
 */
import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { resourceFor } from '../../api/resources';
import type { Informer } from '../../client/types';
import type { ControllerContext } from '../../controllers/framework/context';
import type { ChainSpec, Hook, Rule, TableName } from '../netfilter/rules';
import { BoundedFrequencyRunner } from './bounded-runner';
import { isServiceChain, proxyRules } from './rules';

/** What kube-proxy needs of the node's netfilter: iptables-restore and `iptables -C || -I/-A`. */
export interface ProxyNetfilter {
  /** Replaces the listed chains (creating them if needed) and deletes the `remove` ones; nothing else changes. */
  restore(table: TableName, chains: ChainSpec[], remove?: string[]): void;
  /** Adds the rule to the builtin chain unless it is already there. */
  ensureRule(table: TableName, chain: Hook, rule: Rule, position: 'prepend' | 'append'): void;
}

/**
 * The node's addresses are not needed: with kubeadm's settings (no --nodeport-addresses) NodePorts
 * are matched by `-m addrtype --dst-type LOCAL`, which the node's netfilter answers itself.
 */
export interface KubeProxyOptions {
  /** The node it runs on: its endpoints are the local ones, for the Local traffic policies (not modelled yet). */
  readonly nodeName: string;
  /** The pod network, `10.244.0.0/16` (kubeadm's --pod-network-cidr, kube-proxy's clusterCIDR). */
  readonly clusterCIDR: string;
}

/** kubeadm's KubeProxyConfiguration: iptables.minSyncPeriod 1 s, iptables.syncPeriod 30 s. */
export const MIN_SYNC_PERIOD_MS = 1_000;
export const SYNC_PERIOD_MS = 30_000;
const BURST_SYNCS = 2;

const SERVICES = resourceFor('', 'services')!;
const SLICES = resourceFor('discovery.k8s.io', 'endpointslices')!;

export class KubeProxy {
  readonly name = 'kube-proxy';
  private readonly services: Informer<Service>;
  private readonly slices: Informer<EndpointSlice>;
  private readonly runner: BoundedFrequencyRunner;
  /** Service and EndpointSlice events seen so far. */
  private changes = 0;
  /**
   * What the last successful sync wrote: the per-Service nat chains (to delete when no longer
   * wanted) and how many changes it had seen.
   */
  private written: { readonly chains: ReadonlySet<string>; readonly changes: number } = { chains: new Set(), changes: -1 };
  /** The first sync, and every periodic one, also ensures the jumps from the builtin chains. */
  private needFullSync = true;
  /** How many times the tables were written (for tests and the UI). */
  syncs = 0;
  /** Why the last sync could not write the tables (`Failed to execute iptables-restore` in its log); undefined once one succeeds. */
  lastFailure: string | undefined;

  constructor(
    private readonly ctx: ControllerContext,
    private readonly options: KubeProxyOptions,
    private readonly netfilter: ProxyNetfilter,
  ) {
    this.services = ctx.informers.for<Service>(SERVICES);
    this.slices = ctx.informers.for<EndpointSlice>(SLICES);
    this.runner = new BoundedFrequencyRunner(ctx.clock, () => this.sync(), { minIntervalMs: MIN_SYNC_PERIOD_MS, burst: BURST_SYNCS });
  }

  start(): void {
    const changed = (): void => {
      this.changes++;
      this.runner.run();
    };
    this.services.addHandlers({ add: changed, update: changed, delete: changed });
    this.slices.addHandlers({ add: changed, update: changed, delete: changed });
    this.runner.run();
    this.schedulePeriodicSync();
  }

  private schedulePeriodicSync(): void {
    this.ctx.clock.schedule(
      SYNC_PERIOD_MS,
      () => {
        this.needFullSync = true;
        this.sync();
        this.schedulePeriodicSync();
      },
      { background: true },
    );
  }

  /** syncProxyRules: computes the whole desired state and writes it. */
  private sync(): void {
    // Until both caches hold the cluster's state, a sync would wipe every Service's rules.
    if (!this.services.synced || !this.slices.synced) return;
    const rules = proxyRules({ services: this.services.list(), slices: this.slices.list(), clusterCIDR: this.options.clusterCIDR });
    if (this.needFullSync) {
      for (const { table, chain, rule } of rules.jumps) this.netfilter.ensureRule(table, chain, rule, 'prepend');
      this.needFullSync = false;
    }
    // Nothing seen since the tables were last written: they already hold exactly these rules
    // (nothing else writes kube-proxy's chains), so the periodic resync has nothing to restore.
    if (this.changes === this.written.changes) {
      this.syncs++;
      return;
    }
    const wanted = new Set(rules.nat.map((c) => c.name).filter(isServiceChain));
    const stale = [...this.written.chains].filter((name) => !wanted.has(name));
    try {
      this.netfilter.restore('filter', rules.filter);
      this.netfilter.restore('nat', rules.nat, stale);
    } catch (error) {
      // The kernel refused (say, a hand-written rule still jumps to a chain that should go): like
      // kube-proxy, leave the tables as they are and try everything again at the next resync.
      this.lastFailure = error instanceof Error ? error.message : String(error);
      this.needFullSync = true;
      return;
    }
    this.lastFailure = undefined;
    this.written = { chains: wanted, changes: this.changes };
    this.syncs++;
  }
}
