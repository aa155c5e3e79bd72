/**
 * `kubectl attach POD [-c C] [-i] [-t]`: this terminal on a running container's PID 1, through
 * the apiserver's `pods/attach`. Also home of what exec and `run -it` share: opening a stream
 * session (`openStream`) and connecting this process's terminal to it (`connectTerminal`).
 *
 * While connected, a child process carries what is typed into the session's stdin, and the
 * container's output is written straight to our stdout/stderr; with `-t` our terminal is raw
 * (the container's own terminal echoes and edits lines), and Ctrl-C is sent on as a keystroke
 * for the container's terminal to turn into SIGINT there; without `-t` Ctrl-C ends kubectl. With
 * a raw terminal kubectl also sends its window size, at once and after every SIGWINCH: the
 * container's terminal takes it, and a shell waiting at its prompt redraws the prompt.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { Status } from 'kubernetes-types/meta/v1';
import { KUBE_API } from '../../../../engine/api/gateway';
import type { StreamSession } from '../../../../engine/runtime/cri/types';
import { AttachedStdin } from '../../../../engine/runtime/cri/session';
import { SignalInterrupt, sys, SysError, TtyFile, type Proc, type Program, type Sys } from '../../../../engine/runtime/process';
import { podForObject } from './pod-for-object';
import { ApiStatusError, collectionPath, KubectlError, objectPath, UsageError, type Kubectl, type KubectlCommand } from '../framework';

export interface StreamOptions {
  readonly container: string;
  readonly stdin: boolean;
  readonly tty: boolean;
}

/**
 * `-c NAME`, else the annotated default container, else the first — saying which on stderr when
 * the pod had a choice (`Defaulted container "a" out of: a, b`).
 */
export function* pickContainer(k: Kubectl, pod: Pod, requested: string): Sys<Container> {
  const spec = pod.spec ?? { containers: [] };
  const all = [...spec.containers, ...(spec.initContainers ?? []), ...((spec.ephemeralContainers ?? []) as Container[])];
  if (requested) {
    const found = all.find((c) => c.name === requested);
    if (!found) throw new KubectlError(`container ${requested} not found in pod ${pod.metadata?.name}`);
    return found;
  }
  return yield* defaultContainer(k, pod);
}

/** The annotated default container, else the first; says which when the pod had a choice. */
export function* defaultContainer(k: Kubectl, pod: Pod): Sys<Container> {
  const spec = pod.spec ?? { containers: [] };
  const annotated = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
  const chosen = spec.containers.find((c) => c.name === annotated) ?? spec.containers[0];
  if (!chosen) throw new KubectlError(`pod ${pod.metadata?.name} does not have any containers`);
  const names = [
    ...spec.containers.map((c) => c.name),
    ...(spec.initContainers ?? []).map((c) => `${c.name} (init)`),
    ...(spec.ephemeralContainers ?? []).map((c) => `${c.name} (ephem)`),
  ];
  if (names.length > 1 && chosen.name !== annotated) yield* k.err(`Defaulted container ${JSON.stringify(chosen.name)} out of: ${names.join(', ')}\n`);
  return chosen;
}

/** `POST pods/<name>/exec|attach`: the session once the connection is upgraded, else the error kubectl prints. */
export function* openStream(k: Kubectl, pod: Pod, kind: 'exec' | 'attach', options: StreamOptions, command: readonly string[] = []): Sys<StreamSession> {
  // The pod was just read, so the client has dialled the server: the gateway is the open connection.
  const gateway = k.proc.facility(KUBE_API)!;
  const query: Record<string, string> = { container: options.container, stdin: String(options.stdin), stdout: 'true', tty: String(options.tty) };
  if (kind === 'exec') query.command = JSON.stringify(command);
  if (!options.tty) query.stderr = 'true';
  const path = `${objectPath(yield* k.resolve('pods'), pod.metadata?.namespace, pod.metadata?.name ?? '')}/${kind}`;
  const { response, session } = gateway.stream({ method: 'POST', path, query, userAgent: 'kubectl' });
  if (session) return session;
  const status = response.body as Status;
  // A node that refuses the upgrade is reported by the client as a failed upgrade, not as a Status.
  if (status.message?.startsWith('unable to upgrade connection')) throw new KubectlError(status.message);
  throw new ApiStatusError(status);
}

/**
 * Connects this process's stdio to `session` until the session ends; returns its exit code.
 * Output that arrives after the command has returned is dropped, as a closed connection would.
 */
