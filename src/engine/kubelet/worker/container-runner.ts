/**
 * Starting and stopping one container, step by step as the kubelet's `startContainer` and
 * `killContainer` do, with their events:
 *
 *   start: image (Pulling/Pulled…) → environment → create (Created) → start (Started) → postStart
 *          — a failing step records why (ErrImagePull, CreateContainerConfigError,
 *          RunContainerError, PostStartHookError…) and a `Failed  Error: …` event;
 *   stop:  Killing event → preStop (counts against the grace period) → stop signal, SIGKILL when
 *          the rest of the grace period (at least 2 s) has passed.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { PodSandbox } from '../../runtime/cri/types';
import { expandVars, envLookup } from '../../runtime/argv';
import { fileVolume, type Tree } from '../../runtime/fs';
import type { EnvVar } from '../rules/service-env';
import { containerEnv } from '../pod/env';
import { containerMounts, type PodFiles } from '../pod/volumes';
import { runHook, type ActionTarget } from '../probes/actions';
import { MINIMUM_GRACE_MS, PRESTOP_EXTRA_GRACE_MS } from '../rules/timing';
import type { ContainerRecord, StartFailure } from './container-record';
import type { WorkerContext } from './context';

/** What the pod worker has ready when it starts a container. */
export interface PodSetup {
  readonly pod: Pod;
  readonly sandbox: PodSandbox;
  readonly volumes: ReadonlyMap<string, Tree>;
  readonly files: PodFiles;
  readonly serviceEnv: readonly EnvVar[];
}

/** How a step went; `abort` ends the sync there (no sandbox, no volumes: nothing else can run). */
export type StepResult = { readonly ok: boolean; readonly abort?: boolean };

/** Records a kubelet event about this container (not while the kubelet is down). */
function event(ctx: WorkerContext, pod: Pod, rec: ContainerRecord, type: 'Normal' | 'Warning', reason: string, message: string): void {
  if (ctx.isActive()) ctx.recorder.event(pod, type, reason, message, rec.fieldPath);
}

export function actionTarget(ctx: WorkerContext, pod: Pod, rec: ContainerRecord, sandbox: PodSandbox): ActionTarget {
  return { pod, container: rec.spec, containerID: rec.current!.id, podIP: sandbox.ip, runtime: ctx.runtime, host: ctx.host, clock: ctx.clock };
}

/**
 * Starts a new instance of `rec`. `onRunning` is called once it runs and its postStart hook (if
 * any) succeeded — the moment probes may begin; `done` when the attempt is over either way.
 * `cancelled` is asked between steps: a pod being deleted starts nothing more.
 */
