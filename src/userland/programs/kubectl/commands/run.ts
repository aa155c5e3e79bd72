/**
 * `kubectl run NAME --image=IMAGE`: creates one Pod (v1.18 and later), and with `--expose --port`
 * a ClusterIP Service in front of it. The tutorial's older forms (`--replicas`, `--dry-run=true`)
 * print what v1.30 prints, then a kubeplay hint. With `-i`/`-t`/`--attach` it waits for the pod
 * and attaches this terminal to it (`--rm` deletes it afterwards).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { Sys } from '../../../../engine/runtime/process';
import { collectionPath, KubectlError, UsageError, type Kubectl, type KubectlCommand } from '../framework';
import { hintLine, HINTS } from '../generate/hints';
import { withOverrides } from '../generate/overrides';
import { podForRun } from '../generate/pod';
import { serviceForExpose } from '../generate/service';
import { attachToNewPod } from './attach';
import { createObject, DRY_RUN_FLAG, OUTPUT_FLAG, writeOptions, writeQuery } from './create';

export const run: KubectlCommand = {
  name: 'run',
  short: 'Start a pod running an image',
  long: 'Create a pod with one container running the given image. With -i and -t you get a terminal in it, as with the tutorial\'s busybox client.',
  examples: `# A pod named nginx-deploy running nginx on port 80
kubectl run nginx-deploy --image=nginx:1.20-alpine --port=80

# A busybox shell for trying things inside the cluster; it is not restarted after exit
kubectl run client -it --image=busybox --restart=Never

# The same, deleted when you leave the shell
kubectl run client -it --rm --image=busybox --restart=Never -- sh

# Only show the pod kubectl would create
kubectl run nginx-deploy --image=nginx:1.20-alpine --port=80 --dry-run=client -o yaml`,
  use: 'run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]',
  flags: [
    { name: 'image', type: 'string', default: "''", usage: 'The image the pod\'s container runs (required).' },
    { name: 'port', type: 'string', default: "''", usage: 'The container port to declare; with --expose, also the service\'s port.' },
    { name: 'labels', short: 'l', type: 'string', default: "''", usage: 'Labels for the pod (key=value,...), in place of the default run=NAME.' },
    { name: 'env', type: 'stringArray', default: '[]', usage: 'An environment variable NAME=VALUE for the container; repeat for more.' },
    { name: 'restart', type: 'string', default: "'Always'", usage: 'The pod\'s restartPolicy: Always, OnFailure or Never.' },
    { name: 'command', type: 'bool', default: 'false', usage: 'If true, the words after -- replace the image\'s command (entrypoint) instead of being its arguments.' },
    { name: 'stdin', short: 'i', type: 'bool', default: 'false', usage: 'Keep the container\'s standard input open; with -t, type into it from this terminal.' },
    { name: 'tty', short: 't', type: 'bool', default: 'false', usage: 'Give the container a terminal (use with -i for an interactive shell).' },
    { name: 'attach', type: 'bool', default: 'false', usage: 'If true, wait for the pod to run and connect this terminal to it, as kubectl attach does.' },
    { name: 'rm', type: 'bool', default: 'false', usage: 'If true, delete the pod when the attached session ends (needs -i or --attach).' },
    { name: 'expose', type: 'bool', default: 'false', usage: 'If true, also create a ClusterIP service for the pod, on --port.' },
    { name: 'image-pull-policy', type: 'string', default: "''", usage: 'When to pull the image: Always, IfNotPresent or Never; empty lets the server decide.' },
    { name: 'overrides', type: 'string', default: "''", usage: 'JSON merged into the generated pod before it is sent, for fields without a flag.' },
    { name: 'privileged', type: 'bool', default: 'false', usage: 'If true, the container runs privileged, with the host\'s devices and capabilities.' },
    { name: 'field-manager', type: 'string', default: "'kubectl-run'", usage: 'The name recorded in the object as the owner of the fields this command sets.' },
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
    // Gone since v1.18; kept hidden so the tutorial's `--replicas=1` gets v1.30's error and a hint.
    { name: 'replicas', type: 'string', usage: '', hidden: true },
  ],
  *run(k, args) {
    const tty = k.proc.isatty(2);
    if (k.flags.changed('replicas')) {
      yield* k.err(`error: unknown flag: --replicas\nSee 'kubectl run --help' for usage.\n${hintLine(HINTS.runReplicas, tty)}`);
      return 1;
    }
    if (!k.flags.changed('image')) throw new KubectlError('required flag(s) "image" not set');
    if (args.length === 0 || k.dashAt === 0) throw new UsageError('NAME is required for run');
    const dryRun = yield* writeOptions(k);
    const f = k.flags;
    const attach = f.bool('attach') || (!f.changed('attach') && f.bool('stdin'));
    if (f.bool('tty') && !f.bool('stdin')) throw new UsageError('-i/--stdin is required for containers with -t/--tty=true');
    if (f.bool('expose') && !f.string('port')) throw new UsageError('--port must be set when exposing a service');
    if (f.bool('rm') && !attach) throw new UsageError('--rm should only be used for attached containers');
    if (attach && dryRun !== 'none') throw new UsageError("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");

    const name = args[0]!;
    let pod: Pod = podForRun({
      name,
      image: f.string('image'),
      port: f.string('port'),
      labels: f.string('labels'),
      env: f.list('env'),
      restart: f.string('restart'),
      imagePullPolicy: f.string('image-pull-policy'),
      args: args.slice(1),
      command: f.bool('command'),
      stdin: f.bool('stdin'),
      tty: f.bool('tty'),
      privileged: f.bool('privileged'),
    });
    if (f.string('overrides')) pod = withOverrides(pod, f.string('overrides'));

    if (f.bool('expose')) {
      const selector = Object.entries(pod.metadata?.labels ?? {}).map(([key, value]) => `${key}=${value}`).join(',');
      const service = serviceForExpose({ kind: 'Pod', apiVersion: 'v1', metadata: { name }, spec: pod.spec } as Pod, { port: f.string('port'), selector });
      yield* createObject(k, service, dryRun);
      // kubectl prints two document separators between the two objects under -o yaml.
      if (f.string('output') === 'yaml') yield* k.out('---\n---\n');
    }
    if (attach) {
      yield* createPod(k, pod);
      return yield* attachToNewPod(k, name, { stdin: f.bool('stdin'), tty: f.bool('tty'), remove: f.bool('rm') });
    }
    yield* createObject(k, pod, dryRun);
    if (f.changed('dry-run') && !['none', 'client', 'server'].includes(f.string('dry-run'))) yield* k.err(hintLine(HINTS.dryRunBoolean, tty));
    return 0;
  },
};

/** An attached run prints nothing about the new pod: the session is what follows. */
function* createPod(k: Kubectl, pod: Pod): Sys<void> {
  const client = yield* k.client();
  yield* client.call({ method: 'POST', path: collectionPath(yield* k.resolve('pods'), yield* k.namespace()), query: writeQuery(k, 'none'), body: pod });
}
