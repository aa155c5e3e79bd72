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
  short: 'Update environment variables on a pod template',
  examples:
    "  # Update deployment 'registry' with a new environment variable\n  kubectl set env deployment/registry STORAGE_DIR=/local\n\n" +
    "  # List the environment variables defined on a deployments 'sample-build'\n  kubectl set env deployment/sample-build --list\n\n" +
    "  # Import environment from a config map with a prefix\n  kubectl set env --from=configmap/myconfigmap --prefix=MYSQL_ deployment/myapp\n\n" +
    '  # Remove the environment variable ENV from container \'c1\' in all deployment configs\n  kubectl set env deployments --all --containers="c1" ENV-',
  use: 'env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N [options]',
  flags: [
    { name: 'containers', short: 'c', type: 'string', default: "'*'", usage: 'The names of containers in the selected pod templates to change - may use wildcards' },
    { name: 'list', type: 'bool', default: 'false', usage: 'If true, display the environment and any changes in the standard format.' },
    { name: 'from', type: 'string', default: "''", usage: 'The name of a resource from which to inject environment variables' },
    { name: 'prefix', type: 'string', default: "''", usage: 'Prefix to append to variable names' },
    { name: 'all', type: 'bool', default: 'false', usage: 'If true, select all resources in the namespace of the specified resource types' },
    { name: 'selector', short: 'l', type: 'string', default: "''", usage: 'Selector (label query) to filter on.' },
    { name: 'field-manager', type: 'string', default: "'kubectl-set'", usage: 'Name of the manager used to track field ownership.' },
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
