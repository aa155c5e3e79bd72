/**
 * The Deployment controller. It never touches pods: it manages ReplicaSets, one per pod template
 * version, and lets the ReplicaSet controller manage the pods.
 *
 * Each sync of a Deployment (upstream `syncDeployment`) claims its ReplicaSets (adopting and
 * releasing by selector, like the ReplicaSet controller does with pods) and then, in order:
 *
 * 1. being deleted → only update the status;
 * 2. paused → scale proportionally if `replicas` changed, no rollout progress (sync.ts);
 * 3. a legacy rollback request → perform it (rollback.ts);
 * 4. `replicas` changed → scale proportionally (sync.ts);
 * 5. otherwise roll out: Recreate (recreate.ts) or RollingUpdate (rolling.ts), then report
 *    progress (progress.ts).
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { resourceFor } from '../../api/resources';
import { labelSelectorAsSelector, NOTHING, type Selector } from '../../api/selectors';
import type { Informer } from '../../client/types';
import type { Controller, ControllerContext } from '../framework/context';
import type { EventRecorder } from '../framework/recorder';
import type { Timer } from '../../sim/clock';
import { keyOf, splitKey, WorkQueue, type SyncResult } from '../framework/workqueue';
import { adoptPatch, claim, releasePatch } from '../replicaset/claim';
import { BY_CONTROLLER_UID, ensureOwnershipIndexes, ORPHANS_BY_NAMESPACE } from '../replicaset/indexes';
import { controllerRef } from '../replicaset/pods';
import { controllerRefTo } from '../replicaset/template';
import { checkPausedConditions } from './progress';
import { rolloutRecreate } from './recreate';
import { rollback, rollbackRequest } from './rollback';
import { rolloutRolling } from './rolling';
import { DeploymentSync, DEPLOYMENTS, isScalingEvent, REPLICASETS, sync, syncStatusOnly, WriteFailed, type DeploymentEnv } from './sync';

const PODS = resourceFor('', 'pods')!;

export class DeploymentController implements Controller {
  readonly name = 'deployment-controller';
  private readonly queue: WorkQueue;
  private deployments!: Informer<Deployment>;
  private replicaSets!: Informer<ReplicaSet>;
  private pods!: Informer<Pod>;
  private recorder!: EventRecorder;
  private readonly selectors = new WeakMap<Deployment, Selector>();
  /**
   * The pending "has it timed out yet?" look per Deployment. A sync that finds the rollout finished
   * (or moving) drops it, so a finished rollout leaves no timer behind.
   */
  private readonly progressChecks = new Map<string, Timer>();

  constructor(private readonly ctx: ControllerContext) {
    this.queue = new WorkQueue(ctx.clock, (key) => this.syncDeployment(key));
  }

  start(): void {
    this.recorder = this.ctx.recorder({ component: 'deployment-controller' });
    this.deployments = this.ctx.informers.for<Deployment>(DEPLOYMENTS);
    this.replicaSets = this.ctx.informers.for<ReplicaSet>(REPLICASETS);
    this.pods = this.ctx.informers.for<Pod>(PODS);
    ensureOwnershipIndexes(this.replicaSets);
    ensureOwnershipIndexes(this.pods);

    this.deployments.addHandlers({
      add: (d) => this.queue.add(keyOf(d)),
      update: (_old, d) => this.queue.add(keyOf(d)),
      delete: (d) => this.queue.add(keyOf(d)),
    });
    this.replicaSets.addHandlers({
      add: (rs) => this.replicaSetChanged(undefined, rs),
      update: (old, rs) => this.replicaSetChanged(old, rs),
      delete: (rs) => this.enqueueOwner(rs),
    });
    // Recreate waits for old pods to be gone: their deletion is worth a look.
    this.pods.addHandlers({ delete: (pod) => this.podDeleted(pod) });
  }

  // --- informer events -------------------------------------------------------------------------

  private ownerOf(obj: ReplicaSet): Deployment | undefined {
    const ref = controllerRef(obj);
    if (!ref || ref.kind !== 'Deployment') return undefined;
    const d = this.deployments.get(obj.metadata?.namespace, ref.name);
    return d && d.metadata?.uid === ref.uid ? d : undefined;
  }

  private enqueueOwner(rs: ReplicaSet): void {
    const d = this.ownerOf(rs);
    if (d) this.queue.add(keyOf(d));
  }

  private replicaSetChanged(old: ReplicaSet | undefined, rs: ReplicaSet): void {
    if (old && old.metadata?.resourceVersion === rs.metadata?.resourceVersion) return;
    const oldRef = old && controllerRef(old);
    if (oldRef && oldRef.uid !== controllerRef(rs)?.uid && old) this.enqueueOwner(old);
    if (controllerRef(rs)) return this.enqueueOwner(rs);
    // An orphan: Deployments that select it may adopt it.
    for (const d of this.deployments.list(rs.metadata?.namespace ?? '')) {
      if (this.selectorOf(d).matches(rs.metadata?.labels)) this.queue.add(keyOf(d));
    }
  }

  private podDeleted(pod: Pod): void {
    const ref = controllerRef(pod);
    if (!ref || ref.kind !== 'ReplicaSet') return;
    const rs = this.replicaSets.get(pod.metadata?.namespace, ref.name);
    if (!rs || rs.metadata?.uid !== ref.uid) return;
    const d = this.ownerOf(rs);
    if (d && d.spec?.strategy?.type === 'Recreate') this.queue.add(keyOf(d));
  }

  private selectorOf(d: Deployment): Selector {
    let s = this.selectors.get(d);
    if (!s) {
      try {
        s = labelSelectorAsSelector(d.spec?.selector);
      } catch {
        s = NOTHING;
      }
      this.selectors.set(d, s);
    }
    return s;
  }

  // --- sync ------------------------------------------------------------------------------------

  private syncDeployment(key: string): SyncResult {
    const { namespace, name } = splitKey(key);
    const d = this.deployments.get(namespace, name);
    this.progressChecks.get(key)?.cancel();
    this.progressChecks.delete(key);
    if (!d) return;

    // `selector: {}` would select every pod in the namespace: refuse (validation normally prevents it).
    const sel = d.spec?.selector;
    if (sel && Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0) {
      this.recorder.event(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      return;
    }

    let requeueMs: number | undefined;
    const env: DeploymentEnv = {
      client: this.ctx.client,
      recorder: this.recorder,
      clock: this.ctx.clock,
      podsOf: (rs) => this.pods.byIndex(BY_CONTROLLER_UID, rs.metadata?.uid ?? ''),
      requeueAfter: (ms) => {
        requeueMs = requeueMs === undefined ? ms : Math.min(requeueMs, ms);
      },
    };
    try {
      const s = new DeploymentSync(env, d, this.claimReplicaSets(d));
      if (d.metadata?.deletionTimestamp) syncStatusOnly(s);
      else {
        checkPausedConditions(s);
        const rollbackPending = rollbackRequest(s.d) !== undefined;
        if (s.d.spec?.paused) sync(s, rollbackPending);
        else if (rollbackPending) rollback(s);
        else if (isScalingEvent(s)) sync(s, false);
        else if (s.d.spec?.strategy?.type === 'Recreate') rolloutRecreate(s);
        else rolloutRolling(s);
      }
    } catch (e) {
      if (e instanceof WriteFailed) return 'retry';
      throw e;
    }
    if (requeueMs !== undefined) {
      this.progressChecks.set(
        key,
        this.ctx.clock.schedule(requeueMs, () => {
          this.progressChecks.delete(key);
          this.queue.add(key);
        }),
      );
    }
  }

  /** The ReplicaSets this Deployment controls, after adoption and release. */
  private claimReplicaSets(d: Deployment): ReplicaSet[] {
    const ns = d.metadata?.namespace ?? '';
    const uid = d.metadata?.uid ?? '';
    return claim<ReplicaSet>({
      owner: d,
      selector: this.selectorOf(d),
      owned: this.replicaSets.byIndex(BY_CONTROLLER_UID, uid),
      orphans: this.replicaSets.byIndex(ORPHANS_BY_NAMESPACE, ns),
      ownerRef: controllerRefTo(d, 'apps/v1', 'Deployment'),
      canAdopt: () => {
        const fresh = this.ctx.client.get<Deployment>(DEPLOYMENTS, ns, d.metadata?.name ?? '');
        return fresh.ok && fresh.value.metadata?.uid === uid && !fresh.value.metadata?.deletionTimestamp;
      },
      adopt: (rs, ref) => {
        const r = this.ctx.client.patch<ReplicaSet>(REPLICASETS, ns, rs.metadata?.name ?? '', 'merge', adoptPatch(rs, ref));
        return r.ok ? r.value : undefined;
      },
      release: (rs) => {
        this.ctx.client.patch<ReplicaSet>(REPLICASETS, ns, rs.metadata?.name ?? '', 'merge', releasePatch(rs, uid));
      },
    });
  }
}
