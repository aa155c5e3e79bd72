/**
 * One pod on one node (kubelet `podWorkers` + `SyncPod`). The worker is a loop of syncs, each
 * started by something that happened — the pod appeared or changed, a container exited (the PLEG
 * noticing it a moment later), a back-off window passed, a probe decided — and each sync:
 *
 * 1. writes the pod's status as it is now (ContainerCreating, Running, CrashLoopBackOff…);
 * 2. works out what to do, as `computePodActions` does: set up volumes and the sandbox, run the
 *    next init container, (re)start app containers whose restart policy says so unless they
 *    are in crash back-off, kill containers that failed liveness;
 * 3. does it, one container after another, and asks for another sync when that is over.
 *
 * Deletion stops every container (preStop, grace period), writes the final status, tears the
 * sandbox down and confirms the deletion so the pod object goes away.
 */
import type { ContainerStatus, Pod, PodStatus } from 'kubernetes-types/core/v1';
import type { PodSandbox } from '../../runtime/cri/types';
import type { Tree } from '../../runtime/fs';
import type { Timer } from '../../sim/clock';
import { crashLoopBackOffEventMessage, crashLoopBackOffMessage, decideRestart } from '../rules/backoff';
import type { RestartPolicy } from '../rules/phase';
import { probeKillingMessage, type ProbeType } from '../rules/probes';
import { serviceEnvVars, servicesForPod } from '../rules/service-env';
import { draw, MINIMUM_GRACE_MS } from '../rules/timing';
import type { PodFiles } from '../pod/volumes';
import { ContainerProbes } from '../probes/worker';
import { apiContainerStatus } from '../status/container-status';
import { generatePodStatus } from '../status/pod-status';
import { instanceBeforeReboot } from './after-reboot';
import { ContainerRecord } from './container-record';
import { actionTarget, startContainer, stopContainer, type PodSetup, type StepResult } from './container-runner';
import type { WorkerContext } from './context';
import { createSandbox, mountPodVolumes } from './pod-setup';

type Step = (next: (result: StepResult) => void) => void;

export class PodWorker {
  private sandbox: PodSandbox | undefined;
  private volumes: ReadonlyMap<string, Tree> | undefined;
  private files: PodFiles | undefined;
  private readonly records: ContainerRecord[] = [];
  /** A sync's steps are running (SyncPod is sequential per pod). */
  private busy = false;
  /** Something happened while busy: sync again when done. */
  private again = false;
  private syncTimer: Timer | undefined;
  /** The pod worker's retry after a sync that hit an error. */
  private retryTimer: Timer | undefined;
  /** Deletion requested: the grace period to stop containers with (seconds). */
  private terminating: number | undefined;
  /** The pod object is gone from the apiserver (deleted for good, or force-deleted). */
  private removed = false;
  /** Every container has stopped for good and the sandbox is down. */
  private finished = false;
  /** Deletion is stopping the containers. */
  private stopping = false;
  private cleaned = false;
  /** The pod had a sandbox on this node before it rebooted: the new one replaces it. */
  private ranBefore = false;

  /**
   * `history`: the pod's container statuses as the apiserver last had them — for a static pod,
   * its mirror's — which stand for what containerd keeps on disk of the pod's containers.
   */
  constructor(
    private readonly ctx: WorkerContext,
    public pod: Pod,
    history: PodStatus | undefined = pod.status,
  ) {
    for (const c of pod.spec?.initContainers ?? []) this.records.push(new ContainerRecord(c, true));
    for (const c of pod.spec?.containers ?? []) this.records.push(new ContainerRecord(c, false));
    this.findContainersAfterReboot(history);
  }

  /**
   * A kubelet meets a pod whose containers ran here only after the node rebooted
   * (after-reboot.ts): each container's last instance is what containerd kept of it.
   */
  private findContainersAfterReboot(history: PodStatus | undefined): void {
    for (const rec of this.records) {
      const status = (rec.init ? history?.initContainerStatuses : history?.containerStatuses)?.find((s) => s.name === rec.name);
      if (status) rec.current = instanceBeforeReboot(status, this.ctx.images.present(rec.spec.image ?? ''), this.ctx.clock);
      if (rec.current) this.ranBefore = true;
    }
  }

