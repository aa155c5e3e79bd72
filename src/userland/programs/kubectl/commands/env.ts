/**
 * `kubectl set env` (a subcommand of `set`, beside `set image`): set or remove container
 * environment variables of pods and pod templates, or copy every key of a ConfigMap or Secret
 * with `--from`; `--list` prints them instead. An unchanged object is skipped silently.
 */
import { createStrategicMergePatch } from '../../../../engine/api/patch';
import { resourceForKind } from '../../../../engine/api/resources';
import { KubectlError, kindPrefix, type KubectlCommand } from '../framework';
import { envFromSource, envListing, isEnvChange, parseEnvChanges, withEnv } from '../generate/env-patch';
import { sortedDeep } from '../generate/meta';
import { resultText } from '../generate/output';
import { DRY_RUN_FLAG, fetchObjects, OUTPUT_FLAG, patchObject, writeOptions, writeQuery } from './create';

export const env: KubectlCommand = {
  name: 'env',
  short: 'Set or remove environment variables of containers',
  examples: `# Give myapp's containers a variable
kubectl set env deployment/myapp MODE=debug

# List the variables of myapp
kubectl set env deployment/myapp --list

# Every key of the config map myapp-config, with a prefix
kubectl set env deployment/myapp --from=configmap/myapp-config --prefix=APP_

# Remove MODE again
kubectl set env deployment/myapp MODE-`,
  long: 'Set environment variables in the pod template of a workload (or a pod), remove them (NAME-), or list them. For a deployment, new pods roll out with the change.',
  use: 'env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N [options]',
  flags: [
    { name: 'containers', short: 'c', type: 'string', default: "'*'", usage: 'Change only the containers whose names match this pattern (* matches anything).' },
    { name: 'list', type: 'bool', default: 'false', usage: 'If true, print the variables as NAME=VALUE lines instead of changing them.' },
    { name: 'from', type: 'string', default: "''", usage: 'Take variables from this config map or secret (configmap/NAME, secret/NAME).' },
    { name: 'prefix', type: 'string', default: "''", usage: 'With --from, put this in front of each variable\'s name.' },
    { name: 'all', type: 'bool', default: 'false', usage: 'Change every object of the given type in the namespace.' },
    { name: 'selector', short: 'l', type: 'string', default: "''", usage: 'Change the objects whose labels match this selector.' },
    { name: 'field-manager', type: 'string', default: "'kubectl-set'", usage: 'The name recorded in the object as the owner of the fields this command sets.' },
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
  ],
  *run(k, args) {
    const f = k.flags;
    const dryRun = yield* writeOptions(k);
    const changes = parseEnvChanges(args.filter(isEnvChange));
    const from = f.string('from');
    if (from) {
      const [kind, name] = from.split('/') as [string, string | undefined];
      const resource = yield* k.resolve(kind);
      if ((resource.kind !== 'ConfigMap' && resource.kind !== 'Secret') || !name) throw new KubectlError(`unsupported resource specified in --from`);
      const [source] = yield* fetchObjects(k, [`${kind}/${name}`]);
      const data = (source!.object as { data?: Record<string, string> }).data ?? {};
      const imported = envFromSource(resource.kind === 'ConfigMap' ? 'configmap' : 'secret', name, Object.keys(data), f.string('prefix'));
      for (const warning of imported.warnings) yield* k.err(`Warning: ${warning}\n`);
      changes.set.push(...imported.vars);
    }
    const selector = f.string('selector');
    const found = yield* fetchObjects(k, args.filter((a) => !isEnvChange(a)), { ...(selector ? { selector } : {}), all: f.bool('all') });
    const pattern = f.string('containers');
    for (const target of found) {
      if (f.bool('list')) {
        yield* k.out(envListing(target.object, pattern));
        continue;
      }
      const { updated, matched } = withEnv(target.object, pattern, changes);
      if (!matched) yield* k.err(`Warning: ${target.object.kind}/${target.object.metadata?.name} does not have any containers matching ${JSON.stringify(pattern)}\n`);
      const info = resourceForKind(target.object.apiVersion ?? '', target.object.kind ?? '');
      const patch = info ? createStrategicMergePatch(target.object, updated, info) : {};
      if (Object.keys(patch).length === 0) continue;
      const query = writeQuery(k, dryRun);
      const result = dryRun === 'client' ? updated : yield* patchObject(k, target, 'strategic', sortedDeep(patch), query);
      yield* k.out(resultText(f.string('output'), result, kindPrefix(target.resource), 'env updated', dryRun));
    }
    return 0;
  },
};