export function startContainer(
  ctx: WorkerContext,
  setup: PodSetup,
  rec: ContainerRecord,
  cancelled: () => boolean,
  onRunning: () => void,
  done: (result: StepResult) => void,
): void {
  const { pod, sandbox } = setup;
  const uid = pod.metadata?.uid ?? '';
  const fail = (failure: StartFailure, eventMessage = failure.message): void => {
    rec.failure = failure;
    event(ctx, pod, rec, 'Warning', 'Failed', `Error: ${eventMessage}`);
    done({ ok: false });
  };
  ctx.images.ensure(uid, rec.spec, (type, reason, message) => event(ctx, pod, rec, type, reason, message), (image) => {
    if (cancelled()) return done({ ok: false });
    if (!image.ok) return fail({ reason: image.reason, message: image.message }, image.reason);
    const env = containerEnv(pod, rec.spec, { hostIP: ctx.nodeIP(), podIP: sandbox.ip }, setup.serviceEnv, ctx.source);
    if (!env.ok) return fail({ reason: 'CreateContainerConfigError', message: env.error });
    const lookup = envLookup(env.env);
    const terminationLog = fileVolume('', ctx.clock.now());
    const attempt = rec.nextAttempt();
    ctx.runtime.createContainer(
      sandbox.id,
      {
        name: rec.name,
        image: image.image,
        command: (rec.spec.command ?? []).map((w) => expandVars(w, lookup)),
        args: (rec.spec.args ?? []).map((w) => expandVars(w, lookup)),
        env: env.env,
        ...(rec.spec.workingDir ? { workingDir: rec.spec.workingDir } : {}),
        mounts: containerMounts(pod, rec.spec, setup.volumes, setup.files, terminationLog),
        tty: rec.spec.tty === true,
        stdin: rec.spec.stdin === true,
        stdinOnce: rec.spec.stdinOnce === true,
        attempt,
      },
      (created) => {
        if (!created.ok) return fail({ reason: 'CreateContainerError', message: created.error });
        // The kubelet keeps one dead instance per container (for --previous); older ones go.
        if (rec.previous) ctx.runtime.removeContainer(rec.previous.id);
        rec.previous = rec.current;
        rec.current = { id: created.id, status: ctx.runtime.containerStatus(created.id)!, terminationLog };
        rec.ready = false;
        rec.started = false;
        event(ctx, pod, rec, 'Normal', 'Created', `Created container ${rec.name}`);
        if (cancelled()) return done({ ok: false });
        ctx.runtime.startContainer(created.id, (started) => {
          const status = ctx.runtime.containerStatus(created.id);
          if (status && rec.current?.id === created.id) {
            // A start that failed leaves an exited instance whose message is runc's error.
            if (status.state === 'exited') rec.recordExit(status, []);
            else rec.current.status = status;
          }
          if (!started.ok) return fail({ reason: 'RunContainerError', message: started.error });
          rec.failure = undefined;
          event(ctx, pod, rec, 'Normal', 'Started', `Started container ${rec.name}`);
          const postStart = rec.spec.lifecycle?.postStart;
          if (!postStart) {
            onRunning();
            return done({ ok: true });
          }
          rec.starting = true;
          runHook(postStart, actionTarget(ctx, pod, rec, sandbox), (hook) => {
            rec.starting = false;
            if (hook.ok) {
              onRunning();
              return done({ ok: true });
            }
            // The hook's details stay out of the event (they may hold secrets), not out of the status.
            event(ctx, pod, rec, 'Warning', 'FailedPostStartHook', 'PostStartHook failed');
            stopContainer(ctx, setup.pod, rec, sandbox, { message: 'FailedPostStartHook', restart: false }, undefined, () => {
              rec.failure = { reason: 'PostStartHookError', message: hook.message };
              done({ ok: false });
            });
          });
        });
      },
    );
  });
}

/**
 * Stops the running instance of `rec`: `Killing` event, preStop, then the runtime's stop with
 * what is left of the grace period. `graceSeconds` overrides the pod's terminationGracePeriodSeconds.
 */
export function stopContainer(
  ctx: WorkerContext,
  pod: Pod,
  rec: ContainerRecord,
  sandbox: PodSandbox | undefined,
  kill: { message: string; restart: boolean; gracePeriodSeconds?: number },
  graceSeconds: number | undefined,
  done: () => void,
): void {
  const instance = rec.current;
  if (!instance || instance.status.state !== 'running') return void ctx.clock.schedule(0, done);
  event(ctx, pod, rec, 'Normal', 'Killing', kill.message);
  rec.killing = true;
  rec.probes?.stop();
  rec.probes = undefined;
  const graceMs = (graceSeconds ?? kill.gracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
  const stop = (remainingMs: number): void => {
    ctx.runtime.stopContainer(instance.id, Math.max(remainingMs, MINIMUM_GRACE_MS) / 1000, (status) => {
      rec.killing = false;
      rec.recordExit(status, ctx.runtime.logs(instance.id));
      done();
    });
  };
  const preStop = rec.spec.lifecycle?.preStop;
  if (!preStop || graceMs <= 0 || !sandbox) return stop(graceMs);
  const began = ctx.clock.now();
  let finished = false;
  const proceed = (remainingMs: number): void => {
    if (finished) return;
    finished = true;
    timeout.cancel();
    stop(remainingMs);
  };
  // A preStop that outlives the grace period earns the container 2 s more, then SIGKILL.
  const timeout = ctx.clock.schedule(graceMs, () => proceed(PRESTOP_EXTRA_GRACE_MS));
  runHook(preStop, actionTarget(ctx, pod, rec, sandbox), (hook) => {
    if (finished) return;
    if (!hook.ok) event(ctx, pod, rec, 'Warning', 'FailedPreStopHook', 'PreStopHook failed');
    // The kubelet counts the hook's time in whole seconds.
    proceed(graceMs - Math.floor((ctx.clock.now() - began) / 1000) * 1000);
  });
}