  /**
   * A new sandbox runs the pod's init containers again from the first, and the kubelet first
   * removes the old ones, their logs with them (kuberuntime's purgeInitContainers). The first one
   * counts on from the last run the kubelet read before that; the others find nothing to count
   * from — no container, no log file — and start again at attempt 0.
   */
  private purgeInitContainers(): void {
    this.records
      .filter((r) => r.init)
      .forEach((rec, i) => {
        const next = i === 0 ? rec.nextAttempt() : 0;
        for (const instance of [rec.current, rec.previous]) if (instance) this.ctx.runtime.removeContainer(instance.id);
        rec.purge(next);
      });
  }

  get uid(): string {
    return this.pod.metadata!.uid!;
  }

  private get policy(): RestartPolicy {
    return (this.pod.spec?.restartPolicy ?? 'Always') as RestartPolicy;
  }

  /** The container named `name`, for logs and exec. */
  container(name: string): ContainerRecord | undefined {
    return this.records.find((r) => r.name === name);
  }

  /** A container's status as the kubelet reports it now (for the log handler). */
  containerStatus(name: string): ContainerStatus | undefined {
    const rec = this.container(name);
    if (!rec) return undefined;
    return apiContainerStatus(rec.view(this.ctx.clock, this.terminating === undefined && rec.restartsAfterExit(this.policy)), this.defaultWaiting);
  }

  private get defaultWaiting(): string {
    return (this.pod.spec?.initContainers?.length ?? 0) > 0 ? 'PodInitializing' : 'ContainerCreating';
  }

  /** Runtime ids of every instance still on the node (current and previous). */
  instanceIds(): string[] {
    return this.records.flatMap((r) => [r.current?.id, r.previous?.id]).filter((id): id is string => id !== undefined);
  }

  // ---- events from outside --------------------------------------------------------------------

  /** The pod changed in the apiserver. */
  update(pod: Pod): void {
    this.pod = pod;
    for (const rec of this.records) {
      const spec = (rec.init ? pod.spec?.initContainers : pod.spec?.containers)?.find((c) => c.name === rec.name);
      if (!spec || spec.image === rec.spec.image) continue;
      // Only the image of a container may change in a pod's spec: the kubelet restarts it.
      rec.spec = spec;
      if (rec.running) rec.pendingKill = { message: `Container ${rec.name} definition changed, will be restarted`, restart: true };
      this.requestSync(0);
    }
    if (pod.metadata?.deletionTimestamp) this.terminate(pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30);
  }

  /** The pod object is gone: stop everything at once (force deletion) and clean up. */
  remove(): void {
    this.removed = true;
    this.terminate(0);
  }

  /** A container of this pod exited (the runtime told us; the PLEG notices a moment later). */
  containerExited(id: string): void {
    const rec = this.records.find((r) => r.current?.id === id);
    if (!rec) return;
    rec.recordExit(this.ctx.runtime.containerStatus(id) ?? rec.current!.status, this.ctx.runtime.logs(id));
    rec.probes?.stop();
    rec.probes = undefined;
    rec.ready = false;
    this.requestSync(draw(this.ctx.timing.syncLatency, this.ctx.rng));
  }

  /** The kubelet (re)started: catch up with what happened meanwhile, restart probing, sync. */
  resume(): void {
    for (const rec of this.records) {
      const status = rec.current && this.ctx.runtime.containerStatus(rec.current.id);
      if (status && status.state !== rec.current!.status.state) rec.recordExit(status, this.ctx.runtime.logs(status.id));
      if (rec.running && !rec.starting && !rec.killing) this.startProbes(rec);
    }
    this.requestSync(0);
  }

  /** The kubelet stops: no more timers of ours (containers keep running, as they do on a real node). */
  pause(): void {
    this.syncTimer?.cancel();
    this.syncTimer = undefined;
    for (const rec of this.records) {
      rec.probes?.stop();
      rec.probes = undefined;
    }
  }

  private terminate(graceSeconds: number): void {
    if (this.finished) {
      // Nothing runs any more: a deleted pod is confirmed, a removed one cleaned up.
      if (this.removed) this.cleanUp();
      else if (this.terminating === undefined) this.ctx.clock.schedule(0, () => this.ctx.confirmDeletion(this.pod));
      this.terminating = graceSeconds;
      return;
    }
    if (this.terminating !== undefined && graceSeconds >= this.terminating) return;
    this.terminating = graceSeconds;
    if (this.stopping) this.hurryStop(graceSeconds);
    else this.requestSync(0);
  }

