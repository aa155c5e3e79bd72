/**
 * `kubectl scale TYPE NAME --replicas=N`: a JSON merge patch to the object's `scale` subresource.
 * The tutorial's `--port=80` is not a scale flag: v1.30's error, then a kubeplay hint.
 */
import { KubectlError, type KubectlCommand } from '../framework';
import { hintLine, HINTS } from '../generate/hints';
import { checkCurrentReplicas, checkReplicas, scalePatch } from '../generate/scale';
import { fetchObjects, patchObject, DRY_RUN_FLAG, OUTPUT_FLAG, writeOptions } from './create';
import { resultText } from '../generate/output';
import { kindPrefix } from '../framework';

export const scale: KubectlCommand = {
  name: 'scale',
  short: 'Change how many pods a deployment, replica set or stateful set runs',
  examples: `# Five pods of myapp
kubectl scale --replicas=5 deployment myapp

# Back to three, but only if there are five now
kubectl scale deployment/myapp --replicas=3 --current-replicas=5`,
  long: 'Set the number of replicas of a deployment, replica set, replication controller or stateful set. Its controller then starts or stops pods until the count matches.',
  use: 'scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]',
  flags: [
    { name: 'replicas', type: 'int', default: '0', usage: 'How many pods there should be (required).' },
    { name: 'current-replicas', type: 'int', default: '-1', usage: 'Scale only if the object has this many replicas now (-1: no check).' },
    { name: 'selector', short: 'l', type: 'string', default: "''", usage: 'Scale the objects whose labels match this selector.' },
    { name: 'all', type: 'bool', default: 'false', usage: 'Scale every object of the given type in the namespace.' },
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
    // Never a scale flag; hidden so the tutorial's `--port=80` gets v1.30's error and a hint.
    { name: 'port', type: 'string', usage: '', hidden: true },
  ],
  *run(k, args) {
    if (k.flags.changed('port')) {
      yield* k.err(`error: unknown flag: --port\nSee 'kubectl scale --help' for usage.\n${hintLine(HINTS.scalePort, k.proc.isatty(2))}`);
      return 1;
    }
    if (!k.flags.changed('replicas')) throw new KubectlError('required flag(s) "replicas" not set');
    const replicas = checkReplicas(k.flags.int('replicas'));
    const dryRun = yield* writeOptions(k);
    const selector = k.flags.string('selector');
    let found;
    try {
      found = yield* fetchObjects(k, args, { ...(selector ? { selector } : {}), all: k.flags.bool('all') });
    } catch (e) {
      // kubectl's builder skips what it cannot find and then has nothing to scale.
      if ((e as { reason?: string }).reason === 'NotFound') throw new KubectlError('no objects passed to scale');
      throw e;
    }
    if (found.length === 0) throw new KubectlError('no objects passed to scale');
    for (const target of found) {
      const current = (target.object as { spec?: { replicas?: number } }).spec?.replicas ?? 0;
      checkCurrentReplicas(k.flags.int('current-replicas'), current);
      const query: Record<string, string> = dryRun === 'server' ? { dryRun: 'All' } : {};
      if (dryRun !== 'client') yield* patchObject(k, target, 'merge', scalePatch(replicas), query, 'scale');
      yield* k.out(resultText(k.flags.string('output'), target.object, kindPrefix(target.resource), 'scaled', dryRun));
    }
    return 0;
  },
};
