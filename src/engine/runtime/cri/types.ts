/**
 * The Container Runtime Interface as kubeplay's kubelet sees it — the same split as a real node:
 * the kubelet decides *what* should run (pod specs, restarts, probes, hooks, status, events) and
 * the runtime (our containerd) knows *how*: images on the node, sandboxes with their network
 * namespace and IP, containers as process namespaces over a layered filesystem, logs, exec.
 *
 * Everything that takes time in reality (a pull, creating a sandbox, starting a task) completes
 * through a callback from an event on the simulated clock; nothing here blocks.
 */
import type { Tree } from '../fs';
import type { Process, PidNamespace } from '../process/kernel';
import type { OpenFile } from '../process/files';
import type { Netns } from '../process/net';
import type { SignalName } from '../process/signals';
import type { CatalogImage } from '../images/catalog';

export type Callback<T> = (result: T) => void;

// ---- images ---------------------------------------------------------------------------------

/** An image present on the node (`crictl images`). */
export interface ImageRecord {
  /** As normalized: `docker.io/library/nginx:1.20`. */
  readonly ref: string;
  /** `docker.io/library/nginx@sha256:…`: what containerStatuses[].imageID shows. */
  readonly imageID: string;
  readonly sizeBytes: number;
  readonly image: CatalogImage;
}

export type PullResult =
  | {
      readonly ok: true;
      readonly record: ImageRecord;
      /** Time spent pulling, and including the wait for the node's serialized pull queue. */
      readonly pullMs: number;
      readonly includingWaitingMs: number;
    }
  /** `error` is the runtime's text, e.g. `rpc error: code = NotFound desc = failed to pull and unpack image "…": …`. */
  | { readonly ok: false; readonly error: string };

export interface ImageService {
  /** The image if present on this node (`image` as written in the pod spec). */
  imageStatus(image: string): ImageRecord | undefined;
  /** Pulls from the simulated registry; layers already on the node make it quick. */
  pullImage(image: string, done: Callback<PullResult>): void;
  listImages(): ImageRecord[];
}

// ---- sandboxes --------------------------------------------------------------------------------

export interface PodSandboxConfig {
  readonly podUID: string;
  readonly name: string;
  readonly namespace: string;
  /** The pod's hostname (its name unless spec.hostname/subdomain say otherwise). */
  readonly hostname: string;
  /** Host-network pods share the node's network namespace and IP. */
  readonly hostNetwork: boolean;
}

export interface PodSandbox {
  readonly id: string;
  readonly config: PodSandboxConfig;
  /** The pod IP (the node IP for host-network pods). */
  readonly ip: string;
  readonly netns: Netns;
  readonly createdAt: number;
  state: 'ready' | 'notready';
}

export type SandboxResult = { readonly ok: true; readonly sandbox: PodSandbox } | { readonly ok: false; readonly error: string };

// ---- containers -------------------------------------------------------------------------------

export interface MountConfig {
  readonly containerPath: string;
  /** A volume tree the kubelet owns (emptyDir, configMap, secret, projected, /etc/hosts…). */
  readonly volume: Tree;
  readonly readOnly?: boolean;
  readonly subPath?: string;
}

export interface ContainerConfig {
  readonly name: string;
  /** The pod spec's image, already pulled. */
  readonly image: ImageRecord;
  /** Pod spec `command`/`args` after `$(VAR)` expansion; the runtime merges them with the image's ENTRYPOINT/CMD. */
  readonly command: readonly string[];
  readonly args: readonly string[];
  /** Final environment in order (image env first, overridden by these). */
  readonly env: readonly { readonly name: string; readonly value: string }[];
  readonly workingDir?: string;
  readonly mounts: readonly MountConfig[];
  readonly tty: boolean;
  readonly stdin: boolean;
  readonly stdinOnce: boolean;
  /** Attempt number (restartCount), as containerd labels it. */
  readonly attempt: number;
}

export type ContainerState = 'created' | 'running' | 'exited';

/** `crictl inspect`: what the kubelet builds containerStatuses from. */
export interface ContainerStatus {
  readonly id: string;
  /** `containerd://<64 hex>` */
  readonly containerID: string;
  readonly name: string;
  readonly attempt: number;
  readonly state: ContainerState;
  readonly createdAt: number;
  readonly startedAt?: number;
  readonly finishedAt?: number;
  readonly exitCode?: number;
  /** `Completed`, `Error`, `OOMKilled`, `StartError` (containerd's reason). */
  readonly reason?: string;
  readonly message?: string;
  readonly image: ImageRecord;
}