export function* connectTerminal(k: Kubectl, session: StreamSession, options: { stdin: boolean; tty: boolean }): Sys<number> {
  const proc = k.proc;
  const out = proc.file(1)!.retain();
  const err = proc.file(2)!.retain();
  let connected = true;
  session.onOutput((stream, data) => {
    if (connected) (stream === 'stderr' ? err : out).write(data);
  });
  const [done, doneWriter] = proc.pipe();
  const notify = proc.file(doneWriter)!.retain();
  proc.close(doneWriter);
  session.onExit((code) => {
    notify.write(String(code));
    notify.release();
  });

  const terminal = options.tty ? proc.file(0) : undefined;
  const raw = terminal instanceof TtyFile ? terminal : undefined;
  const wasRaw = raw?.raw ?? false;
  const foreground = raw?.signalForeground;
  const winch = raw ? proc.signal('SIGWINCH', 'catch') : undefined;
  // kubectl's terminal size queue: our window's size now, and again after every SIGWINCH.
  const sendSize = (): void => {
    if (raw && (raw.cols > 0 || raw.rows > 0)) session.resize(raw.cols, raw.rows);
  };
  if (raw) {
    raw.raw = true;
    // Raw mode without signals (kubectl's MakeRaw): Ctrl-C is a key for the container's terminal;
    // a window change still signals the foreground job, which is us.
    raw.signalForeground = (signal) => {
      if (signal === 'SIGWINCH') foreground?.(signal);
      else session.stdin.push(SIGNAL_KEYS[signal]);
    };
    sendSize();
  }
  const typist = options.stdin ? proc.spawn(['kubectl'], { program: typeInto(session) }) : undefined;
  try {
    return yield* exitCode(done, sendSize);
  } finally {
    connected = false;
    if (winch) proc.signal('SIGWINCH', winch);
    if (raw) {
      raw.raw = wasRaw;
      raw.signalForeground = foreground;
    }
    proc.close(done);
    out.release();
    err.release();
    if (typist !== undefined) yield* stopTypist(k, typist);
  }
}

/** The session's exit code, once it is written to `done`; a SIGWINCH meanwhile calls `windowChanged`. */
function* exitCode(done: number, windowChanged: () => void): Sys<number> {
  let text = '';
  for (;;) {
    let chunk: string | null;
    try {
      chunk = yield* sys.read(done);
    } catch (e) {
      if (!(e instanceof SignalInterrupt && e.signal === 'SIGWINCH')) throw e;
      windowChanged();
      continue;
    }
    if (chunk === null) return Number(text);
    text += chunk;
  }
}

/** The container's terminal behind a session's stdin, if it has one. */
function farTerminal(session: StreamSession): TtyFile | undefined {
  const stdin = session.stdin instanceof AttachedStdin ? session.stdin.target : session.stdin;
  return stdin instanceof TtyFile ? stdin : undefined;
}

/**
 * The child that copies our stdin into the session; end of input closes the session's stdin.
 * Into a container's terminal it passes keys on only while something there reads, so what is
 * typed ahead waits on our side, as it would in the terminal it was typed into.
 */
function typeInto(session: StreamSession): Program {
  const far = farTerminal(session);
  return function* (proc) {
    for (;;) {
      if (far && !far.reading) yield* untilReading(proc, far);
      const data = yield* sys.read(0);
      if (data === null) break;
      session.stdin.push(data);
    }
    session.stdin.end();
    return 0;
  };
}

function* untilReading(proc: Proc, far: TtyFile): Sys<void> {
  const [wakeup, wakeupWriter] = proc.pipe();
  const bell = proc.file(wakeupWriter)!.retain();
  proc.close(wakeupWriter);
  far.whenReading(() => bell.release());
  yield* sys.read(wakeup);
  proc.close(wakeup);
}

function* stopTypist(k: Kubectl, pid: number): Sys<void> {
  try {
    k.proc.kill(pid, 'SIGKILL');
  } catch (e) {
    if (!(e instanceof SysError)) throw e;
  }
  yield* sys.wait(pid);
}

/** Reattach hint kubectl prints when an interactive session ends (stdin and a raw terminal). */
export const sessionEnded = (pod: string, container: string): string =>
  `Session ended, resume using 'kubectl attach ${pod} -c ${container} -i -t' command when the pod is running\n`;

/** Attaches this terminal to the running container's PID 1, as attach and `run -it` do. */
export function* attachTo(k: Kubectl, pod: Pod, container: Container, wanted: { stdin: boolean; tty: boolean }): Sys<number> {
  let tty = wanted.tty;
  if (tty && !container.tty) {
    tty = false;
    yield* k.err(`error: Unable to use a TTY - container ${container.name} did not allocate one\n`);
  } else if (!tty && container.tty) {
    // The container's output comes through its terminal; the client must read it as one.
    tty = true;
  }
  const session = yield* openStream(k, pod, 'attach', { container: container.name, stdin: wanted.stdin, tty });
  yield* k.err("If you don't see a command prompt, try pressing enter.\n");
  const code = yield* connectTerminal(k, session, { stdin: wanted.stdin, tty });
  const raw = tty && k.proc.isatty(0);
  if (wanted.stdin && raw) yield* k.out(sessionEnded(pod.metadata?.name ?? '', container.name));
  return code;
}

