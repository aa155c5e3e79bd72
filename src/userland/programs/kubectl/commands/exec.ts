/**
 * `kubectl exec POD [-c C] [-i] [-t] -- COMMAND…`: runs a command in a running container through
 * the apiserver's `pods/exec` (the kubelet starts it beside the container's processes). With
 * `-it` the command gets this terminal — a shell inside the container until `exit`; a command
 * that fails ends kubectl with its status and `command terminated with exit code N`.
 */
import { KubectlError, type KubectlCommand } from '../framework';
import { connectTerminal, openStream, pickContainer } from './attach';
import { podForObject } from './pod-for-object';

const DEPRECATED_FORM = 'kubectl exec [POD] [COMMAND] is DEPRECATED and will be removed in a future version. Use kubectl exec [POD] -- [COMMAND] instead.\n';

export const exec: KubectlCommand = {
  name: 'exec',
  short: 'Run a command inside a running container',
  long: 'Start a command inside a running container, next to the processes already there, and show its output. Put the command after --. With -it you get an interactive shell until you type exit.',
  examples: `# List a directory of the myapp container
kubectl exec pod-demo -c myapp -- ls /usr/share/nginx/html

# A shell in the busybox container of pod-demo
kubectl exec -it pod-demo -c busybox -- /bin/sh

# A command in one pod of the myapp deployment
kubectl exec deploy/myapp -- hostname`,
  use: 'exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]',
  flags: [
    { name: 'container', short: 'c', type: 'string', default: "''", usage: 'The container to use; by default the one named in the pod\'s kubectl.kubernetes.io/default-container annotation, else the first.' },
    { name: 'stdin', short: 'i', type: 'bool', default: 'false', usage: 'Send this terminal\'s standard input to the command.' },
    { name: 'pod-running-timeout', type: 'duration', default: '1m0s', usage: 'How long to wait for a pod of the named object to appear (e.g. 30s, 2m).' },
    { name: 'tty', short: 't', type: 'bool', default: 'false', usage: 'Give the command a terminal; with -i this makes an interactive shell.' },
    { name: 'quiet', short: 'q', type: 'bool', default: 'false', usage: 'Print only what the command prints, no messages from kubectl.' },
  ],
  *run(k, args) {
    const f = k.flags;
    const quiet = f.bool('quiet');
    const podArg = k.dashAt !== 0 ? args[0] : undefined;
    let command = k.dashAt >= 0 ? args.slice(k.dashAt) : [];
    if (k.dashAt < 0 && args.length > 1) {
      if (!quiet) yield* k.err(DEPRECATED_FORM);
      command = args.slice(1);
    }
    if (podArg === undefined) throw new KubectlError('pod, type/name or --filename must be specified');
    if (command.length === 0) throw new KubectlError('you must specify at least one command for the container');

    const stdin = f.bool('stdin');
    // -t needs -i, and a terminal to put into raw mode.
    let tty = stdin && f.bool('tty');
    if (tty && !k.proc.isatty(0)) {
      tty = false;
      if (!quiet) yield* k.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
    }
    const pod = yield* podForObject(k, [podArg], 'attach');
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') throw new KubectlError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
    const container = yield* pickContainer(k, pod, f.string('container'));
    const session = yield* openStream(k, pod, 'exec', { container: container.name, stdin, tty }, command);
    const code = yield* connectTerminal(k, session, { stdin, tty });
    if (code !== 0) yield* k.err(`command terminated with exit code ${code}\n`);
    return code;
  },
};
