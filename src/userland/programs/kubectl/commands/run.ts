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
  short: 'Run a particular image on the cluster',
  long: 'Create and run a particular image in a pod.',
  examples: [
    '  # Start a nginx pod',
    '  kubectl run nginx --image=nginx',
    '',
    '  # Start a hazelcast pod and let the container expose port 5701',
    '  kubectl run hazelcast --image=hazelcast/hazelcast --port=5701',
    '',
    '  # Start a busybox pod and keep it in the foreground, don\'t restart it if it exits',
    '  kubectl run -i -t busybox --image=busybox --restart=Never',
    '',
    '  # Start the nginx pod using a different command and custom arguments',
    '  kubectl run nginx --image=nginx --command -- <cmd> <arg1> ... <argN>',
  ].join('\n'),
  use: 'run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]',
  flags: [
    { name: 'image', type: 'string', default: "''", usage: 'The image for the container to run.' },
    { name: 'port', type: 'string', default: "''", usage: 'The port that this container exposes.' },
    { name: 'labels', short: 'l', type: 'string', default: "''", usage: 'Comma separated labels to apply to the pod. Will override previous values.' },
    { name: 'env', type: 'stringArray', default: '[]', usage: 'Environment variables to set in the container.' },
    { name: 'restart', type: 'string', default: "'Always'", usage: "The restart policy for this Pod.  Legal values [Always, OnFailure, Never]." },
    { name: 'command', type: 'bool', default: 'false', usage: 'If true and extra arguments are present, use them as the \'command\' field in the container, rather than the \'args\' field which is the default.' },
    { name: 'stdin', short: 'i', type: 'bool', default: 'false', usage: 'Keep stdin open on the container in the pod, even if nothing is attached.' },
    { name: 'tty', short: 't', type: 'bool', default: 'false', usage: 'Allocate a TTY for the container in the pod.' },
    { name: 'attach', type: 'bool', default: 'false', usage: 'If true, wait for the Pod to start running, and then attach to the Pod as if \'kubectl attach ...\' were called.' },
    { name: 'rm', type: 'bool', default: 'false', usage: 'If true, delete the pod after it exits.  Only valid when attaching to the container, e.g. with \'--attach\' or with \'-i/--stdin\'.' },
    { name: 'expose', type: 'bool', default: 'false', usage: 'If true, create a ClusterIP service associated with the pod.  Requires `--port`.' },
    { name: 'image-pull-policy', type: 'string', default: "''", usage: 'The image pull policy for the container.  If left empty, this value will not be specified by the client and defaulted by the server.' },
    { name: 'overrides', type: 'string', default: "''", usage: 'An inline JSON override for the generated object.' },
    { name: 'privileged', type: 'bool', default: 'false', usage: 'If true, run the container in privileged mode.' },
    { name: 'field-manager', type: 'string', default: "'kubectl-run'", usage: 'Name of the manager used to track field ownership.' },
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
