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
  short: 'Set a new size for a deployment, replica set, or replication controller',
  examples: "  # Scale a replica set named 'foo' to 3\n  kubectl scale --replicas=3 rs/foo",
  use: 'scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]',
  flags: [
    { name: 'replicas', type: 'int', default: '0', usage: 'The new desired number of replicas. Required.' },
    { name: 'current-replicas', type: 'int', default: '-1', usage: 'Precondition for current size. Requires that the current size of the resource match this value in order to scale.' },
    { name: 'selector', short: 'l', type: 'string', default: "''", usage: 'Selector (label query) to filter on.' },
    { name: 'all', type: 'bool', default: 'false', usage: 'Select all resources in the namespace of the specified resource types' },
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