  // ---- the sync loop ----------------------------------------------------------------------------

  requestSync(delayMs: number): void {
    if (!this.ctx.isActive() || this.finished) return;
    if (this.busy) {
      this.again = true;
      return;
    }
    const at = this.ctx.clock.now() + delayMs;
    if (this.syncTimer && this.syncTimer.due <= at) return;
    this.syncTimer?.cancel();
    this.syncTimer = this.ctx.clock.at(at, () => {
      this.syncTimer = undefined;
      this.sync();
    });
  }

  private sync(): void {
    if (!this.ctx.isActive() || this.busy || this.finished) return;
    if (this.terminating !== undefined) return this.stopPod();
    this.writeStatus(false);
    if (this.podFinished()) return this.finish();
    const steps = this.plan();
    if (steps.length === 0) return;
    this.run(steps);
  }

  /**
   * Runs the steps one after another. A failed step marks the sync as errored (retried after the
   * pod worker's back-off) but the next container still gets its turn, unless the step aborts.
   */
  private run(steps: Step[]): void {
    this.busy = true;
    let errored = false;
    const before = this.instanceStates();
    const next = (i: number): void => {
      // A kubelet that went down mid-sync does nothing more; it plans afresh when it is back.
      if (!this.ctx.isActive()) return void (this.busy = false);
      if (i === steps.length || this.terminating !== undefined) return this.syncDone(errored, this.instanceStates() !== before);
      steps[i]!((result) => {
        if (!result.ok) errored = true;
        if (result.abort) return this.syncDone(true, false);
        next(i + 1);
      });
    };
    next(0);
  }

  /** A fingerprint of the pod's container instances: what the PLEG would notice changing. */
  private instanceStates(): string {
    return this.records.map((r) => `${r.current?.id}:${r.current?.status.state}`).join(',');
  }

  private syncDone(errored: boolean, progressed: boolean): void {
    this.busy = false;
    const again = this.again;
    this.again = false;
    const { timing, rng } = this.ctx;
    if (again || this.terminating !== undefined) this.requestSync(0);
    // The PLEG sees the containers the sync created or stopped a moment later, and syncs again.
    else if (progressed) this.requestSync(draw(timing.syncLatency, rng));
    if (errored) {
      // What went wrong shows a moment later (ErrImagePull, CrashLoopBackOff…); the retry comes after the back-off.
      this.ctx.clock.schedule(draw(timing.syncLatency, rng), () => {
        if (this.ctx.isActive() && !this.finished) this.writeStatus(false);
      });
      this.retryLater();
    }
  }

  /** A sync that hit an error is tried again after 10–15 s (pod worker back-off). */
  private retryLater(): void {
    if (this.retryTimer) return;
    this.retryTimer = this.ctx.clock.schedule(draw(this.ctx.timing.syncErrorRetry, this.ctx.rng), () => {
      this.retryTimer = undefined;
      this.requestSync(0);
    });
  }

  /** What this sync should do, in the kubelet's order. */
  private plan(): Step[] {
    const steps: Step[] = [];
    // A pod on the pod network does nothing while the runtime's network is not ready; the sync
    // fails and is retried after the back-off. Host-network pods (the CNI's own among them) go on.
    const networkError = this.pod.spec?.hostNetwork ? undefined : this.ctx.networkError();
    if (networkError !== undefined) {
      steps.push((next) => {
        this.ctx.recorder.event(this.pod, 'Warning', 'NetworkNotReady', `network is not ready: ${networkError}`);
        this.ctx.clock.schedule(0, () => next({ ok: false, abort: true }));
      });
      return steps;
    }
    if (!this.volumes) {
      steps.push((next) => {
        this.volumes = mountPodVolumes(this.ctx, this.pod);
        this.ctx.clock.schedule(0, () => next(this.volumes ? { ok: true } : { ok: false, abort: true }));
      });
    }
    if (!this.sandbox) {
      if (this.ranBefore) {
        this.ranBefore = false;
        this.ctx.recorder.event(this.pod, 'Normal', 'SandboxChanged', 'Pod sandbox changed, it will be killed and re-created.');
        this.purgeInitContainers();
      }
      steps.push((next) =>
        createSandbox(this.ctx, this.pod, (created) => {
          if (!created) return next({ ok: false, abort: true });
          this.sandbox = created.sandbox;
          this.files = created.files;
          next({ ok: true });
        }),
      );
    }

    for (const rec of this.records) {
      const kill = rec.pendingKill;
      if (kill && rec.running) {
        rec.pendingKill = undefined;
        steps.push((next) => stopContainer(this.ctx, this.pod, rec, this.sandbox, kill, undefined, () => next({ ok: true })));
        if (kill.restart) steps.push((next) => this.start(rec, next));
      }
    }

    // Init containers one at a time, in order; app containers only once all have succeeded.
    for (const rec of this.records.filter((r) => r.init)) {
      if (rec.sidecar) {
        if (!rec.running && !rec.killing) this.planStart(rec, steps);
        if (!rec.started) return steps;
        continue;
      }
      if (rec.exited && rec.exitCode === 0) continue;
      if (!rec.running && !rec.killing && !rec.starting && (!rec.exited || rec.restartsAfterExit(this.policy))) this.planStart(rec, steps);
      return steps;
    }
    for (const rec of this.records.filter((r) => !r.init)) {
      if (rec.running || rec.killing || rec.starting) continue;
      if (rec.exited && !rec.restartsAfterExit(this.policy)) continue;
      this.planStart(rec, steps);
    }
    return steps;
  }

