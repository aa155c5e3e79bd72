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
  short: 'Execute a command in a container',
  long: 'Execute a command in a container.',
  examples: [
    '  # Get output from running the \'date\' command from pod mypod, using the first container by default',
    '  kubectl exec mypod -- date',
    '',
    '  # Get output from running the \'date\' command in ruby-container from pod mypod',
    '  kubectl exec mypod -c ruby-container -- date',
    '',
    '  # Switch to raw terminal mode; sends stdin to \'bash\' in ruby-container from pod mypod',
    '  # and sends stdout/stderr from \'bash\' back to the client',
    '  kubectl exec mypod -c ruby-container -i -t -- bash -il',
  ].join('\n'),
  use: 'exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]',
  flags: [
    { name: 'container', short: 'c', type: 'string', default: "''", usage: 'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen' },
    { name: 'stdin', short: 'i', type: 'bool', default: 'false', usage: 'Pass stdin to the container' },
    { name: 'pod-running-timeout', type: 'duration', default: '1m0s', usage: 'How long to wait for a matching pod to appear.' },
    { name: 'tty', short: 't', type: 'bool', default: 'false', usage: 'Stdin is a TTY' },
    { name: 'quiet', short: 'q', type: 'bool', default: 'false', usage: 'Only print output from the remote session' },
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