/** The keys that send the terminal's signals: in raw mode they travel to the container's terminal. */
const SIGNAL_KEYS = { SIGINT: '\x03', SIGQUIT: '\x1c', SIGTSTP: '\x1a' } as const;

const isCompleted = (pod: Pod): boolean => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

/** Watches the pod until `done` holds for it (kubectl's waitForPod); the pod as it was then. */
function* waitForPod(k: Kubectl, name: string, done: (pod: Pod) => boolean): Sys<Pod> {
  const client = yield* k.client();
  const namespace = yield* k.namespace();
  const watch = yield* client.watch({ method: 'GET', path: collectionPath(yield* k.resolve('pods'), namespace), query: { fieldSelector: `metadata.name=${name}`, watch: 'true' } });
  try {
    for (;;) {
      const event = yield* watch.next();
      if (event === null) throw new KubectlError(`timed out waiting for the condition`);
      if (event.type === 'DELETED') throw new KubectlError(`pod "${name}" was deleted`);
      if (done(event.object as Pod)) return event.object as Pod;
    }
  } finally {
    watch.close();
  }
}

/**
 * `kubectl run -i/-t/--attach`: waits for the new pod to start, then attaches to its container (or
 * prints its log if it has finished already); a pod that does not restart ends kubectl with its
 * container's exit code; `--rm` deletes it afterwards.
 */
export function* attachToNewPod(k: Kubectl, name: string, options: { stdin: boolean; tty: boolean; remove: boolean }): Sys<number> {
  let pod = yield* waitForPod(k, name, (p) => p.status?.phase === 'Running' || isCompleted(p));
  const container = pod.spec!.containers[0]!;
  if (isCompleted(pod)) {
    const client = yield* k.client();
    const log = yield* client.call<string>({ method: 'GET', path: `${objectPath(yield* k.resolve('pods'), pod.metadata?.namespace, name)}/log`, query: { container: container.name } });
    yield* k.out(log);
  } else {
    yield* attachTo(k, pod, container, options);
  }
  let code = 0;
  if (pod.spec?.restartPolicy !== 'Always') {
    pod = yield* waitForPod(k, name, isCompleted);
    code = pod.status?.containerStatuses?.[0]?.state?.terminated?.exitCode ?? 0;
  }
  if (options.remove) {
    const client = yield* k.client();
    yield* client.call({ method: 'DELETE', path: objectPath(yield* k.resolve('pods'), pod.metadata?.namespace, name) });
    yield* k.out(`pod "${name}" deleted\n`);
  }
  return code;
}

export const attach: KubectlCommand = {
  name: 'attach',
  short: 'Connect to the main process of a running container',
  long: 'Connect this terminal to the process a container is already running (its PID 1): see its output and, with -i, type into it. Unlike exec, no new process starts.',
  examples: `# Back into the shell of the client pod started with kubectl run -it
kubectl attach client -c client -i -t

# Watch what pod-demo's first container prints
kubectl attach pod-demo

# A pod of the myapp deployment
kubectl attach deploy/myapp`,
  use: 'attach (POD | TYPE/NAME) -c CONTAINER',
  flags: [
    { name: 'container', short: 'c', type: 'string', default: "''", usage: 'The container to use; by default the one named in the pod\'s kubectl.kubernetes.io/default-container annotation, else the first.' },
    { name: 'stdin', short: 'i', type: 'bool', default: 'false', usage: 'Send what you type to the container (its main process must read standard input).' },
    { name: 'pod-running-timeout', type: 'duration', default: '1m0s', usage: 'How long to wait for a pod of the named object to appear (e.g. 30s, 2m).' },
    { name: 'tty', short: 't', type: 'bool', default: 'false', usage: 'Treat this terminal as the container\'s terminal; use with -i when the container was started with a TTY.' },
  ],
  *run(k, args) {
    if (args.length === 0) throw new UsageError('at least 1 argument is required for attach');
    if (args.length > 1) throw new UsageError(`expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw ${args.length}: [${args.join(' ')}]`);
    const pod = yield* podForObject(k, args, 'attach');
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') throw new KubectlError(`cannot attach a container in a completed pod; current phase is ${phase}`);
    const container = yield* pickContainer(k, pod, k.flags.string('container'));
    return yield* attachTo(k, pod, container, { stdin: k.flags.bool('stdin'), tty: k.flags.bool('tty') });
  },
};