  /** A start, unless the container's last exit is still inside its crash back-off window. */
  private planStart(rec: ContainerRecord, steps: Step[]): void {
    const exit = rec.exited ? rec.current!.status.finishedAt : undefined;
    if (exit !== undefined) {
      const now = this.ctx.clock.now();
      const decision = decideRestart(rec.backoff, exit as never, now);
      if (decision.kind === 'wait') {
        const pod = this.identity();
        rec.failure = { reason: 'CrashLoopBackOff', message: crashLoopBackOffMessage(decision.backoffMs, rec.name, pod) };
        this.ctx.recorder.event(this.pod, 'Warning', 'BackOff', crashLoopBackOffEventMessage(rec.name, pod), rec.fieldPath);
        steps.push((next) => next({ ok: false }));
        return;
      }
      rec.backoff = decision.entry;
    }
    steps.push((next) => this.start(rec, next));
  }

  private start(rec: ContainerRecord, next: (result: StepResult) => void): void {
    if (!this.sandbox || !this.volumes || !this.files) return next({ ok: false });
    const setup: PodSetup = { pod: this.pod, sandbox: this.sandbox, volumes: this.volumes, files: this.files, serviceEnv: this.serviceEnv() };
    startContainer(this.ctx, setup, rec, () => this.terminating !== undefined || !this.ctx.isActive(), () => this.startProbes(rec), next);
  }

  private serviceEnv() {
    const namespace = this.pod.metadata?.namespace ?? 'default';
    return serviceEnvVars(servicesForPod(this.ctx.source.services(namespace), namespace, this.pod.spec?.enableServiceLinks !== false));
  }

  // ---- probes -----------------------------------------------------------------------------------

  private startProbes(rec: ContainerRecord): void {
    rec.probes?.stop();
    const container = rec.spec;
    rec.ready = !container.readinessProbe;
    rec.started = !container.startupProbe;
    if (!container.readinessProbe && !container.startupProbe && !container.livenessProbe) return;
    const startedAt = rec.current!.status.startedAt ?? this.ctx.clock.now();
    const probes = new ContainerProbes(actionTarget(this.ctx, this.pod, rec, this.sandbox!), startedAt, {
      unhealthy: (message) => this.ctx.recorder.event(this.pod, 'Warning', 'Unhealthy', message, rec.fieldPath),
      verdict: (type, result) => this.probeVerdict(rec, type, result),
    });
    rec.probes = probes;
    probes.start();
  }

  private probeVerdict(rec: ContainerRecord, type: ProbeType, result: 'Success' | 'Failure'): void {
    if (type === 'Readiness') rec.ready = result === 'Success';
    if (type === 'Startup' && result === 'Success') rec.started = true;
    if (result === 'Failure' && type !== 'Readiness') {
      const restart = this.policy !== 'Never';
      const message = restart ? probeKillingMessage(rec.name, type) : `Container ${rec.name} failed ${type.toLowerCase()} probe`;
      const probe = type === 'Liveness' ? rec.spec.livenessProbe : rec.spec.startupProbe;
      rec.pendingKill = { message, restart, gracePeriodSeconds: probe?.terminationGracePeriodSeconds ?? undefined };
      this.requestSync(draw(this.ctx.timing.syncLatency, this.ctx.rng));
      return;
    }
    // The probe manager updates the status at once; no sync needed.
    this.writeStatus(false);
  }

