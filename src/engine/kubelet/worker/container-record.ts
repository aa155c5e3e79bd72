/**
 * What the kubelet remembers about one container of a pod: its spec, the latest runtime instance
 * and the one before it (for `lastState` and `kubectl logs --previous`), why its last start
 * failed (the reason cache), its crash back-off entry and its probe verdicts.
 */
import type { Container } from 'kubernetes-types/core/v1';
import type { Clock } from '../../sim/clock';
import type { ContainerStatus as CriContainerStatus, LogEntry } from '../../runtime/cri/types';
import type { Tree } from '../../runtime/fs';
import type { BackoffEntry } from '../rules/backoff';
import { shouldRestart, type RestartPolicy } from '../rules/phase';
import type { ContainerView, RunView, Waiting } from '../status/container-status';
import type { ContainerProbes } from '../probes/worker';

/** One runtime instance of the container. */
export interface Instance {
  /** The runtime's id (64 hex). */
  readonly id: string;
  status: CriContainerStatus;
  /** The file mounted at terminationMessagePath: read when the instance exits. */
  readonly terminationLog: Tree;
  /** The termination message, once exited. */
  message?: string;
}

/** What killing a running container is for, and what follows. */
export interface KillRequest {
  /** The Killing event's text. */
  readonly message: string;
  /** Start it again afterwards (liveness failure, changed definition) — not for a plain stop. */
  readonly restart: boolean;
  /** A probe's own terminationGracePeriodSeconds, overriding the pod's. */
  readonly gracePeriodSeconds?: number;
}

/** The kubelet's waiting message for a failed start and the `Failed` event it goes with. */
export interface StartFailure extends Waiting {
  readonly message: string;
}

/** Upstream keeps this much of a failing container's log as its termination message. */
const FALLBACK_LOG_LINES = 80;
const FALLBACK_LOG_BYTES = 2048;

export class ContainerRecord {
  current: Instance | undefined;
  previous: Instance | undefined;
  failure: StartFailure | undefined;
  /** Started, but its postStart hook has not returned yet. */
  starting = false;
  backoff: BackoffEntry | undefined;
  ready = false;
  started = false;
  probes: ContainerProbes | undefined;
  /** A kill the next sync must carry out. */
  pendingKill: KillRequest | undefined;
  /** A stop is in progress. */
  killing = false;
  /** The attempt a start gets when no instance is left to count from (see `purge`). */
  private attemptAfterPurge = 0;

  constructor(
    public spec: Container,
    readonly init: boolean,
  ) {}

  get name(): string {
    return this.spec.name;
  }

  /** `spec.containers{web}`: how kubelet events point into the pod. */
  get fieldPath(): string {
    return `${this.init ? 'spec.initContainers' : 'spec.containers'}{${this.spec.name}}`;
  }

  /** A restartable init container (restartPolicy Always), 1.29+'s native sidecar. */
  get sidecar(): boolean {
    return this.init && this.spec.restartPolicy === 'Always';
  }

  get running(): boolean {
    return this.current?.status.state === 'running';
  }

  get exited(): boolean {
    return this.current?.status.state === 'exited';
  }

  get exitCode(): number | undefined {
    return this.current?.status.exitCode;
  }

  /** The attempt number of the next instance (its restartCount): one more than the last one's. */
  nextAttempt(): number {
    return this.current ? this.current.status.attempt + 1 : this.attemptAfterPurge;
  }

  /** Every instance was removed from the runtime; the next start is attempt `nextAttempt`. */
  purge(nextAttempt: number): void {
    this.current = undefined;
    this.previous = undefined;
    this.attemptAfterPurge = nextAttempt;
  }

  /** Would the kubelet start this container again after its current instance exits? */
  restartsAfterExit(podPolicy: RestartPolicy): boolean {
    const code = this.exitCode ?? 0;
    if (this.sidecar) return true;
    // A regular init container must succeed; the pod's policy decides whether it may try again.
    if (this.init) return code !== 0 && podPolicy !== 'Never';
    return shouldRestart(podPolicy, code);
  }

  /**
   * The instance exited: remember when, and its message — the runtime's own (why a start failed)
   * followed by what the program left as its termination message, joined by ": " as upstream does.
   */
  recordExit(status: CriContainerStatus, logs: readonly LogEntry[]): void {
    const instance = this.current;
    if (!instance || instance.id !== status.id) return;
    instance.status = status;
    const file = instance.terminationLog.get([]);
    let termination = file?.kind === 'file' ? file.data : '';
    if (termination === '' && status.exitCode !== 0 && this.spec.terminationMessagePolicy === 'FallbackToLogsOnError') termination = logTail(logs);
    const message = [status.message ?? '', termination].filter((part) => part !== '').join(': ');
    if (message !== '') instance.message = message;
  }

  view(clock: Clock, willRestart: boolean): ContainerView {
    return {
      name: this.spec.name,
      specImage: this.spec.image ?? '',
      ...(this.current ? { current: runView(this.current, clock) } : {}),
      ...(this.previous ? { previous: runView(this.previous, clock) } : {}),
      ...(this.failure ? { failure: this.failure } : {}),
      starting: this.starting,
      willRestart,
      restartCount: this.current?.status.attempt ?? 0,
      ready: this.ready,
      started: this.started,
    };
  }
}

/** A container that never got to run reports this start time (Go's zero Unix time). */
const NEVER_STARTED = '1970-01-01T00:00:00Z';

function runView(instance: Instance, clock: Clock): RunView {
  const s = instance.status;
  const base = {
    containerID: s.containerID,
    image: s.image.ref,
    imageID: s.image.imageID,
    startedAt: s.startedAt === undefined ? NEVER_STARTED : clock.timestamp(s.startedAt),
  };
  if (s.state !== 'exited') return base;
  return {
    ...base,
    exited: {
      exitCode: s.exitCode ?? 0,
      reason: s.reason ?? (s.exitCode === 0 ? 'Completed' : 'Error'),
      finishedAt: clock.timestamp(s.finishedAt ?? clock.now()),
      ...(instance.message !== undefined ? { message: instance.message } : {}),
    },
  };
}

/** The end of the log, at most 80 lines and 2 KiB: FallbackToLogsOnError's message. */
function logTail(logs: readonly LogEntry[]): string {
  let text = logs
    .slice(-FALLBACK_LOG_LINES)
    .map((e) => e.line + (e.partial ? '' : '\n'))
    .join('');
  if (text.length > FALLBACK_LOG_BYTES) text = text.slice(text.length - FALLBACK_LOG_BYTES);
  return text;
}