export type StartResult = { readonly ok: true } | { readonly ok: false; readonly error: string };

/** The result of running a command to completion in a container (exec probes, exec hooks). */
export interface ExecSyncResult {
  readonly exitCode: number;
  /** stdout and stderr interleaved, as the kubelet reads an exec probe's output. */
  readonly output: string;
  /** The command did not finish within its timeout (and was killed). */
  readonly timedOut: boolean;
}

/** A streaming session into a container (kubectl exec/attach). */
export interface StreamSession {
  /** Keystrokes or piped input; with a tty, Ctrl-C here is SIGINT for the foreground job. */
  readonly stdin: OpenFile & { push(data: string): void; end(): void };
  /** With a tty stdout and stderr arrive merged on stdout. */
  onOutput(listener: (stream: 'stdout' | 'stderr', data: string) => void): void;
  onExit(listener: (exitCode: number) => void): void;
  /** The client's window size, on attach and on every change (ignored without a tty). */
  resize(cols: number, rows: number): void;
  /** The process of an exec session (undefined for attach). */
  readonly process?: Process;
}

export interface LogEntry {
  /** Simulated ms when the line was written. */
  readonly time: number;
  readonly stream: 'stdout' | 'stderr';
  /** One line, without its newline; `partial` when the program has not finished the line yet. */
  readonly line: string;
  readonly partial: boolean;
}

export interface RuntimeService {
  runPodSandbox(config: PodSandboxConfig, done: Callback<SandboxResult>): void;
  /** Kills every container of the sandbox and tears the network namespace down. */
  stopPodSandbox(id: string): void;
  removePodSandbox(id: string): void;
  sandbox(id: string): PodSandbox | undefined;

  /** Creates the container's filesystem and config; nothing runs yet. Returns the container id. */
  createContainer(sandboxId: string, config: ContainerConfig, done: Callback<{ ok: true; id: string } | { ok: false; error: string }>): void;
  /**
   * Starts PID 1. Fails (exit code 128, reason StartError) when the executable cannot be found or
   * run; the error then reads like containerd's
   * `failed to create containerd task: failed to create shim task: OCI runtime create failed: …`.
   */
  startContainer(id: string, done: Callback<StartResult>): void;
  /**
   * Sends the image's stop signal (or `signal`), then SIGKILL after `timeoutSeconds`; calls `done`
   * once the container has exited.
   */
  stopContainer(id: string, timeoutSeconds: number, done: Callback<ContainerStatus>, signal?: SignalName): void;
  removeContainer(id: string): void;
  containerStatus(id: string): ContainerStatus | undefined;
  listContainers(sandboxId?: string): ContainerStatus[];
  /** Called whenever a container's process exits, like the PLEG noticing it. */
  onContainerExit(listener: (status: ContainerStatus) => void): void;

  /** Runs `argv` inside the container to completion, killing it after `timeoutMs`. */
  execSync(id: string, argv: readonly string[], timeoutMs: number, done: Callback<ExecSyncResult | { error: string }>): void;
  /** Starts `argv` inside the container with streams attached; undefined + error when it cannot start. */
  exec(id: string, argv: readonly string[], options: { tty: boolean; stdin: boolean }): StreamSession | { error: string };
  /** Attaches to PID 1's streams (needs `stdin`/`tty` in the container config to send input). */
  attach(id: string): StreamSession | { error: string };

  /** What the container wrote so far (kept after it exits, until it is removed). */
  logs(id: string): readonly LogEntry[];
  /**
   * New log entries as they are written, until the container exits: then `ended` is called (at
   * once when it is not running). Returns a canceller.
   */
  followLogs(id: string, listener: (entry: LogEntry) => void, ended?: () => void): () => void;

  /** The container's process namespace, for tests and fault injection (kill a container). */
  namespaceOf(id: string): PidNamespace | undefined;
}

/** One node's containerd. */
export interface ContainerRuntime {
  readonly images: ImageService;
  readonly runtime: RuntimeService;
}