  // ---- status -----------------------------------------------------------------------------------

  private writeStatus(terminal: boolean): void {
    const { clock } = this.ctx;
    const stopping = terminal || this.terminating !== undefined;
    this.ctx.writeStatus(this.pod, (previous) =>
      generatePodStatus({
        pod: { ...this.pod, status: previous },
        init: this.records.filter((r) => r.init).map((r) => r.view(clock, !stopping && r.restartsAfterExit(this.policy))),
        containers: this.records.filter((r) => !r.init).map((r) => r.view(clock, !stopping && r.restartsAfterExit(this.policy))),
        sandboxReady: this.sandbox?.state === 'ready' && !this.finished,
        hostIP: this.ctx.nodeIP(),
        podIP: this.sandbox?.ip ?? previous?.podIP ?? '',
        now: clock.timestamp(),
        terminal,
      }),
    );
  }

  /** Nothing will run again: all containers exited and none restarts (restartPolicy Never/OnFailure). */
  private podFinished(): boolean {
    const app = this.records.filter((r) => !r.init);
    const initFailed = this.records.some((r) => r.init && !r.sidecar && r.exited && r.exitCode !== 0 && !r.restartsAfterExit(this.policy));
    if (initFailed) return !this.records.some((r) => r.running);
    return app.length > 0 && app.every((r) => r.exited && !r.restartsAfterExit(this.policy)) && !this.records.some((r) => r.running);
  }

  /** The pod is done (Succeeded/Failed): the sandbox goes, the IP is released; the object stays. */
  private finish(): void {
    this.finished = true;
    for (const rec of this.records) {
      rec.probes?.stop();
      rec.probes = undefined;
    }
    this.writeStatus(true);
    if (this.sandbox) this.ctx.runtime.stopPodSandbox(this.sandbox.id);
  }

  // ---- termination ------------------------------------------------------------------------------

  /** Deletion: stop every running container in parallel, then tear down and confirm. */
  private stopPod(): void {
    const grace = this.terminating!;
    const running = this.records.filter((r) => r.running);
    this.busy = true;
    this.stopping = true;
    let left = running.length + 1;
    const oneStopped = (): void => {
      if (--left > 0) return;
      this.busy = false;
      this.afterStop();
    };
    for (const rec of running) {
      stopContainer(this.ctx, this.pod, rec, this.sandbox, { message: `Stopping container ${rec.name}`, restart: false }, grace, oneStopped);
    }
    this.ctx.clock.schedule(0, oneStopped);
  }

  /** A second, shorter deletion (`--force`) while containers are stopping: they get the new grace period. */
  private hurryStop(graceSeconds: number): void {
    for (const rec of this.records) if (rec.running) this.ctx.runtime.stopContainer(rec.current!.id, Math.max(graceSeconds, MINIMUM_GRACE_MS / 1000), () => {});
  }

  private afterStop(): void {
    const { clock, rng, timing, runtime } = this.ctx;
    this.stopping = false;
    // The kubelet went down meanwhile: it finishes the deletion when it is back.
    if (!this.ctx.isActive()) return;
    this.finished = true;
    this.syncTimer?.cancel();
    this.retryTimer?.cancel();
    if (!this.removed) this.writeStatus(true);
    if (this.sandbox) runtime.stopPodSandbox(this.sandbox.id);
    clock.schedule(draw(timing.podCleanup, rng), () => {
      if (!this.removed) this.ctx.confirmDeletion(this.pod);
      else this.cleanUp();
    });
  }

  /** Removes the pod's containers and sandbox from the node (images stay cached). */
  cleanUp(): void {
    if (this.cleaned) return;
    this.cleaned = true;
    this.finished = true;
    this.syncTimer?.cancel();
    this.retryTimer?.cancel();
    for (const id of this.instanceIds()) this.ctx.runtime.removeContainer(id);
    if (this.sandbox) this.ctx.runtime.removePodSandbox(this.sandbox.id);
    this.ctx.images.forget(this.uid);
    this.ctx.forget(this.uid);
  }

  private identity(): { name: string; namespace: string; uid: string } {
    return { name: this.pod.metadata?.name ?? '', namespace: this.pod.metadata?.namespace ?? '', uid: this.uid };
  }
}
