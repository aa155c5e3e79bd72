/**
 * `kubectl label TYPE NAME key=value key-…` (and, sharing the same body, `kubectl annotate`): for
 * each object, the overwrite check, then a JSON merge patch of its labels or annotations.
 */
import { kindPrefix, type FlagSpec, type KubectlCommand } from '../framework';
import { isMetadataChange, metadataUpdate, parseMetadataChanges, type MetadataField } from '../generate/metadata-patch';
import { resultText } from '../generate/output';
import { applyMergePatch } from '../../../../engine/api/patch/merge';
import type { KubeObject } from '../../../../engine/api/types';
import { DRY_RUN_FLAG, fetchObjects, OUTPUT_FLAG, patchObject, writeOptions, writeQuery } from './create';

const FLAGS = (field: MetadataField): FlagSpec[] => [
  { name: 'overwrite', type: 'bool', default: 'false', usage: `If true, allow ${field} to be overwritten, otherwise reject ${field} updates that overwrite existing ${field}.` },
  { name: 'all', type: 'bool', default: 'false', usage: 'Select all resources, in the namespace of the specified resource types' },
  { name: 'selector', short: 'l', type: 'string', default: "''", usage: 'Selector (label query) to filter on.' },
  { name: 'list', type: 'bool', default: 'false', usage: `If true, display the ${field} for a given resource.` },
  { name: 'field-manager', type: 'string', default: `'kubectl-${field === 'labels' ? 'label' : 'annotate'}'`, usage: 'Name of the manager used to track field ownership.' },
  DRY_RUN_FLAG,
  OUTPUT_FLAG,
];

export function metadataCommand(field: MetadataField, base: Pick<KubectlCommand, 'name' | 'short' | 'use' | 'examples'>): KubectlCommand {
  const noun = field === 'labels' ? 'label' : 'annotation';
  return {
    ...base,
    flags: FLAGS(field),
    *run(k, args) {
      const dryRun = yield* writeOptions(k);
      const f = k.flags;
      const list = f.bool('list');
      const changes = list ? undefined : parseMetadataChanges(field, args.filter(isMetadataChange));
      const selector = f.string('selector');
      const found = yield* fetchObjects(k, args.filter((a) => !isMetadataChange(a)), { ...(selector ? { selector } : {}), all: f.bool('all') });
      for (const target of found) {
        const current = target.object.metadata?.[field] ?? {};
        if (!changes) {
          for (const key of Object.keys(current).sort()) yield* k.out(`${key}=${current[key]}\n`);
          continue;
        }
        const update = metadataUpdate(field, current, changes, f.bool('overwrite'));
        for (const key of update.missing) yield* k.out(`${noun} "${key}" not found.\n`);
        const query = writeQuery(k, dryRun);
        const result: KubeObject = dryRun === 'client'
          ? (applyMergePatch(target.object, update.patch) as KubeObject)
          : yield* patchObject(k, target, 'merge', update.patch, query);
        yield* k.out(resultText(f.string('output'), result, kindPrefix(target.resource), update.verb, dryRun));
      }
      return 0;
    },
  };
}

export const label = metadataCommand('labels', {
  name: 'label',
  short: 'Update the labels on a resource',
  examples: "  # Update pod 'foo' with the label 'unhealthy' and the value 'true'\n  kubectl label pods foo unhealthy=true",
  use: 'label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
});
